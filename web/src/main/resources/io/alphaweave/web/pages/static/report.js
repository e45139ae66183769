'use strict';
/* The report of one run (served page and one-file HTML report): one builder per data-chart name. */
(function () {
  var d = AW.data('report-data');
  var grid = { left: 60, right: 24, top: 40, bottom: 40 };
  var legend = { top: 4, type: 'scroll' };
  var zoom = [{ type: 'inside' }];

  function lines(ts, extra) {
    return ts.series.map(function (s) {
      var o = { name: s.name, type: 'line', data: s.values, showSymbol: false, sampling: 'lttb' };
      return Object.assign(o, extra || {});
    });
  }

  function timeChart(ts, extra, yAxis) {
    return {
      legend: legend, grid: grid, tooltip: { trigger: 'axis' }, dataZoom: zoom,
      xAxis: { type: 'category', data: ts.dates },
      yAxis: Object.assign({ type: 'value', scale: true }, yAxis || {}),
      series: lines(ts, extra)
    };
  }

  var builders = {
    equity: function () { return d.equity.dates.length ? timeChart(d.equity) : null; },
    drawdown: function () {
      return d.drawdown.dates.length ? timeChart(d.drawdown, { areaStyle: { opacity: 0.4 }, color: '#b3261e' }, { scale: false, max: 0 }) : null;
    },
    monthly: function () {
      if (!d.monthly.cells.length) { return null; }
      var values = d.monthly.cells.map(function (c) { return [c[1], c[0], c[2]]; });
      var extent = values.reduce(function (m, v) { return Math.max(m, Math.abs(v[2])); }, 0.0001);
      return {
        grid: grid, tooltip: { position: 'top' },
        xAxis: { type: 'category', data: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] },
        yAxis: { type: 'category', data: d.monthly.years.map(String) },
        visualMap: { min: -extent, max: extent, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80, inRange: { color: ['#b3261e', '#f5f6f8', '#1b7f3b'] }, show: false },
        series: [{ name: 'Monthly return', type: 'heatmap', data: values, label: { show: true, fontSize: 9, formatter: function (p) { return (p.value[2] * 100).toFixed(1); } } }]
      };
    },
    yearly: function () {
      if (!d.yearly.labels.length) { return null; }
      return {
        grid: grid, tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.yearly.labels }, yAxis: { type: 'value' },
        series: [{ name: 'Yearly return', type: 'bar', data: d.yearly.values }]
      };
    },
    rollingSharpe: function () { return d.rolling_sharpe.dates.length ? timeChart(d.rolling_sharpe) : null; },
    rollingVolatility: function () { return d.rolling_volatility.dates.length ? timeChart(d.rolling_volatility) : null; },
    alphaVsForward: function () {
      var sets = d.alpha_vs_forward.filter(function (s) { return s.points.length; });
      if (!sets.length) { return null; }
      return {
        legend: legend, grid: grid, tooltip: { trigger: 'item' },
        xAxis: { type: 'value', name: 'alpha score', min: -1, max: 1 },
        yAxis: { type: 'value', name: 'forward return', scale: true },
        series: sets.map(function (s) { return { name: s.name + ' (' + s.horizon_days + ' d)', type: 'scatter', symbolSize: 4, data: s.points, large: true }; })
      };
    },
    signalStrength: function () {
      if (!d.signal_strength.length) { return null; }
      return {
        legend: legend, grid: grid, tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', name: 'alpha score', min: -1, max: 1 }, yAxis: { type: 'value' },
        series: d.signal_strength.map(function (h) {
          return { name: h.name, type: 'bar', barGap: '-100%', itemStyle: { opacity: 0.6 },
            data: h.labels.map(function (l, i) { return [parseFloat(l), h.counts[i]]; }) };
        })
      };
    },
    allocation: function () {
      return d.allocation.dates.length ? timeChart(d.allocation, { stack: 'weights', areaStyle: {}, lineStyle: { width: 0 } }, { scale: false }) : null;
    },
    contribution: function () { return d.contribution.dates.length ? timeChart(d.contribution) : null; },
    icDecay: function () {
      var curves = d.ic_decay.filter(function (c) { return c.x.length; });
      if (!curves.length) { return null; }
      return {
        legend: legend, grid: grid, tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', name: 'horizon (days)', minInterval: 1 }, yAxis: { type: 'value', name: 'mean IC', scale: true },
        series: curves.map(function (c) { return { name: c.name, type: 'line', data: c.x.map(function (x, i) { return [x, c.y[i]]; }) }; })
      };
    },
    bindingConstraints: function () {
      if (!d.binding_constraints.dates.length) { return null; }
      var o = timeChart(d.binding_constraints, { type: 'bar', stack: 'binding' }, { scale: false });
      return o;
    }
  };

  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var build = builders[el.getAttribute('data-chart')];
    var option = build ? build() : null;
    if (option) {
      AW.chart(el, option);
    } else {
      AW.empty(el, 'Nothing to draw for this run');
    }
  });
  AW.done();

  /* the trades: sortable, 50 a page, text only */
  var trades = d.trades.slice();
  var body = document.querySelector('#trades tbody');
  var page = 0, size = 50, key = 'date', asc = false;
  function render() {
    var pages = Math.max(1, Math.ceil(trades.length / size));
    page = Math.min(Math.max(0, page), pages - 1);
    body.textContent = '';
    trades.slice(page * size, page * size + size).forEach(function (t) {
      var tr = document.createElement('tr');
      [t.date, t.symbol, t.side, AW.num(t.quantity, 2), AW.num(t.price, 2), AW.num(t.value, 2), AW.num(t.commission, 2)]
        .forEach(function (v) { AW.cell(tr, v); });
      AW.cell(tr, Object.keys(t.strategies).map(function (k) { return k + ' ' + Math.round(t.strategies[k] * 100) + '%'; }).join(', '));
      body.appendChild(tr);
    });
    document.getElementById('trades-page').textContent = 'page ' + (page + 1) + ' of ' + pages;
  }
  document.querySelectorAll('#trades thead th[data-key]').forEach(function (th) {
    th.addEventListener('click', function () {
      var k = th.getAttribute('data-key');
      asc = k === key ? !asc : true;
      key = k;
      trades.sort(function (a, b) {
        var x = a[key], y = b[key];
        var c = x < y ? -1 : x > y ? 1 : 0;
        return asc ? c : -c;
      });
      page = 0;
      render();
    });
  });
  document.getElementById('trades-prev').addEventListener('click', function () { page--; render(); });
  document.getElementById('trades-next').addEventListener('click', function () { page++; render(); });
  render();
})();
