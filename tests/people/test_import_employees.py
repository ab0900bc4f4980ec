"""HR import: CSV and KMD OPUS files load, re-load without writes and reject bad input whole."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.management import call_command

from people.importers import ImportInvalid, employees_import
from people.models import OrgUnit, User

HEADER = "medarbejdernr;fornavn;efternavn;email;enhedskode;enhedsnavn;overordnet_enhedskode;stilling;leder;startdato;slutdato;leders_medarbejdernr"
ROWS = [
    "5001;Anne;Area;anne@kk.dk;KK;Københavns Kommune;;Direktør;ja;01-01-2010;;",
    "5002;Bo;Berg;bo@kk.dk;KK-TMF;Teknik og Miljø;KK;Centerchef;x;2015-03-01;;5001",
    "5003;Cæcilie;Øst;c@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;nej;15-08-2024;;5002",
    "5004;Dan;Dyb;d@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;;01-09-2024;;5002",
]


@pytest.fixture(autouse=True, params=["whole", "delta"])
def planning(request, monkeypatch):
    """Every test twice: the file planned from every person, and planned as a delta (from the
    people it names and their manager chains, people.importers.load._named_numbers)."""
    from people.importers import load

    monkeypatch.setattr(load, "DELTA_SHARE", 0 if request.param == "delta" else 10**9)
    return request.param


def csv_bytes(rows=ROWS, header=HEADER, encoding="utf-8-sig", sep=";") -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return text.replace(";", sep).encode(encoding)


def counts():
    return (
        User.objects.count(),
        OrgUnit.objects.count(),
        list(
            User.objects.order_by("pk").values_list(
                "employee_number", "is_active", "manager_id", "org_unit_id", "first_name"
            )
        ),
    )


@pytest.mark.django_db
def test_a_csv_creates_units_as_a_tree_and_people_with_their_managers():
    summary = employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    assert (summary.people_new, summary.units_new) == (4, 3)
    team = OrgUnit.objects.get(code="KK-TMF-T1")
    assert [u.code for u in team.get_ancestors()] == ["KK", "KK-TMF"]
    assert OrgUnit.find_problems() == ([], [], [], [], [])
    c = User.objects.get(employee_number="5003")
    assert c.first_name == "Cæcilie" and c.manager.employee_number == "5002"
    assert c.start_date == dt.date(2024, 8, 15) and not c.is_manager
    assert User.objects.get(employee_number="5002").manager_since == dt.date(2015, 3, 1)
    assert not c.has_usable_password()


@pytest.mark.django_db
def test_re_importing_the_same_file_writes_nothing(django_assert_max_num_queries):
    employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    with django_assert_max_num_queries(6):
        summary = employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    assert summary.rows_written == 0


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ","])
def test_excel_encodings_and_separators_all_load(encoding, sep):
    employees_import(data=csv_bytes(encoding=encoding, sep=sep), today=dt.date(2025, 1, 1))
    assert User.objects.get(employee_number="5003").last_name == "Øst"


@pytest.mark.django_db
def test_english_header_aliases_are_accepted():
    header = "employee_number,first_name,last_name,email,org_unit_code,org_unit_name,parent_unit_code,job_title,is_manager,start_date,end_date,manager_employee_number"
    employees_import(data=csv_bytes(header=header.replace(",", ";")), today=dt.date(2025, 1, 1))
    assert User.objects.filter(employee_number__in=["5001", "5004"]).count() == 2


@pytest.mark.django_db
def test_a_leaver_is_deactivated_with_the_end_date_and_never_deleted():
    employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    rows = [
        *ROWS[:3],
        "5004;Dan;Dyb;d@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;;01-09-2024;31-12-2024;5002",
    ]
    summary = employees_import(data=csv_bytes(rows), today=dt.date(2025, 1, 1))
    assert (summary.people_changed, summary.people_deactivated) == (1, 1)
    dan = User.objects.get(employee_number="5004")
    assert not dan.is_active and dan.end_date == dt.date(2024, 12, 31)


@pytest.mark.django_db
def test_becoming_a_manager_sets_manager_since_to_the_import_day():
    employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    rows = [
        *ROWS[:3],
        "5004;Dan;Dyb;d@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Teamleder;ja;01-09-2024;;5002",
    ]
    employees_import(data=csv_bytes(rows), today=dt.date(2025, 2, 3))
    assert User.objects.get(employee_number="5004").manager_since == dt.date(2025, 2, 3)


@pytest.mark.django_db
def test_dry_run_counts_but_writes_nothing():
    summary = employees_import(data=csv_bytes(), dry_run=True, today=dt.date(2025, 1, 1))
    assert (summary.people_new, summary.units_new) == (4, 3)
    assert User.objects.count() == 0 and OrgUnit.objects.count() == 0


BAD_FILES = {
    "wrong encoding": ("\n".join([HEADER, *ROWS]).encode("utf-16"), "UTF-8"),
    "missing column": (
        csv_bytes(header=HEADER.replace("startdato", "start")),
        "kolonnen mangler: startdato",
    ),
    "duplicate number": (csv_bytes([*ROWS, ROWS[3]]), "Række 6, medarbejdernr"),
    "unknown unit": (
        csv_bytes([*ROWS, "5005;E;F;;NOPE;Nope;GONE;;;01-01-2024;;"]),
        "Række 6, overordnet_enhedskode: ukendt enhed GONE",
    ),
    "unknown manager": (
        csv_bytes([*ROWS, "5005;E;F;;KK;KK;;;;01-01-2024;;7777"]),
        "Række 6, leders_medarbejdernr: ukendt medarbejder 7777",
    ),
    "manager cycle": (
        csv_bytes([ROWS[0].replace(";ja;01-01-2010;;", ";ja;01-01-2010;;5003"), *ROWS[1:]]),
        "ledelseskæden går i ring",
    ),
    "impossible date": (
        csv_bytes([*ROWS, "5005;E;F;;KK;KK;;;;31-02-2024;;"]),
        "Række 6, startdato: “31-02-2024” er ikke en gyldig dato",
    ),
    "end before start": (
        csv_bytes([*ROWS, "5005;E;F;;KK;KK;;;;01-02-2024;01-01-2024;"]),
        "Række 6, slutdato: ligger før startdatoen",
    ),
    "empty file": (b"", "Filen er tom"),
    "junk": (os.urandom(10 * 1024 * 1024), "UTF-8"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_rejected_whole_with_a_danish_line_per_row(case, units, tmp_path, capsys):
    employees_import(data=csv_bytes(ROWS[:2]), today=dt.date(2025, 1, 1))
    before = counts()
    data, message = BAD_FILES[case]
    with pytest.raises(ImportInvalid) as excinfo:
        employees_import(data=data, today=dt.date(2025, 1, 1))
    assert any(message in line for line in excinfo.value.errors), excinfo.value.errors
    assert counts() == before
    path = tmp_path / "hr.csv"
    path.write_bytes(data)
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_employees", str(path))
    assert exit_info.value.code == 1
    assert "Intet er gemt" in capsys.readouterr().err
    assert counts() == before


@pytest.mark.django_db
def test_junk_text_without_the_columns_is_rejected():
    with pytest.raises(ImportInvalid) as excinfo:
        employees_import(data=b"lorem ipsum;dolor\n" * 500_000)
    assert "kolonnen mangler" in excinfo.value.errors[0]


OPUS = """<?xml version="1.0" encoding="UTF-8"?>
<kmd productionDate="2025-01-01">
  <orgUnit id="1" client="751"><startDate>2000-01-01</startDate><endDate>9999-12-31</endDate>
    <shortName>KK</shortName><longName>Københavns Kommune</longName><orgTypeTxt>Kommune</orgTypeTxt></orgUnit>
  <orgUnit id="2"><startDate>2000-01-01</startDate><endDate>9999-12-31</endDate><parentOrgUnit>1</parentOrgUnit>
    <shortName>TMF</shortName><longName>Teknik- og Miljøforvaltningen</longName><orgTypeTxt>Forvaltning</orgTypeTxt></orgUnit>
  <employee id="900"><entryDate>2010-01-01</entryDate><leaveDate>9999-12-31</leaveDate><cpr>0101701234</cpr>
    <firstName>Ida</firstName><lastName>Chef</lastName><address>Vej 1</address><position>Direktør</position>
    <isManager>true</isManager><orgUnit>1</orgUnit><workContractText>Månedsløn</workContractText><salary>99</salary></employee>
  <employee id="901"><entryDate>2020-01-01</entryDate><firstName>Ole</firstName><lastName>Leder</lastName>
    <position>Centerchef</position><isManager>true</isManager><orgUnit>2</orgUnit><workContractText>Månedsløn</workContractText></employee>
  <employee id="902"><entryDate>2024-05-01</entryDate><firstName>Pia</firstName><lastName>Sag</lastName>
    <position>Sagsbehandler</position><isManager>false</isManager><orgUnit>2</orgUnit><workContractText>Månedsløn</workContractText></employee>
  <employee id="903"><entryDate>2024-05-01</entryDate><firstName>Aflyst</firstName><lastName>Kontrakt</lastName>
    <position>Sagsbehandler</position><orgUnit>2</orgUnit><workContractText>Annulleret</workContractText></employee>
</kmd>
"""


@pytest.mark.django_db
def test_an_opus_file_loads_units_people_and_derives_managers_from_units(tmp_path, capsys):
    path = tmp_path / "ZLPE20250101_delta.xml"
    path.write_text(OPUS, encoding="utf-8")
    call_command("import_employees", str(path), "--format", "opus")
    assert "3 nye" in capsys.readouterr().out
    pia = User.objects.get(employee_number="902")
    assert (
        pia.manager.employee_number == "901"
        and pia.org_unit.name == "Teknik- og Miljøforvaltningen"
    )
    assert User.objects.get(employee_number="901").manager.employee_number == "900"
    assert not User.objects.filter(employee_number="903").exists()
    assert "0101701234" not in str(list(User.objects.values_list()))
    call_command("import_employees", str(path))
    assert "0 nye, 0 ændrede" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_opus_leave_record_deactivates_the_person():
    employees_import(data=OPUS.encode(), fmt="opus", today=dt.date(2025, 1, 1))
    leave = (
        '<kmd><employee id="902" action="leave"><leaveDate>2025-01-31</leaveDate></employee></kmd>'
    )
    summary = employees_import(data=leave.encode(), fmt="opus", today=dt.date(2025, 2, 1))
    assert summary.people_deactivated == 1
    pia = User.objects.get(employee_number="902")
    assert not pia.is_active and pia.end_date == dt.date(2025, 1, 31) and pia.first_name == "Pia"


@pytest.mark.django_db
def test_an_opus_file_that_is_not_xml_is_rejected():
    with pytest.raises(ImportInvalid) as excinfo:
        employees_import(data=b"<kmd><orgUnit id='1'>", fmt="opus")
    assert "ikke gyldig XML (fejl i linje 1)" in excinfo.value.errors[0]
    assert "unclosed" not in excinfo.value.errors[0] and "no element" not in excinfo.value.errors[0]
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_a_delta_that_closes_a_manager_chain_into_a_ring_is_refused(planning):
    """Anne → Bo → Cæcilie exist (Cæcilie's manager Bo, Bo's manager Anne); a file of Anne alone
    naming Cæcilie as her manager closes the ring through people the file does not list."""
    employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    ring = ROWS[0].replace(";ja;01-01-2010;;", ";ja;01-01-2010;;5003")
    with pytest.raises(ImportInvalid) as refused:
        employees_import(data=csv_bytes([ring]), today=dt.date(2025, 1, 2))
    assert any("ledelseskæden går i ring" in line for line in refused.value.errors)
    assert User.objects.get(employee_number="5001").manager_id is None


@pytest.mark.django_db
def test_a_delta_names_a_manager_the_file_does_not_list(planning):
    employees_import(data=csv_bytes(), today=dt.date(2025, 1, 1))
    moved = "5004;Dan;Dyb;d@kk.dk;KK-TMF-T1;Team Ét;KK-TMF;Sagsbehandler;;01-09-2024;;5001"
    summary = employees_import(data=csv_bytes([moved]), today=dt.date(2025, 1, 2))
    assert summary.people_changed == 1
    dan = User.objects.get(employee_number="5004")
    assert dan.manager.employee_number == "5001"
