"""Two small SCORM packages written by us for the demo, built as zips in memory (nothing is
downloaded): "Phishing og sikre mails" (SCORM 1.2, mastery score 80) and "Brud på
persondatasikkerheden" (SCORM 2004 4th Edition, passed at a scaled score of 0.8). Each has a few
Danish pages and one scored question, and its own small script that talks to the LMS's API:
it saves the page it is on (location + suspend_data) on every page turn, so a learner who
leaves comes back where they were.

    python -m demo.scorm_packages /tmp/pakker    # writes the two zips there
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from scorm.export_assets import STYLE

# The page turner and the question, shared by both packages; ``STANDARD`` is filled in.
SCRIPT = r"""(function () {
  "use strict";
  var STANDARD = "%(standard)s";
  function find(win, name) {
    for (var n = 0; win && n < 10; n++) {
      if (win[name]) return win[name];
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var v12 = STANDARD === "1.2";
  var api = v12 ? find(window, "API") : find(window, "API_1484_11");
  var call = {
    init: function () { return api && (v12 ? api.LMSInitialize("") : api.Initialize("")); },
    get: function (k) { return api ? String(v12 ? api.LMSGetValue(k) : api.GetValue(k)) : ""; },
    set: function (k, v) { return api && (v12 ? api.LMSSetValue(k, v) : api.SetValue(k, v)); },
    commit: function () { return api && (v12 ? api.LMSCommit("") : api.Commit("")); },
    finish: function () { return api && (v12 ? api.LMSFinish("") : api.Terminate("")); }
  };
  var key = v12 ? { location: "cmi.core.lesson_location", exit: "cmi.core.exit" }
                : { location: "cmi.location", exit: "cmi.exit" };
  var pages = Array.prototype.slice.call(document.querySelectorAll("section[data-page]"));
  var progress = document.getElementById("progress");
  var finished = false;
  call.init();
  if (v12) {
    var status = call.get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") call.set("cmi.core.lesson_status", "incomplete");
  } else if (call.get("cmi.completion_status") !== "completed") {
    call.set("cmi.completion_status", "incomplete");
  }
  var resumed = call.get("cmi.suspend_data").match(/^side=(\d+)$/);
  var start = parseInt(call.get(key.location), 10) || (resumed ? parseInt(resumed[1], 10) : 1);

  function show(n, save) {
    n = Math.max(1, Math.min(pages.length, n));
    pages.forEach(function (page, i) { page.hidden = i !== n - 1; });
    progress.textContent = "Side " + n + " af " + pages.length;
    var heading = pages[n - 1].querySelector("h1");
    if (save) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      call.set(key.location, String(n));
      call.set("cmi.suspend_data", "side=" + n);
      call.set(key.exit, "suspend");
      call.commit();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-go]");
    if (!button) return;
    var current = pages.findIndex(function (p) { return !p.hidden; }) + 1;
    show(current + parseInt(button.getAttribute("data-go"), 10), true);
  });
  var form = document.getElementById("question");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = form.querySelector("input[name=svar]:checked");
    var feedback = document.getElementById("feedback");
    if (!chosen) { feedback.textContent = "Vælg et svar først."; return; }
    var right = chosen.value === form.getAttribute("data-right");
    if (v12) {
      call.set("cmi.core.score.min", "0");
      call.set("cmi.core.score.max", "100");
      call.set("cmi.core.score.raw", right ? "100" : "0");
      call.set("cmi.core.lesson_status", right ? "passed" : "failed");
    } else {
      call.set("cmi.score.min", "0");
      call.set("cmi.score.max", "1");
      call.set("cmi.score.raw", right ? "1" : "0");
      call.set("cmi.score.scaled", right ? "1" : "0");
      call.set("cmi.success_status", right ? "passed" : "failed");
      call.set("cmi.completion_status", "completed");
    }
    call.commit();
    feedback.textContent = right
      ? "Rigtigt! " + form.getAttribute("data-why") + " Du har bestået."
      : "Ikke rigtigt. " + form.getAttribute("data-why") + " Prøv igen.";
  });
  window.addEventListener("pagehide", function () {
    if (finished) return;
    finished = true;
    call.finish();
  });
  show(start, false);
  if (resumed || start > 1) document.getElementById("resumed").hidden = false;
})();
"""

HTML = """<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(title)s</title><link rel="stylesheet" href="style.css"><script src="app.js" defer></script></head>
<body><main>
<p id="resumed" class="progress" hidden>Du fortsætter, hvor du slap.</p>
<p id="progress" class="progress" aria-live="polite"></p>
%(pages)s
</main></body></html>
"""


def _page(n: int, total: int, title: str, body: str) -> str:
    back = '<button type="button" class="secondary" data-go="-1">Forrige</button>' if n > 1 else ""
    forward = '<button type="button" data-go="1">Næste</button>' if n < total else ""
    return f'<section data-page="{n}"><h1>{title}</h1>{body}<p>{back}{forward}</p></section>'


def _question(legend: str, choices: list[tuple[str, str]], right: str, why: str) -> str:
    options = "".join(
        f'<label><input type="radio" name="svar" value="{value}"> {text}</label>'
        for value, text in choices
    )
    return (
        f'<form id="question" data-right="{right}" data-why="{why}">'
        f"<fieldset><legend>{legend}</legend>{options}</fieldset>"
        '<button type="submit">Svar</button></form>'
        '<p id="feedback" class="feedback" role="status" aria-live="polite"></p>'
    )


PHISHING_PAGES = [
    (
        "Phishing og sikre mails",
        "<p>Svindlere prøver at få dig til at afsløre din adgangskode eller åbne skadelige "
        "filer. Den mest almindelige vej er en mail, der ser ud til at komme fra en kollega, "
        "IT-support eller en leverandør.</p><p>Pakken tager 5 minutter og slutter med ét "
        "spørgsmål. Du kan lukke den undervejs og fortsætte senere.</p>",
    ),
    (
        "Sådan genkender du phishing",
        "<ul><li>Afsenderens adresse passer ikke til navnet, eller domænet er stavet lidt "
        "forkert.</li><li>Mailen haster og truer med, at noget lukkes eller slettes.</li>"
        "<li>Du bliver bedt om at logge ind via et link eller åbne en vedhæftet fil, du ikke "
        "ventede.</li></ul><p>Er du i tvivl, så klik ikke. Meld mailen med knappen "
        "<strong>Rapportér phishing</strong> i Outlook, og slet den bagefter.</p>",
    ),
    (
        "Spørgsmål",
        _question(
            "Du får en mail fra »IT-support«, som beder dig logge ind via et link, ellers "
            "lukkes din postkasse i dag. Hvad gør du?",
            [
                ("a", "Logger ind via linket, så postkassen ikke lukkes"),
                ("b", "Klikker ikke, melder mailen med »Rapportér phishing« og sletter den"),
                ("c", "Videresender mailen til kollegerne, så de også er advaret"),
            ],
            "b",
            "Tidspres og et login-link er typiske tegn på phishing; meld mailen, så "
            "IT-sikkerhed kan stoppe den for alle.",
        ),
    ),
]

BREACH_PAGES = [
    (
        "Brud på persondatasikkerheden",
        "<p>Et brud på persondatasikkerheden er fx en mail med personoplysninger sendt til den "
        "forkerte, en mistet computer eller en kollega, der har set oplysninger uden at have "
        "brug for dem i sit arbejde.</p><p>Pakken slutter med ét spørgsmål.</p>",
    ),
    (
        "Hvad siger reglerne?",
        "<p>Kommunen er dataansvarlig. Efter databeskyttelsesforordningens artikel 33, stk. 1, "
        "skal den dataansvarlige anmelde et brud til Datatilsynet uden unødig forsinkelse og "
        "om muligt senest 72 timer efter at være blevet bekendt med det, medmindre det er "
        "usandsynligt, at bruddet indebærer en risiko for de berørte personers rettigheder. "
        "Alle brud skal dokumenteres (stk. 5).</p><p>Derfor skal du som medarbejder melde et "
        "brud eller en mistanke om brud med det samme efter kommunens interne procedure – "
        "også uden for almindelig arbejdstid.</p>",
    ),
    (
        "Spørgsmål",
        _question(
            "Hvor hurtigt skal kommunen anmelde et brud på persondatasikkerheden til "
            "Datatilsynet, når bruddet indebærer en risiko?",
            [
                ("a", "Inden for 30 dage"),
                (
                    "b",
                    "Uden unødig forsinkelse og om muligt senest 72 timer efter at være blevet "
                    "bekendt med bruddet",
                ),
                ("c", "Kun hvis en borger klager"),
            ],
            "b",
            "Det følger af databeskyttelsesforordningens artikel 33, stk. 1.",
        ),
    ),
]

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="dk.kk.paragraf.demo.phishing" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Phishing og sikre mails</title>
      <item identifier="item1" identifierref="sco1">
        <title>Phishing og sikre mails</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="app.js"/><file href="style.css"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="dk.kk.paragraf.demo.brud" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Brud på persondatasikkerheden</title>
      <item identifier="item1" identifierref="sco1">
        <title>Brud på persondatasikkerheden</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="bestaaet" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/><file href="app.js"/><file href="style.css"/>
    </resource>
  </resources>
</manifest>
"""


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _package(manifest: str, title: str, pages: list[tuple[str, str]], standard: str) -> bytes:
    body = "\n".join(_page(i, len(pages), t, b) for i, (t, b) in enumerate(pages, start=1))
    return _zip(
        {
            "imsmanifest.xml": manifest,
            "index.html": HTML % {"title": title, "pages": body},
            "app.js": SCRIPT % {"standard": standard},
            "style.css": STYLE,
        }
    )


def phishing_12() -> bytes:
    """The SCORM 1.2 package (mastery score 80; the right answer scores 100)."""
    return _package(MANIFEST_12, "Phishing og sikre mails", PHISHING_PAGES, "1.2")


def breach_2004() -> bytes:
    """The SCORM 2004 4th Edition package (passed at a scaled score of 0.8)."""
    return _package(MANIFEST_2004, "Brud på persondatasikkerheden", BREACH_PAGES, "2004")


PACKAGES = {"phishing-scorm12.zip": phishing_12, "brud-scorm2004.zip": breach_2004}


if __name__ == "__main__":  # pragma: no cover - a convenience for trying the packages elsewhere
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    for name, build in PACKAGES.items():
        (target / name).write_bytes(build())
        print(target / name)  # noqa: T201
