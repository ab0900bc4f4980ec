"""seed_demo's history files: historik.csv is refused with its three wrong lines named, and
historik-rettet.csv imports all 300 rows (once: a second load adds nothing)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from compliance.history_import import history_import
from compliance.models import ImportedCompletion
from people.importers import ImportInvalid


@pytest.mark.django_db
def test_the_demo_history_file_is_refused_with_line_numbers_and_the_fixed_one_imports(
    settings, tmp_path
):
    settings.PARAGRAF_ALLOW_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    wrong = (tmp_path / "demo" / "historik.csv").read_bytes()
    fixed = (tmp_path / "demo" / "historik-rettet.csv").read_bytes()
    assert len(fixed.decode("utf-8-sig").splitlines()) == 301

    with pytest.raises(ImportInvalid) as refused:
        history_import(data=wrong, file_name="historik.csv")
    errors = refused.value.errors
    assert len(errors) == 3
    assert errors[0].startswith("Række 41, medarbejdernr: ukendt medarbejder “999999”")
    assert errors[1].startswith("Række 120, gennemført:") and "fremtiden" in errors[1]
    assert errors[2] == "Række 250, point: må ikke være negativ (-10)"
    assert not ImportedCompletion.objects.exists()

    certificates = Certificate.objects.count()
    summary = history_import(data=fixed, file_name="historik-rettet.csv")
    assert summary.imported == 300
    assert summary.cycles_completed > 0
    assert history_import(data=fixed, file_name="historik-rettet.csv").imported == 0
    # seed_demo again issues no certificate for an imported completion
    call_command("seed_demo", stdout=StringIO())
    assert Certificate.objects.count() == certificates
