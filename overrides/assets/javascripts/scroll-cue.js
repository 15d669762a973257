/* Ata Zan: a visible cue on tables wider than the screen (phones).
 *
 * Material wraps each table in a horizontally scrolling box (.md-typeset__scrollwrap) but
 * gives no sign that it scrolls. Where a table is wider than its box, this marks the box
 * (class az-scrolls), makes it reachable by keyboard (tabindex, role=region named by the
 * heading above it) and frames it in .az-scroll-frame, whose edge shadows show on the side
 * where more of the table is hidden. The cue says it in words too (ui.yml scroll_hint, in
 * the page's language): shown beside the arrow and given to screen readers as the region's
 * description. No network, works from file:// and with instant navigation; without
 * JavaScript the table still scrolls as before.
 */
(function () {
  "use strict";

  var count = 0;

  function hintText() {
    var data = document.getElementById("__az-ui");
    try {
      return (data && JSON.parse(data.textContent).scroll_hint) || "";
    } catch (e) {
      return "";
    }
  }

  function hint(frame) {
    var el = frame.querySelector(":scope > .az-scroll-hint");
    if (!el) {
      el = document.createElement("span");
      el.className = "az-scroll-hint";
      el.id = "az-scroll-hint-" + ++count;
      el.textContent = hintText();
      frame.insertBefore(el, frame.firstChild);
    }
    return el;
  }

  function heading(el) {
    for (var n = el; n && !n.matches("article"); n = n.parentElement) {
      for (var p = n.previousElementSibling; p; p = p.previousElementSibling) {
        if (/^H[1-6]$/.test(p.tagName) && p.id) return p;
      }
    }
    return null;
  }

  function update(box) {
    var frame = box.parentElement;
    var wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("az-scrolls", wide);
    frame.classList.toggle("az-scroll-frame--wide", wide);
    frame.classList.toggle("az-scroll-frame--left", wide && box.scrollLeft > 1);
    frame.classList.toggle(
      "az-scroll-frame--right",
      wide && box.scrollLeft + box.clientWidth < box.scrollWidth - 1
    );
    if (wide) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      var h = heading(box);
      if (h) box.setAttribute("aria-labelledby", h.id);
      else box.setAttribute("aria-label", document.title);
      var said = hint(frame);
      if (said.textContent) box.setAttribute("aria-describedby", said.id);
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-describedby");
    }
  }

  var boxes = [];

  function setup() {
    boxes = [];
    var all = document.querySelectorAll("article .md-typeset__scrollwrap");
    Array.prototype.forEach.call(all, function (box) {
      if (!box.parentElement.classList.contains("az-scroll-frame")) {
        var frame = document.createElement("div");
        frame.className = "az-scroll-frame";
        box.parentElement.insertBefore(frame, box);
        frame.appendChild(box);
        box.addEventListener("scroll", function () { update(box); }, { passive: true });
      }
      boxes.push(box);
      update(box);
    });
  }

  window.addEventListener("resize", function () { boxes.forEach(update); });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
