from django.urls import path

from passerelles.territories import views

urlpatterns = [
    path("territories/<slug:slug>/", views.territory_detail, name="territory"),
]
