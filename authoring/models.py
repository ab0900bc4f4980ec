"""Tables of the authoring workflow: the four-eyes approval task and the review digest send log.

Their tables were created by the ``paragraf`` app's migrations and moved here (authoring 0001).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision, TaskState

SELF_APPROVAL_REFUSED = _(
    "Du kan ikke godkende din egen ændring. En anden juridisk godkender skal godkende den "
    "(fire-øjne-princippet)."
)


def task_state_authors(task_state: TaskState | None) -> set[int]:
    """The ids of the people who made the change under review: whoever submitted it, whoever
    saved the revision the task started on, and whoever saved a newer revision during review
    (at most two small queries)."""
    if task_state is None:
        return set()
    workflow_state = task_state.workflow_state
    authors = {workflow_state.requested_by_id, task_state.revision.user_id}
    latest_id = getattr(workflow_state.content_object, "latest_revision_id", None)
    if latest_id and latest_id != task_state.revision_id:
        authors.add(Revision.objects.filter(pk=latest_id).values_list("user_id", flat=True).first())
    authors.discard(None)
    return authors


class FourEyesApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve or reject, but never a change they made themselves."""

    def _current_task_state(self, obj) -> TaskState | None:
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is not None and task_state.task_id == self.pk:
            return task_state
        return None

    def user_is_author(self, obj, user) -> bool:
        return user.pk in task_state_authors(self._current_task_state(obj))

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.user_is_author(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Also guards callers that skip get_actions (the page editor's combined save-and-approve).
        if action_name == "approve" and user.pk in task_state_authors(task_state):
            raise PermissionDenied(SELF_APPROVAL_REFUSED)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Medlemmer af de valgte grupper godkender eller afviser – men aldrig en ændring, "
            "de selv har lavet."
        )

    class Meta:
        verbose_name = _("juridisk godkendelse (fire øjne)")
        verbose_name_plural = _("juridiske godkendelser (fire øjne)")
