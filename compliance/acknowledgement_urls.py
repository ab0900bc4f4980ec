from django.urls import path

from . import views

urlpatterns = [path("<int:guideline_id>/", views.acknowledge, name="acknowledge")]
