"""Læst og forstået (issue 19, part 1): an acknowledgement requirement beside course
requirements — the learner's journey, what must be refused, a material change asking again,
and HR's, the manager's and the evidence view's picture of it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone

from compliance.acknowledgements import (
    AcknowledgementRefused,
    acknowledgement_record,
    acknowledgements_reopen,
)
from compliance.evidence import evidence_for
from compliance.models import Acknowledgement, Assignment, Requirement, Status, StatusCount
from compliance.reminders import reminders_send
from compliance.services import requirements_evaluate
from guidelines.models import GuidelineChange, GuidelinePage
from guidelines.services import guideline_change_decide
from people.models import User
from people.privacy import personal_data_exporters
from people.roles import LEARNER
from tests.factories import UserFactory, guideline
from tests.guidelines.helpers import edit_sections

URL = "/laest-og-forstaaet/{}/"


@pytest.fixture
def ag(tree):
    return GuidelinePage.objects.get(pk=guideline("AG-UDE", sections=3, title="Udeservering").pk)


@pytest.fixture
def caseworker(units, groups, manager):
    """A second caseworker in Byliv (the learner is the first)."""
    user = UserFactory(
        username="sara", org_unit=units["team"], manager=manager, job_title="Sagsbehandler"
    )
    user.groups.add(groups[LEARNER])
    return user


def ack_requirement(ag: GuidelinePage, units, **fields) -> Requirement:
    fields = {
        "name": "Læst og forstået: Udeservering",
        "kind": Requirement.Kind.ACKNOWLEDGE,
        "guideline": ag,
        "trigger": Requirement.Trigger.ASSIGNED,
        "due_days": 30,
        "job_titles": "sagsbehandler",
        "applies_from": dt.date(2020, 1, 1),
        **fields,
    }
    requirement = Requirement.objects.create(**fields)
    requirement.units.set([units["centre"]])
    return requirement


@pytest.fixture
def byliv(ag, units, learner, caseworker, outsider):
    requirement = ack_requirement(ag, units)
    requirements_evaluate()
    return requirement


def count(requirement: Requirement, unit, status: str) -> int:
    row = StatusCount.objects.filter(unit=unit, requirement=requirement, status=status).first()
    return row.count if row else 0


def live(ag: GuidelinePage) -> int:
    return GuidelinePage.objects.get(pk=ag.pk).live_revision_id


# -- the requirement ------------------------------------------------------------------------------


def test_an_acknowledgement_requirement_names_a_guideline_not_a_course(ag, units, onboarding):
    requirement = Requirement(
        name="x", kind=Requirement.Kind.ACKNOWLEDGE, applies_from=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as missing:
        requirement.full_clean()
    assert "guideline" in missing.value.message_dict
    requirement.guideline = ag
    requirement.course = onboarding
    with pytest.raises(ValidationError) as both:
        requirement.full_clean()
    assert "course" in both.value.message_dict
    requirement.course = None
    requirement.recurrence = Requirement.Recurrence.MONTHS
    requirement.recurrence_months = 12
    with pytest.raises(ValidationError) as recurring:
        requirement.full_clean()
    assert "gentages ikke" in recurring.value.message_dict["recurrence"][0]
    requirement.recurrence = Requirement.Recurrence.NONE
    requirement.sections = "AG-UDE-1, AG-UDE-9"
    with pytest.raises(ValidationError) as unknown:
        requirement.full_clean()
    assert unknown.value.message_dict["sections"] == ["Grundlaget har ikke afsnittene: AG-UDE-9."]
    requirement.sections = "AG-UDE-1, AG-UDE-3"
    requirement.full_clean()
    assert requirement.section_keys() == ["AG-UDE-1", "AG-UDE-3"]
    assert requirement.target_title == "Læst og forstået: Udeservering"


def test_the_database_refuses_a_requirement_with_both_or_no_target(ag, onboarding):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Requirement.objects.create(
            name="begge", kind=Requirement.Kind.ACKNOWLEDGE, guideline=ag, course=onboarding
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Requirement.objects.create(name="intet", kind=Requirement.Kind.COURSE)


def test_evaluation_assigns_the_audience_like_a_course_requirement(byliv, learner, caseworker):
    assert set(Assignment.objects.values_list("person__username", flat=True)) == {
        "medarbejder",
        "sara",
    }
    cycle = Assignment.objects.get(person=learner)
    assert cycle.status == Status.NOT_STARTED
    assert cycle.due_at == timezone.localdate() + dt.timedelta(days=30)


# -- the learner's journey -----------------------------------------------------------------------


def test_the_learner_sees_it_on_my_courses_reads_the_guideline_and_acknowledges_it(
    client, ag, byliv, learner, units
):
    client.force_login(learner)
    html = client.get("/mine-kurser/").content.decode()
    assert "Læst og forstået: Udeservering" in html
    assert f'href="{ag.url}#laest-og-forstaaet"' in html

    page = client.get(ag.url).content.decode()
    assert "Jeg har læst og forstået" in page
    assert f'name="revision" value="{live(ag)}"' in page

    response = client.post(URL.format(ag.pk), {"revision": live(ag)}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#laest-og-forstaaet")
    assert "Du har bekræftet, at du har læst og forstået Udeservering" in response.content.decode()
    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.person, acknowledgement.revision_id) == (learner, live(ag))
    cycle = Assignment.objects.get(person=learner)
    assert cycle.status == Status.COMPLETED
    assert cycle.completed_at == acknowledgement.acknowledged_at
    assert count(byliv, units["tmf"], Status.COMPLETED) == 1
    assert count(byliv, units["tmf"], Status.NOT_STARTED) == 1

    page = client.get(ag.url).content.decode()
    assert "Jeg har læst og forstået" not in page
    assert "at du har læst og forstået version" in page
    html = client.get("/mine-kurser/").content.decode()
    assert "bekræftet" in html


def test_a_second_press_records_nothing(client, ag, byliv, learner):
    client.force_login(learner)
    client.post(URL.format(ag.pk), {"revision": live(ag)})
    first = Acknowledgement.objects.get()
    response = client.post(URL.format(ag.pk), {"revision": live(ag)}, follow=True)
    assert "Intet nyt er registreret" in response.content.decode()
    assert list(Acknowledgement.objects.all()) == [first]
    assert Acknowledgement.objects.get().acknowledged_at == first.acknowledged_at


def test_the_requirement_may_name_sections_which_the_page_lists(client, ag, units, learner):
    ack_requirement(ag, units, sections="AG-UDE-3, AG-UDE-1")
    requirements_evaluate()
    client.force_login(learner)
    page = client.get(ag.url).content.decode()
    panel = page[page.index('id="laest-og-forstaaet"') :]
    assert panel.index("AG-UDE-1 Afsnit 1") < panel.index("AG-UDE-3 Afsnit 3")
    assert "AG-UDE-2 Afsnit 2" not in panel
    assert "Afsnit AG-UDE-3, AG-UDE-1" in client.get("/mine-kurser/").content.decode()


def test_people_without_the_requirement_see_no_button(client, ag, byliv, outsider):
    client.force_login(outsider)
    assert "Jeg har læst og forstået" not in client.get(ag.url).content.decode()


# -- what must be refused ------------------------------------------------------------------------


def test_a_revision_that_is_no_longer_current_is_refused(client, ag, byliv, learner):
    client.force_login(learner)
    seen = live(ag)
    edit_sections(ag, AG_UDE_2={"body": "<p>Ny tekst</p>"})
    response = client.post(URL.format(ag.pk), {"revision": seen}, follow=True)
    assert "Der er kommet en ny version af grundlaget" in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert Assignment.objects.get(person=learner).status == Status.NOT_STARTED


def test_an_unpublished_guideline_cannot_be_acknowledged(client, ag, byliv, learner):
    revision = live(ag)
    GuidelinePage.objects.get(pk=ag.pk).unpublish()
    client.force_login(learner)
    assert client.post(URL.format(ag.pk), {"revision": revision}).status_code == 404
    with pytest.raises(AcknowledgementRefused):
        acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=revision)
    assert not Acknowledgement.objects.exists()


def test_another_persons_requirement_is_refused(client, ag, byliv, learner, caseworker):
    theirs = Assignment.objects.get(person=caseworker)
    client.force_login(learner)
    response = client.post(
        URL.format(ag.pk), {"revision": live(ag), "assignment": theirs.pk}, follow=True
    )
    assert "Kravet er ikke dit" in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert set(Assignment.objects.values_list("status", flat=True)) == {Status.NOT_STARTED}


def test_without_a_requirement_nothing_is_recorded(client, ag, byliv, outsider):
    client.force_login(outsider)
    response = client.post(URL.format(ag.pk), {"revision": live(ag)}, follow=True)
    assert "Du har intet krav om at bekræfte" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_a_forged_form_without_csrf_is_refused(ag, byliv, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(URL.format(ag.pk), {"revision": live(ag)}).status_code == 403
    assert not Acknowledgement.objects.exists()


@pytest.mark.parametrize("revision", ["", "abc", "-1", "9" * 40])
def test_a_garbled_revision_is_refused_without_a_500(client, ag, byliv, learner, revision):
    client.force_login(learner)
    response = client.post(URL.format(ag.pk), {"revision": revision}, follow=True)
    assert response.status_code == 200
    assert not Acknowledgement.objects.exists()


def test_get_and_anonymous_are_refused(client, ag, byliv, learner):
    response = client.post(URL.format(ag.pk), {"revision": live(ag)})
    assert response.status_code == 302 and "/log-ind/" in response["Location"]
    client.force_login(learner)
    assert client.get(URL.format(ag.pk)).status_code == 405
    assert not Acknowledgement.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_presses_at_once_record_one_acknowledgement_and_complete_once(tree, units, groups):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; run in the service leg")
    ag = guideline("AG-UDE", sections=2, title="Udeservering")
    person = UserFactory(org_unit=units["team"], job_title="Sagsbehandler")
    requirement = ack_requirement(ag, units)
    requirements_evaluate()
    revision = live(ag)
    barrier = threading.Barrier(12)
    errors: list[BaseException] = []

    def press():
        try:
            barrier.wait(timeout=10)
            acknowledgement_record(
                user=User.objects.get(pk=person.pk), guideline_id=ag.pk, revision_id=revision
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert Acknowledgement.objects.count() == 1
    assert Assignment.objects.get(person=person).status == Status.COMPLETED
    assert count(requirement, units["tmf"], Status.COMPLETED) == 1
    assert count(requirement, units["tmf"], Status.NOT_STARTED) == 0


# -- a material change asks again ----------------------------------------------------------------


def _publish_change(ag: GuidelinePage) -> GuidelineChange:
    edit_sections(ag, AG_UDE_3={"body": "<p>Gangbanen er 3 fliser bred.</p>"})
    return GuidelineChange.objects.get(page=ag)


def test_a_material_change_asks_again_exactly_those_who_acknowledged_the_old_revision(
    ag, byliv, learner, caseworker, jurist, units
):
    latecomer = UserFactory(username="birgitte", org_unit=units["team"], job_title="Sagsbehandler")
    requirements_evaluate()
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    change = _publish_change(ag)
    # Confirmed the new version before the jurists decided: not asked again.
    acknowledgement_record(user=latecomer, guideline_id=ag.pk, revision_id=live(ag))
    guideline_change_decide(change=change, kind=GuidelineChange.Kind.MATERIAL, user=jurist)

    current = {
        a.person.username: a for a in Assignment.objects.select_related("person").order_by("cycle")
    }
    assert current["medarbejder"].cycle == 2
    assert current["medarbejder"].status == Status.NOT_STARTED
    assert current["medarbejder"].due_at == timezone.localdate() + dt.timedelta(days=30)
    assert current["birgitte"].cycle == 1 and current["birgitte"].status == Status.COMPLETED
    # sara never acknowledged: her first cycle is still the one to meet.
    assert current["sara"].cycle == 1 and current["sara"].status == Status.NOT_STARTED
    assert count(byliv, units["tmf"], Status.COMPLETED) == 1
    assert count(byliv, units["tmf"], Status.NOT_STARTED) == 2
    # The same decision again opens nothing; the reopen itself is idempotent too.
    guideline_change_decide(change=change, kind=GuidelineChange.Kind.MATERIAL, user=jurist)
    assert acknowledgements_reopen(change=change) == 0
    assert Assignment.objects.filter(cycle=2).count() == 1

    # The learner reads the new version and confirms it: a new record, the new cycle done.
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    assert Acknowledgement.objects.filter(person=learner).count() == 2
    assert Assignment.objects.get(person=learner, cycle=2).status == Status.COMPLETED


def test_an_editorial_change_asks_nobody_again(ag, byliv, learner, jurist):
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    change = _publish_change(ag)
    guideline_change_decide(change=change, kind=GuidelineChange.Kind.EDITORIAL, user=jurist)
    assert Assignment.objects.filter(cycle__gt=1).count() == 0


def test_the_page_tells_a_reader_who_confirmed_an_older_version(client, ag, byliv, learner, jurist):
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    guideline_change_decide(change=_publish_change(ag), kind="material", user=jurist)
    client.force_login(learner)
    page = client.get(ag.url).content.decode()
    assert "Grundlaget er siden ændret væsentligt" in page
    assert "Jeg har læst og forstået" in page


def test_evaluation_credits_an_acknowledgement_of_the_live_revision(ag, byliv, learner, units):
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    second = ack_requirement(ag, units, name="Læst og forstået for hele centret", job_titles="")
    result = requirements_evaluate()
    assert result.credited == 1
    cycle = Assignment.objects.get(person=learner, requirement=second)
    assert cycle.status == Status.COMPLETED
    assert cycle.completed_at == Acknowledgement.objects.get().acknowledged_at
    assert count(second, units["tmf"], Status.COMPLETED) == 1


# -- what HR, the manager and the evidence view see ------------------------------------------------


@pytest.fixture
def acknowledged(ag, byliv, learner):
    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    return Acknowledgement.objects.get()


def test_hr_sees_the_version_in_the_list_the_export_and_the_person_record(
    client, hr_admin, acknowledged, byliv, learner
):
    client.force_login(hr_admin)
    version = f"rev. {acknowledged.revision_id}"
    html = client.get(f"/admin/tildelinger/?requirement={byliv.pk}").content.decode()
    assert f"Gennemført – {version}" in html
    csv = b"".join(client.get("/admin/tildelinger/?export=csv").streaming_content).decode()
    header, *rows = csv.strip().splitlines()
    assert header.endswith("Version (læst og forstået)")
    assert any(row.endswith(version) for row in rows)
    record = client.get(f"/admin/tildelinger/person/{learner.pk}/").content.decode()
    assert version in record
    rollup = client.get(f"/admin/overholdelse/?requirement={byliv.pk}").content.decode()
    assert "Center for Byliv" in rollup


def test_the_version_label_is_shown_when_the_guideline_has_one(client, hr_admin, ag, units):
    page = GuidelinePage.objects.get(pk=ag.pk)
    page.version_label = "3"
    page.save_revision().publish()
    person = UserFactory(org_unit=units["team"], job_title="Sagsbehandler")
    ack_requirement(ag, units)
    requirements_evaluate()
    acknowledgement_record(user=person, guideline_id=ag.pk, revision_id=live(ag))
    client.force_login(hr_admin)
    html = client.get(f"/admin/tildelinger/person/{person.pk}/").content.decode()
    assert f"3 (rev. {live(ag)})" in html


def test_the_manager_sees_the_version_on_the_team_page(client, manager, acknowledged):
    client.force_login(manager)
    html = client.get("/mit-team/").content.decode()
    assert "Læst og forstået: Udeservering" in html
    assert f"version rev. {acknowledged.revision_id}" in html


def test_the_evidence_view_names_the_acknowledged_revision(acknowledged, learner):
    rows = evidence_for(person=learner, on=timezone.localdate()).rows
    row = next(r for r in rows if r.kind == "læst og forstået")
    assert row.revision_id == acknowledged.revision_id
    assert row.title == "Udeservering"
    assert str(acknowledged.revision_id) in row.revision_url


def test_the_persons_data_export_lists_acknowledgements(acknowledged, learner):
    exported = personal_data_exporters()["læst og forstået"](learner)
    assert exported == [
        {
            "administrationsgrundlag": "Udeservering",
            "version": f"rev. {acknowledged.revision_id}",
            "læst og forstået": acknowledged.acknowledged_at.isoformat(),
        }
    ]


def test_the_reminder_asks_to_confirm_reading_not_to_take_a_course(
    ag, byliv, learner, mailoutbox, django_capture_on_commit_callbacks
):
    Assignment.objects.filter(person=learner).update(
        due_at=timezone.localdate() + dt.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send()
    mail = next(m for m in mailoutbox if learner.email in m.to)
    assert "Læst og forstået: Udeservering" in mail.subject
    assert "bekræfte, at du har læst og forstået" in mail.body
    assert ag.url in mail.body


def test_a_new_section_decided_material_asks_again(ag, byliv, learner, jurist):
    from guidelines.models import GuidelineSection
    from tests.factories import publish

    acknowledgement_record(user=learner, guideline_id=ag.pk, revision_id=live(ag))
    page = GuidelinePage.objects.get(pk=ag.pk)
    page.sections = [
        *page.sections.all(),
        GuidelineSection(key="AG-UDE-4", heading="Ny regel", body="<p>Ny</p>", sort_order=3),
    ]
    publish(page)
    change = GuidelineChange.objects.get(page=ag)
    guideline_change_decide(change=change, kind=GuidelineChange.Kind.MATERIAL, user=jurist)
    assert Assignment.objects.get(person=learner, cycle=2).status == Status.NOT_STARTED
