"""HR data is never lost to a careless file: absent columns keep what Paragraf has, empty
optional OPUS elements mean "not given", an older OPUS delta cannot resurrect a leaver, a
cancelled contract ends the engagement, and every message is Danish."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from compliance.models import Assignment, Requirement
from compliance.services import requirements_evaluate
from people.importers import ImportInvalid, employees_import
from people.models import OrgUnit, User
from tests.compliance.conftest import requirement
from tests.factories import course
from tests.people.test_import_employees import ROWS, csv_bytes

TODAY = dt.date(2025, 3, 1)

# The KMD OPUS delta export (ZLPE…_delta.xml) as OS2mo's OPUS importer reads it: orgUnit and
# employee elements with attributes id, client, lastChanged (and action="leave"); CPR and pay
# elements are in the file but never read. Optional elements left empty, as real exports do.
OPUS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<kmd productionDate="2025-03-01">\n'
OPUS_UNITS = """
  <orgUnit id="100" client="751" lastChanged="2024-01-01"><startDate>2000-01-01</startDate>
    <endDate>9999-12-31</endDate><shortName>TMF</shortName><longName>Teknik- og Miljøforvaltningen</longName>
    <orgType>3</orgType><orgTypeTxt>Forvaltning</orgTypeTxt><street/><zipCode/><city/></orgUnit>
  <orgUnit id="101" client="751" lastChanged="2024-01-01"><startDate>2000-01-01</startDate>
    <endDate>9999-12-31</endDate><parentOrgUnit>100</parentOrgUnit><shortName>BYLIV</shortName>
    <longName>Center for Byliv</longName><orgTypeTxt>Center</orgTypeTxt></orgUnit>
"""


@pytest.fixture(autouse=True, params=["whole", "delta"])
def planning(request, monkeypatch):
    """Every test twice: the file planned from every person, and planned as a delta (from the
    people it names and their manager chains, people.importers.load._named_numbers)."""
    from people.importers import load

    monkeypatch.setattr(load, "DELTA_SHARE", 0 if request.param == "delta" else 10**9)
    return request.param


def opus_employee(
    number: str,
    *,
    changed: str = "2025-02-01",
    entry: str = "<entryDate>2024-05-01</entryDate>",
    contract: str = "Månedsløn",
    action: str = "",
    body: str | None = None,
) -> str:
    attributes = f' id="{number}" client="751" lastChanged="{changed}"'
    if action:
        attributes += f' action="{action}"'
    if body is None:
        body = (
            f"{entry}<leaveDate>9999-12-31</leaveDate><cpr>0101709999</cpr>"
            "<firstName>Pia</firstName><lastName>Sag</lastName><email/>"
            "<position>Sagsbehandler</position><positionShort/><isManager>false</isManager>"
            f"<orgUnit>101</orgUnit><workContract>01</workContract>"
            f"<workContractText>{contract}</workContractText><payGradeText/>"
        )
    return f"  <employee{attributes}>{body}</employee>\n"


def opus(*employees: str, units: str = OPUS_UNITS) -> bytes:
    return (OPUS_HEAD + units + "".join(employees) + "</kmd>\n").encode()


# --- CSV: absent columns keep what Paragraf has ----------------------------------------------


@pytest.mark.django_db
def test_a_csv_with_only_the_required_columns_keeps_titles_manager_flags_and_unit_names():
    employees_import(data=csv_bytes(), today=TODAY)
    before = {
        u.employee_number: (u.job_title, u.is_manager, u.email, u.org_unit.name)
        for u in User.objects.select_related("org_unit")
    }
    required = "medarbejdernr;fornavn;efternavn;enhedskode;startdato"
    rows = [";".join([r.split(";")[i] for i in (0, 1, 2, 4, 9)]) for r in ROWS]
    summary = employees_import(data=csv_bytes(rows, header=required), today=TODAY)
    assert summary.rows_written == 0
    after = {
        u.employee_number: (u.job_title, u.is_manager, u.email, u.org_unit.name)
        for u in User.objects.select_related("org_unit")
    }
    assert after == before
    assert before["5002"] == ("Centerchef", True, "bo@kk.dk", "Teknik og Miljø")
    assert (
        "Kolonnen “stilling” findes ikke i filen — eksisterende værdier bevares." in summary.notes
    )
    assert any("“enhedsnavn”" in note for note in summary.notes)


@pytest.mark.django_db
def test_a_column_that_is_present_and_empty_clears_the_field():
    employees_import(data=csv_bytes(), today=TODAY)
    rows = [r.replace(";Sagsbehandler;", ";;") for r in ROWS]
    employees_import(data=csv_bytes(rows), today=TODAY)
    assert User.objects.get(employee_number="5003").job_title == ""
    assert User.objects.get(employee_number="5002").job_title == "Centerchef"


@pytest.mark.django_db
def test_a_new_unit_without_a_name_column_is_named_by_its_code():
    required = "medarbejdernr;fornavn;efternavn;enhedskode;startdato"
    employees_import(data=csv_bytes(["7001;Ny;Person;NY-ENHED;01-01-2024"], header=required))
    assert OrgUnit.objects.get(code="NY-ENHED").name == "NY-ENHED"


@pytest.mark.django_db
def test_a_name_longer_than_the_field_is_refused_with_its_row_not_truncated():
    long_name = "A" * 151
    rows = [*ROWS[:2], f"5003;{long_name};Øst;c@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;X;nej;15-08-2024;;"]
    with pytest.raises(ImportInvalid) as refused:
        employees_import(data=csv_bytes(rows), today=TODAY)
    assert "Række 4, fornavn: er for lang (151 tegn, højst 150)" in refused.value.errors
    assert not User.objects.exists()


# --- OPUS: empty optional elements, annulments, stale deltas, unknown leavers ----------------


@pytest.mark.django_db
def test_an_opus_employee_with_an_empty_entry_date_is_imported_with_an_unknown_start():
    summary = employees_import(
        data=opus(opus_employee("900", entry="<entryDate/>")), fmt="opus", today=TODAY
    )
    pia = User.objects.get(employee_number="900")
    assert pia.is_active and pia.start_date is None and pia.first_seen == TODAY
    assert pia.email == "" and pia.job_title == "Sagsbehandler"
    assert any("startdato ukendt — regnes fra indlæsningen" in note for note in summary.notes)


@pytest.mark.django_db
def test_start_date_requirements_count_from_the_day_paragraf_first_saw_the_person(tree):
    employees_import(data=opus(opus_employee("900", entry="<entryDate/>")), fmt="opus")
    onboarding = course(title="Onboarding", modules=1, lessons=1)
    req = requirement(onboarding, trigger=Requirement.Trigger.START_DATE, due_days=30)
    requirements_evaluate()
    assignment = Assignment.objects.get(person__employee_number="900", requirement=req)
    first_seen = User.objects.get(employee_number="900").first_seen
    assert assignment.due_at == first_seen + dt.timedelta(days=30)


@pytest.mark.django_db
def test_empty_optional_elements_keep_what_an_existing_person_has():
    employees_import(data=opus(opus_employee("900")), fmt="opus", today=TODAY)
    User.objects.filter(employee_number="900").update(email="pia@kk.dk")
    body = (
        "<entryDate/><leaveDate/><firstName>Pia</firstName><lastName>Sag</lastName><email/>"
        "<position/><isManager/><orgUnit>101</orgUnit><workContractText>Månedsløn</workContractText>"
    )
    employees_import(
        data=opus(opus_employee("900", changed="2025-02-10", body=body)), fmt="opus", today=TODAY
    )
    pia = User.objects.get(employee_number="900")
    assert (pia.email, pia.job_title, pia.start_date) == (
        "pia@kk.dk",
        "Sagsbehandler",
        dt.date(2024, 5, 1),
    )


@pytest.mark.django_db
def test_a_missing_required_element_refuses_the_whole_file_naming_element_and_employee():
    body = "<entryDate>2024-05-01</entryDate><lastName>Sag</lastName><orgUnit>101</orgUnit>"
    with pytest.raises(ImportInvalid) as refused:
        employees_import(
            data=opus(opus_employee("900"), opus_employee("901", body=body)), fmt="opus"
        )
    assert "Medarbejder nr. 2 (id 901), firstName: skal udfyldes" in refused.value.errors
    assert not User.objects.exists() and not OrgUnit.objects.exists()


@pytest.mark.django_db
def test_an_annulled_contract_ends_an_engagement_paragraf_already_has():
    employees_import(data=opus(opus_employee("900")), fmt="opus", today=TODAY)
    only_annulment = opus(
        opus_employee("900", changed="2025-02-20", contract="Annulleret"), units=""
    )
    preview = employees_import(data=only_annulment, fmt="opus", dry_run=True, today=TODAY)
    assert preview.people_deactivated == 1
    assert any("kontrakten er annulleret — ansættelsen afsluttes" in n for n in preview.notes)
    assert User.objects.get(employee_number="900").is_active
    employees_import(data=only_annulment, fmt="opus", today=TODAY)
    assert not User.objects.get(employee_number="900").is_active


@pytest.mark.django_db
def test_an_annulled_contract_for_someone_new_creates_nobody_and_is_listed():
    summary = employees_import(
        data=opus(opus_employee("903", contract="Annulleret")), fmt="opus", today=TODAY
    )
    assert not User.objects.filter(employee_number="903").exists()
    assert any("annulleret kontrakt for en ukendt medarbejder" in n for n in summary.notes)


@pytest.mark.django_db
def test_an_older_delta_imported_after_a_newer_one_does_not_resurrect_a_leaver():
    employees_import(data=opus(opus_employee("900", changed="2025-01-10")), fmt="opus", today=TODAY)
    leave = opus_employee(
        "900",
        changed="2025-02-15",
        action="leave",
        body="<leaveDate>2025-02-14</leaveDate>",
    )
    employees_import(data=opus(leave, units=""), fmt="opus", today=TODAY)
    assert not User.objects.get(employee_number="900").is_active
    stale = opus(opus_employee("900", changed="2025-01-10"))
    summary = employees_import(data=stale, fmt="opus", today=TODAY)
    pia = User.objects.get(employee_number="900")
    assert not pia.is_active and pia.end_date == dt.date(2025, 2, 14)
    assert any("ældre end det indlæste" in note for note in summary.notes)


@pytest.mark.django_db
def test_a_leave_record_for_someone_paragraf_never_knew_is_listed_not_dropped_silently():
    leave = opus_employee("999", action="leave", body="<leaveDate>2025-02-14</leaveDate>")
    summary = employees_import(data=opus(leave, units=""), fmt="opus", today=TODAY)
    assert any("ukendt fratrådt: ignoreret" in note for note in summary.notes)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_opus_name_longer_than_the_field_is_refused():
    body = (
        "<entryDate>2024-05-01</entryDate><firstName>Pia</firstName>"
        f"<lastName>{'S' * 151}</lastName><orgUnit>101</orgUnit>"
    )
    with pytest.raises(ImportInvalid) as refused:
        employees_import(data=opus(opus_employee("900", body=body)), fmt="opus")
    assert any("lastName: er for lang (151 tegn, højst 150)" in e for e in refused.value.errors)


@pytest.mark.parametrize(
    "payload",
    [
        '<?xml version="1.0"?><!DOCTYPE kmd [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<kmd><employee id='1'><firstName>&xxe;</firstName></employee></kmd>",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><kmd>&lol2;</kmd>',
    ],
    ids=["xxe", "billion-laughs"],
)
@pytest.mark.django_db
def test_forbidden_xml_is_refused_in_danish_with_the_detail_only_in_the_log(payload):
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("people.importers.opus")
    logger.addHandler(handler)
    try:
        with pytest.raises(ImportInvalid) as refused:
            employees_import(data=payload.encode(), fmt="opus")
    finally:
        logger.removeHandler(handler)
    message = refused.value.errors[0]
    assert message.startswith("Filen er afvist: den indeholder XML-konstruktioner")
    assert "Entities" not in message and "DTD" in message  # Danish text, no library English
    assert any("OPUS file refused" in record.getMessage() for record in records)


@pytest.mark.django_db
def test_without_the_end_date_column_a_past_end_date_stays_and_the_leaver_stays_inactive():
    rows = [
        *ROWS[:3],
        "5004;Dan;Dyb;d@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;;01-09-2024;31-12-2024;5002",
    ]
    employees_import(data=csv_bytes(rows), today=TODAY)
    assert not User.objects.get(employee_number="5004").is_active
    required = "medarbejdernr;fornavn;efternavn;enhedskode;startdato"
    short = [";".join([r.split(";")[i] for i in (0, 1, 2, 4, 9)]) for r in rows]
    employees_import(data=csv_bytes(short, header=required), today=TODAY)
    dan = User.objects.get(employee_number="5004")
    assert not dan.is_active and dan.end_date == dt.date(2024, 12, 31)
    assert User.objects.get(employee_number="5003").is_active
