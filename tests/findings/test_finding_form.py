"""A jurist records a finding in the admin; each rule of the issue's "Bad input" is refused with
a Danish message and nothing is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from findings.models import Finding, FindingCitation
from people.roles import JURIST, LEARNER
from tests.factories import UserFactory, unit

ADD_URL = "/admin/snippets/findings/finding/add/"


def _data(*, units, provisions, found_on=None, summary="Afgørelsen manglede en begrundelse."):
    data = nested_form_data(
        {
            "source": Finding.Source.FOKUS,
            "found_on": (found_on or timezone.localdate()).isoformat(),
            "severity": Finding.Severity.HENSTILLING,
            "summary": summary,
            "reference": "FOKUS 2025",
            "citations": streamfield(
                [("citation", {"section": "", "provision": p.pk, "note": ""}) for p in provisions]
            ),
        }
    )
    data["units"] = [u.pk for u in units]
    return data


@pytest.fixture
def posted(client, jurist):
    client.force_login(jurist)
    return client


def test_a_jurist_records_a_finding_and_its_citations_are_indexed(posted, units, provisions):
    response = posted.post(
        ADD_URL, _data(units=[units["centre"]], provisions=[provisions["fvl19"]])
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert list(finding.units.all()) == [units["centre"]]
    assert list(FindingCitation.objects.values_list("provision_id", flat=True)) == [
        provisions["fvl19"].pk
    ]


def test_the_form_says_no_personal_data_belongs_here(posted):
    html = posted.get(ADD_URL).content.decode()
    assert "Ingen personoplysninger om borgere" in html


@contextlib.contextmanager
def _logged():
    """Every log line written inside the block (caplog is off in the PostgreSQL leg)."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler, root = Collect(logging.DEBUG), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no_provision", "Henvis til mindst én lovbestemmelse eller ét afsnit."),
        ("no_unit", "Vælg mindst én enhed."),
        ("future", "Datoen må ikke ligge i fremtiden."),
        ("cpr", "Resuméet ser ud til at indeholde et CPR-nummer."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(posted, units, provisions, case, message):
    kwargs = {"units": [units["centre"]], "provisions": [provisions["fvl19"]]}
    if case == "no_provision":
        kwargs["provisions"] = []
    if case == "no_unit":
        kwargs["units"] = []
    if case == "future":
        kwargs["found_on"] = timezone.localdate() + dt.timedelta(days=1)
    if case == "cpr":
        kwargs["summary"] = "Borgeren med cpr 010190-1234 blev ikke hørt."
    with _logged() as lines:
        response = posted.post(ADD_URL, _data(**kwargs))
    assert response.status_code == 200
    # a StreamField's error is rendered by its JavaScript from JSON: read it from the form
    assert message in str(response.context["form"].errors)
    assert not Finding.objects.exists()
    assert not any("010190" in line for line in lines)


def test_a_unit_outside_the_authors_scope_is_refused(client, units, groups, provisions):
    other_root = unit("KFF", "Kultur- og Fritidsforvaltningen")
    jurist = UserFactory(username="jurist-kff", org_unit=other_root, is_staff=True)
    jurist.groups.add(groups[LEARNER], groups[JURIST])
    client.force_login(jurist)
    response = client.post(
        ADD_URL, _data(units=[units["centre"]], provisions=[provisions["fvl19"]])
    )
    assert response.status_code == 200
    assert "Du kan ikke registrere fund for Center for Byliv." in response.content.decode()
    assert not Finding.objects.exists()


def test_hr_reads_findings_but_cannot_add_them(client, hr, jurist, units, provisions):
    from tests.findings.conftest import add_finding

    finding = add_finding(by=jurist, units=[units["centre"]], targets=[provisions["fvl19"]])
    client.force_login(hr)
    assert client.get("/admin/snippets/findings/finding/").status_code == 200
    assert client.get(f"/admin/snippets/findings/finding/inspect/{finding.pk}/").status_code == 200
    assert client.get(ADD_URL).status_code in (302, 403)
    assert client.get(f"/admin/snippets/findings/finding/edit/{finding.pk}/").status_code in (
        302,
        403,
    )


def test_learners_never_see_findings(client, learner):
    client.force_login(learner)
    response = client.get("/admin/snippets/findings/finding/")
    assert response.status_code in (302, 403)
