#!/bin/sh
# Vendors the front-end assets from the npm registry (`npm pack`, no CDN at run time), each with its
# LICENSE and a VERSION file, into static/vendor/ (gitignored, served by staticfiles/whitenoise):
#   bootstrap -> static/vendor/bootstrap/{css,js}/  required: without it every page is unstyled
#   echarts   -> static/vendor/echarts/             optional: without it the dashboard shows tables
# The versions and the tarballs' sha512 integrity are pinned here. A package whose pinned version is
# already in place is skipped, so running this again costs nothing (and needs no npm).
# Run from anywhere; `make` and the Dockerfile run it. Exit status is non-zero only when Bootstrap is
# missing and cannot be fetched.
set -eu
cd "$(dirname "$0")/.."

BOOTSTRAP_VERSION=5.3.9
BOOTSTRAP_INTEGRITY="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
ECHARTS_VERSION=6.1.0
ECHARTS_INTEGRITY="sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=="

VENDOR=static/vendor
# Each package: the files copied from the tarball ("from:to", relative to package/ and to static/vendor/NAME/).
BOOTSTRAP_FILES="dist/css/bootstrap.min.css:css/bootstrap.min.css
dist/css/bootstrap.min.css.map:css/bootstrap.min.css.map
dist/js/bootstrap.bundle.min.js:js/bootstrap.bundle.min.js
dist/js/bootstrap.bundle.min.js.map:js/bootstrap.bundle.min.js.map
LICENSE:LICENSE"
ECHARTS_FILES="dist/echarts.min.js:echarts.min.js
LICENSE:LICENSE"

TMP=""
cleanup() { [ -z "$TMP" ] || rm -rf "$TMP"; }
trap cleanup EXIT

# in_place NAME VERSION FILES: the pinned version and every file are already in static/vendor/NAME.
in_place() {
  [ "$(cat "$VENDOR/$1/VERSION" 2>/dev/null)" = "$2" ] || return 1
  for pair in $3; do [ -f "$VENDOR/$1/${pair#*:}" ] || return 1; done
}

# fetch NAME VERSION INTEGRITY FILES: npm pack, check the pinned integrity, copy, write VERSION last.
# On failure it returns 1 with the reason, in Chinese, in WHY.
fetch() {
  WHY=""
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    WHY="未找到 npm"; return 1
  fi
  TMP=$(mktemp -d)
  if ! (cd "$TMP" && npm pack --silent "$1@$2" >/dev/null 2>&1); then
    WHY="npm pack $1@$2 失败（详情见 ~/.npm/_logs/）"; return 1
  fi
  tgz="$TMP/$1-$2.tgz"
  got=$(node -e 'const c = require("crypto"), f = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' \
    "$tgz") || got="?"
  if [ "$got" != "$3" ]; then
    WHY="$1-$2.tgz 的校验值 $got 与固定值不符"; return 1
  fi
  tar -xzf "$tgz" -C "$TMP" || { WHY="无法解包 $1-$2.tgz"; return 1; }
  mkdir -p "$TMP/out"
  for pair in $4; do
    mkdir -p "$(dirname "$TMP/out/${pair#*:}")" && cp "$TMP/package/${pair%%:*}" "$TMP/out/${pair#*:}" \
      || { WHY="$1-$2.tgz 中缺少 ${pair%%:*}"; return 1; }
  done
  echo "$2" >"$TMP/out/VERSION"
  mkdir -p "$VENDOR" && rm -rf "${VENDOR:?}/$1" && mv "$TMP/out" "$VENDOR/$1" || { WHY="无法写入 $VENDOR/$1"; return 1; }
  rm -rf "$TMP" && TMP=""
}

if ! in_place bootstrap "$BOOTSTRAP_VERSION" "$BOOTSTRAP_FILES"; then
  if ! fetch bootstrap "$BOOTSTRAP_VERSION" "$BOOTSTRAP_INTEGRITY" "$BOOTSTRAP_FILES"; then
    echo "无法获取 Bootstrap $BOOTSTRAP_VERSION（页面样式需要）：$WHY。请安装 Node.js 和 npm（Debian/Ubuntu: apt-get install nodejs npm）并确认能访问 npm 仓库，然后重新运行 make" >&2
    exit 1
  fi
  echo "已获取 Bootstrap $BOOTSTRAP_VERSION → $VENDOR/bootstrap/"
fi

if ! in_place echarts "$ECHARTS_VERSION" "$ECHARTS_FILES"; then
  if fetch echarts "$ECHARTS_VERSION" "$ECHARTS_INTEGRITY" "$ECHARTS_FILES"; then
    echo "已获取 ECharts $ECHARTS_VERSION → $VENDOR/echarts/"
  else
    echo "无法获取 ECharts $ECHARTS_VERSION（$WHY）：统计图表将以表格显示（安装 Node.js 和 npm 后重新运行 make 可启用图表）" >&2
  fi
fi
exit 0
