from django.urls import path

from passerelles.search import views

urlpatterns = [path("search/", views.search_page, name="search")]
