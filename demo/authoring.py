"""Demo step for authoring: the "Juridisk godkendelse" workflow, owners and review dates.

Idempotent: everything is looked up first, and demo ownership is only filled in where empty.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TypedDict, cast

from django.utils import timezone

from authoring.services import WORKFLOW_NAME, four_eyes_workflow_ensure
from courses.models import CoursePage
from guidelines.models import GuidelinePage
from people.models import User
from quizzes.models import QuestionCategory

logger = logging.getLogger(__name__)


class GuidelineMeta(TypedDict):
    journal_case_number: str
    journal_document_number: str
    approved_by: str
    approved_date: str
    review_days: int


#: Demo metadata of the three guidelines (journal reference, approving body, review owner).
GUIDELINE_META: dict[str, GuidelineMeta] = {
    "AG-UDE": {
        "journal_case_number": "2024-0117345",
        "journal_document_number": "2024-0117345-12",
        "approved_by": "Teknik- og Miljøudvalget",
        "approved_date": "2024-03-18",
        "review_days": -10,  # overdue: the report shows it
    },
    "AG-CYK": {
        "journal_case_number": "2023-0098812",
        "journal_document_number": "2023-0098812-7",
        "approved_by": "Teknik- og Miljøudvalget",
        "approved_date": "2023-11-06",
        "review_days": 20,  # due within 30 days
    },
    "AG-BYG": {
        "journal_case_number": "2025-0003410",
        "journal_document_number": "2025-0003410-3",
        "approved_by": "Teknik- og Miljøforvaltningens direktion",
        "approved_date": "2025-01-27",
        "review_days": 200,
    },
}


def ownership_ensure(*, people: dict, today: dt.date) -> None:
    """Give the demo guidelines and courses a responsible jurist, journal data and review dates
    (a new published revision each, so the editor shows them); only where none is set yet."""
    jurist = people.get("jurist")
    for page in GuidelinePage.objects.filter(code__in=GUIDELINE_META, responsible__isnull=True):
        meta = GUIDELINE_META[page.code]
        page = page.get_latest_revision_as_object()
        page.responsible = jurist
        page.journal_case_number = meta["journal_case_number"]
        page.journal_document_number = meta["journal_document_number"]
        page.approved_by = meta["approved_by"]
        page.approved_date = dt.date.fromisoformat(meta["approved_date"])
        page.next_review_date = today + dt.timedelta(days=meta["review_days"])
        page.save_revision().publish()
    for offset, page in enumerate(
        CoursePage.objects.filter(responsible__isnull=True).order_by("pk")
    ):
        page = page.get_latest_revision_as_object()
        page.responsible = jurist
        page.next_review_date = today + dt.timedelta(days=25 + 120 * offset)
        page.save_revision().publish()
    for category in QuestionCategory.objects.filter(responsible__isnull=True):
        category.responsible = jurist
        category.next_review_date = today + dt.timedelta(days=14)
        category.save(update_fields=["responsible", "next_review_date"])


def seed_authoring(context: dict[str, object]) -> None:
    four_eyes_workflow_ensure()
    people = cast(dict[str, User], context["people"])  # built by demo.seed
    ownership_ensure(people=people, today=timezone.localdate())
    logger.info("demo: authoring workflow '%s' and review dates in place", WORKFLOW_NAME)
