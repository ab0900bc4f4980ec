"""The historical completions import: each row becomes an imported, completed course run that
meets its requirement's cycle; bad files are refused whole with Danish line numbers; loading the
same file twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from certificates.models import Certificate
from compliance.history_import import history_import
from compliance.models import Assignment, ImportedCompletion, Requirement, Status, StatusCount
from compliance.services import requirements_evaluate
from courses.models import CourseRun
from courses.services import step_complete
from people.importers import ImportInvalid
from people.models import AuditEvent
from tests.compliance.conftest import requirement
from tests.factories import CourseRunFactory, UserFactory, course, lessons_of

TODAY = dt.date(2026, 12, 1)
HEADER = "medarbejdernr;kursus;gennemført;point;kursusbevis;gyldig_til\r\n"


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8-sig") -> bytes:
    return (header + "".join(f"{line}\r\n" for line in lines)).encode(encoding)


def load(data: bytes, **kwargs):
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("file_name", "historik.csv")
    return history_import(data=data, **kwargs)


def refused(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(ImportInvalid) as info:
        load(data, **kwargs)
    return info.value.errors


@pytest.fixture
def people(learner, manager):
    return learner, manager


@pytest.fixture
def onboarding(tree):
    page = course("Din start i TMF", modules=1, lessons=1)
    page.slug = "din-start"
    page.save()
    return page


@pytest.fixture
def yearly_course(tree):
    return course("Årlig GDPR", modules=1, lessons=1)


@pytest.mark.django_db
def test_each_row_becomes_an_imported_completed_run_and_meets_the_open_cycle(people, onboarding):
    learner, manager = people
    need = requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate(today=TODAY)
    data = csv_bytes(
        f"{learner.employee_number};din-start;15-03-2024;92,5;GAM-123;",
        f"{manager.employee_number};Din start i TMF;2024-04-02;;;",
    )

    summary = load(data)

    assert (summary.imported, summary.existing, summary.cycles_completed) == (2, 0, 2)
    run = CourseRun.objects.get(user=learner)
    assert run.source == CourseRun.Source.IMPORT
    assert timezone.localtime(run.completed_at).date() == dt.date(2024, 3, 15)
    detail = ImportedCompletion.objects.get(run=run)
    assert (detail.score, detail.old_certificate_number, detail.file_name, detail.line) == (
        Decimal("92.50"),
        "GAM-123",
        "historik.csv",
        2,
    )
    cycle = Assignment.objects.get(person=learner, requirement=need)
    assert cycle.status == Status.COMPLETED
    assert cycle.completed_at == run.completed_at
    # The materialised counts follow: the learner's team counts one completed cycle.
    assert (
        StatusCount.objects.get(
            unit=learner.org_unit, requirement=need, status=Status.COMPLETED
        ).count
        == 1
    )
    assert not Certificate.objects.exists()  # no certificate is invented
    assert AuditEvent.objects.filter(action="import", what__startswith="Historik").count() == 1


@pytest.mark.django_db
def test_loading_the_same_file_again_changes_nothing(people, onboarding):
    learner, manager = people
    requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    data = csv_bytes(
        f"{learner.employee_number};din-start;15-03-2024;;;",
        f"{manager.employee_number};din-start;02-04-2024;;;",
    )
    load(data)
    before = (CourseRun.objects.count(), ImportedCompletion.objects.count())

    again = load(data)

    assert (again.imported, again.existing, again.cycles_completed) == (0, 2, 0)
    assert (CourseRun.objects.count(), ImportedCompletion.objects.count()) == before
    assert "Række 2: findes allerede – springes over." in again.notes


@pytest.mark.django_db
def test_the_dry_run_counts_what_the_load_would_do_and_writes_nothing(people, onboarding):
    learner, _manager = people
    requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    summary = load(csv_bytes(f"{learner.employee_number};din-start;15-03-2024;;;"), dry_run=True)
    assert (summary.imported, summary.cycles_completed) == (1, 1)
    assert "Prøvekørsel" in summary.lines()[0]
    assert not CourseRun.objects.exists()
    assert not Assignment.objects.filter(status=Status.COMPLETED).exists()
    assert not AuditEvent.objects.filter(action="import").exists()


@pytest.mark.django_db
def test_every_bad_row_is_refused_with_its_line_number_and_nothing_is_written(people, onboarding):
    learner, manager = people
    CourseRunFactory(
        user=manager,
        course=onboarding,
        completed_at=timezone.make_aware(dt.datetime(2024, 5, 1, 10, 0)),
    )
    data = csv_bytes(
        f"{learner.employee_number};din-start;15-03-2024;;;",  # 2: fine
        "77777;din-start;15-03-2024;;;",  # 3: unknown person
        f"{learner.employee_number};ukendt-kursus;15-03-2024;;;",  # 4: unknown course
        f"{learner.employee_number};din-start;01-01-2027;;;",  # 5: future
        f"{learner.employee_number};din-start;10-03-2024;;;01-01-2024",  # 6: reversed
        f"{learner.employee_number};din-start;11-03-2024;-5;;",  # 7: negative score
        f"{learner.employee_number};din-start;12-03-2024;101;;",  # 8: over 100
        f"{learner.employee_number};din-start;15-03-2024;;;",  # 9: duplicate of line 2
        f"{manager.employee_number};din-start;01-05-2024;;;",  # 10: done in Paragraf
        f"{learner.employee_number};din-start;31-02-2024;;;",  # 11: no such date
    )

    errors = refused(data)
    text = "\n".join(errors)

    assert "Række 3, medarbejdernr: ukendt medarbejder “77777”" in text
    assert "Række 4, kursus: ukendt kursus “ukendt-kursus”" in text
    assert "Række 5, gennemført: 01-01-2027 ligger i fremtiden" in text
    assert "Række 6, gyldig_til: ligger før gennemførelsesdatoen" in text
    assert "Række 7, point: må ikke være negativ (-5)" in text
    assert "Række 8, point: må højst være 100 (101)" in text
    assert "Række 11, gennemført: “31-02-2024” er ikke en gyldig dato" in text
    assert not any(e.startswith("Række 2") for e in errors)
    assert not CourseRun.objects.filter(source=CourseRun.Source.IMPORT).exists()


@pytest.mark.django_db
def test_duplicates_are_refused_once_the_rows_themselves_are_sound(people, onboarding):
    learner, manager = people
    CourseRunFactory(
        user=manager,
        course=onboarding,
        completed_at=timezone.make_aware(dt.datetime(2024, 5, 1, 10, 0)),
    )
    errors = refused(
        csv_bytes(
            f"{learner.employee_number};din-start;15-03-2024;;;",
            f"{learner.employee_number};Din start i TMF;2024-03-15;;;",
            f"{manager.employee_number};din-start;01-05-2024;;;",
        )
    )
    assert errors == [
        "Række 3: samme medarbejder, kursus og dato som række 2",
        "Række 4: findes allerede som gennemførelse i Paragraf (samme medarbejder, kursus og dato)",
    ]
    assert not ImportedCompletion.objects.exists()


@pytest.mark.django_db
def test_a_title_shared_by_two_courses_must_be_given_by_slug(people, onboarding, tree):
    learner, _manager = people
    course("Din start i TMF", modules=1, lessons=1)
    errors = refused(csv_bytes(f"{learner.employee_number};Din start i TMF;15-03-2024;;;"))
    assert errors == [
        "Række 2, kursus: “Din start i TMF” passer på flere kurser – brug kursets slug"
    ]
    assert load(csv_bytes(f"{learner.employee_number};din-start;15-03-2024;;;")).imported == 1


@pytest.mark.django_db
def test_a_file_in_another_encoding_or_over_the_limit_is_refused(people, onboarding, settings):
    learner, _manager = people
    utf16 = csv_bytes(f"{learner.employee_number};din-start;15-03-2024;;;", encoding="utf-16")
    assert refused(utf16) == [
        "Filen er hverken UTF-8 eller Windows-1252. Gem den som CSV (UTF-8) i Excel."
    ]
    settings.PARAGRAF_HR_UPLOAD_MAX_MB = 1
    big = csv_bytes(*[f"{learner.employee_number};din-start;15-03-2024;;;"] * 40_000)
    assert refused(big) == ["Filen er for stor. Den må højst fylde 1 MB."]


@pytest.mark.django_db
def test_windows_1252_commas_and_absent_optional_columns_are_read(people, onboarding):
    learner, _manager = people
    onboarding.title = "Grundkursus i åbenhed"
    onboarding.save()
    data = csv_bytes(
        f"{learner.employee_number},Grundkursus i åbenhed,15-03-2024",
        header="Tjenestenummer,Kursus,Gennemført\r\n",
        encoding="cp1252",
    )
    summary = load(data)
    assert summary.imported == 1
    assert any("point" in note for note in summary.notes)
    detail = ImportedCompletion.objects.get()
    assert (detail.score, detail.old_certificate_number, detail.valid_until) == (None, "", None)


@pytest.mark.django_db
def test_an_xlsx_file_is_read_like_the_csv(people, onboarding):
    from openpyxl import Workbook

    learner, manager = people
    book = Workbook()
    sheet = book.active
    sheet.append(["Medarbejdernr", "Kursus", "Gennemført", "Point", "Kursusbevis", "Gyldig til"])
    sheet.append(
        [int(learner.employee_number), "din-start", dt.datetime(2024, 3, 15), 88, "X-1", None]
    )
    sheet.append(
        [manager.employee_number, "din-start", "02-04-2024", None, None, dt.date(2026, 4, 2)]
    )
    buffer = io.BytesIO()
    book.save(buffer)

    summary = load(buffer.getvalue(), fmt="xlsx", file_name="historik.xlsx")

    assert summary.imported == 2
    rows = dict(ImportedCompletion.objects.values_list("person__employee_number", "completed_on"))
    assert rows == {
        learner.employee_number: dt.date(2024, 3, 15),
        manager.employee_number: dt.date(2024, 4, 2),
    }
    assert ImportedCompletion.objects.get(person=manager).valid_until == dt.date(2026, 4, 2)


@pytest.mark.django_db
def test_the_next_recertification_is_due_from_the_imported_date(people, yearly_course):
    learner, _manager = people
    need = requirement(
        yearly_course,
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=30,
        recurrence=Requirement.Recurrence.MONTHS,
        recurrence_months=12,
    )
    requirements_evaluate(today=TODAY)
    done_on = TODAY - relativedelta(months=11, days=20)  # renewal window (30 days) has opened

    summary = load(
        csv_bytes(f"{learner.employee_number};{yearly_course.slug};{done_on:%d-%m-%Y};;;")
    )

    cycles = list(Assignment.objects.filter(person=learner, requirement=need).order_by("cycle"))
    assert [c.status for c in cycles] == [Status.COMPLETED, Status.NOT_STARTED]
    assert timezone.localtime(cycles[0].completed_at).date() == done_on
    assert cycles[1].due_at == done_on + relativedelta(months=12)
    assert summary.recertifications >= 1


@pytest.mark.django_db
def test_a_recent_completion_counts_and_no_new_cycle_opens(people, yearly_course):
    learner, _manager = people
    need = requirement(
        yearly_course,
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=30,
        recurrence=Requirement.Recurrence.MONTHS,
        recurrence_months=12,
    )
    done_on = TODAY - relativedelta(months=3)
    # The requirement was never evaluated: the import gives it its cycle first.
    load(csv_bytes(f"{learner.employee_number};{yearly_course.slug};{done_on:%d-%m-%Y};;;"))
    cycles = list(Assignment.objects.filter(person=learner, requirement=need))
    assert [(c.cycle, c.status) for c in cycles] == [(1, Status.COMPLETED)]
    # …and the evaluation on the day the renewal opens makes the next one due from it.
    opens = done_on + relativedelta(months=12) - dt.timedelta(days=30)
    requirements_evaluate(today=opens)
    latest = Assignment.objects.filter(person=learner, requirement=need).order_by("-cycle")[0]
    assert (latest.cycle, latest.due_at) == (2, done_on + relativedelta(months=12))


@pytest.mark.django_db
def test_an_expired_completion_is_kept_as_history_but_does_not_meet_the_requirement(
    people, yearly_course
):
    learner, _manager = people
    need = requirement(
        yearly_course,
        trigger=Requirement.Trigger.ASSIGNED,
        due_days=30,
        recurrence=Requirement.Recurrence.MONTHS,
        recurrence_months=12,
    )
    summary = load(csv_bytes(f"{learner.employee_number};{yearly_course.slug};01-01-2023;;;"))
    assert (summary.imported, summary.cycles_completed) == (1, 0)
    cycle = Assignment.objects.get(person=learner, requirement=need)
    assert cycle.status == Status.NOT_STARTED
    assert CourseRun.objects.filter(user=learner, source=CourseRun.Source.IMPORT).exists()


@pytest.mark.django_db
def test_the_newest_of_several_imported_dates_completes_the_cycle(people, onboarding):
    learner, _manager = people
    need = requirement(onboarding, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    load(
        csv_bytes(
            f"{learner.employee_number};din-start;01-02-2022;;;",
            f"{learner.employee_number};din-start;01-02-2024;;;",
            f"{learner.employee_number};din-start;01-02-2023;;;",
        )
    )
    cycle = Assignment.objects.get(person=learner, requirement=need)
    assert timezone.localtime(cycle.completed_at).date() == dt.date(2024, 2, 1)
    assert CourseRun.objects.filter(user=learner).count() == 3


@pytest.mark.django_db
def test_an_imported_run_never_takes_the_learners_new_steps(people, onboarding):
    learner, _manager = people
    load(csv_bytes(f"{learner.employee_number};din-start;01-02-2024;;;"))
    lesson = lessons_of(onboarding)[0]

    completion = step_complete(user=learner, page=lesson)

    assert completion.run.source == CourseRun.Source.PARAGRAF
    assert CourseRun.objects.filter(user=learner).count() == 2


@pytest.mark.django_db
def test_a_leaver_s_history_can_be_imported(onboarding, units):
    leaver = UserFactory(org_unit=units["team"], is_active=False)
    assert load(csv_bytes(f"{leaver.employee_number};din-start;01-02-2024;;;")).imported == 1
