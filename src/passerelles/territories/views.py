"""The page of a territory: its partnerships, projects and the organisations based there."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from passerelles.projects.views import projects_of
from passerelles.territories.models import Partnership, Territory


def territory_detail(request, slug: str):
    """Show a territory with its partners, the projects it takes part in and its organisations."""
    territory = get_object_or_404(Territory.objects.select_related("parent"), slug=slug)
    partnerships = Partnership.objects.filter(
        Q(territory_a=territory) | Q(territory_b=territory)
    ).select_related("territory_a", "territory_b")
    return render(
        request,
        "territories/territory_detail.html",
        {
            "territory": territory,
            "partnerships": [(p, p.other(territory)) for p in partnerships],
            "projects": projects_of(Q(territories=territory) | Q(participations__territory=territory)),
            "organisations": territory.organisations_based.order_by("name"),
            "children": territory.children.order_by("name"),
        },
    )
