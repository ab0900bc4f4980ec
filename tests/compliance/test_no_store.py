"""Pages and downloads with personal data are never kept by a browser or a shared cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compliance.services import requirements_evaluate


@pytest.fixture
def evaluated(learner, manager, onboarding_requirement):
    requirements_evaluate()


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives and "private" in directives


@pytest.mark.parametrize(
    "url", ["/min-data/", "/min-data/json/", "/min-data/csv/", "/mine-kurser/"]
)
def test_the_learners_own_data_is_not_cached(client, learner, url):
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code == 200
    assert no_store(response), response.get("Cache-Control")


def test_the_team_view_is_not_cached(client, manager, evaluated):
    client.force_login(manager)
    response = client.get("/mit-team/")
    assert response.status_code == 200 and no_store(response)


@pytest.mark.parametrize(
    "name",
    ["rollup", "assignments", "person", "evidence", "person_search", "person_export"],
)
def test_hr_pages_and_exports_of_other_peoples_data_are_not_cached(
    client, hr_admin, learner, evaluated, name
):
    url = {
        "rollup": "/admin/overholdelse/",
        "assignments": "/admin/tildelinger/?export=csv",
        "person": f"/admin/tildelinger/person/{learner.pk}/",
        "evidence": reverse("paragraf_evidence") + f"?person={learner.employee_number}",
        "person_search": reverse("paragraf_person_search"),
        "person_export": reverse("paragraf_person_export", args=[learner.pk, "json"]),
    }[name]
    client.force_login(hr_admin)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert no_store(response), (url, response.get("Cache-Control"))


def test_public_pages_for_anonymous_visitors_keep_their_own_headers(client, db):
    assert not no_store(client.get("/tilgaengelighed/"))
