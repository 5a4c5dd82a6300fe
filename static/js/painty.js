/* Painty: small helpers shared by every page (no build step). */
(function () {
  "use strict";

  // Copy text to the clipboard; falls back to a hidden textarea where the
  // Clipboard API is unavailable (plain http on a non-local host).
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function flash(button, label) {
    var original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    setTimeout(function () { button.textContent = original; }, 1600);
  }

  window.Painty = { copyText: copyText, flash: flash, KEY_STORAGE: "painty.tryKey" };

  // <button data-copy="#selector">: copies that element's text.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.querySelector(button.dataset.copy).textContent.trim();
      copyText(text).then(function () { flash(button, "Copied"); }, function () { flash(button, "Select and copy"); });
    });
  });

  // The dashboard shows a new raw key once; keep it for the docs page's "Try it"
  // in this tab's sessionStorage (gone when the tab closes, never sent anywhere).
  var fresh = document.querySelector("[data-new-key]");
  if (fresh && window.sessionStorage) {
    try { sessionStorage.setItem(window.Painty.KEY_STORAGE, fresh.textContent.trim()); } catch (e) { /* storage disabled */ }
  }
})();
