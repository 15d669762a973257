/* Ata Zan: category filters on the timeline page.
 *
 * The page lists every event; without JavaScript nothing is hidden and the filter bar stays
 * hidden. With it, each category is a toggle button (aria-pressed): while no button is
 * pressed every event shows; pressing buttons shows only the events of the pressed
 * categories (in the list and in the drawing), and a year whose events are all hidden hides
 * too. No network, no modules: works from file:// and with Material's instant navigation.
 */
(function () {
  "use strict";

  function setup() {
    var bars = document.querySelectorAll(".az-filter");
    Array.prototype.forEach.call(bars, function (bar) {
      if (bar.getAttribute("data-ready")) return;
      bar.setAttribute("data-ready", "1");
      var buttons = bar.querySelectorAll(".az-filter__btn");
      var reset = bar.querySelector(".az-filter__reset");
      var status = bar.querySelector(".az-filter__status");
      var template = bar.getAttribute("data-status") || "{n} / {total}";

      function apply() {
        var on = [];
        Array.prototype.forEach.call(buttons, function (b) {
          if (b.getAttribute("aria-pressed") === "true") on.push(b.getAttribute("data-category"));
        });
        var shown = function (el) {
          return on.length === 0 || on.indexOf(el.getAttribute("data-category")) >= 0;
        };
        var events = document.querySelectorAll(".az-event[data-category]");
        var visible = 0;
        Array.prototype.forEach.call(events, function (ev) {
          ev.hidden = !shown(ev);
          if (!ev.hidden) visible += 1;
        });
        Array.prototype.forEach.call(document.querySelectorAll(".az-tl__ev"), function (mark) {
          // a faded mark leads to a hidden event: take it out of reach until shown again
          mark.classList.toggle("az-off", !shown(mark));
          if (shown(mark)) mark.removeAttribute("tabindex");
          else mark.setAttribute("tabindex", "-1");
        });
        Array.prototype.forEach.call(document.querySelectorAll(".az-year"), function (year) {
          year.hidden = !year.querySelector(".az-event:not([hidden])");
        });
        if (reset) reset.disabled = on.length === 0;
        if (status) {
          status.textContent = on.length === 0 ? "" :
            template.replace("{n}", String(visible)).replace("{total}", String(events.length));
        }
      }

      Array.prototype.forEach.call(buttons, function (b) {
        b.addEventListener("click", function () {
          var pressed = b.getAttribute("aria-pressed") === "true";
          b.setAttribute("aria-pressed", pressed ? "false" : "true");
          apply();
        });
      });
      if (reset) {
        reset.addEventListener("click", function () {
          Array.prototype.forEach.call(buttons, function (b) {
            b.setAttribute("aria-pressed", "false");
          });
          apply();
          if (buttons.length) buttons[0].focus();
        });
      }
      bar.hidden = false;
      apply();
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material: runs on load and after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
