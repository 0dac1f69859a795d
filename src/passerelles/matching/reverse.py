"""The reverse of matching: the local governments that cooperate in an organisation's fields and countries."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from passerelles.lib.countries import country_name
from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project
from passerelles.territories.models import Territory

# A shared field says more than a shared country: the organisation's skills are what it would
# bring, while many unrelated cooperations run in the same country.
THEME_WEIGHT = 0.6
SHOWN = 8


@dataclass
class CooperatingTerritory:
    """A local government that cooperates in an organisation's fields or countries, and why."""

    territory: Territory
    score: float
    reason: str
    project: Project


def _abroad(codes: set[str]) -> set[str]:
    """Return CODES without France: every cooperation here has a French side, so it tells nothing."""
    return codes - {"FR"}


def cooperating_territories(organisation: Organisation, limit: int = SHOWN) -> list[CooperatingTerritory]:
    """Return the territories taking part in projects on the organisation's skills or in its countries."""
    skills = {theme.code: theme.label for theme in organisation.skills.all()}
    countries = set(organisation.action_countries or []) | {organisation.country or ""}
    countries |= {t.country for t in organisation.action_territories.all()}
    countries = _abroad(countries - {""})
    projects = (
        Project.objects.published()
        .filter(
            Q(themes__in=list(skills))
            | Q(territories__country__in=countries)
            | Q(participations__territory__country__in=countries)
        )
        .distinct()
        .prefetch_related("themes", "territories", "participations__territory")
    )
    best: dict[int, CooperatingTerritory] = {}
    for project in projects:
        territories = {t.pk: t for t in project.territories.all()}
        territories |= {p.territory.pk: p.territory for p in project.participations.all() if p.territory}
        where = _abroad({t.country for t in territories.values()} | set(project.action_countries or []))
        common = [skills[t.code] for t in project.themes.all() if t.code in skills]
        shared = sorted(where & countries)
        score = THEME_WEIGHT * (len(common) / len(skills) if skills else 0.0)
        score += (1 - THEME_WEIGHT) * (1.0 if shared else 0.0)
        for territory in territories.values():
            if score <= 0 or (territory.pk in best and best[territory.pk].score >= score):
                continue
            partners = ", ".join(
                f"{t.name} ({t.country_name})" for t in territories.values() if t.pk != territory.pk
            )
            place = ", ".join(country_name(code) for code in shared)
            if common and place:
                reason = _("cooperates in %(countries)s on %(themes)s: “%(project)s”") % {
                    "countries": place,
                    "themes": ", ".join(common),
                    "project": project.title,
                }
            elif common:
                reason = _("cooperates with %(partners)s on %(themes)s: “%(project)s”") % {
                    "partners": partners or territory.name,
                    "themes": ", ".join(common),
                    "project": project.title,
                }
            else:
                reason = _("cooperates in %(countries)s, where this organisation acts: “%(project)s”") % {
                    "countries": place,
                    "project": project.title,
                }
            best[territory.pk] = CooperatingTerritory(territory, score, reason, project)
    ranked = sorted(best.values(), key=lambda c: (-c.score, c.territory.name))
    return ranked[:limit]
