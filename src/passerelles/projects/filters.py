"""Facets of the project list: which filters a query string asks for, and how many projects each value has."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from passerelles.classification.models import Sdg, Theme
from passerelles.lib.countries import country_name, is_country
from passerelles.lib.facets import FacetValue, add_links
from passerelles.lib.text import fold
from passerelles.organisations.choices import OrganisationType
from passerelles.projects.models import Project


@dataclass
class Filtered:
    """The projects a query string selects, the facets to refine it, and notices on ignored values."""

    projects: QuerySet[Project]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    active: dict[str, str] = field(default_factory=dict)


def _year(params, key: str, notices: list[str]) -> int | None:
    value = params.get(key, "").strip()
    if not value:
        return None
    if value.isdigit() and 1900 <= int(value) <= 2100:
        return int(value)
    notices.append(_("“%(value)s” is not a year; the year filter was ignored.") % {"value": value})
    return None


def checked_filters(params, notices: list[str]) -> dict[str, str]:
    """Return the country, theme, SDG and organisation type PARAMS ask for, when they exist.

    Each value that does not exist is left out and explained in NOTICES, so that a list shows a
    notice instead of an error or an empty page.
    """
    accepted: dict[str, str] = {}
    country = params.get("country", "").strip().upper()
    if country:
        if is_country(country):
            accepted["country"] = country
        else:
            notices.append(
                _("Unknown country code “%(code)s”; the country filter was ignored.") % {"code": country}
            )
    theme = params.get("theme", "").strip()
    if theme:
        if Theme.objects.filter(code=theme).exists():
            accepted["theme"] = theme
        else:
            notices.append(_("Unknown theme “%(code)s”; the theme filter was ignored.") % {"code": theme})
    sdg = params.get("sdg", "").strip()
    if sdg:
        if sdg.isdigit() and 1 <= int(sdg) <= 17:
            accepted["sdg"] = sdg
        else:
            notices.append(
                _("“%(value)s” is not an SDG (1 to 17); the SDG filter was ignored.") % {"value": sdg}
            )
    kind = params.get("type", "").strip()
    if kind:
        if kind in OrganisationType.values:
            accepted["type"] = kind
        else:
            notices.append(
                _("Unknown organisation type “%(value)s”; the filter was ignored.") % {"value": kind}
            )
    return accepted


def filter_projects(params, base: QuerySet[Project] | None = None) -> Filtered:
    """Apply the filters named in PARAMS (q, country, theme, sdg, type, year_from, year_to)."""
    projects = base if base is not None else Project.objects.published()
    notices: list[str] = []
    active: dict[str, str] = {}

    query = params.get("q", "").strip()[:200]
    if query:
        words = [w for w in query.split() if w]
        for word in words:
            projects = projects.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(territories__name__icontains=word)
                | Q(participations__organisation__name__icontains=word)
                | Q(themes__label_fr__icontains=word)
                | Q(themes__label_en__icontains=word)
            )
        active["q"] = query

    accepted = checked_filters(params, notices)
    lookups = {
        "country": "territories__country",
        "theme": "themes",
        "sdg": "sdgs",
        "type": "participations__organisation__type",
    }
    for key, lookup in lookups.items():
        if key in accepted:
            projects = projects.filter(**{lookup: accepted[key]})
            active[key] = accepted[key]

    year_from, year_to = _year(params, "year_from", notices), _year(params, "year_to", notices)
    if year_from:
        projects = projects.filter(
            Q(end_year__gte=year_from) | Q(end_year__isnull=True, start_year__gte=year_from)
        )
        active["year_from"] = str(year_from)
    if year_to:
        projects = projects.filter(start_year__lte=year_to)
        active["year_to"] = str(year_to)

    projects = Project.objects.filter(pk__in=projects.values_list("pk", flat=True))
    facets = add_links(params, project_facets(projects, active))
    return Filtered(projects=projects, facets=facets, notices=notices, active=active)


def _counts(projects: QuerySet[Project], path: str) -> list[tuple[Any, int]]:
    rows = projects.values(path).annotate(n=Count("pk", distinct=True))
    return [(row[path], row["n"]) for row in rows if row[path] is not None]


def project_facets(projects: QuerySet[Project], active: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Return, for each facet, its values present in PROJECTS with their counts."""
    themes = {t.code: t.label for t in Theme.objects.all()}
    sdgs = {s.number: s.title for s in Sdg.objects.all()}
    types = dict(OrganisationType.choices)
    facets = {
        "country": [
            FacetValue(code, country_name(code), n, active.get("country") == code)
            for code, n in _counts(projects, "territories__country")
        ],
        "theme": [
            FacetValue(code, themes[code], n, active.get("theme") == code)
            for code, n in _counts(projects, "themes__code")
        ],
        "sdg": [
            FacetValue(str(number), f"{number}. {sdgs[number]}", n, active.get("sdg") == str(number))
            for number, n in _counts(projects, "sdgs__number")
        ],
        "type": [
            FacetValue(code, str(types[code]), n, active.get("type") == code)
            for code, n in _counts(projects, "participations__organisation__type")
        ],
    }
    facets["country"].sort(key=lambda v: fold(v.label))
    facets["theme"].sort(key=lambda v: fold(v.label))
    facets["sdg"].sort(key=lambda v: int(v.value))
    facets["type"].sort(key=lambda v: -v.count)
    return facets
