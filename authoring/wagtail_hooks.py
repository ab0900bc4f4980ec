"""Admin hooks for authoring: the review report ("Til gennemsyn"), review dates of question
categories, the accessibility checker and workflow messages to the author."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import TaskState, WorkflowState

from people.admin_menu import RoleMenuItem
from people.roles import may
from quizzes.models import QuestionCategory

from .models import SELF_APPROVAL_REFUSED, FourEyesApprovalTask, task_state_authors
from .reports import ReviewReportView
from .services import review_date_advance_object


@hooks.register("register_admin_urls")
def authoring_admin_urls():
    return [
        path("til-gennemsyn/", ReviewReportView.as_view(), name="authoring_review_report"),
        path(
            "til-gennemsyn/resultater/",
            ReviewReportView.as_view(results_only=True),
            name="authoring_review_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return RoleMenuItem(
        _("Til gennemsyn"),
        reverse("authoring_review_report"),
        name="til-gennemsyn",
        icon_name="calendar-alt",
        order=50,
        check=may("authoring.view_reviewdigestlog"),
    )


def _workflow_messages(request, obj) -> None:
    """On opening the editor, tell the author in Danish why they cannot approve their own
    change, and show the reviewer's comment on a change that was sent back."""
    if request.method != "GET" or not hasattr(obj, "current_workflow_state"):
        return
    state = obj.current_workflow_state
    if state is None:
        return
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = obj.current_workflow_task_state
        task = task_state.task.specific if task_state else None
        if (
            isinstance(task, FourEyesApprovalTask)
            and request.user.pk in task_state_authors(task_state)
            and (request.user.is_superuser or task._user_in_groups(request.user))
        ):
            messages.warning(request, SELF_APPROVAL_REFUSED)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            state.task_states.filter(status=TaskState.STATUS_REJECTED)
            .select_related("finished_by")
            .order_by("-finished_at")
            .first()
        )
        if rejected is not None:
            reviewer = rejected.finished_by.get_full_name() if rejected.finished_by else ""
            text = _("Ændringen er sendt retur af %(reviewer)s og er stadig en kladde.") % {
                "reviewer": reviewer or _("en godkender")
            }
            if rejected.comment:
                text = f"{text} {_('Kommentar')}: {rejected.comment}"
            messages.warning(request, text)


@hooks.register("before_edit_page")
def workflow_messages_page(request, page):
    _workflow_messages(request, page)


@hooks.register("before_edit_snippet")
def workflow_messages_snippet(request, instance):
    _workflow_messages(request, instance)
    if isinstance(instance, QuestionCategory):
        # Remember the stored date: a date the editor changes themselves is kept as typed.
        request._paragraf_previous_review_date = instance.next_review_date


@hooks.register("after_edit_snippet")
def review_date_on_category_save(request, instance):
    if isinstance(instance, QuestionCategory):
        review_date_advance_object(
            obj=instance,
            previous=getattr(request, "_paragraf_previous_review_date", None),
            published_on=timezone.localdate(),
        )


@hooks.register("after_create_snippet")
def review_date_on_category_create(request, instance):
    if isinstance(instance, QuestionCategory):
        review_date_advance_object(obj=instance, previous=None, published_on=timezone.localdate())


class WcagContentChecker(ContentCheckerItem):
    """Wagtail's accessibility checker with the WCAG 2.1 AA rules our content breaks most often
    added to Wagtail's default set (Danish law requires AA for public bodies)."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "color-contrast",
        "document-title",
        "html-has-lang",
        "label",
        "list",
        "listitem",
        "duplicate-id-aria",
        "aria-valid-attr",
        "link-in-text-block",
    ]


@hooks.register("construct_wagtail_userbar")
def wcag_content_checker(request, items, page):
    for index, item in enumerate(items):
        if type(item) is ContentCheckerItem or type(item).__name__ == "AccessibilityItem":
            items[index] = WcagContentChecker(in_editor=item.in_editor)
