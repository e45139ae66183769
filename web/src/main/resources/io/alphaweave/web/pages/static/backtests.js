'use strict';
/* The runs list. A run that is not final follows the queue's server-sent progress events
   (/api/v1/backtests/{id}/events) for up to MAX_STREAMS runs at once (each stream holds one of the
   browser's few connections to the service); further open runs are polled through /backtests/runs.json.
   The form queues a config through POST /backtests/queue and adds its row, which then follows its events.
   Each row keeps the statuses it showed in data-seen (the browser test reads them). */
(function () {
  var MAX_STREAMS = 4;
  var streams = {};

  function rowOf(id) {
    return document.querySelector('#runs tr[data-run-id="' + CSS.escape(id) + '"]');
  }

  function show(row, run) {
    var status = row.querySelector('.status');
    status.textContent = run.status;
    status.className = 'status status-' + run.status;
    row.querySelector('progress').value = run.progress;
    row.querySelector('.pct').textContent = run.final ? '' : Math.round(run.progress * 100) + '%';
    if (run.finishedAt) { row.querySelector('.finished').textContent = run.finishedAt; }
    row.setAttribute('data-final', String(run.final));
    var seen = (row.getAttribute('data-seen') || '').split(' ').filter(Boolean);
    if (seen[seen.length - 1] !== run.status) { seen.push(run.status); }
    row.setAttribute('data-seen', seen.join(' '));
  }

  function isFinal(status) {
    return status !== 'QUEUED' && status !== 'RUNNING';
  }

  function follow(id) {
    if (streams[id] || Object.keys(streams).length >= MAX_STREAMS || typeof EventSource === 'undefined') {
      return false;
    }
    var source = new EventSource('/api/v1/backtests/' + encodeURIComponent(id) + '/events');
    streams[id] = source;
    function update(e) {
      var run = JSON.parse(e.data);
      var row = rowOf(id);
      if (row) { show(row, { status: run.status, progress: run.progress || 0, final: isFinal(run.status), finishedAt: run.finished_at }); }
    }
    function stop() {
      source.close();
      delete streams[id];
      followMore();
    }
    source.addEventListener('progress', update);
    source.addEventListener('end', function (e) { update(e); stop(); });
    source.onerror = function () { stop(); schedulePoll(); };
    return true;
  }

  function openRows() {
    return Array.prototype.slice.call(document.querySelectorAll('#runs tr[data-final="false"]'));
  }

  function followMore() {
    openRows().forEach(function (row) { follow(row.getAttribute('data-run-id')); });
    schedulePoll();
  }

  var polling = false;
  function schedulePoll() {
    var unfollowed = openRows().filter(function (row) { return !streams[row.getAttribute('data-run-id')]; });
    if (!polling && unfollowed.length > 0) {
      polling = true;
      setTimeout(poll, 2000);
    }
  }

  function poll() {
    fetch('/backtests/runs.json', { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (runs) {
        runs.forEach(function (run) {
          var row = rowOf(run.id);
          if (row && !streams[run.id]) { show(row, run); }
        });
      })
      .catch(function () {})
      .then(function () { polling = false; followMore(); });
  }

  function cell(tr, node) {
    var td = document.createElement('td');
    if (typeof node === 'string') { td.textContent = node; } else if (node) { td.appendChild(node); }
    tr.appendChild(td);
    return td;
  }

  function addRow(id, name) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-run-id', id);
    tr.setAttribute('data-final', 'false');
    var link = document.createElement('a');
    link.href = '/backtests/' + encodeURIComponent(id);
    link.textContent = id;
    cell(tr, link);
    cell(tr, name);
    cell(tr, '').className = 'status';
    var progress = document.createElement('progress');
    progress.max = 1;
    progress.value = 0;
    var td = cell(tr, progress);
    td.className = 'progress';
    var pct = document.createElement('span');
    pct.className = 'pct';
    td.appendChild(document.createTextNode(' '));
    td.appendChild(pct);
    cell(tr, new Date().toISOString());
    cell(tr, '').className = 'finished';
    var body = document.querySelector('#runs tbody');
    body.insertBefore(tr, body.firstChild);
    document.getElementById('runs').hidden = false;
    document.getElementById('no-runs').hidden = true;
    show(tr, { status: 'QUEUED', progress: 0, final: false });
    return tr;
  }

  var form = document.getElementById('queue');
  if (form) {
    var button = document.getElementById('queue-run');
    var status = document.getElementById('queue-status');
    button.addEventListener('click', function () {
      var text = form.elements.config.value;
      var format = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
      var nameMatch = /^name:\s*(.+)$/m.exec(text);
      button.disabled = true;
      status.textContent = 'Queueing…';
      fetch('/backtests/queue', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ config: text, format: format, compare: form.elements.compare.checked })
      })
        .then(function (r) {
          return r.json().then(function (body) {
            if (!r.ok) { throw new Error(body.detail || body.title || ('HTTP ' + r.status)); }
            return body;
          });
        })
        .then(function (queued) {
          status.textContent = 'Queued ' + queued.id + '.';
          addRow(queued.id, nameMatch ? nameMatch[1].trim() : '');
          followMore();
        })
        .catch(function (err) { status.textContent = 'Not queued: ' + err.message; })
        .then(function () { button.disabled = false; });
    });
  }

  followMore();
  AW.done();
})();
