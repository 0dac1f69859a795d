"""Domain actions on projects, called alike by views, the admin, loaders and the command line."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from passerelles.classification.actions import explain_labels, record_auto, tag_project
from passerelles.classification.models import Sdg, Theme
from passerelles.organisations.models import Organisation
from passerelles.projects.choices import Status
from passerelles.projects.data import ProjectData
from passerelles.projects.models import (
    Contact,
    FundingLine,
    Indicator,
    Measurement,
    Participation,
    Project,
    Result,
    validate_funding_shares,
)
from passerelles.search.index import update_project
from passerelles.territories.models import Territory


@transaction.atomic
def forget_person(*, email: str = "", name: str = "") -> int:
    """Delete every contact record of a person, found by e-mail or exact name; return how many.

    This answers a request to remove personal data: the projects and organisations stay,
    the person's name, function, e-mail and phone go.
    """
    if not email and not name:
        return 0
    match = Q()
    if email:
        match |= Q(email__iexact=email)
    if name:
        match |= Q(name__iexact=name)
    deleted, _ = Contact.objects.filter(match).delete()
    return deleted


def _check_codes(themes: list[str], sdgs: list[int]) -> tuple[list[Theme], list[Sdg]]:
    known_themes = {t.code: t for t in Theme.objects.filter(code__in=themes)}
    unknown = [code for code in themes if code not in known_themes]
    if unknown:
        raise ValidationError(
            {"themes": _("Unknown theme code: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}}
        )
    known_sdgs = {s.number: s for s in Sdg.objects.filter(number__in=[n for n in sdgs if isinstance(n, int)])}
    wrong = [n for n in sdgs if n not in known_sdgs]
    if wrong:
        raise ValidationError(
            {
                "sdgs": _("An SDG is a number from 1 to 17, not %(values)s.")
                % {"values": ", ".join(map(str, wrong))}
            }
        )
    return list(known_themes.values()), list(known_sdgs.values())


def _actor_fields(actor: Organisation | Territory, organisation_field: str, territory_field: str) -> dict:
    if isinstance(actor, Organisation):
        return {organisation_field: actor}
    return {territory_field: actor}


@transaction.atomic
def save_project(data: ProjectData) -> Project:
    """Create or replace the project titled data.title with everything it holds, after validation.

    A project already stored under the same external identifier (an IATI identifier), or else
    under the same title (any case), is updated and its participants,
    funding lines, results and contacts are replaced, so loading the same data twice adds nothing.
    Data without any theme or SDG is labelled by the classifier (`tag_project`) unless
    data.classify is false; labels given are kept exactly, with data.label_evidence stored as
    the classifier's evidence for them, or else the evidence of those the classifier finds too
    (`explain_labels`, unless data.classify is false).
    Raises ValidationError naming the field when a value is refused; nothing is then stored.
    """
    if data.external_id:
        lookup: dict[str, str] = {"external_id": data.external_id}
    else:
        lookup = {"title__iexact": data.title, "external_id": ""}
    project = Project.objects.filter(**lookup).first() or Project(title=data.title)
    for field in [
        "summary",
        "ess_dimension",
        "start_year",
        "end_year",
        "budget_total",
        "currency",
        "difficulties",
        "success_conditions",
        "perspectives",
        "is_published",
        "review_status",
        "external_id",
        "sdg_targets",
        "action_countries",
    ]:
        setattr(project, field, getattr(data, field))
    project.status = data.status or Status.INCONNU
    project.full_clean(exclude=["slug"], validate_unique=False)
    themes, sdgs = _check_codes(data.themes, data.sdgs)
    validate_funding_shares(line.share_pct for line in data.funding)
    project.save()
    project.territories.set(data.territories)
    project.themes.set(themes)
    project.sdgs.set(sdgs)

    project.participations.all().delete()
    seen = set()
    for actor, role in data.participants:
        key = (type(actor), actor.pk, role)
        if key not in seen:
            seen.add(key)
            _saved(
                Participation(project=project, role=role, **_actor_fields(actor, "organisation", "territory"))
            )

    project.funding_lines.all().delete()
    for line in data.funding:
        _saved(
            FundingLine(
                project=project,
                amount=line.amount,
                currency=line.currency,
                share_pct=line.share_pct,
                **_actor_fields(line.funder, "funder_organisation", "funder_territory"),
            )
        )

    project.results.all().delete()
    for result_data in data.results:
        result = _saved(Result(project=project, title=result_data.title, description=result_data.description))
        for indicator_data in result_data.indicators:
            indicator = _saved(
                Indicator(
                    result=result,
                    name=indicator_data.name,
                    unit=indicator_data.unit,
                    baseline=indicator_data.baseline,
                    target=indicator_data.target,
                )
            )
            for year, value in indicator_data.measurements:
                _saved(Measurement(indicator=indicator, year=year, value=value))

    project.contacts.all().delete()
    for contact in data.contacts:
        employer = {}
        if contact.employer is not None:
            employer = _actor_fields(contact.employer, "organisation", "territory")
        _saved(
            Contact(
                project=project,
                name=contact.name,
                function=contact.function,
                email=contact.email,
                phone=contact.phone,
                **employer,
            )
        )
    if not data.themes and not data.sdgs:
        if data.classify:
            tag_project(project)
    elif data.label_evidence:
        record_auto(project, data.label_evidence)
    elif data.classify:
        explain_labels(project)
    update_project(project)
    return project


def _saved(instance):
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()
    return instance
