// portal-build default theme: docs pages. Progressive enhancement only — without JavaScript
// every tab shows under its label and code can be selected by hand.
//  - content tabs (=== "Tab") become an accessible tab list (arrow keys, Home, End);
//  - code blocks get a "Copy" button.
(function () {
  "use strict";

  function setUpTabs(set, setIndex) {
    var blocks = Array.prototype.filter.call(set.children, function (child) {
      return child.classList.contains("tabbed-block");
    });
    if (blocks.length === 0) return;
    var list = document.createElement("div");
    list.className = "tabbed-tabs";
    list.setAttribute("role", "tablist");
    var tabs = [];
    var selected = 0;
    blocks.forEach(function (block, index) {
      if (block.classList.contains("tabbed-selected")) selected = index;
    });
    blocks.forEach(function (block, index) {
      var label = block.querySelector(":scope > .tabbed-label");
      var text = block.getAttribute("data-tab-label") || (label ? label.textContent : "Tab " + (index + 1));
      if (label) label.hidden = true;
      var id = "tabs-" + setIndex + "-" + index;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tabbed-tab";
      tab.id = id + "-tab";
      tab.textContent = text;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", id);
      block.id = id;
      block.setAttribute("role", "tabpanel");
      block.setAttribute("aria-labelledby", tab.id);
      block.tabIndex = 0;
      tab.addEventListener("click", function () { select(index, false); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = (index + 1) % tabs.length;
        else if (event.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length;
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = tabs.length - 1;
        if (next !== null) { event.preventDefault(); select(next, true); }
      });
      tabs.push(tab);
      list.appendChild(tab);
    });
    function select(chosen, focus) {
      tabs.forEach(function (tab, index) {
        var on = index === chosen;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        blocks[index].hidden = !on;
      });
      if (focus) tabs[chosen].focus();
    }
    set.insertBefore(list, set.firstChild);
    set.classList.add("tabbed-enhanced");
    select(selected, false);
  }

  function addCopyButton(block) {
    var code = block.querySelector("pre code") || block.querySelector("pre");
    if (!code || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }, function () {
        button.textContent = "Copy failed";
      });
    });
    block.appendChild(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".docs-content .tabbed-set").forEach(setUpTabs);
    document.querySelectorAll(".docs-content .code-block, .scaffold-commands .code-block").forEach(addCopyButton);
  });
})();
