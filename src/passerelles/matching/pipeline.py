"""Rank the organisations able to meet a partner territory's need, and say why.

A need in free text is read once (`read_need`: its vector, its SDGs and themes from the
classifier, the countries asked for), candidates are gathered, then a list of small named
steps each assigns one signal in 0..1 to every candidate (`Step.score`), then says why for
the organisations shown (`Step.explain`):

    experience   what the organisation has done: similarity of the need to the projects it took
                 part in, weighted by its role in each
    skills       its themes (declared skills and the themes of the projects it worked on) and
                 SDGs compared with those of the need, rare themes counting more
    place        its experience in the country asked for: projects there, its home, its
                 declared countries of action
    kind         what it is: ESS organisations that run projects before networks, and public
                 funders and state bodies last

`combine` turns the signals into a score in 0..1. What an organisation is about (experience,
skills) makes the score; where it has worked and what it is only modulate it, so that a
nearby organisation or an ESS one never outranks one that knows the subject. Nothing here is
fitted to examples: each weight below says the principle it comes from.
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passerelles.classification.models import Theme
from passerelles.classification.pipeline import Labels, classify
from passerelles.lib.countries import country_name, is_country
from passerelles.lib.errors import InputError
from passerelles.lib.names import normalise
from passerelles.lib.privacy import mask
from passerelles.matching.index import ProjectIndex, project_index
from passerelles.organisations.choices import OrganisationType
from passerelles.organisations.models import Organisation
from passerelles.projects.choices import Role
from passerelles.projects.models import Contact, FundingLine, Participation, Project
from passerelles.search.embeddings import embed
from passerelles.search.index import index_versions
from passerelles.search.models import Kind as IndexKind
from passerelles.territories.geo import countries_in, subdivision_index
from passerelles.territories.models import Territory

# How much of the work each role implies, for a need that asks "who can do it": the operator
# and the technical support did it, the owner led it, a partner took part in an unstated way,
# a beneficiary received it and a funder paid for it.
ROLE_WEIGHT = {
    Role.OPERATEUR: 1.0,
    Role.APPUI_TECHNIQUE: 1.0,
    Role.MAITRE_OUVRAGE: 0.8,
    Role.PARTENAIRE: 0.5,
    Role.BENEFICIAIRE: 0.3,
    Role.FINANCEUR: 0.2,
}
# Roles in which an organisation did part of the work, so the project's themes are partly its own:
# half, since in a project of several actors each did its share of the themes; a declared skill
# counts in full.
DOING = 0.5
PROJECT_THEME_CREDIT = 0.5

# What an organisation is, for the same question. Associations, cooperatives, mutuals and
# foundations are ESS by their legal form (law of 31 July 2014) even when not marked so; a
# company counts fully once it is marked ESS. Networks and others relay more than they
# operate; local governments, agencies and ministries fund and frame.
KIND_PRIOR = {
    OrganisationType.ASSOCIATION: 0.9,
    OrganisationType.COOPERATIVE: 0.9,
    OrganisationType.MUTUELLE: 0.9,
    OrganisationType.FONDATION: 0.9,
    OrganisationType.ENTREPRISE: 0.7,
    OrganisationType.RESEAU: 0.7,
    OrganisationType.AUTRE: 0.7,
    OrganisationType.COLLECTIVITE: 0.4,
    OrganisationType.AGENCE: 0.3,
    OrganisationType.ETAT: 0.3,
}
PUBLIC = {OrganisationType.COLLECTIVITE, OrganisationType.AGENCE, OrganisationType.ETAT}

# Done counts more than declared: a project is reviewed evidence, a skill is a claim.
EXPERIENCE_SHARE = 0.6
# Themes are the field's 19 fine-grained codes; the 17 goals are coarse (most projects touch 8).
THEME_SHARE = 0.75
# Place and kind scale the score between these floors and 1: they reorder organisations that
# know the subject, but cannot make up for one that does not.
PLACE_FLOOR = 0.7
KIND_FLOOR = 0.6

# Experience in the country asked for: projects there are proof; a home there means local
# knowledge; a declared country of action is a claim.
PLACE_PROJECT, PLACE_HOME, PLACE_DECLARED = 1.0, 0.8, 0.6

# Projects whose participants become candidates, and organisations taken by their skills:
# bounds that keep a query's work independent of the size of the database (fifty pages of
# results from skills alone, which only a declared skill supports).
PROJECT_POOL = 200
SKILLED_POOL = 500
SUPPORTING = 3


@dataclass
class Need:
    """A partner territory's need as the steps read it."""

    text: str
    countries: list[str]
    labels: Labels
    vector: np.ndarray


@dataclass
class ProjectFacts:
    """What the reasons and the place step need to know of one project."""

    pk: int
    title: str
    slug: str
    start_year: int | None
    themes: set[str] = field(default_factory=set)
    sdgs: set[int] = field(default_factory=set)
    territories: list[tuple[str, str]] = field(default_factory=list)
    action_countries: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return reverse("project", args=[self.slug])

    @property
    def countries(self) -> set[str]:
        return {country for _name, country in self.territories} | self.action_countries

    def partners(self) -> str:
        """Return the project's territories abroad (all of them when none is), named with their country."""
        abroad = [t for t in self.territories if t[1] != "FR"] or self.territories
        return ", ".join(f"{name} ({country_name(country)})" for name, country in abroad[:2])


@dataclass
class Involvement:
    """An organisation's part in one project: its most active role and the project's relevance."""

    project: ProjectFacts
    role: str
    relevance: float

    @property
    def weight(self) -> float:
        return ROLE_WEIGHT[Role(self.role)] * self.relevance


@dataclass
class Candidate:
    """An organisation on its way through the steps, with its signals and reasons."""

    organisation: Organisation
    involvements: list[Involvement]
    skills: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # declared: its countries and territories of action
    signals: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0

    def supporting(self) -> list[Involvement]:
        """Return the projects that make its experience, the most telling first."""
        found = [i for i in self.involvements if i.weight > 0]
        return sorted(found, key=lambda i: -i.weight)[:SUPPORTING]

    def as_dict(self) -> dict:
        """Return the candidate as an item of `passerelles match --json`."""
        return {
            "name": self.organisation.name,
            "type": self.organisation.type,
            "country": self.organisation.country,
            "score": round(self.score, 4),
            "why": self.reasons,
            "projects": [i.project.title for i in self.supporting()],
        }


@dataclass
class SimilarProject:
    """A published project close to the need, with what it shares with it."""

    project: ProjectFacts
    score: float
    reasons: list[str]

    def as_dict(self) -> dict:
        return {
            "title": self.project.title,
            "url": self.project.url,
            "score": round(self.score, 4),
            "countries": sorted(self.project.countries),
            "why": self.reasons,
        }


@dataclass
class Match:
    """The answer to a need: organisations, then similar projects."""

    need: Need
    organisations: list[Candidate]
    projects: list[SimilarProject]


# ---------------------------------------------------------------------------------------------
# Reading the need


def requested_countries(text: str, country: str | None) -> list[str]:
    """Return the country asked for, or else the countries and foreign provinces the need names.

    France is left out of the countries found in the text: nearly every organisation here acts
    there, so "une commune française" says nothing about who fits.
    """
    if country:
        code = country.strip().upper()
        if not is_country(code):
            raise InputError(
                _("“%(code)s” is not a country code: use an ISO 3166-1 alpha-2 code such as FR, BJ or MA.")
                % {"code": country}
            )
        return [code]
    codes = [code for code, _start, _end in countries_in(text)]
    words = normalise(text).split()
    provinces = subdivision_index()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            found = provinces.get(" ".join(words[start : start + size]))
            if found:
                codes.append(found[0])
    return [code for code in dict.fromkeys(codes) if code != "FR"]


def read_need(text: str, country: str | None = None) -> Need:
    """Return the need TEXT with its vector, labels and countries; refuse an empty one."""
    text = (text or "").strip()
    if not text:
        raise InputError(
            _(
                "The need is empty: describe in a few words what the partner territory needs, "
                "for instance “collective composting for a town of 50,000 inhabitants”."
            )
        )
    return Need(
        text=text,
        countries=requested_countries(text, country),
        labels=classify(text),
        vector=embed([text])[0],
    )


_rarity_memo: dict[int, dict[str, float]] = {}


def theme_rarity() -> dict[str, float]:
    """Return each theme's rarity among the organisations' skills (inverse document frequency).

    "Local governance", which most networks declare, tells less about who fits than "solar energy".
    Counted once per change of the organisations: at a million of them, counting takes a second.
    """
    version = index_versions()[IndexKind.ORGANISATION]
    if version not in _rarity_memo:
        total = Organisation.objects.count() or 1
        counts: dict[str, int] = {
            row["theme_id"]: row["n"]
            for row in Organisation.skills.through.objects.values("theme_id").annotate(
                n=Count("organisation_id")
            )
        }
        _rarity_memo.clear()
        _rarity_memo[version] = {
            code: math.log(1 + total / (counts.get(code, 0) + 1))
            for code in Theme.objects.values_list("pk", flat=True)
        }
    return _rarity_memo[version]


def theme_columns() -> dict[str, int]:
    """Return the column of each theme code in the label matrices (themes in code order)."""
    codes = Theme.objects.order_by("pk").values_list("pk", flat=True)
    return {code: column for column, code in enumerate(codes)}


def label_overlap(
    need: Need, columns: dict[str, int], themes: np.ndarray, sdgs: np.ndarray, rarity: dict[str, float]
) -> np.ndarray | None:
    """Return, for each row, the share of the need's themes (by rarity) and SDGs that it covers.

    THEMES holds each row's credit (0 to 1) per theme, in COLUMNS; SDGS a 1 per goal it has
    (column n is goal n). Return None when the classifier found neither themes nor SDGs in the need.
    """
    shares, weights = [], []
    if need.labels.themes:
        weight = np.array([rarity.get(code, 1.0) for code in need.labels.themes], dtype=np.float32)
        known = [i for i, code in enumerate(need.labels.themes) if code in columns]
        covered = themes[:, [columns[need.labels.themes[i]] for i in known]] @ weight[known]
        shares.append(covered / weight.sum())
        weights.append(THEME_SHARE)
    if need.labels.sdgs:
        shares.append(sdgs[:, need.labels.sdgs].sum(axis=1) / len(need.labels.sdgs))
        weights.append(1 - THEME_SHARE)
    if not shares:
        return None
    return sum(w * share for w, share in zip(weights, shares, strict=True)) / sum(weights)


@dataclass
class ProjectLabels:
    """The themes and SDGs of the indexed projects, as 0/1 matrices aligned with `ProjectIndex.ids`."""

    index: ProjectIndex
    version: int
    codes: dict[str, int]
    themes: np.ndarray
    sdgs: np.ndarray


_labels_memo: list[ProjectLabels] = []


def project_labels(index: ProjectIndex) -> ProjectLabels:
    """Return the labels of INDEX's projects, read once per change of the projects."""
    version = index_versions()[IndexKind.PROJECT]
    if _labels_memo and _labels_memo[0].index is index and _labels_memo[0].version == version:
        return _labels_memo[0]
    codes = theme_columns()
    position = index.position
    themes = np.zeros((len(index.ids), len(codes)), dtype=np.float32)
    sdgs = np.zeros((len(index.ids), 18), dtype=np.float32)  # column n is goal n
    for pk, code in Project.themes.through.objects.values_list("project_id", "theme_id").iterator():
        if pk in position and code in codes:
            themes[position[pk], codes[code]] = 1.0
    for pk, number in Project.sdgs.through.objects.values_list("project_id", "sdg_id").iterator():
        if pk in position:
            sdgs[position[pk], number] = 1.0
    _labels_memo[:] = [ProjectLabels(index, version, codes, themes, sdgs)]
    return _labels_memo[0]


def project_relevance(need: Need, index: ProjectIndex, rarity: dict[str, float]) -> np.ndarray:
    """Return each project's relevance to the need in 0..1: its text's closeness and its labels' overlap.

    Two independent readings count alike: the encoder reads the meaning in any wording, the
    reviewed themes and SDGs carry the field's vocabulary and do not depend on the language.
    """
    dense = relevance(index.similarities(need.vector))
    if not (need.labels.themes or need.labels.sdgs) or not len(index.ids):
        return dense
    labels = project_labels(index)
    labelled = label_overlap(need, labels.codes, labels.themes, labels.sdgs, rarity)
    return dense if labelled is None else (dense + labelled) / 2


def relevance(similarities: np.ndarray) -> np.ndarray:
    """Return each project's similarity rescaled so that the median project is 0 and the best is 1.

    Most projects have nothing to do with a given need, so the median is the level of an
    unrelated project; this makes relevance comparable from one need, and one encoder, to another.
    """
    if not len(similarities):
        return similarities
    floor = float(np.median(similarities))
    span = float(similarities.max()) - floor
    if span <= 0:
        return np.zeros_like(similarities)
    return np.clip((similarities - floor) / span, 0.0, 1.0)


# ---------------------------------------------------------------------------------------------
# Facts of projects and candidates


def project_facts(ids: set[int]) -> dict[int, ProjectFacts]:
    """Return the facts of the projects IDS in five queries, whatever their number.

    Their titles are masked as the public reads them (`projects.privacy`): the page is public.
    """
    facts = {
        row["pk"]: ProjectFacts(
            pk=row["pk"],
            title=row["title"],
            slug=row["slug"],
            start_year=row["start_year"],
            action_countries=set(row["action_countries"] or []),
        )
        for row in Project.objects.filter(pk__any_of=ids).values(
            "pk", "title", "slug", "start_year", "action_countries"
        )
    }
    for pk, code in Project.themes.through.objects.filter(project_id__any_of=ids).values_list(
        "project_id", "theme_id"
    ):
        facts[pk].themes.add(code)
    for pk, number in Project.sdgs.through.objects.filter(project_id__any_of=ids).values_list(
        "project_id", "sdg_id"
    ):
        facts[pk].sdgs.add(number)
    for pk, name, code in (
        Project.territories.through.objects.filter(project_id__any_of=ids)
        .order_by("territory__name")
        .values_list("project_id", "territory__name", "territory__country")
    ):
        facts[pk].territories.append((name, code))
    contacts: dict[int, list[str]] = {}
    for pk, name in Contact.objects.filter(project_id__any_of=ids).values_list("project_id", "name"):
        contacts.setdefault(pk, []).append(name)
    for pk, fact in facts.items():
        fact.title = mask(fact.title, contacts.get(pk, []))
    return facts


def _roles(organisation_ids: set[int], published: Container[int]) -> dict[int, dict[int, str]]:
    """Return, per organisation, its most active role in each PUBLISHED project it took part in.

    PUBLISHED is the project index's ids: checked here rather than joined in the database, where
    the join had it read every project.
    """
    rows = list(
        Participation.objects.filter(organisation_id__any_of=organisation_ids).values_list(
            "organisation_id", "project_id", "role"
        )
    )
    rows += [
        (organisation, project, Role.FINANCEUR)
        for organisation, project in FundingLine.objects.filter(
            funder_organisation_id__any_of=organisation_ids
        )
        .order_by()
        .values_list("funder_organisation_id", "project_id")
    ]
    rows = [row for row in rows if row[1] in published]
    roles: dict[int, dict[int, str]] = {}
    for organisation, project, role in rows:
        mine = roles.setdefault(organisation, {})
        if project not in mine or ROLE_WEIGHT[Role(role)] > ROLE_WEIGHT[Role(mine[project])]:
            mine[project] = role
    return roles


def top_rows(values: np.ndarray, count: int) -> np.ndarray:
    """Return the rows of the COUNT largest VALUES, largest first (without sorting all of them)."""
    if count < len(values):
        chosen = np.argpartition(-values, count)[:count]
        return chosen[np.argsort(-values[chosen], kind="stable")]
    return np.argsort(-values, kind="stable")


def skilled_pool(need: Need) -> set[int]:
    """Return up to SKILLED_POOL organisations skilled in the need's themes, as many based in its countries.

    "Skilled" is a semi-join and neither query is ordered, so that the database stops at the pool's
    size instead of reading and sorting every match; both read indexes only (the skills by theme,
    the organisations by country).
    """
    skills = Organisation.skills.through.objects.filter(
        organisation_id=OuterRef("pk"), theme_id__in=need.labels.themes
    )
    skilled = Organisation.objects.filter(Exists(skills)).order_by().values_list("pk", flat=True)
    home = set(skilled.filter(country__in=need.countries)[:SKILLED_POOL]) if need.countries else set()
    return home | set(skilled[:SKILLED_POOL])


# What the steps, the page and the API read of a candidate: a thousand descriptions are not loaded.
CANDIDATE_FIELDS = (
    "name",
    "slug",
    "type",
    "is_ess",
    "country",
    "action_countries",
    "territory__name",
    "territory__country",
)


def gather_candidates(need: Need, index: ProjectIndex, relevant: np.ndarray) -> list[Candidate]:
    """Return the organisations worth scoring: those of the closest projects, and the skilled ones.

    Both pools are bounded, so the work of a query does not grow with the database; an
    organisation outside both has neither done nor declared anything close to the need.
    """
    order = top_rows(relevant, PROJECT_POOL)
    close = [int(index.ids[row]) for row in order if relevant[row] > 0]
    ids = set(
        Participation.objects.filter(project_id__in=close, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    ids |= set(
        FundingLine.objects.filter(project_id__in=close, funder_organisation__isnull=False).values_list(
            "funder_organisation_id", flat=True
        )
    )
    if need.labels.themes:
        ids |= skilled_pool(need)
    position = index.position
    roles = _roles(ids, position)
    facts = project_facts({pk for mine in roles.values() for pk in mine if pk in position})
    # Skills and countries of action read as plain pairs: a prefetch would build a manager and
    # model instances for each of a thousand candidates.
    skills: dict[int, set[str]] = {}
    for pk, code in Organisation.skills.through.objects.filter(organisation_id__any_of=ids).values_list(
        "organisation_id", "theme_id"
    ):
        skills.setdefault(pk, set()).add(code)
    # Pairs first, then the few territories' countries: joined, SQLite walked every territory
    # for each of the thousand ids when no organisation declared territories of action.
    pairs = list(
        Organisation.action_territories.through.objects.filter(organisation_id__any_of=ids).values_list(
            "organisation_id", "territory_id"
        )
    )
    country = dict(
        Territory.objects.filter(pk__any_of={territory for _pk, territory in pairs}).values_list(
            "pk", "country"
        )
    )
    acting: dict[int, set[str]] = {}
    for pk, territory in pairs:
        acting.setdefault(pk, set()).add(country[territory])
    return [
        Candidate(
            organisation=organisation,
            involvements=[
                Involvement(facts[pk], role, float(relevant[position[pk]]))
                for pk, role in roles.get(organisation.pk, {}).items()
                if pk in facts
            ],
            skills=skills.get(organisation.pk, set()),
            countries=acting.get(organisation.pk, set()) | set(organisation.action_countries or []),
        )
        for organisation in Organisation.objects.filter(pk__any_of=ids)
        .select_related("territory")
        .only(*CANDIDATE_FIELDS)
    ]


# ---------------------------------------------------------------------------------------------
# The steps


def _list(labels: list[str]) -> str:
    return ", ".join(labels)


# The deed each role stands for, with the project's partners abroad and without.
DEEDS: dict[str, tuple[Promise, Promise]] = {
    Role.OPERATEUR: (gettext_lazy("ran “%(project)s” with %(partners)s"), gettext_lazy("ran “%(project)s”")),
    Role.APPUI_TECHNIQUE: (
        gettext_lazy("gave technical support to “%(project)s” with %(partners)s"),
        gettext_lazy("gave technical support to “%(project)s”"),
    ),
    Role.MAITRE_OUVRAGE: (
        gettext_lazy("led “%(project)s” with %(partners)s"),
        gettext_lazy("led “%(project)s”"),
    ),
    Role.PARTENAIRE: (
        gettext_lazy("took part in “%(project)s” with %(partners)s"),
        gettext_lazy("took part in “%(project)s”"),
    ),
    Role.BENEFICIAIRE: (
        gettext_lazy("benefited from “%(project)s” with %(partners)s"),
        gettext_lazy("benefited from “%(project)s”"),
    ),
    Role.FINANCEUR: (
        gettext_lazy("funded “%(project)s” with %(partners)s"),
        gettext_lazy("funded “%(project)s”"),
    ),
}


class Step(Protocol):
    """A step scores every candidate on one signal, then explains the few that are shown."""

    name: str

    def score(self, need: Need, candidates: list[Candidate]) -> None:
        """Assign `signals[name]` in 0..1 to each of CANDIDATES (a step may give no signal)."""

    def explain(self, need: Need, candidate: Candidate) -> None:
        """Add the reasons behind the signal to CANDIDATE, one of those shown."""


class Experience:
    """Assign `experience`: how close the projects it took part in are to the need, by its role.

    Each project is one piece of evidence, weighted by the role's share of the work and the
    project's relevance; pieces add up like independent chances (1 - Π(1 - w)), so a second
    close project raises the score without ever passing 1.
    """

    name = "experience"

    def score(self, need: Need, candidates: list[Candidate]) -> None:
        for candidate in candidates:
            missing = 1.0
            for involvement in candidate.involvements:
                missing *= 1.0 - involvement.weight
            candidate.signals[self.name] = 1.0 - missing

    def explain(self, need: Need, candidate: Candidate) -> None:
        for involvement in candidate.supporting()[:2]:
            # Halfway between an unrelated project and the closest one: a project worth citing.
            if involvement.relevance >= 0.5:
                project = involvement.project
                with_partners, alone = DEEDS[involvement.role]
                partners = project.partners()
                template = with_partners if partners else alone
                candidate.reasons.append(str(template) % {"project": project.title, "partners": partners})


class Skills:
    """Assign `skills`: the share of the need's themes (by rarity) and SDGs that the organisation covers.

    Its themes are its declared skills and, for half, those of the projects it worked on. The
    shares of all candidates come from one `label_overlap` over their matrices.
    """

    name = "skills"

    def __init__(self, rarity: dict[str, float]) -> None:
        self.rarity = rarity
        self.labels = {theme.code: theme.label for theme in Theme.objects.all()}
        self.columns = theme_columns()

    @staticmethod
    def credit(candidate: Candidate) -> tuple[dict[str, float], set[int]]:
        """Return the credit of each theme of CANDIDATE and the SDGs of the projects it did."""
        done = [i.project for i in candidate.involvements if ROLE_WEIGHT[Role(i.role)] >= DOING]
        credit = dict.fromkeys(set().union(*(p.themes for p in done)), PROJECT_THEME_CREDIT)
        credit |= dict.fromkeys(candidate.skills, 1.0)
        return credit, set().union(*(p.sdgs for p in done))

    def score(self, need: Need, candidates: list[Candidate]) -> None:
        themes = np.zeros((len(candidates), len(self.columns)), dtype=np.float32)
        sdgs = np.zeros((len(candidates), 18), dtype=np.float32)  # column n is goal n
        for row, candidate in enumerate(candidates):
            credit, goals = self.credit(candidate)
            for code, value in credit.items():
                if code in self.columns:
                    themes[row, self.columns[code]] = value
            sdgs[row, list(goals)] = 1.0
        shares = label_overlap(need, self.columns, themes, sdgs, self.rarity)
        if shares is not None:
            for candidate, share in zip(candidates, shares, strict=True):
                candidate.signals[self.name] = float(share)

    def explain(self, need: Need, candidate: Candidate) -> None:
        credit, _goals = self.credit(candidate)
        matched = [self.labels.get(code, code) for code in need.labels.themes if code in credit]
        if matched:
            candidate.reasons.append(_("skills: %(themes)s") % {"themes": _list(matched)})


class Place:
    """Assign `place`: its experience in the countries asked for (none asked, no signal)."""

    name = "place"

    @staticmethod
    def strongest(need: Need, candidate: Candidate) -> tuple[float, str, str]:
        """Return its strongest tie to a country asked for: (signal, "project"/"home"/"declared", country)."""
        organisation = candidate.organisation
        best, tie, where = 0.0, "", ""
        for code in need.countries:
            home = organisation.country == code or (
                organisation.territory is not None and organisation.territory.country == code
            )
            if best < PLACE_PROJECT and any(code in i.project.countries for i in candidate.involvements):
                best, tie, where = PLACE_PROJECT, "project", code
            elif home and best < PLACE_HOME:
                best, tie, where = PLACE_HOME, "home", code
            elif code in candidate.countries and best < PLACE_DECLARED:
                best, tie, where = PLACE_DECLARED, "declared", code
        return best, tie, where

    def score(self, need: Need, candidates: list[Candidate]) -> None:
        if need.countries:
            for candidate in candidates:
                candidate.signals[self.name] = self.strongest(need, candidate)[0]

    def explain(self, need: Need, candidate: Candidate) -> None:
        _best, tie, code = self.strongest(need, candidate)
        country = country_name(code) if code else ""
        territory = candidate.organisation.territory
        if tie == "project":
            years = [
                i.project.start_year
                for i in candidate.involvements
                if code in i.project.countries and i.project.start_year
            ]
            candidate.reasons.append(
                _("acts in %(country)s since %(year)s") % {"country": country, "year": min(years)}
                if years
                else _("has worked in %(country)s") % {"country": country}
            )
        elif tie == "home":
            candidate.reasons.append(
                _("based in %(territory)s (%(country)s)") % {"territory": territory.name, "country": country}
                if territory is not None and territory.name and territory.country == code
                else _("based in %(country)s") % {"country": country}
            )
        elif tie == "declared":
            candidate.reasons.append(
                _("declares %(country)s among its countries of action") % {"country": country}
            )


class Kind:
    """Assign `kind`: how likely its kind is to run the work itself (KIND_PRIOR)."""

    name = "kind"

    def score(self, need: Need, candidates: list[Candidate]) -> None:
        for candidate in candidates:
            organisation = candidate.organisation
            prior = KIND_PRIOR.get(OrganisationType(organisation.type), KIND_PRIOR[OrganisationType.AUTRE])
            if organisation.is_ess and organisation.type not in PUBLIC:
                prior = 1.0
            candidate.signals[self.name] = prior

    def explain(self, need: Need, candidate: Candidate) -> None:
        organisation = candidate.organisation
        label = str(OrganisationType(organisation.type).label)
        if organisation.is_ess and organisation.type not in PUBLIC:
            candidate.reasons.append(
                _("member of the social and solidarity economy (%(type)s)") % {"type": label}
            )
        elif organisation.type in PUBLIC:
            candidate.reasons.append(
                _("%(type)s: funds and frames projects rather than running them")
                % {"type": label.capitalize()}
            )


def combine(candidate: Candidate) -> float:
    """Return the score in 0..1: what it knows of the subject, scaled by where it worked and what it is."""
    signals = candidate.signals
    topical = signals.get("experience", 0.0)
    if "skills" in signals:
        topical = EXPERIENCE_SHARE * topical + (1 - EXPERIENCE_SHARE) * signals["skills"]
    place = PLACE_FLOOR + (1 - PLACE_FLOOR) * signals["place"] if "place" in signals else 1.0
    kind = KIND_FLOOR + (1 - KIND_FLOOR) * signals.get("kind", 1.0)
    return topical * place * kind


def similar_projects(
    need: Need, index: ProjectIndex, relevant: np.ndarray, limit: int
) -> list[SimilarProject]:
    """Return the LIMIT published projects closest to the need, with the themes and places they share."""
    order = [int(row) for row in top_rows(relevant, limit) if relevant[row] > 0]
    facts = project_facts({int(index.ids[row]) for row in order})
    labels = Theme.objects.in_bulk(need.labels.themes)
    found = []
    for row in order:
        project = facts[int(index.ids[row])]
        reasons = []
        common = [labels[c].label for c in need.labels.themes if c in project.themes and c in labels]
        if common:
            reasons.append(_("themes in common: %(themes)s") % {"themes": _list(common)})
        places = [country_name(code) for code in need.countries if code in project.countries]
        if places:
            reasons.append(_("in %(countries)s") % {"countries": _list(places)})
        found.append(SimilarProject(project, float(relevant[row]), reasons))
    return found


def steps(rarity: dict[str, float]) -> list[Step]:
    """Return the steps in their order, ready to run."""
    return [Experience(), Skills(rarity), Place(), Kind()]


def match(text: str, country: str | None = None, limit: int = 10, projects: int = 5) -> Match:
    """Return the LIMIT organisations best able to meet the need TEXT, and the PROJECTS closest to it.

    COUNTRY (ISO alpha-2) favours experience there; without it, the countries the need names do.
    Raise InputError for an empty need or an unknown country code.
    """
    need = read_need(text, country)
    index = project_index()
    rarity = theme_rarity()
    relevant = project_relevance(need, index, rarity)
    candidates = gather_candidates(need, index, relevant)
    pipeline = steps(rarity)
    for step in pipeline:
        step.score(need, candidates)
    for candidate in candidates:
        candidate.score = combine(candidate)
    ranked = sorted(
        (c for c in candidates if c.score > 0),
        key=lambda c: (-c.score, normalise(c.organisation.name)),
    )[:limit]
    # Reasons are written for the organisations shown only: of a thousand candidates, ten are.
    for candidate in ranked:
        for step in pipeline:
            step.explain(need, candidate)
    return Match(need, ranked, similar_projects(need, index, relevant, projects))
