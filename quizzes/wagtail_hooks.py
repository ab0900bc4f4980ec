"""Admin registration: the question bank (snippets), accommodations, essay marking, regrading
and quiz statistics."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from people.admin_menu import RoleMenuItem
from people.roles import may

from . import admin_views, question_import_views, regrade_views, statistics_views
from .accommodation_views import accommodation_viewset
from .models import Question, QuestionCategory, QuizPage
from .regrade_services import may_regrade


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Spørgsmål")
    list_display = ["__str__", "category", "kind", "live"]
    list_filter = ["category", "kind", "live"]
    search_fields = ["text"]
    ordering = ["category__name", "pk"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Spørgsmålskategorier")
    list_display = ["__str__", "responsible", "next_review_date"]
    search_fields = ["name"]


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = _("Spørgsmålsbank")
    menu_name = "question-bank"
    menu_order = 260


register_snippet(QuestionBankGroup)


@hooks.register("register_admin_viewset")
def register_accommodations():
    return accommodation_viewset


marking_urls = [
    path("", admin_views.marking_index, name="index"),
    path("<int:item_id>/", admin_views.marking_edit, name="edit"),
]
regrade_urls = [
    path("", regrade_views.RegradeReportView.as_view(), name="index"),
    path(
        "resultater/",
        regrade_views.RegradeReportView.as_view(results_only=True),
        name="index_results",
    ),
    path("quiz/<int:quiz_id>/", regrade_views.regrade_quiz, name="quiz"),
    path("<int:regrade_id>/", regrade_views.regrade_result, name="result"),
    path("forsoeg/<int:attempt_id>/", regrade_views.attempt_detail, name="attempt"),
    path(
        "forsoeg/<int:attempt_id>/svar/<int:item_id>/",
        regrade_views.item_override_view,
        name="override",
    ),
]
report_urls = [
    path("spoergsmaal/", statistics_views.QuestionStatisticsView.as_view(), name="questions"),
    path(
        "spoergsmaal/resultater/",
        statistics_views.QuestionStatisticsView.as_view(results_only=True),
        name="questions_results",
    ),
    path(
        "spoergsmaal/<int:question_id>/",
        statistics_views.question_statistics,
        name="question",
    ),
    path("henvisninger/", statistics_views.CitationStatisticsView.as_view(), name="citations"),
    path(
        "henvisninger/resultater/",
        statistics_views.CitationStatisticsView.as_view(results_only=True),
        name="citations_results",
    ),
    path("huller/", statistics_views.gaps_by_rule_view, name="gaps"),
    path(
        "huller/<str:kind>/<int:pk>/", statistics_views.rule_questions_view, name="rule_questions"
    ),
]


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("quiz-bedoemmelse/", include((marking_urls, "quizzes_marking"))),
        path("quiz-statistik/", include((report_urls, "quizzes_reports"))),
        path("quiz-genberegning/", include((regrade_urls, "quizzes_regrade"))),
        path(
            "spoergsmaal/import/",
            question_import_views.question_import,
            name="quizzes_question_import",
        ),
        path(
            "spoergsmaal/import/skabelon.<str:file_format>",
            question_import_views.question_import_template,
            name="quizzes_question_import_template",
        ),
    ]


@hooks.register("register_admin_menu_item")
def question_import_menu_item():
    return RoleMenuItem(
        _("Importér spørgsmål"),
        reverse("quizzes_question_import"),
        name="importer-spoergsmaal",
        icon_name="upload",
        order=310,
        check=may("quizzes.add_question"),
    )


@hooks.register("register_admin_menu_item")
def register_marking_menu_item():
    return RoleMenuItem(
        _("Bedøm fritekstsvar"),
        reverse("quizzes_marking:index"),
        name="quiz-marking",
        icon_name="edit",
        order=270,
        check=admin_views.may_mark,
    )


@hooks.register("register_reports_menu_item")
def register_question_statistics_menu_item():
    return RoleMenuItem(
        _("Quizstatistik pr. spørgsmål"),
        reverse("quizzes_reports:questions"),
        name="quiz-question-statistics",
        icon_name="help",
        order=900,
        check=statistics_views.may_see_statistics,
    )


@hooks.register("register_reports_menu_item")
def register_citation_statistics_menu_item():
    return RoleMenuItem(
        _("Quizstatistik pr. afsnit og bestemmelse"),
        reverse("quizzes_reports:citations"),
        name="quiz-citation-statistics",
        icon_name="openquote",
        order=910,
        check=statistics_views.may_see_statistics,
    )


@hooks.register("register_reports_menu_item")
def register_gaps_menu_item():
    return RoleMenuItem(
        _("Huller pr. regel"),
        reverse("quizzes_reports:gaps"),
        name="quiz-gaps-by-rule",
        icon_name="warning",
        order=920,
        check=statistics_views.may_see_statistics,
    )


@hooks.register("register_reports_menu_item")
def register_regrades_menu_item():
    return RoleMenuItem(
        _("Genberegninger af quizzer"),
        reverse("quizzes_regrade:index"),
        name="quiz-regrades",
        icon_name="history",
        order=920,
        check=regrade_views.may_read_regrades,
    )


def _regrade_button(page, user, priority: int):
    if page.specific_class is QuizPage and may_regrade(user):
        yield Button(
            _("Genberegn"),
            reverse("quizzes_regrade:quiz", args=[page.pk]),
            icon_name="history",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def regrade_listing_button(page, user, next_url=None):
    yield from _regrade_button(page, user, priority=55)


@hooks.register("register_page_header_buttons")
def regrade_header_button(page, user, view_name, next_url=None):
    yield from _regrade_button(page, user, priority=75)
