"""The report filters' lean select draws what Django's own Select draws."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test.html import parse_html

from compliance.filters import FastSelect, ShortModelChoiceFilter
from people.models import OrgUnit


def squeeze(html: str) -> str:
    """Django's templates put each option on its own line; compare without that whitespace."""
    return re.sub(r">\s+<", "><", html.strip())


def same_html(a: str, b: str) -> bool:
    """Equal as HTML: the same elements, attributes (in any order) and text."""
    return parse_html(squeeze(a)) == parse_html(squeeze(b))


CHOICES = [
    ("", "---------"),
    ("a", "Team <Nord> & Syd"),
    ("Centre", [("b", "Center 1"), ("c", "\u2003Team 2")]),
    (7, "Syv"),
]


@pytest.mark.parametrize("value", [None, "", "a", "c", 7])
def test_fast_select_renders_like_djangos_select(value):
    attrs = {"id": "id_unit", "aria-describedby": "hjaelp", "required": True, "disabled": False}
    django_html = forms.Select(choices=CHOICES).render("unit", value, attrs=attrs)
    fast_html = FastSelect(choices=CHOICES).render("unit", value, attrs=attrs)
    assert same_html(fast_html, django_html)


@pytest.mark.django_db
def test_a_short_model_choice_filter_draws_its_choices_with_one_query(
    django_assert_num_queries,
):
    root = OrgUnit.add_root(code="KK", name="Københavns Kommune")
    team = root.add_child(code="TMF", name="Teknik- og Miljøforvaltningen")
    field = ShortModelChoiceFilter(queryset=OrgUnit.objects.order_by("path")).field
    form = forms.Form(data={"unit": str(team.pk)})
    form.fields["unit"] = field
    assert form.is_valid() and form.cleaned_data["unit"] == team
    with django_assert_num_queries(1):  # Django's own iterator: DECLARE, FETCH and CLOSE on PG
        html = str(form["unit"])
    assert squeeze(html).count("<option") == 3
    assert f'<option value="{team.pk}" selected>Teknik- og Miljøforvaltningen</option>' in html


@pytest.mark.django_db
def test_with_a_label_field_the_choices_are_read_without_model_instances(
    django_assert_num_queries,
):
    root = OrgUnit.add_root(code="KK", name="Københavns Kommune")
    team = root.add_child(code="TMF", name="Teknik- og Miljøforvaltningen")
    field = ShortModelChoiceFilter(
        queryset=OrgUnit.objects.order_by("path"), label_field="name"
    ).field
    with django_assert_num_queries(1) as ctx:
        choices = [choice for choice in field.choices]  # noqa: C416 - list() would ask len()
    assert '"people_orgunit"."path",' not in ctx.captured_queries[0]["sql"]  # pk and name only
    assert choices == [("", "---------"), (root.pk, root.name), (team.pk, team.name)]
    form = forms.Form(data={"unit": str(team.pk)})
    form.fields["unit"] = field
    assert form.is_valid() and form.cleaned_data["unit"] == team
    assert f'<option value="{team.pk}" selected>' in str(form["unit"])
