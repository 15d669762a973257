/* Ata Zan (reader-b): the language switch keeps the section the reader is at.
 *
 * Ids made from content keys (events, terms, years, paragraphs "p1") are the same in every
 * language: the #anchor is carried over as it is. A heading's id comes from its words, so it
 * differs between languages; the generator writes the same sections in the same order in
 * every language (the content check says so when they differ), so the section is found by
 * its position: the link carries the position and the number of headings, and the page in
 * the other language goes to the heading at that position when it has as many headings. */
(function () {
  "use strict";
  var KEY = "az-lang-anchor";
  var HEADINGS = ".md-content h2[id], .md-content h3[id], .md-content h4[id], .md-content h5[id], .md-content h6[id]";

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(HEADINGS));
  }

  function store(value) {
    try {
      if (value === null) window.sessionStorage.removeItem(KEY);
      else window.sessionStorage.setItem(KEY, JSON.stringify(value));
    } catch (e) { /* storage off: the anchor is still carried when its id is shared */ }
  }

  function stored() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    } catch (e) {
      return null;
    }
  }

  /* Leaving: remember the section, and add its #anchor to the link of the other language
     (Material's switch may rewrite the address it goes to: the arriving page reads what
     was remembered). */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || !location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var target = document.getElementById(id);
    if (!target) return;
    var heading = target.closest("h1, h2, h3, h4, h5, h6") || target;
    var list = headings();
    var to = new URL(link.href, location.href);
    store({ id: id, index: list.indexOf(heading), count: list.length, to: to.pathname, at: Date.now() });
    to.hash = "#" + encodeURIComponent(id);
    link.href = to.href;
  }, true);

  /* Arriving from the switch: the same id when this page has it (a key shared by the
     languages), else the heading at the same position when the page has as many. */
  function arrive() {
    var from = stored();
    store(null);
    if (!from || from.to !== location.pathname || Date.now() - from.at > 60000) return;
    var heading = document.getElementById(from.id);
    if (!heading) {
      var list = headings();
      if (from.index < 0 || list.length !== from.count) return;
      heading = list[from.index];
    }
    history.replaceState(history.state, "", "#" + encodeURIComponent(heading.id));
    heading.scrollIntoView();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", arrive);
  else arrive();
})();
