// sitroom pages: small progressive enhancements (the pages work without them).
(function () {
  "use strict";

  // Filter forms: submit as soon as a select or date changes.
  function autosubmit() {
    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () {
        var form = el.form;
        if (!form) return;
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) {
          if (value !== "") params.append(key, value); // leave empty fields out of the URL
        });
        var query = params.toString();
        window.location.assign(form.getAttribute("action") + (query ? "?" + query : ""));
      });
    });
  }

  // Filter bars: a submitted form leaves its empty fields out of the URL too.
  function cleanSubmit() {
    document.querySelectorAll("form[data-filter-bar]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) {
          if (value !== "") params.append(key, value);
        });
        var query = params.toString();
        window.location.assign(form.getAttribute("action") + (query ? "?" + query : ""));
      });
    });
  }

  // Article page: show/hide each kind of highlight.
  function toggles() {
    var text = document.getElementById("article-text");
    if (!text) return;
    document.querySelectorAll("input[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });
  }

  // Article page: a side-panel link flashes the stretch of text it points at.
  function jumps() {
    document.querySelectorAll("a[data-jump]").forEach(function (link) {
      link.addEventListener("click", function () {
        var anchor = document.getElementById(link.getAttribute("data-jump"));
        var mark = anchor && anchor.nextElementSibling;
        while (mark && mark.tagName !== "MARK") mark = mark.nextElementSibling;
        if (!mark) return;
        mark.classList.remove("flash");
        void mark.offsetWidth; // restart the animation
        mark.classList.add("flash");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    autosubmit();
    cleanSubmit();
    toggles();
    jumps();
  });
})();
