/* global window, document, fetch, setTimeout, clearTimeout, AbortController */
// Speaker suggestions as you type, on the add-a-statement form: asks
// /api/v1/speakers/lookup (names, aliases, near spellings) and fills the Speaker
// field's datalist. Without this script the field and its datalist work the same,
// with the server's list of suggestions and its "Did you mean…?" answer.
(function () {
  'use strict';
  var input = document.getElementById('speaker');
  var list = document.getElementById('speaker-suggestions');
  if (!input || !list || !window.fetch) return;

  var DELAY_MS = 250;
  var timer = null;
  var last = '';
  var controller = null;

  function fill(matches) {
    // Two suggested speakers with the same name are offered by slug, which names exactly one.
    var counts = {};
    matches.forEach(function (m) {
      var key = m.name.toLowerCase();
      counts[key] = (counts[key] || 0) + 1;
    });
    var fragment = document.createDocumentFragment();
    matches.forEach(function (m) {
      var option = document.createElement('option');
      option.value = counts[m.name.toLowerCase()] > 1 ? m.slug : m.name;
      option.textContent = m.via === 'alias' && m.matched !== m.name ? m.name + ' (' + m.matched + ')' : m.name;
      fragment.appendChild(option);
    });
    list.replaceChildren(fragment);
  }

  function lookup() {
    var q = input.value.trim();
    if (q.length < 2 || q === last) return;
    last = q;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch('/api/v1/speakers/lookup?q=' + encodeURIComponent(q), {
      headers: { Accept: 'application/json' },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (body) {
        if (body && Array.isArray(body.data) && body.data.length > 0 && input.value.trim() === q) fill(body.data);
      })
      .catch(function () {
        // Offline or aborted: the suggestions already there stay.
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, DELAY_MS);
  });
})();
