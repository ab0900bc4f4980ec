from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from certificates.models import Certificate
from courses.models import CoursePage, LessonPage
from guidelines.models import GuidelinePage, GuidelineSection


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.label not in {"sessions.Session", "wagtailcore.ModelLogEntry"}
    }


def _byliv_path() -> str:
    from people.models import OrgUnit

    return OrgUnit.objects.get(code="BA-BYLIV").path


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_database(settings):
    settings.PARAGRAF_ALLOW_DEMO = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert _row_counts() == first
    assert "medarbejder" in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_builds_the_three_course_families_and_guidelines(settings):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    titles = set(CoursePage.objects.live().values_list("title", flat=True))
    assert {
        "Jura – Kort og Godt",
        "Obligatorisk onboarding for nye medarbejdere",
        "Obligatorisk jurakursus for nye ledere",
    } <= titles
    jkg = CoursePage.objects.get(title="Jura – Kort og Godt")
    assert jkg.get_children().count() == 5
    assert LessonPage.objects.descendant_of(jkg).count() >= 15
    assert GuidelinePage.objects.live().count() == 3
    assert GuidelineSection.objects.count() == 18
    # HR's ZIP of Center for Byliv's certificates (issue 18) has something in it.
    byliv = Certificate.objects.filter(holder__org_unit__path__startswith=_byliv_path())
    assert byliv.count() >= 3


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production(settings):
    settings.PARAGRAF_ALLOW_DEMO = False
    with pytest.raises(Exception, match="DJANGO_DEBUG"):
        call_command("seed_demo", stdout=StringIO())


@pytest.mark.django_db
def test_seed_demo_adds_the_bought_e_learning_course_with_two_scorm_steps(settings, tmp_path):
    from scorm.models import ScormLessonPage

    settings.PARAGRAF_ALLOW_DEMO = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=StringIO())
    course = CoursePage.objects.get(title="Informationssikkerhed og GDPR (indkøbt e-læring)")
    steps = ScormLessonPage.objects.live().descendant_of(course)
    assert sorted(s.package.current_version.standard for s in steps) == ["1.2", "2004"]
    assert (tmp_path / "media" / "scorm" / "demo-phishing-scorm12" / "index.html").exists()
