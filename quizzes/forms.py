from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil med spørgsmål"),
        help_text=_("CSV (UTF-8, semikolon eller komma) eller Excel (.xlsx), højst 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
