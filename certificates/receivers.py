"""Signal receivers: certificates react to completions; courses never import certificates."""

from __future__ import annotations

from functools import partial

from django.db import transaction


def on_course_completed(sender, run, **kwargs) -> None:
    """Queue the certificate once the completing transaction has committed."""
    from .tasks import certificate_issue_task

    transaction.on_commit(partial(certificate_issue_task.delay, run.pk))


def on_cycle_completed(sender, assignment, **kwargs) -> None:
    """Queue attaching the cycle to its certificate once the transaction has committed."""
    from .tasks import certificate_for_cycle_task

    transaction.on_commit(partial(certificate_for_cycle_task.delay, assignment.pk))
