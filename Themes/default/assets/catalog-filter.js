// portal-build default theme: instant catalog filters. Without JavaScript the table shows
// every entity; with it, the filter form appears and rows are hidden as filters change.
// Filters are mirrored in the URL (?kind=component&q=pay) so filtered views can be shared,
// and the home page's search box lands here with ?q=.
(function () {
  "use strict";
  var form = document.querySelector("[data-catalog-filters]");
  var table = document.querySelector("[data-catalog-table]");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var counter = document.querySelector("[data-catalog-count]");
  var empty = document.querySelector("[data-catalog-empty]");
  var keys = ["kind", "type", "owner", "lifecycle", "tag", "namespace"];
  // Lowercased text per row, computed once.
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function read() {
    var filters = {};
    keys.forEach(function (key) {
      var field = form.elements[key];
      if (field && field.value) filters[key] = field.value;
    });
    var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    return { filters: filters, words: words };
  }

  function matches(row, index, state) {
    var f = state.filters;
    if (f.kind && row.dataset.kind !== f.kind) return false;
    if (f.type && row.dataset.type !== f.type) return false;
    if (f.owner && row.dataset.owner !== f.owner) return false;
    if (f.lifecycle && row.dataset.lifecycle !== f.lifecycle) return false;
    if (f.namespace && row.dataset.namespace !== f.namespace) return false;
    if (f.tag && row.dataset.tags.split(" ").indexOf(f.tag) < 0) return false;
    for (var i = 0; i < state.words.length; i++) {
      if (texts[index].indexOf(state.words[i]) < 0) return false;
    }
    return true;
  }

  function apply(updateURL) {
    var state = read();
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = matches(row, index, state);
      if (row.hidden === visible) row.hidden = !visible;
      if (visible) shown++;
    });
    if (counter) counter.textContent = String(shown);
    if (empty) empty.hidden = shown !== 0;
    if (updateURL && window.history && history.replaceState) {
      var params = new URLSearchParams();
      if (form.elements.q.value) params.set("q", form.elements.q.value);
      keys.forEach(function (key) { if (state.filters[key]) params.set(key, state.filters[key]); });
      var query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
  }

  // Start from the URL's filters.
  var params = new URLSearchParams(location.search);
  if (params.get("q")) form.elements.q.value = params.get("q");
  keys.forEach(function (key) {
    var field = form.elements[key];
    var value = params.get(key);
    if (field && value && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) field.value = value;
  });

  form.hidden = false;
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
