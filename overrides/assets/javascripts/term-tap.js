/* Ata Zan: on a touch screen, a tap on a glossary term shows its definition in place.
 *
 * On a desktop the definition shows on hover and on keyboard focus (Material's
 * content.tooltips reads the link's title). A finger has no hover: the tap used to follow the
 * link to the glossary, a page 25,000 px tall on a phone. Here a tap on a term (any link to
 * a glossary entry on the page) opens a small box under the line with the definition and the
 * term, linked to its entry; it closes with a tap outside, a second tap on the term, or
 * Escape. The definition is the one the page already carries (the first link to the term
 * has it as its title), so this works offline and from file://. Mouse and keyboard are not
 * changed.
 */
(function () {
  "use strict";

  var touch = false;
  var box = null;
  var owner = null;

  function isTerm(el) {
    var a = el && el.closest ? el.closest("article a[href]") : null;
    if (!a || a.closest(".az-tap")) return null;
    return /(?:^|\/)glossary(?:\/|\.html)?#[^#]+$/.test(a.getAttribute("href") || "") ? a : null;
  }

  /* The definition: the title of the first link to the same entry, or Material's tooltip
     while it shows it (Material takes the title away while its tooltip is open). */
  function definition(link) {
    var href = link.getAttribute("href");
    var links = document.querySelectorAll("article a.az-term");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.getAttribute("href") !== href) continue;
      var text = a.getAttribute("title");
      if (text) return text;
      var tip = document.getElementById(a.getAttribute("aria-describedby") || "");
      if (tip && tip.textContent.trim()) return tip.textContent.trim();
    }
    return "";
  }

  function close(refocus) {
    if (!box) return;
    box.remove();
    document.documentElement.classList.remove("az-tap-open");
    if (owner) {
      owner.removeAttribute("aria-expanded");
      owner.removeAttribute("aria-controls");
      if (refocus) owner.focus({ preventScroll: true });
    }
    box = null;
    owner = null;
  }

  function place() {
    if (!box || !owner) return;
    var rects = owner.getClientRects();
    var r = rects[rects.length - 1] || owner.getBoundingClientRect();
    var margin = 8;
    var width = Math.min(box.offsetWidth, document.documentElement.clientWidth - 2 * margin);
    var left = Math.max(margin, Math.min(r.left, document.documentElement.clientWidth - width - margin));
    box.style.left = left + window.scrollX + "px";
    /* under the line it explains, never over it */
    box.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function open(link) {
    var text = definition(link);
    if (!text) return false;
    close(false);
    owner = link;
    box = document.createElement("div");
    box.className = "az-tap md-typeset";
    box.id = "az-tap";
    box.setAttribute("role", "note");
    var head = document.createElement("a");
    head.className = "az-tap__term";
    head.href = link.getAttribute("href");
    head.textContent = link.textContent.trim();
    var lang = link.closest("[lang]");
    if (lang) box.lang = lang.getAttribute("lang");
    var body = document.createElement("span");
    body.className = "az-tap__def";
    body.textContent = text;
    box.appendChild(head);
    box.appendChild(document.createTextNode(" — "));
    box.appendChild(body);
    document.body.appendChild(box);
    document.documentElement.classList.add("az-tap-open");
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    place();
    return true;
  }

  document.addEventListener(
    "pointerdown",
    function (e) {
      touch = e.pointerType === "touch" || e.pointerType === "pen";
      if (box && !box.contains(e.target) && isTerm(e.target) !== owner) close(false);
    },
    true
  );
  document.addEventListener("touchstart", function () { touch = true; }, { capture: true, passive: true });

  document.addEventListener(
    "click",
    function (e) {
      var link = isTerm(e.target);
      /* a click from the keyboard (Enter: detail 0) follows the link, as before */
      if (!link || !touch || e.detail === 0) return;
      if (link === owner) {
        e.preventDefault();
        close(false);
        return;
      }
      if (open(link)) e.preventDefault();
    },
    true
  );

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && box) close(true);
  });
  window.addEventListener("resize", place);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { close(false); });
  }
})();
