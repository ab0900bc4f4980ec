"""An admin chooser for guideline sections, usable as a form widget and as a StreamField block."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import GuidelineSection


class SectionFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Søg"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Nøgle, overskrift eller grundlag")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(
                Q(key__icontains=query)
                | Q(heading__icontains=query)
                | Q(page__title__icontains=query)
            )
        return objects


class SectionChooseMixin:
    filter_form_class = SectionFilterForm
    ordering = ["page__title", "sort_order"]

    def get_object_list(self):
        return GuidelineSection.objects.select_related("page")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("guideline", label=_("Administrationsgrundlag"), accessor="page.title"),
        ]


class SectionChooseView(SectionChooseMixin, ChooseView):
    pass


class SectionChooseResultsView(SectionChooseMixin, ChooseResultsView):
    pass


class SectionChooserViewSet(ChooserViewSet):
    model = GuidelineSection
    icon = "doc-full"
    choose_one_text = _("Vælg afsnit i administrationsgrundlag")
    choose_another_text = _("Vælg et andet afsnit")
    edit_item_text = _("Rediger")
    choose_view_class = SectionChooseView
    choose_results_view_class = SectionChooseResultsView


section_chooser_viewset = SectionChooserViewSet("guideline_section_chooser")
