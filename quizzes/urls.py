from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:page_id>/start/", views.attempt_start_view, name="attempt-start"),
    path("forsoeg/<int:attempt_id>/aflever/", views.attempt_submit_view, name="attempt-submit"),
    path("forsoeg/<int:attempt_id>/gem/", views.attempt_save_view, name="attempt-save"),
]
