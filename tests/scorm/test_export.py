"""A Paragraf course exported as a SCORM 1.2 package: the manifest and pages, what is left out,
escaping, who may download it, and that our own import validator and player take it (issue 22,
part 3). The browser run of the exported quiz is in tests/e2e/test_scorm.py."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage
from people.models import AuditEvent
from scorm.export import ExportRefused, course_export_scorm
from scorm.packages import manifest_parse, package_check
from tests.factories import (
    StatuteProvisionFactory,
    citation,
    course,
    lesson_add,
    question_add,
    quiz_add,
    scorm_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported_course(tree):
    provision = StatuteProvisionFactory(key="FVL-19-1", number="19", subsection="1")
    page = course(title="Partshøring <kort> & godt", modules=1, lessons=0)
    module = page.get_children().first().specific
    lesson_add(
        module,
        title="Hvornår skal parten høres?",
        slug="hoering",
        body=[
            {"type": "text", "value": "<p>Før en afgørelse skal parten høres.</p>"},
            citation(provision=provision),
        ],
    )
    quiz_add(
        module,
        questions=[
            question_add("Hvornår skal der partshøres?"),
            question_add(
                "Hvilke er rigtige?",
                kind="multiple",
                choices=[("Før afgørelsen", True), ("Skriftligt", True), ("Aldrig", False)],
            ),
            question_add("Forklar partshøring med egne ord", kind="essay"),
        ],
        title="Quiz om partshøring",
        slug="quiz",
        pass_mark=80,
    )
    return page


def read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_passes_our_own_validator_with_the_quiz_as_the_mastery_score(exported_course):
    export = course_export_scorm(course=exported_course)
    checked = package_check(io.BytesIO(export.data))
    manifest = checked.manifest
    assert manifest.standard == "1.2" and manifest.launch == "index.html"
    assert manifest.title == "Partshøring <kort> & godt"
    assert manifest.mastery_score == 80
    assert (export.lessons, export.quizzes, export.questions) == (1, 1, 2)
    files = read(export.data)
    assert set(files) == {"imsmanifest.xml", "index.html", "kursus.js", "style.css", "LAES-MIG.txt"}
    assert manifest_parse(files["imsmanifest.xml"], set(files)).launch == "index.html"


def test_the_page_is_danish_escaped_and_holds_the_lesson_the_citation_and_the_questions(
    exported_course, settings
):
    settings.PARAGRAF_BASE_URL = "https://paragraf.kk.dk"
    html = read(course_export_scorm(course=exported_course).data)["index.html"].decode()
    assert html.startswith('<!DOCTYPE html><html lang="da">')
    assert "<title>Partshøring &lt;kort&gt; &amp; godt</title>" in html
    assert "Før en afgørelse skal parten høres." in html
    assert "FVL § 19, stk. 1" in html
    assert 'href="/' not in html and 'src="/' not in html  # links into Paragraf are absolute
    assert html.count('<fieldset class="question">') == 2
    assert 'type="checkbox"' in html and "Vælg alle rigtige svar." in html
    assert "Forklar partshøring" not in html  # the essay question is left out
    assert "<script>" not in html and " style=" not in html  # no inline script or style
    data = json.loads(re.search(r'id="kursus-data">(.*?)</script>', html).group(1))
    assert data["mastery"] == 80
    [items] = data["quizzes"].values()
    assert [item["kind"] for item in items] == ["single", "multiple"]
    assert len(items[1]["correct"]) == 2


def test_what_is_left_out_is_named_in_the_readme_and_the_log(exported_course, caplog):
    with caplog.at_level("INFO", logger="scorm.export"):
        export = course_export_scorm(course=exported_course)
    readme = read(export.data)["LAES-MIG.txt"].decode()
    assert "Ikke med i pakken:" in readme and "Forklar partshøring" in readme
    assert len(export.left_out) == 1
    assert "course exported as scorm" in caplog.text and "left_out=1" in caplog.text


def test_a_course_with_nothing_to_export_or_not_live_is_refused_in_danish(tree):
    empty = course(title="Tomt kursus", modules=1, lessons=0)
    with pytest.raises(ExportRefused, match="ingen offentliggjorte lektioner"):
        course_export_scorm(course=empty)
    CoursePage.objects.filter(pk=empty.pk).update(live=False)
    empty.refresh_from_db()
    with pytest.raises(ExportRefused, match="offentliggjort kursus"):
        course_export_scorm(course=empty)


def test_a_bought_scorm_step_stays_out(exported_course, settings, tmp_path):
    from tests.factories import scorm_package

    settings.MEDIA_ROOT = tmp_path / "media"
    module = exported_course.get_children().first().specific
    scorm_add(module, package=scorm_package(), title="Phishing", slug="phishing")
    export = course_export_scorm(course=exported_course)
    assert any("Phishing" in line for line in export.left_out)
    assert "Phishing" not in read(export.data)["index.html"].decode()


def test_the_export_imports_as_a_package_and_a_step_opens_it(
    exported_course, learner, settings, tmp_path
):
    from scorm.services import attempt_open, package_upload

    settings.MEDIA_ROOT = tmp_path / "media"
    data = course_export_scorm(course=exported_course).data
    version = package_upload(upload=io.BytesIO(data), file_name="eksport.zip", by=None)
    assert version.package.title == "Partshøring <kort> & godt"
    target = course(title="Modtaget kursus", modules=1, lessons=0)
    step = scorm_add(target.get_children().first().specific, package=version.package)
    attempt = attempt_open(user=learner, page=step)
    assert attempt is not None and attempt.version == version


def test_a_jurist_downloads_it_and_a_learner_may_not(client, jurist, learner, exported_course):
    url = f"/admin/scorm-eksport/{exported_course.pk}/"
    client.force_login(learner)
    assert client.get(url).status_code in (302, 403)
    client.force_login(jurist)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('-scorm12.zip"')
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    assert AuditEvent.objects.filter(action="export", what__startswith="SCORM-eksport").exists()


def test_the_command_writes_the_zip_and_refuses_an_unknown_course(exported_course, tmp_path):
    out = tmp_path / "kursus.zip"
    call_command("export_scorm", str(exported_course.pk), "-o", str(out))
    assert zipfile.is_zipfile(out)
    with pytest.raises(CommandError, match="no course"):
        call_command("export_scorm", "findes-ikke", "-o", str(tmp_path / "x.zip"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kursus.zip"]
