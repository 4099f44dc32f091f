// portal-build default theme: draws Mermaid diagrams with the ES module named by the
// `mermaidScript` setting (the page's Content-Security-Policy allows only that origin).
// Without it, or without JavaScript, the diagram's source stays visible.
(function () {
  "use strict";
  var url = document.body && document.body.getAttribute("data-mermaid-script");
  if (!url || !document.querySelector("pre.mermaid")) return;
  import(url).then(function (module) {
    var mermaid = module.default || module;
    var dark = document.documentElement.getAttribute("data-theme") === "dark" ||
      (!document.documentElement.getAttribute("data-theme") && window.matchMedia("(prefers-color-scheme: dark)").matches);
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
    return mermaid.run({ querySelector: "pre.mermaid" });
  }).catch(function () { /* keep the source visible */ });
})();
