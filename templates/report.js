// Filters for the report (works offline; without JavaScript every check is simply shown).
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var checks = Array.prototype.slice.call(document.querySelectorAll('article.check'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  var output = document.getElementById('filter-status');
  var empty = document.getElementById('filter-empty');

  function selected(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
      if (input.checked) values[input.value] = true;
    });
    return values;
  }

  function apply() {
    var statuses = selected('status');
    var severities = selected('severity');
    var shown = 0;
    checks.forEach(function (check) {
      var visible = !!statuses[check.getAttribute('data-status')] && !!severities[check.getAttribute('data-severity')];
      check.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector('article.check:not([hidden])');
    });
    output.textContent = shown + ' of ' + checks.length + ' checks';
    empty.hidden = shown !== 0;
  }

  form.addEventListener('change', apply);
  form.addEventListener('click', function (event) {
    var preset = event.target && event.target.getAttribute && event.target.getAttribute('data-preset');
    if (!preset) return;
    Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) {
      input.checked = preset === 'all' || input.name === 'severity' ||
        ['fail', 'error', 'manual'].indexOf(input.value) >= 0;
    });
    apply();
  });

  // Printing shows the whole report: folded details open, and are folded again afterwards.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  form.hidden = false;
  apply();
})();
