from django.urls import path

from passerelles.matching import views

urlpatterns = [
    path("match/", views.match_page, name="match"),
]
