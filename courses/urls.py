from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("trin/<int:page_id>/gennemfoer/", views.step_complete_view, name="step-complete"),
]
