'use strict';
/* Strategies: alpha-score histogram and confidence over time of each strategy's latest run; README dialogs. */
(function () {
  var d = AW.data('strategy-data') || {};
  document.querySelectorAll('[data-chart][data-strategy]').forEach(function (el) {
    var s = d[el.getAttribute('data-strategy')];
    if (!s) { AW.empty(el, 'No run yet'); return; }
    if (el.getAttribute('data-chart') === 'histogram') {
      var h = s.histogram;
      AW.chart(el, {
        title: { text: 'Alpha score distribution', textStyle: { fontSize: 12 } }, grid: { left: 50, right: 16, top: 36, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: h.counts.map(function (c, i) { return h.edges[i].toFixed(2); }) },
        yAxis: { type: 'value' },
        series: [{ name: 'signals', type: 'bar', data: h.counts }]
      });
    } else {
      var c = s.confidence;
      AW.chart(el, {
        title: { text: 'Mean confidence over time', textStyle: { fontSize: 12 } }, grid: { left: 50, right: 16, top: 36, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: c.map(function (p) { return p.date; }) },
        yAxis: { type: 'value', min: 0, max: 1 },
        series: [{ name: 'confidence', type: 'line', showSymbol: false, sampling: 'lttb', data: c.map(function (p) { return p.mean_confidence; }) }]
      });
    }
  });
  AW.done();
  document.querySelectorAll('.readme-open').forEach(function (b) {
    b.addEventListener('click', function () { document.getElementById(b.getAttribute('data-dialog')).showModal(); });
  });
  document.querySelectorAll('.readme-close').forEach(function (b) {
    b.addEventListener('click', function () { b.closest('dialog').close(); });
  });
})();
