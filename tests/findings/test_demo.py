"""The demo's ten findings: FVL § 19 is at the top of "Jura i praksis" for Center for Byliv."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from findings.models import Finding
from findings.selectors import practice_rows
from people.models import OrgUnit


def test_the_demo_has_ten_findings_and_fvl_19_tops_byliv(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    assert Finding.objects.count() == 10
    byliv = OrgUnit.objects.get(code="BA-BYLIV")
    rows = practice_rows(unit=byliv)
    assert rows[0].reference == "FVL § 19, stk. 1"
    assert {r.key for r in practice_rows(unit=OrgUnit.objects.get(code="BA-BYGNINGER"))} == {
        "OFL-36"
    }
