'use strict';
/* Shared by every page: reads page data, draws ECharts charts, and marks the document once every
   chart has rendered (data-charts-drawn = the number of charts; window.awDrawnAt = when). */
var AW = (function () {
  var charts = [];
  var pending = 0;
  var allCreated = false;

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function maybeDone() {
    if (allCreated && pending === 0) {
      window.awDrawnAt = performance.now();
      document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
    }
  }

  function chart(el, option) {
    var existing = echarts.getInstanceByDom(el);
    if (existing) {
      existing.dispose();
    }
    var c = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    pending++;
    var seen = false;
    c.on('finished', function () {
      if (!seen) {
        seen = true;
        pending--;
        maybeDone();
      }
    });
    c.setOption(option);
    charts.push(c);
    return c;
  }

  /* Call after the page created all its charts. */
  function done() {
    allCreated = true;
    maybeDone();
  }

  function empty(el, message) {
    return chart(el, { title: { text: message, left: 'center', top: 'middle', textStyle: { color: '#7a8499', fontSize: 13, fontWeight: 400 } }, series: [] });
  }

  function pct(v) {
    return v === null || v === undefined ? '—' : (v * 100).toFixed(2) + '%';
  }

  function num(v, digits) {
    return v === null || v === undefined ? '—' : Number(v).toFixed(digits === undefined ? 2 : digits);
  }

  function cell(row, value) {
    var td = document.createElement('td');
    td.textContent = value === null || value === undefined ? '' : String(value);
    row.appendChild(td);
    return td;
  }

  /* a page without charts of its own is drawn once its scripts ran */
  document.addEventListener('DOMContentLoaded', done);

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });

  return { data: data, chart: chart, done: done, empty: empty, pct: pct, num: num, cell: cell };
})();
