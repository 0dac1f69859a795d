"""Pages of projects: the home page, the list with facets and the fiche of one project."""

from itertools import groupby

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from passerelles.documents.models import SourceReference
from passerelles.organisations.models import Organisation
from passerelles.projects.choices import Role
from passerelles.projects.filters import filter_projects
from passerelles.projects.models import FundingLine, Project

# The contacts too: their names are masked in the titles the public reads (projects.privacy).
LIST_PREFETCH = ["territories", "themes", "sdgs", "contacts"]


def home(request):
    """Show the search box, the key figures of the field and the latest projects."""
    published = Project.objects.published()
    total = published.count()
    with_ess = published.filter(ess_dimension=True).count()
    countries = (
        published.exclude(territories__country__isnull=True).values("territories__country").distinct().count()
    )
    figures = {
        "projects": total,
        "organisations": Organisation.objects.count(),
        "countries": countries,
        "ess_share": round(100 * with_ess / total) if total else 0,
    }
    recent = published.order_by("-created", "-pk").prefetch_related(*LIST_PREFETCH)[:6]
    return render(request, "projects/home.html", {"figures": figures, "recent": recent})


def project_list(request):
    """List the published projects with facets (country, theme, SDG, organisation type, years) and pages."""
    filtered = filter_projects(request.GET)
    projects = filtered.projects.order_by("-start_year", "title").prefetch_related(*LIST_PREFETCH)
    page = Paginator(projects, settings.PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "projects/project_list.html", {"page": page, "filtered": filtered})


def project_detail(request, slug: str):
    """Show one project laid out like a fiche."""
    project = get_object_or_404(
        Project.objects.published().prefetch_related(
            "territories",
            "themes",
            "sdgs",
            "results__indicators__measurements",
            "contacts__organisation",
            "contacts__territory",
        ),
        slug=slug,
    )
    participations = project.participations.select_related("organisation", "territory")
    roles = dict(Role.choices)
    by_role = [
        (roles[role], [p.actor for p in group])
        for role, group in groupby(
            sorted(participations, key=lambda p: list(roles).index(p.role)), key=lambda p: p.role
        )
    ]
    funding = list(
        FundingLine.objects.filter(project=project).select_related("funder_organisation", "funder_territory")
    )
    sources = SourceReference.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id=project.pk
    ).select_related("document")
    if not request.user.is_authenticated:
        # The lines a contact was read from are that person's data; the other quotes are masked.
        sources = sources.exclude(field__startswith="contacts")
    # Each label shown with the words that carried it and whether a curator validated it.
    label_rows = {(row.kind, row.code): row for row in project.label_evidence.filter(present=True)}
    sdgs = list(project.sdgs.all())
    for sdg in sdgs:
        sdg.label_row = label_rows.get(("sdg", str(sdg.number)))
    themes = list(project.themes.all())
    for theme in themes:
        theme.label_row = label_rows.get(("theme", theme.code))
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "sdgs": sdgs,
            "themes": themes,
            "ess_label": label_rows.get(("ess", "ess")),
            "participants_by_role": by_role,
            "funding": funding,
            "funding_share_total": sum((line.share_pct or 0) for line in funding),
            "funding_amount_total": sum((line.amount or 0) for line in funding),
            "sources": sources,
            "contact_employers": list(
                dict.fromkeys(c.employer for c in project.contacts.all() if c.employer)
            ),
        },
    )


def projects_of(queryset_filter: Q):
    """Return the published projects matching QUERYSET_FILTER, each once, for the lists of other pages."""
    return (
        Project.objects.published()
        .filter(queryset_filter)
        .distinct()
        .order_by("-start_year", "title")
        .prefetch_related(*LIST_PREFETCH)
    )
