from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.steps import step_type_register
        from people.privacy import anonymiser_register, personal_data_register

        from .citations import connect as citations_connect
        from .item_totals import attempt_totals_remove
        from .models import Attempt, QuizPage
        from .privacy import (
            accommodations_delete,
            accommodations_export,
            attempts_anonymise,
            attempts_export,
            essay_answers_export,
            grade_changes_export,
        )
        from .selectors import quiz_passed_since

        step_type_register(QuizPage, proof=quiz_passed_since)
        personal_data_register("quizforsøg", attempts_export)
        personal_data_register("quiz_fritekstsvar", essay_answers_export)
        personal_data_register("quiz_ændringer_af_bedømmelse", grade_changes_export)
        personal_data_register("quiz_særlige_vilkår", accommodations_export)
        anonymiser_register("quizforsøg", attempts_anonymise)
        anonymiser_register("quiz_særlige_vilkår", accommodations_delete)
        citations_connect()
        pre_delete.connect(
            attempt_totals_remove, sender=Attempt, dispatch_uid="quizzes.item_totals.attempt"
        )
