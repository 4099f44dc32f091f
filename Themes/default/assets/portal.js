// portal-build default theme: colour scheme toggle. Runs in <head> so the chosen scheme
// applies before the first paint; the stored choice wins over the system preference.
(function () {
  "use strict";
  var KEY = "portal-build-theme";
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
  if (stored === "dark" || stored === "light") root.setAttribute("data-theme", stored);

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    button.hidden = false;
    function sync() {
      button.setAttribute("aria-pressed", isDark() ? "true" : "false");
      button.title = isDark() ? "Switch to light mode" : "Switch to dark mode";
    }
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* storage disabled */ }
      sync();
    });
  });
})();
