from celery import current_app
from django.conf import settings


def test_every_beat_entry_names_a_registered_task():
    current_app.loader.import_default_modules()
    registered = set(current_app.tasks)
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in registered, f"beat entry {name} names an unknown task"


def test_abandoned_timed_quiz_attempts_are_closed_by_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "quizzes.tasks.attempts_expire_overdue_task" in tasks
