"""The demo of issue 19, part 1, end to end: Byliv's caseworkers must confirm the udeservering
guideline; `demo_guideline_change` (material) asks again exactly those who confirmed the old
version, and HR's report shows it."""

from io import StringIO

import pytest
from django.core.management import call_command

from compliance.acknowledgements import acknowledgement_record
from compliance.models import Assignment, Requirement, Status
from guidelines.models import GuidelinePage
from people.models import User


@pytest.mark.django_db
def test_the_demo_acknowledgement_and_the_material_change(settings, client):
    settings.PARAGRAF_ALLOW_DEMO = True
    call_command("seed_demo", stdout=StringIO())
    requirement = Requirement.objects.get(kind=Requirement.Kind.ACKNOWLEDGE)
    guideline = GuidelinePage.objects.get(slug="udeservering")
    assert requirement.guideline_id == guideline.pk
    cycles = {
        a.person.username: a.status
        for a in Assignment.objects.filter(requirement=requirement).select_related("person")
    }
    # Byliv's caseworkers: medarbejder has it open; sara and birgitte confirmed it already.
    assert cycles == {
        "medarbejder": Status.NOT_STARTED,
        "sara": Status.COMPLETED,
        "birgitte": Status.COMPLETED,
    }

    medarbejder = User.objects.get(username="medarbejder")
    client.force_login(medarbejder)
    assert "Læst og forstået: Administrationsgrundlag for udeservering" in (
        client.get("/mine-kurser/").content.decode()
    )
    acknowledgement_record(
        user=medarbejder, guideline_id=guideline.pk, revision_id=guideline.live_revision_id
    )

    out = StringIO()
    call_command("demo_guideline_change", stdout=out)
    assert "skal gives af: birgitte, medarbejder, sara." in out.getvalue()
    reopened = Assignment.objects.filter(requirement=requirement, cycle=2)
    assert set(reopened.values_list("person__username", flat=True)) == {
        "medarbejder",
        "sara",
        "birgitte",
    }
    assert set(reopened.values_list("status", flat=True)) == {Status.NOT_STARTED}

    client.force_login(User.objects.get(username="hr"))
    html = client.get(f"/admin/tildelinger/?requirement={requirement.pk}").content.decode()
    assert html.count("Ikke startet") >= 3
