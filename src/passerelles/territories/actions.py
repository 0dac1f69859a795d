"""Domain actions on territories."""

from rapidfuzz import fuzz

from passerelles.lib.names import CLOSE_SPELLING, core_name
from passerelles.lib.text import fold
from passerelles.search.index import update_territory
from passerelles.territories.models import Partnership, Territory


def find_territory(name: str, country: str) -> Territory | None:
    """Return the territory of COUNTRY called NAME or having NAME among its aliases."""
    wanted = fold(name)
    for territory in Territory.objects.filter(country=country):
        if fold(territory.name) == wanted or wanted in {fold(alias) for alias in territory.aliases}:
            return territory
    return None


def upsert_territory(name: str, country: str, level: str, **fields) -> Territory:
    """Return the known territory NAME of COUNTRY, updated with FIELDS, or create it after validation."""
    territory = find_territory(name, country) or Territory(name=name, country=country)
    territory.level = level
    for key, value in fields.items():
        setattr(territory, key, value)
    territory.full_clean(exclude=["slug"], validate_unique=False)
    territory.save()
    update_territory(territory)
    return territory


def link_partnership(
    a: Territory, b: Territory, kind: str, since: int | None, description: str = ""
) -> Partnership:
    """Record a partnership between A and B once, whichever side is named first."""
    existing = (
        Partnership.objects.filter(territory_a=a, territory_b=b, kind=kind)
        | Partnership.objects.filter(territory_a=b, territory_b=a, kind=kind)
    ).first()
    partnership = existing or Partnership(territory_a=a, territory_b=b, kind=kind)
    partnership.since = since
    partnership.description = description
    partnership.full_clean(validate_unique=False)
    partnership.save()
    return partnership


def match_territory(name: str, country: str) -> Territory | None:
    """Return the territory of COUNTRY that NAME designates: same name, alias, core name or close spelling."""
    known = find_territory(name, country)
    if known:
        return known
    core = core_name(name)
    if not core:
        return None
    candidates = list(Territory.objects.filter(country=country))
    spellings = [(core_name(n), t) for t in candidates for n in [t.name, *t.aliases]]
    for spelling, territory in spellings:
        if spelling == core:
            return territory
    best = max(((fuzz.ratio(core, s), t) for s, t in spellings if s), default=None, key=lambda pair: pair[0])
    if best and len(core) >= 6 and best[0] >= CLOSE_SPELLING:
        return best[1]
    return None


def resolve_territory(name: str, country: str, level: str) -> Territory:
    """Return the territory NAME designates, remembering this spelling; create it when new."""
    name = name.strip()
    territory = match_territory(name, country)
    if territory is None:
        return upsert_territory(name, country, level)
    if name != territory.name and name not in territory.aliases:
        territory.aliases = [*territory.aliases, name]
        territory.save(update_fields=["aliases"])
        update_territory(territory)
    return territory
