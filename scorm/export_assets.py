"""The style sheet our own SCORM packages share (the demo's two and every exported course),
and the script of an exported course: pages, quizzes scored by quizzes.grading's rules, and the
SCORM 1.2 calls. Plain files in the zip: no network, no inline script or style."""

STYLE = """body{font-family:system-ui,sans-serif;margin:0;padding:1.5rem;line-height:1.5;color:#1a1a1a;background:#fff}
main{max-width:44rem}h1{font-size:1.5rem}section[hidden]{display:none}
button{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:2px solid #0059b3;background:#0059b3;color:#fff;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#0059b3}button:focus{outline:3px solid #ffbf47;outline-offset:2px}
button[disabled]{opacity:.5;cursor:default}
fieldset{border:1px solid #747474;padding:1rem;margin:0 0 1rem}legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.5rem 0}.feedback{font-weight:600}.progress{color:#454545}.hint{margin:0}
img{max-width:100%;height:auto}a{color:#0059b3}
"""

# The course's pages, turned one at a time; the quizzes; and the SCORM 1.2 calls. The answer
# keys come from the page's JSON (kursus-data).
SCRIPT = r"""(function () {
  "use strict";
  function find(win) {
    for (var n = 0; win && n < 10; n++) {
      if (win.API) return win.API;
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return window.opener ? find(window.opener) : null;
  }
  var api = find(window);
  var call = {
    get: function (k) { return api ? String(api.LMSGetValue(k)) : ""; },
    set: function (k, v) { return api && api.LMSSetValue(k, String(v)); },
    commit: function () { return api && api.LMSCommit(""); }
  };
  var data = JSON.parse(document.getElementById("kursus-data").textContent);
  var pages = Array.prototype.slice.call(document.querySelectorAll("section[data-page]"));
  var progress = document.getElementById("progress");
  var back = document.querySelector("button[data-go='-1']");
  var forward = document.querySelector("button[data-go='1']");
  var state = { side: 1, quiz: {} };
  var finished = false;
  if (api) api.LMSInitialize("");
  try {
    var saved = JSON.parse(call.get("cmi.suspend_data") || "{}");
    if (saved && typeof saved === "object") {
      state.side = parseInt(saved.side, 10) || 1;
      state.quiz = saved.quiz || {};
    }
  } catch (error) { state = { side: 1, quiz: {} }; }
  var status = call.get("cmi.core.lesson_status");
  if (status === "not attempted" || status === "") call.set("cmi.core.lesson_status", "incomplete");

  function report() {
    var keys = Object.keys(data.quizzes);
    if (!keys.length) {
      if (state.side >= pages.length) call.set("cmi.core.lesson_status", "completed");
      return;
    }
    var done = keys.filter(function (k) { return state.quiz[k] !== undefined; });
    if (done.length < keys.length) return;
    var lowest = Math.min.apply(null, done.map(function (k) { return state.quiz[k]; }));
    call.set("cmi.core.score.min", 0);
    call.set("cmi.core.score.max", 100);
    call.set("cmi.core.score.raw", lowest);
    call.set("cmi.core.lesson_status", lowest >= data.mastery ? "passed" : "failed");
  }
  function save() {
    call.set("cmi.core.lesson_location", state.side);
    call.set("cmi.suspend_data", JSON.stringify(state));
    call.set("cmi.core.exit", "suspend");
    report();
    call.commit();
  }
  function show(n, focus) {
    state.side = Math.max(1, Math.min(pages.length, n));
    pages.forEach(function (page, i) { page.hidden = i !== state.side - 1; });
    progress.textContent = "Side " + state.side + " af " + pages.length;
    back.disabled = state.side === 1;
    forward.disabled = state.side === pages.length;
    if (focus) pages[state.side - 1].querySelector("h1").focus();
  }
  function chosen(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }
  function grade(form, item) {
    if (item.kind === "cite_rule") {
      var outcome = chosen(form, "q" + item.id + "-outcome").indexOf(item.outcome) >= 0;
      var basis = chosen(form, "q" + item.id + "-basis").indexOf(item.basis) >= 0;
      return outcome && basis ? 1 : (outcome ? item.partial / 100 : 0);
    }
    var picked = chosen(form, "q" + item.id + "-choice");
    if (item.kind === "multiple") {
      var same = picked.length === item.correct.length &&
        picked.every(function (v) { return item.correct.indexOf(v) >= 0; });
      return picked.length && same ? 1 : 0;
    }
    return picked.length === 1 && item.correct.indexOf(picked[0]) >= 0 ? 1 : 0;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-go]");
    if (!button || button.disabled) return;
    show(state.side + parseInt(button.getAttribute("data-go"), 10), true);
    save();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-quiz]");
    if (!form) return;
    event.preventDefault();
    var key = form.getAttribute("data-quiz");
    var items = data.quizzes[key];
    var score = 0, max = 0;
    items.forEach(function (item) { score += grade(form, item) * item.weight; max += item.weight; });
    var percent = max ? Math.round(1000 * score / max) / 10 : 0;
    state.quiz[key] = percent;
    var passed = percent >= data.mastery;
    document.querySelector("[data-result='" + key + "']").textContent =
      "Du fik " + String(percent).replace(".", ",") + " % af point. " +
      (passed ? "Du har bestået." : "Du har ikke bestået. Prøv igen.");
    save();
  });
  window.addEventListener("pagehide", function () {
    if (finished || !api) return;
    finished = true;
    save();
    api.LMSFinish("");
  });
  var resumedAt = parseInt(call.get("cmi.core.lesson_location"), 10) || state.side;
  show(resumedAt, false);
  if (resumedAt > 1) document.getElementById("resumed").hidden = false;
})();
"""
