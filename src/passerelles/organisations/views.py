"""Pages of organisations: the list with facets and the page of one organisation."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from passerelles.classification.models import Theme
from passerelles.lib.countries import country_name
from passerelles.lib.facets import FacetValue, add_links
from passerelles.lib.text import fold
from passerelles.matching.reverse import cooperating_territories
from passerelles.organisations.choices import OrganisationType
from passerelles.organisations.models import Organisation
from passerelles.projects.filters import checked_filters
from passerelles.projects.views import projects_of


def _facet(queryset, path: str, labels: dict, selected: str) -> list[FacetValue]:
    rows = queryset.values(path).annotate(n=Count("pk", distinct=True))
    values = [
        FacetValue(str(r[path]), str(labels.get(r[path], r[path])), r["n"], str(r[path]) == selected)
        for r in rows
        if r[path]
    ]
    return sorted(values, key=lambda v: (-v.count, fold(v.label)))


def organisation_list(request):
    """List organisations with facets (type, country, theme) and pages."""
    organisations = Organisation.objects.all()
    notices: list[str] = []
    active: dict[str, str] = {}
    query = request.GET.get("q", "").strip()[:200]
    if query:
        for word in query.split():
            organisations = organisations.filter(
                Q(name__icontains=word) | Q(acronym__icontains=word) | Q(description__icontains=word)
            )
        active["q"] = query
    accepted = checked_filters(request.GET, notices)
    for key, lookup in {"type": "type", "country": "country", "theme": "skills"}.items():
        if key in accepted:
            organisations = organisations.filter(**{lookup: accepted[key]})
            active[key] = accepted[key]
    if request.GET.get("ess") == "1":
        organisations = organisations.filter(is_ess=True)
        active["ess"] = "1"

    organisations = Organisation.objects.filter(pk__in=organisations.values_list("pk", flat=True))
    countries = {code: country_name(code) for code in organisations.values_list("country", flat=True) if code}
    facets = add_links(
        request.GET,
        {
            "type": _facet(organisations, "type", dict(OrganisationType.choices), active.get("type", "")),
            "country": _facet(organisations, "country", countries, active.get("country", "")),
            "theme": _facet(
                organisations,
                "skills__code",
                {t.code: t.label for t in Theme.objects.all()},
                active.get("theme", ""),
            ),
        },
    )
    page = Paginator(organisations.order_by("name").prefetch_related("skills"), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "facets": facets,
            "notices": notices,
            "active": active,
        },
    )


def organisation_detail(request, slug: str):
    """Show an organisation: what it is, its skills, where it acts and the projects it took part in."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("territory").prefetch_related("skills", "action_territories"),
        slug=slug,
    )
    projects = projects_of(
        Q(participations__organisation=organisation) | Q(funding_lines__funder_organisation=organisation)
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "projects": projects,
            "action_countries": [country_name(code) for code in organisation.action_countries],
            "cooperating": cooperating_territories(organisation),
        },
    )
