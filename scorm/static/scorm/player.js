// The SCORM runtime for one attempt: scorm-again's API (SCORM 1.2) or API_1484_11 (SCORM 2004)
// on this window, loaded with the saved CMI data, committing to our JSON endpoint with the
// CSRF token; then the package is loaded into the same-origin frame, where it finds the API by
// walking window.parent. No inline script (CSP): the settings come as JSON on the page.
(function () {
  "use strict";
  var holder = document.querySelector("[data-scorm-player]");
  var data = document.getElementById("scorm-runtime");
  if (!holder || !data) return;
  var config = JSON.parse(data.textContent);
  var frame = holder.querySelector("[data-scorm-frame]");
  var status = document.querySelector("[data-scorm-status]");
  // One key per page load: the server adds a finished session's time to the total once.
  var session = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  var say = function (text) { if (status && text && status.textContent !== text) status.textContent = text; };
  var settings = {
    lmsCommitUrl: config.commitUrl + "?session=" + session,
    dataCommitFormat: "flattened",
    autocommit: true,
    autocommitSeconds: 15,
    xhrHeaders: { "X-CSRFToken": holder.getAttribute("data-csrf") || "" },
    xhrWithCredentials: true,
    fetchMode: "same-origin",
    logLevel: 4,
    xhrResponseHandler: function (xhr) {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      if (xhr.status < 200 || xhr.status > 299 || !answer) {
        say(holder.getAttribute("data-error-text"));
        return { result: "false", errorCode: 101 };
      }
      if (answer.completed) say(holder.getAttribute("data-done-text"));
      return { result: answer.result ? "true" : "false", errorCode: answer.errorCode || 0 };
    }
  };
  var api;
  if (config.standard === "1.2") {
    api = new window.Scorm12API(settings);
    window.API = api;
  } else {
    api = new window.Scorm2004API(settings);
    window.API_1484_11 = api;
  }
  api.loadFromJSON(config.cmi);
  frame.src = holder.getAttribute("data-launch");
})();
