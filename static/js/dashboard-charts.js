/* The dashboard's bar charts (ECharts), drawn from the JSON the page embeds in #chart-data. */
(() => {
  const data = document.getElementById("chart-data");
  if (!data || typeof echarts === "undefined") return;
  const charts = JSON.parse(data.textContent);
  for (const [key, c] of Object.entries(charts)) {
    const el = document.getElementById("chart-" + key);
    if (!el || !c.labels.length) continue;
    const chart = echarts.init(el);
    chart.setOption({
      grid: {left: 40, right: 10, top: 10, bottom: 40}, tooltip: {},
      xAxis: {type: "category", data: c.labels, axisLabel: {interval: 0, rotate: c.labels.length > 4 ? 30 : 0}},
      // counts and percentages are whole numbers: no 0.5 ticks on a small scale
      yAxis: {type: "value", minInterval: 1}, series: [{type: "bar", data: c.values, itemStyle: {color: "#a61b1b"}}],
    });
    chart.on("click", (p) => { if (c.links[p.dataIndex]) window.location = c.links[p.dataIndex]; });
    window.addEventListener("resize", () => chart.resize());
  }
})();
