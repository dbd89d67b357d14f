// Statistics charts: reads the chart specs from <script type="application/json" id="stats-charts"> (data, not
// code, so the CSP allows it) and draws them with the vendored ECharts.
(function () {
  "use strict";
  function draw() {
    var block = document.getElementById("stats-charts");
    if (!block || typeof echarts === "undefined") { return; }
    var specs = JSON.parse(block.textContent);
    var charts = [];
    specs.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      if (!el) { return; }
      var selected = {};
      spec.series.forEach(function (s) { selected[s.name] = spec.selected.indexOf(s.name) >= 0; });
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        title: { text: spec.title, left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { type: "scroll", bottom: 0, selected: selected },
        grid: { left: 48, right: 16, top: 40, bottom: 56, containLabel: true },
        xAxis: { type: "category", data: spec.x, axisLabel: { interval: 0, rotate: spec.kind === "bar" ? 30 : 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: spec.series.map(function (s) {
          return { name: s.name, type: spec.kind, data: s.data, smooth: spec.kind === "line" };
        })
      });
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
