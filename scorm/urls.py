from django.urls import path

from . import views

app_name = "scorm"

urlpatterns = [
    path("forsoeg/<int:attempt_id>/gem/", views.attempt_commit_view, name="commit"),
    path("forsoeg/<int:attempt_id>/", views.player_view, name="player"),
    path("<int:package_id>/<int:version>/<path:path>", views.package_file, name="file"),
]
