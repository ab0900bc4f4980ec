"""The admin's upload form: a zip is checked, unpacked and stored while the form is cleaned, so
every refusal is a Danish error on the field and nothing is saved."""

from __future__ import annotations

import logging

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ScormPackage
from .packages import PackageRefused, package_store
from .services import package_version_create

logger = logging.getLogger(__name__)


class ScormPackageForm(WagtailAdminModelForm):
    package_file = forms.FileField(
        label=_("Zip-fil"),
        required=False,
        help_text=_(
            "En SCORM 1.2- eller SCORM 2004-pakke (zip med imsmanifest.xml i roden). En ny fil "
            "til en eksisterende pakke bliver en ny version; forsøg, der er i gang, gøres "
            "færdige på den version, de blev startet på."
        ),
    )

    class Meta:
        model = ScormPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Tom: titlen fra pakkens manifest.")
        self.fields["package_file"].required = self.instance.pk is None
        self._stored = None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("package_file")
        if upload and not self.errors:  # store only a form that will be saved
            try:
                self._stored = package_store(upload)
            except PackageRefused as refused:
                self.add_error("package_file", refused.message)
                return cleaned
            if not cleaned.get("title") and self.instance.pk is None:
                cleaned["title"] = self._stored[0].manifest.title or upload.name
                self.instance.title = cleaned["title"][:255]
        elif not cleaned.get("title"):
            cleaned["title"] = self.instance.title
        return cleaned

    def save(self, commit: bool = True) -> ScormPackage:
        package = super().save(commit=commit)
        if self._stored is not None:
            checked, key, written = self._stored
            package_version_create(
                package=package,
                checked=checked,
                key=key,
                written=written,
                file_name=self.cleaned_data["package_file"].name,
                by=self.for_user,
            )
        return package
