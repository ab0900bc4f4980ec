"""Signal receivers: certificates react to completions; courses never import certificates."""

from __future__ import annotations

from functools import partial

from django.db import transaction


def on_course_completed(sender, run, **kwargs) -> None:
    """Queue the certificate once the completing transaction has committed.

    The only way to a certificate: compliance completes the run's cycles in the same
    transaction, so the task (after commit) finds them and attaches one to the certificate.
    """
    from .tasks import certificate_issue_task

    transaction.on_commit(partial(certificate_issue_task.delay, run.pk))
