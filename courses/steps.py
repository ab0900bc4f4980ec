"""Which page types count as steps of a course.

Lessons are steps. Other apps (quizzes) register their page types here in ``AppConfig.ready``,
so course completion never needs to import them.
"""

from __future__ import annotations

from wagtail.models import Page

_step_models: list[type[Page]] = []


def step_type_register(model: type[Page]) -> None:
    if model not in _step_models:
        _step_models.append(model)


def step_types() -> list[type[Page]]:
    from .models import LessonPage

    return [LessonPage, *[m for m in _step_models if m is not LessonPage]]


def is_step(page: Page) -> bool:
    return any(isinstance(page.specific_deferred, model) for model in step_types())
