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
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


class FastSelect(forms.Select):
    """forms.Select with the markup of Django's templates, written without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                html = format_html('<optgroup label="{}">{}</optgroup>', group_name, html)
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - each part is built by format_html
        )


class ShortChoiceIterator(ModelChoiceIterator):
    """The choices of a short list in one plain query (no server-side cursor)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)

    def __len__(self):
        return len(list(iter(self)))


class ShortModelChoiceField(ModelChoiceField):
    iterator = ShortChoiceIterator


class ShortModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice filter over a short list (tens to hundreds of rows), drawn by FastSelect."""

    field_class = ShortModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


class FastChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter over fixed choices, drawn by FastSelect."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)
