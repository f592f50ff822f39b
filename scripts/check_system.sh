#!/bin/sh
# Checks what `make` needs from the system before it builds the virtual environment.
# Each missing piece is reported on one line saying what to install.
PYTHON="${1:-python3}"
status=0
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "缺少 Python 3.11+：请安装 python3（Debian/Ubuntu: apt-get install python3 python3-venv）" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Python 版本过低：需要 3.11 或更高（当前 $("$PYTHON" --version 2>&1)）" >&2
  status=1
fi
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "缺少 Python 虚拟环境模块：请安装 python3-venv（Debian/Ubuntu: apt-get install python3-venv）" >&2
  status=1
fi
# WeasyPrint (PDF forms) needs Pango; the PDF fonts are made from Debian's Noto CJK fonts.
if ! ldconfig -p 2>/dev/null | grep -q "libpango-1.0"; then
  echo "缺少 Pango（PDF 生成需要）：请安装 libpango-1.0-0 libpangoft2-1.0-0（Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0）" >&2
  status=1
fi
if [ ! -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ]; then
  echo "缺少中文字体（PDF 表格需要）：请安装 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk）" >&2
  status=1
fi
exit $status
