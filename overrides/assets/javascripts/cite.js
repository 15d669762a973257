/* Ata Zan (reader-b): "copy citation" buttons (issue 15 item 6).
 *
 * The citation is written at build time into the button's data-az-cite (document, article,
 * paragraph, site, address, as-of date, in the page's language). A click puts it on the
 * clipboard and says so; where the clipboard API cannot be used (file://, an old browser, a
 * refusal) the text is shown in a box below the button, selected, for the reader to copy
 * (and copied the old way where the browser still allows it). */
(function () {
  "use strict";

  function status(button, text) {
    var box = button.parentNode.querySelector(".az-cite-status");
    if (!box) {
      box = document.createElement("span");
      box.className = "az-cite-status";
      box.setAttribute("role", "status");
      button.insertAdjacentElement("afterend", box);
    }
    box.textContent = text;
    window.clearTimeout(box.azTimer);
    box.azTimer = window.setTimeout(function () { box.textContent = ""; }, 4000);
  }

  function show(button, text) {
    var host = button.closest("p") || button.parentNode;
    var box = host.nextElementSibling;
    if (!box || !box.classList.contains("az-cite-box")) {
      box = document.createElement("div");
      box.className = "az-cite-box";
      var label = document.createElement("label");
      var area = document.createElement("textarea");
      area.readOnly = true;
      area.rows = 3;
      label.textContent = button.getAttribute("data-az-select") || "";
      label.appendChild(area);
      box.appendChild(label);
      host.insertAdjacentElement("afterend", box);
      area.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          box.remove();
          button.focus();
        }
      });
    }
    var field = box.querySelector("textarea");
    field.value = text;
    field.focus();
    field.select();
    /* the old way, where it still works: the selected text is copied too */
    try {
      if (document.execCommand && document.execCommand("copy"))
        status(button, button.getAttribute("data-az-copied") || "");
    } catch (e) { /* the text stays shown and selected */ }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.az-cite[data-az-cite]");
    if (!button) return;
    var text = button.getAttribute("data-az-cite");
    /* file:// (the offline bundle): the clipboard API is not dependable there */
    var clip = location.protocol !== "file:" && window.isSecureContext &&
      navigator.clipboard && navigator.clipboard.writeText;
    if (!clip) {
      show(button, text);
      return;
    }
    navigator.clipboard.writeText(text).then(
      function () { status(button, button.getAttribute("data-az-copied") || ""); },
      function () { show(button, text); }
    );
  });
})();
