// Ata Zan: for print, give every link to another page its full address, which print.css
// shows after the link (a relative "../articles/75/" means nothing on paper). No request.
(function () {
  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) !== "#" && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        a.setAttribute("data-print-href", a.href);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("beforeprint", mark);
})();
