from django.urls import path

from passerelles.documents import views

urlpatterns = [
    path("curation/upload/", views.upload, name="curation_upload"),
    path("curation/jobs/<int:pk>/", views.job_detail, name="ingest_job"),
    path("curation/review/", views.review_queue, name="review_queue"),
    path("curation/review/<slug:slug>/", views.review_project, name="review_project"),
]
