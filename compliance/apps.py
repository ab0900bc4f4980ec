from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Obligatorisk uddannelse")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.signals import course_completed, step_completed
        from guidelines.events import change_decided
        from people.privacy import anonymiser_register, personal_data_register
        from people.signals import employees_imported

        from . import privacy, receivers

        course_completed.connect(
            receivers.on_course_completed, dispatch_uid="compliance.course_completed"
        )
        step_completed.connect(
            receivers.on_step_completed, dispatch_uid="compliance.step_completed"
        )
        employees_imported.connect(
            receivers.on_employees_imported, dispatch_uid="compliance.employees_imported"
        )
        change_decided.connect(
            receivers.on_guideline_change_decided,
            dispatch_uid="compliance.guideline_change_decided",
        )
        personal_data_register("obligatorisk uddannelse", privacy.assignments_export)
        _history_import_register()
        anonymiser_register("obligatorisk uddannelse", privacy.assignments_anonymise)
        personal_data_register("læst og forstået", privacy.acknowledgements_export)
        anonymiser_register("læst og forstået", privacy.acknowledgements_anonymise)


def _history_import_register() -> None:
    """The historical completions import joins the HR import flow (upload, preview, confirm)."""
    from people.hr_imports import ImportKind, import_kind_register
    from people.models import HRImport

    from .history_import import history_import_run

    import_kind_register(
        ImportKind(
            kind=HRImport.Kind.HISTORY,
            run=history_import_run,
            title=_("Indlæs historik"),
            upload_label=_("Fil med tidligere gennemførelser (CSV eller XLSX)"),
            upload_url_name="compliance_history_import",
            formats=(HRImport.Format.CSV, HRImport.Format.XLSX),
            intro=_(
                "Upload gennemførelser fra det tidligere system: medarbejdernr., kursus (slug "
                "eller titel) og dato, eventuelt point, tidligere kursusbevisnummer og gyldig til."
            ),
            help_text=_(
                "Kolonner: medarbejdernr, kursus, gennemført (dd-mm-åååå eller åååå-mm-dd), og "
                "valgfrit point (0–100), kursusbevis og gyldig_til. Rækker, der allerede er "
                "indlæst, springes over."
            ),
        )
    )
