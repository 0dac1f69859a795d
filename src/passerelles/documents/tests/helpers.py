"""Projects and documents in review, built directly so that the tests do not depend on ingestion."""

from django.contrib.contenttypes.models import ContentType

from passerelles.documents.models import Document, SourceReference
from passerelles.projects.actions import save_project
from passerelles.projects.choices import Review
from passerelles.projects.data import ProjectData
from passerelles.projects.models import Project

SOURCE = (
    "Coopération Niamey / Lyon\n"
    "Maraîchage solidaire <bio> à Niamey\n"
    "Une coopérative de femmes cultive 4 hectares depuis 2019.\n"
)
TITLE = "Maraîchage solidaire <bio> à Niamey"


def pending_project(title: str = TITLE, **fields) -> Project:
    """Store a project waiting for review, as an ingestion without publication would."""
    data = ProjectData(
        title=title,
        summary="Une coopérative de femmes cultive 4 hectares.",
        start_year=2019,
        themes=["agriculture_alimentation"],
        sdgs=[2],
        is_published=False,
        review_status=Review.PENDING,
        **fields,
    )
    return save_project(data)


def cite(project: Project, text: str = SOURCE, **spans: tuple[int, int]) -> Document:
    """Store TEXT as the source document of PROJECT with a reference for each field span."""
    document = Document.objects.create(title="Fiche Niamey", file_name="niamey.txt", text=text)
    kind = ContentType.objects.get_for_model(Project)
    for field, (start, end) in spans.items():
        SourceReference.objects.create(
            document=document,
            content_type=kind,
            object_id=project.pk,
            field=field,
            start_char=start,
            end_char=end,
            quote=text[start:end],
        )
    return document
