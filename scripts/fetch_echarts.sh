#!/bin/sh
# Takes ECharts from the npm registry into static/vendor/echarts/ (with its licence). Without npm the
# app still runs and shows tables instead of charts.
VERSION="${1:-6.1.0}"
DEST="static/vendor/echarts"
[ -f "$DEST/echarts.min.js" ] && grep -q "$VERSION" "$DEST/VERSION" 2>/dev/null && exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "未找到 npm：统计图表将以表格显示（安装 Node.js 后重新运行 make 可启用图表）" >&2
  exit 0
fi
TMP=$(mktemp -d)
if (cd "$TMP" && npm pack --silent "echarts@$VERSION" >/dev/null 2>&1); then
  mkdir -p "$DEST"
  tar -xzf "$TMP"/echarts-*.tgz -C "$TMP"
  cp "$TMP/package/dist/echarts.min.js" "$TMP/package/LICENSE" "$DEST/"
  echo "$VERSION" > "$DEST/VERSION"
else
  echo "无法从 npm 获取 echarts@$VERSION：统计图表将以表格显示" >&2
fi
rm -rf "$TMP"
