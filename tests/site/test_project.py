from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_system_checks_pass():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Fails (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_unknown_page_gives_a_danish_404(client, tree):
    response = client.get("/kurser/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


def test_pages_declare_danish(client, tree):
    response = client.get("/log-ind/")
    assert '<html lang="da">' in response.content.decode()
