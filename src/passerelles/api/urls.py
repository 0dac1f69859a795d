from django.urls import path

from passerelles.api import views

urlpatterns = [
    path("v1/search", views.search_view, name="api_search"),
    path("v1/projects/<slug:slug>", views.project_view, name="api_project"),
]
