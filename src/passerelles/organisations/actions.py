"""Domain actions on organisations."""

from rapidfuzz import fuzz

from passerelles.lib.names import CLOSE_SPELLING, acronym_of, core_name, initials, is_acronym
from passerelles.lib.text import fold
from passerelles.organisations.models import Organisation
from passerelles.search.index import update_organisation


def find_organisation(name: str) -> Organisation | None:
    """Return the organisation called NAME, by its name, acronym or one of its aliases."""
    exact = Organisation.objects.filter(name__iexact=name).first()
    if exact:
        return exact
    wanted = fold(name)
    for organisation in Organisation.objects.only("name", "acronym", "aliases"):
        known = {fold(organisation.name), fold(organisation.acronym)} | {
            fold(a) for a in organisation.aliases
        }
        if wanted in known:
            return organisation
    return None


def upsert_organisation(name: str, type: str, country: str, **fields) -> Organisation:
    """Return the known organisation NAME updated with FIELDS, or create it after validation."""
    organisation = find_organisation(name) or Organisation(name=name)
    organisation.type = type
    organisation.country = country or ""
    skills = fields.pop("skills", None)
    for key, value in fields.items():
        setattr(organisation, key, value)
    organisation.full_clean(exclude=["slug"], validate_unique=False)
    organisation.save()
    if skills is not None:
        organisation.skills.set(skills)
    update_organisation(organisation)
    return organisation


def _spellings(organisation: Organisation) -> set[str]:
    return {core_name(n) for n in [organisation.name, *organisation.aliases]} - {""}


def match_organisation(name: str) -> Organisation | None:
    """Return the stored organisation that NAME designates, however it is written.

    Tried in order: the same name, an alias, the acronym (written alone or in brackets, or the
    initials of a stored name), the same core name without generic words, then a close spelling.
    """
    known = find_organisation(name)
    if known:
        return known
    core, acronym = core_name(name), (name.strip() if is_acronym(name.strip()) else acronym_of(name))
    candidates = list(Organisation.objects.only("name", "acronym", "aliases"))
    if acronym:
        by_acronym = [o for o in candidates if o.acronym == acronym]
        by_acronym = by_acronym or [
            o for o in candidates if initials(o.name) == acronym and len(acronym) >= 3
        ]
        if len(by_acronym) == 1:
            return by_acronym[0]
    if not core:
        return None
    same_core = [o for o in candidates if core in _spellings(o)]
    if same_core:
        return same_core[0]
    if len(core) >= 6:
        best = max(
            ((fuzz.ratio(core, spelling), o) for o in candidates for spelling in _spellings(o)),
            default=None,
            key=lambda pair: pair[0],
        )
        if best and best[0] >= CLOSE_SPELLING:
            return best[1]
    return None


def resolve_organisation(name: str, type: str, country: str) -> Organisation:
    """Return the stored organisation NAME designates, remembering this spelling; create it if new."""
    name = name.strip()
    organisation = match_organisation(name)
    if organisation is None:
        acronym = acronym_of(name) or (name if is_acronym(name) else "")
        organisation = Organisation(name=name, type=type, country=country or "", acronym=acronym)
        organisation.full_clean(exclude=["slug"], validate_unique=False)
        organisation.save()
        update_organisation(organisation)
        return organisation
    changed = False
    if name != organisation.name and name not in organisation.aliases:
        organisation.aliases = [*organisation.aliases, name]
        changed = True
    if not organisation.acronym and (acronym_of(name) or is_acronym(name)):
        organisation.acronym = acronym_of(name) or name
        changed = True
    if not organisation.country and country:
        organisation.country = country
        changed = True
    if changed:
        organisation.save()
        update_organisation(organisation)
    return organisation
