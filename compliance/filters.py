"""Report filters that stay cheap to render: a select drawn in one pass, and model choices
read with one plain query.

Django renders a ``<select>`` with one template per ``<option>``: a filter of ~70 org units
cost the compliance rollup about 6 ms of its 20 ms budget (DESIGN.md). ``FastSelect`` writes
the same markup with ``format_html``. Django's ModelChoiceIterator reads choices through
``QuerySet.iterator()``, which on PostgreSQL is a server-side cursor (DECLARE, FETCH, CLOSE);
``ShortModelChoiceFilter`` is for the short lists of a report filter and reads them in one query.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


class FastSelect(forms.Select):
    """forms.Select with the markup of Django's templates, written without a template per
    option and without building a context dict per option."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        taken = False  # a single select marks only the first matching option, as Django does

        def option(option_value, label) -> str:
            nonlocal taken
            text = "" if option_value is None else str(option_value)
            mark = text in selected and not taken
            taken = taken or mark
            return format_html(
                '<option value="{}"{}>{}</option>',
                text,
                mark_safe(" selected") if mark else "",
                label,
            )

        parts = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = mark_safe("".join(option(v, text) for v, text in label))  # noqa: S308
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', option_value, inner))
            else:
                parts.append(option(option_value, label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(parts)),  # noqa: S308 - each part is built by format_html
        )


class ShortChoiceIterator(ModelChoiceIterator):
    """The choices of a short list in one plain query (no server-side cursor). With the
    field's ``label_field`` set, the choices are (pk, that field) rows: no model instances."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        if self.field.label_field:
            yield from self.queryset.values_list("pk", self.field.label_field)
            return
        for obj in self.queryset.all():
            yield self.choice(obj)

    def __len__(self):
        return len(list(iter(self)))


class ShortModelChoiceField(ModelChoiceField):
    iterator = ShortChoiceIterator

    def __init__(self, *args, label_field: str | None = None, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class ShortModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice filter over a short list (tens to hundreds of rows), drawn by FastSelect.
    ``label_field`` names the model field shown as each choice's label (its ``str()``
    otherwise)."""

    field_class = ShortModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


class FastChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter over fixed choices, drawn by FastSelect."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


def unit_filter(label) -> ShortModelChoiceFilter:
    """The reports' unit picker: areas and centres (depth ≤ 3) in tree order; a select of all
    ~1,600 teams would dominate the render time. The filter set's ``filter_unit`` applies it."""
    from people.models import OrgUnit

    return ShortModelChoiceFilter(
        label=label,
        queryset=OrgUnit.objects.filter(depth__lte=3).order_by("path"),
        label_field="name",
        method="filter_unit",
    )
