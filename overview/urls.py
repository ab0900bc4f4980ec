from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("<str:fmt>/", views.team_chart_download, name="team-chart"),
]
