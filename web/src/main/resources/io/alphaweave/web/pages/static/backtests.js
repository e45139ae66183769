'use strict';
/* The runs list: while a run is not final, poll the stored runs every two seconds and update it. */
(function () {
  function open() {
    return document.querySelectorAll('#runs tr[data-final="false"]').length > 0;
  }
  function poll() {
    fetch('/backtests/runs.json', { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (runs) {
        runs.forEach(function (run) {
          var row = document.querySelector('#runs tr[data-run-id="' + CSS.escape(run.id) + '"]');
          if (!row) { return; }
          row.querySelector('.status').textContent = run.status;
          row.querySelector('.status').className = 'status status-' + run.status;
          row.querySelector('progress').value = run.progress;
          row.setAttribute('data-final', String(run.final));
        });
      })
      .catch(function () {})
      .then(function () { if (open()) { setTimeout(poll, 2000); } });
  }
  if (open()) { setTimeout(poll, 2000); }
  AW.done();
})();
