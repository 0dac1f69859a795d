"""Domain actions on territories."""

from passerelles.lib.text import fold
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
