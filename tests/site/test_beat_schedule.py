import importlib

from celery import current_app
from django.apps import apps
from django.conf import settings


def _import_task_modules() -> None:
    for app_config in apps.get_app_configs():
        module = f"{app_config.name}.tasks"
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def test_every_beat_entry_names_a_registered_task():
    _import_task_modules()
    registered = set(current_app.tasks)
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in registered, f"beat entry {name} names an unknown task"


def test_abandoned_timed_quiz_attempts_are_closed_by_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "quizzes.tasks.attempts_expire_overdue_task" in tasks
