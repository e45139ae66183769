'use strict';
/* The portfolio manager: builds a config from the form, runs the study (stored as a run) and shows the
   comparison of every combination method and the current allocation split by strategy. */
(function () {
  var form = document.getElementById('study');
  var status = document.getElementById('study-status');
  AW.done();

  function value(name) { return form.elements[name].value; }

  function config() {
    var strategies = [];
    form.querySelectorAll('input[name="strategy"]:checked').forEach(function (box) {
      strategies.push({ id: box.value, weight: parseFloat(form.elements['weight-' + box.value].value) });
    });
    return {
      name: 'portfolio study',
      data: { dataset: value('dataset') },
      universe: 'all',
      period: { start: value('start'), end: value('end') },
      capital: 1000000,
      strategies: strategies,
      combiner: value('combiner'),
      allocator: value('allocator'),
      constraints: {
        max_position: parseFloat(value('max_position')),
        max_sector: parseFloat(value('max_sector')),
        min_positions: parseInt(value('min_positions'), 10),
        long_only: form.elements.long_only.checked,
        gross_leverage: 1.0,
        on_infeasible: 'cash'
      },
      rebalance: value('rebalance'),
      execution: { fill: 'next_open', commission_bps: 1, slippage_bps: 2, fractional: true },
      mode: 'portfolio'
    };
  }

  function stackedByStrategy(el, rows, title) {
    var strategies = {};
    rows.forEach(function (r) { Object.keys(r.by_strategy).forEach(function (k) { strategies[k] = true; }); });
    var names = Object.keys(strategies).sort();
    AW.chart(el, {
      title: { text: title, textStyle: { fontSize: 12 } }, legend: { top: 20, type: 'scroll' },
      grid: { left: 50, right: 16, top: 60, bottom: 60 }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.name; }), axisLabel: { rotate: 45 } },
      yAxis: { type: 'value' },
      series: names.map(function (n) {
        return { name: n, type: 'bar', stack: 'weight', data: rows.map(function (r) { return r.by_strategy[n] || 0; }) };
      })
    });
  }

  function show(result) {
    document.getElementById('study-result').hidden = false;
    var link = document.getElementById('study-run-link');
    link.href = '/backtests/' + encodeURIComponent(result.run_id);
    link.textContent = '(run ' + result.run_id + ')';
    var body = document.querySelector('#comparison tbody');
    body.textContent = '';
    result.comparison.forEach(function (r) {
      var tr = document.createElement('tr');
      if (r.label === result.combiner && r.kind === 'combiner') { tr.className = 'chosen'; }
      [r.label, r.kind, AW.pct(r.total_return), AW.pct(r.cagr), AW.num(r.sharpe, 2), AW.pct(r.volatility), AW.pct(r.max_drawdown), AW.num(r.final_equity, 0)]
        .forEach(function (v) { AW.cell(tr, v); });
      body.appendChild(tr);
    });
    var curves = result.equity_curves;
    AW.chart(document.getElementById('comparison-chart'), {
      legend: { top: 4, type: 'scroll' }, grid: { left: 70, right: 24, top: 40, bottom: 40 }, tooltip: { trigger: 'axis' },
      dataZoom: [{ type: 'inside' }],
      xAxis: { type: 'category', data: curves.dates }, yAxis: { type: 'value', scale: true },
      series: curves.series.map(function (s) { return { name: s.name, type: 'line', showSymbol: false, data: s.values }; })
    });
    stackedByStrategy(document.getElementById('allocation-symbols'), result.holdings.slice(0, 25), 'By symbol (largest 25), split by strategy');
    stackedByStrategy(document.getElementById('allocation-sectors'), result.sectors, 'By sector, split by strategy');
    var hb = document.querySelector('#holdings tbody');
    hb.textContent = '';
    result.holdings.forEach(function (h) {
      var tr = document.createElement('tr');
      AW.cell(tr, h.name); AW.cell(tr, h.sector); AW.cell(tr, AW.pct(h.weight));
      AW.cell(tr, Object.keys(h.by_strategy).map(function (k) { return k + ' ' + AW.pct(h.by_strategy[k]); }).join(', '));
      hb.appendChild(tr);
    });
    document.documentElement.setAttribute('data-study', 'done');
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = document.getElementById('run');
    button.disabled = true;
    status.textContent = 'Running…';
    document.documentElement.setAttribute('data-study', 'running');
    fetch('/portfolio/run', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(config()) })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body.detail || body.title || ('HTTP ' + r.status)); }
          return body;
        });
      })
      .then(function (result) { status.textContent = 'Done.'; show(result); })
      .catch(function (err) { status.textContent = 'Failed: ' + err.message; document.documentElement.setAttribute('data-study', 'failed'); })
      .then(function () { button.disabled = false; });
  });
})();
