// draw.js — the completion chart on the random-check statistics page, drawn from the table's
// rows (the table stays the source; the page works without this file).
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('draw-chart');
  if (!box || !window.echarts) return;
  var rows = document.querySelectorAll('#draw-stats tbody tr[data-label]');
  var labels = [], done = [], closed = [];
  rows.forEach(function (r) {
    labels.push(r.dataset.label);
    done.push(Number(r.dataset.completion) / 100);
    closed.push(Number(r.dataset.closure) / 100);
  });
  var chart = window.echarts.init(box);
  chart.setOption({
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v.toFixed(2) + '%'; } },
    legend: { data: ['完成率', '完结率'] },
    grid: { left: 48, right: 16, bottom: 48 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: '完成率', type: 'bar', data: done },
      { name: '完结率', type: 'bar', data: closed }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
});
