"""The admin form of a finding and the follow-up form. Every rule is ``services.finding_problems``
(the CSV import applies the same)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from people.models import OrgUnit

from .models import Finding
from .services import finding_citations_index, finding_problems, targets_of_stream


class FindingForm(WagtailAdminModelForm):
    """A finding as a jurist enters it: no future date, at least one unit (within their scope),
    at least one provision or section, no CPR-like number in the summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "at least one" is checked in clean() with the house's own message
        for name in ("units", "citations"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        citations = cleaned.get("citations")
        targets = targets_of_stream(citations) if citations is not None else []
        user = self.for_user
        problems = finding_problems(
            found_on=cleaned.get("found_on"),
            units=list(cleaned.get("units") or []),
            targets=targets,
            summary=cleaned.get("summary") or "",
            by=user,
        )
        for name, message in problems.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def save(self, commit=True):
        finding = super().save(commit=False)
        if finding._state.adding and self.for_user is not None:
            finding.created_by = self.for_user
        if commit:
            finding.save()
            self.save_m2m()
            finding_citations_index(finding=finding)
        return finding


class FollowUpForm(forms.Form):
    """From findings to a targeted requirement: which findings, which of their provisions and
    sections, which unit subtree, and within how many days."""

    findings = forms.ModelMultipleChoiceField(
        label=_("Fund"),
        queryset=Finding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    targets = forms.MultipleChoiceField(
        label=_("Bestemmelser og afsnit"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Medarbejderne skal tage de lektioner, der henviser til dem."),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed (med underenheder)"), queryset=OrgUnit.objects.none()
    )
    job_titles = forms.CharField(
        label=_("Stillingsbetegnelser (valgfrit)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_(
            "Én pr. linje, fx “sagsbehandler”: kun medarbejdere, hvis stillingsbetegnelse "
            "indeholder en af dem. Tom: alle i enheden."
        ),
    )
    due_days = forms.IntegerField(label=_("Frist i dage"), min_value=1, max_value=365, initial=30)
    title = forms.CharField(
        label=_("Kursets titel"),
        max_length=200,
        required=False,
        help_text=_("Tom: “Opfølgning: ” og bestemmelserne."),
    )

    def __init__(self, *args, findings, units, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = findings  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["targets"].choices = targets  # type: ignore[attr-defined]

    def cleaned_job_titles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("job_titles", "").splitlines()]

    def cleaned_targets(self) -> list[tuple[str, int]]:
        result = []
        for value in self.cleaned_data.get("targets") or []:
            kind, _sep, pk = value.partition("-")
            if kind in ("provision", "section") and pk.isdigit():
                result.append((kind, int(pk)))
        return result


class FindingsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med fund (CSV eller XLSX)"),
        help_text=_(
            "Kolonner: kilde, dato, enheder (enhedskoder adskilt af komma), bestemmelser "
            "(citationsnøgler adskilt af komma, fx FVL-19-1, AG-UDE-3), alvor, resumé og "
            "valgfrit reference. Én række pr. fund."
        ),
    )
