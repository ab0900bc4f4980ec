"""The dashboard's filters: unit (within what HR may see), requirement and date range, each
refused with a Danish message rather than an error page."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance.filters import FastSelect, ShortModelChoiceField
from compliance.models import Requirement
from people.models import OrgUnit, User
from people.scope import units_visible

#: The longest range a chart shows (60 monthly points).
MAX_YEARS = 5


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 12 months: from the first of the month eleven months back to today."""
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1), today


class UnitChoiceField(forms.Field):
    """A unit among those the form was given (``set_units``): drawn as the select's options and
    validated against the same list, so the units are read once (one query) for both."""

    widget = FastSelect
    default_error_messages = {
        "invalid_choice": _("Enheden findes ikke, eller du har ikke adgang til at se den.")
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.units: dict[str, OrgUnit] = {}

    def set_units(self, units: list[OrgUnit]) -> None:
        self.units = {str(u.pk): u for u in units}
        self.widget.choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        unit = self.units.get(str(value))
        if unit is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return unit


class DashboardFilterForm(forms.Form):
    unit = UnitChoiceField(label=_("Enhed (med underenheder)"), required=False)
    requirement = ShortModelChoiceField(
        label=_("Krav"),
        queryset=Requirement.objects.order_by("name"),
        required=False,
        empty_label=_("Alle krav"),
        label_field="name",
        widget=FastSelect,
        error_messages={"invalid_choice": _("Kravet findes ikke.")},
    )
    start = forms.DateField(
        label=_("Fra"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv fra-datoen som åååå-mm-dd.")},
    )
    end = forms.DateField(
        label=_("Til"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv til-datoen som åååå-mm-dd.")},
    )

    def __init__(self, data=None, *, user: User, **kwargs):
        super().__init__(data, **kwargs)
        # The list offers the areas and centres HR may see; a deeper unit (a team, from a link)
        # is valid too when it lies within what HR may see, and is then offered as well.
        raw = (data or {}).get("unit", "")
        listed = Q(depth__lte=3)
        if str(raw).isdigit():
            listed |= Q(pk=int(raw))
        self.units = list(units_visible(user=user).filter(listed))
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.set_units(self.units)
        start, end = default_range(timezone.localdate())
        self.fields["start"].widget.attrs["placeholder"] = start.isoformat()
        self.fields["end"].widget.attrs["placeholder"] = end.isoformat()

    def clean(self):
        data = super().clean()
        default_start, default_end = default_range(timezone.localdate())
        start = data.get("start") or default_start
        end = data.get("end") or default_end
        if "start" in self.errors or "end" in self.errors:
            return data
        if start > end:
            raise forms.ValidationError(
                _("Fra-datoen ligger efter til-datoen. Vælg en fra-dato før til-datoen.")
            )
        if (end.year - start.year) * 12 + end.month - start.month >= MAX_YEARS * 12:
            raise forms.ValidationError(
                _("Vælg en periode på højst %(years)s år ad gangen.") % {"years": MAX_YEARS}
            )
        data["start"], data["end"] = start, end
        if data.get("unit") is None and "unit" not in self.errors:
            # The top of what HR may see (the units are in tree order).
            data["unit"] = self.units[0] if self.units else None
            if data["unit"] is None:
                raise forms.ValidationError(
                    _("Du er ikke knyttet til en enhed, så der er ingen enheder at vise.")
                )
        return data
