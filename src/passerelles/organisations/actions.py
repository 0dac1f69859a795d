"""Domain actions on organisations."""

from passerelles.lib.text import fold
from passerelles.organisations.models import Organisation


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
    return organisation
