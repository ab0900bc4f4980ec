"""Which page types count as steps of a course, and how each may be completed.

Lessons are steps the learner completes by their own action ("Markér som gennemført"). Other
apps (quizzes) register their page types here in ``AppConfig.ready`` together with a *proof*:
a function that says whether the person has earned the step, for a quiz a passed, graded
attempt. A step with a proof is never completed by hand, and course completion asks the proof
without importing the app that registered it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from wagtail.models import Page

if TYPE_CHECKING:
    from people.models import User

#: ``proof(user=…, page=…, since=…)``: True when the person has earned the step through
#: something that happened after ``since`` (the end of their previous run of the course; None
#: for a first run).
StepProof = Callable[..., bool]

_step_models: dict[type[Page], StepProof | None] = {}


def step_type_register(model: type[Page], *, proof: StepProof | None = None) -> None:
    """Make ``model`` a course step. Without ``proof`` the learner completes it by hand."""
    _step_models[model] = proof


def step_types() -> list[type[Page]]:
    from .models import LessonPage

    return [LessonPage, *[m for m in _step_models if m is not LessonPage]]


def _registered_type(page: Page) -> type[Page] | None:
    specific = page.specific_deferred
    return next((model for model in step_types() if isinstance(specific, model)), None)


def is_step(page: Page) -> bool:
    return _registered_type(page) is not None


def step_proof(page: Page) -> StepProof | None:
    """The proof the page's step type registered; None for a step completed by hand."""
    model = _registered_type(page)
    return _step_models.get(model) if model is not None else None


def step_completable_by_hand(page: Page) -> bool:
    """A step (a lesson) that the learner marks as done themselves."""
    return is_step(page) and step_proof(page) is None


def step_earned(*, user: User, page: Page, since: dt.datetime | None) -> bool:
    """Whether the person may have the step recorded as complete: always for a step completed
    by hand, otherwise what its proof says (one query for a quiz)."""
    proof = step_proof(page)
    return proof is None or bool(proof(user=user, page=page, since=since))
