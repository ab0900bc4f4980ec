// Quiz attempt: save the answers as the learner goes, and count down a time limit.
// Without JavaScript the "Gem mine svar" button saves, the deadline is printed on the page, and
// the server submits the saved answers when the time has run out.
(function () {
  "use strict";
  var form = document.querySelector("form[data-quiz-form]");
  var timer = document.querySelector("[data-quiz-timer]");
  var submitting = false;

  // --- Autosave: a debounced POST of the whole form after every change --------------------
  var save = function () {};
  if (form) {
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector("[data-autosave-status]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var payload = function () { return new URLSearchParams(new FormData(form)).toString(); };
    var lastSaved = payload();
    var pending = null;
    var busy = false;
    var again = false;
    var show = function (text) { if (status && text && status.textContent !== text) status.textContent = text; };
    var schedule = function (delay) {
      window.clearTimeout(pending);
      pending = window.setTimeout(save, delay);
    };
    save = function (keepalive) {
      window.clearTimeout(pending);
      var body = payload();
      if (submitting || body === lastSaved) return;
      if (busy) { again = true; return; }
      busy = true;
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: keepalive === true,
        headers: {
          Accept: "application/json",
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": token ? token.value : ""
        },
        body: body
      })
        .then(function (response) {
          return response.json().then(function (data) { return { response: response, data: data }; });
        })
        .then(function (result) {
          show(result.data.message);
          if (result.response.ok) {
            lastSaved = body;
          } else if (result.data.closed) {
            submitting = true;
            window.location.reload();
          } else if (result.response.status === 429) {
            schedule(15000);
          }
        })
        .catch(function () { show(form.getAttribute("data-autosave-failed")); })
        .then(function () {
          busy = false;
          if (again) { again = false; schedule(300); }
        });
    };
    form.addEventListener("change", function () { schedule(600); });
    form.addEventListener("input", function () { schedule(1500); });
    form.addEventListener("submit", function () { submitting = true; });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
  }

  // --- Timer: the seconds left come from the server's clock; announced at 5 and 1 minute ---
  if (!timer) return;
  var left = parseInt(timer.getAttribute("data-seconds-left"), 10) || 0;
  var end = Date.now() + left * 1000;
  var clock = timer.querySelector("[data-quiz-timer-clock]");
  var live = document.querySelector("[data-quiz-timer-announce]");
  var saidFive = left <= 300;
  var saidOne = left <= 60;
  var announce = function (name) { if (live) live.textContent = timer.getAttribute(name); };
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var finish = function () {
    announce("data-time-up");
    // A second's margin so the server's clock has passed the deadline too.
    window.setTimeout(function () {
      if (form && !submitting) {
        submitting = true;
        form.submit();
      } else if (!form) {
        window.setTimeout(function () { window.location.reload(); }, 11000);
      }
    }, 1000);
  };
  var tick = function () {
    var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    var text = pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
    if (clock.textContent !== text) clock.textContent = text;
    if (!saidFive && seconds <= 300) { saidFive = true; if (seconds > 60) announce("data-five-minutes"); }
    if (!saidOne && seconds <= 60) { saidOne = true; announce("data-one-minute"); }
    if (seconds === 0) { finish(); return; }
    window.setTimeout(tick, 250);
  };
  timer.hidden = false;
  tick();
})();
