"""HR's notice log of one person, under /admin/beskeder/person/<id>/."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from .admin_views import PersonNoticeReport


@hooks.register("register_admin_urls")
def notices_admin_urls():
    return [
        path(
            "beskeder/person/<int:person_id>/",
            PersonNoticeReport.as_view(),
            name="notices_person",
        ),
        path(
            "beskeder/person/<int:person_id>/results/",
            PersonNoticeReport.as_view(results_only=True),
            name="notices_person_results",
        ),
    ]
