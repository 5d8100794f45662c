// Filters for the fleet index (works offline; without JavaScript every company is simply shown).
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.fleet-row'));
  var output = document.getElementById('filter-status');
  var empty = document.getElementById('filter-empty');
  var onlyChanged = false;

  function chosen(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
      if (input.checked) values[input.value] = true;
    });
    return values;
  }

  function apply() {
    var outcomes = chosen('outcome');
    var verdicts = chosen('verdict');
    var shown = 0;
    rows.forEach(function (row) {
      var visible = !!outcomes[row.getAttribute('data-outcome')] && !!verdicts[row.getAttribute('data-verdict')] &&
        (!onlyChanged || row.getAttribute('data-changed') === 'yes');
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    output.textContent = shown + ' of ' + rows.length + ' companies';
    empty.hidden = shown !== 0;
  }

  form.addEventListener('change', function () {
    onlyChanged = false;
    apply();
  });
  form.addEventListener('click', function (event) {
    var preset = event.target && event.target.getAttribute && event.target.getAttribute('data-preset');
    if (!preset) return;
    onlyChanged = preset === 'changed';
    Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) {
      input.checked = preset !== 'problems' || input.name === 'verdict' || input.value !== 'passed';
    });
    apply();
  });

  form.hidden = false;
  apply();
})();
