// HR import progress: ask the status endpoint every two seconds, update the live region, and
// reload the page when the task has finished. Without JavaScript a <noscript> refresh does it.
(function () {
  "use strict";
  var box = document.getElementById("hr-import-progress");
  if (!box) return;
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector("progress");
  var label = document.querySelector("[data-hr-import-label]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (!data.working) { window.location.reload(); return; }
        if (bar) bar.value = data.progress;
        if (label) label.textContent = data.label;
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
