/* /billing/success: polls the checkout status until Polar's order is credited,
   then shows the new balance. Loaded only while the credits are still pending. */
(function () {
  "use strict";
  var box = document.getElementById("checkout-status"), tries = 0;
  if (!box) { return; }
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      box.querySelector("[data-testid=balance]").textContent = s.balance;
      box.querySelector("[data-testid=balance-unit]").textContent = s.balance === 1 ? "credit" : "credits";
      if (s.credited) {
        var note = box.querySelector("[data-testid=waiting]");
        note.textContent = s.creditsAdded + (s.creditsAdded === 1 ? " credit was" : " credits were") + " added to your account.";
        note.dataset.testid = "credited";
      } else if (++tries < 60) { setTimeout(poll, 2000); }
    }).catch(function () { if (++tries < 60) { setTimeout(poll, 4000); } });
  }
  setTimeout(poll, 1500);
})();
