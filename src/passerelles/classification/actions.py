"""Tag projects with the classifier, and keep the curators' choices over it.

A label given by the classifier is stored as a LabelEvidence row with source "auto" and the words
that carried it; a curator's choice is stored with source "human" and is never changed by the
classifier: a label a curator kept stays, a label a curator removed (`present` false) is not added
again.
"""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import models, transaction

from passerelles.classification.models import LabelEvidence, LabelKind, LabelSource, Sdg, Theme
from passerelles.classification.pipeline import classify_document
from passerelles.projects.models import Project

TEXT_FIELDS = ["title", "summary", "difficulties", "success_conditions", "perspectives"]


def project_text(project: Project) -> str:
    """Return the text the classifier reads for PROJECT: its title and written parts."""
    return "\n\n".join(value for name in TEXT_FIELDS if (value := getattr(project, name) or "").strip())


def _human(project: Project) -> dict[tuple[str, str], bool]:
    """Return (kind, code) -> present for every label a curator decided on PROJECT."""
    return {
        (row.kind, row.code): row.present
        for row in LabelEvidence.objects.filter(project=project, source=LabelSource.HUMAN)
    }


@transaction.atomic
def record_auto(
    project: Project, evidence: dict[str, list[str]], likelihoods: dict[str, float] | None = None
) -> list[LabelEvidence]:
    """Store the classifier's EVIDENCE ({"sdg:6": [...], "theme:x": [...], "ess": [...]}) for PROJECT.

    LIKELIHOODS ({"sdg:5": 0.48}) are the probabilities of the goals the meaning step settled.
    Only labels the project carries get a row; keys of other kinds ("target:6.1") are left out,
    and a label a curator decided keeps the curator's row.
    """
    likelihoods = likelihoods or {}
    human = _human(project)
    carried: dict[str, set[str]] = {
        LabelKind.SDG.value: {str(number) for number in project.sdgs.values_list("number", flat=True)},
        LabelKind.THEME.value: set(project.themes.values_list("code", flat=True)),
        LabelKind.ESS.value: {"ess"} if project.ess_dimension else set(),
    }
    rows = []
    for key, words in evidence.items():
        kind, _sep, code = key.partition(":")
        code = code or kind
        if kind not in carried or code not in carried[kind] or (kind, code) in human:
            continue
        row, _created = LabelEvidence.objects.update_or_create(
            project=project,
            kind=kind,
            code=code,
            defaults={
                "source": LabelSource.AUTO,
                "present": True,
                "evidence": list(words),
                "likelihood": likelihoods.get(key),
            },
        )
        rows.append(row)
    return rows


@transaction.atomic
def tag_project(project: Project, text: str | None = None) -> list[LabelEvidence]:
    """Classify PROJECT's text (or TEXT) and add the labels found, with their evidence.

    Labels are only added: the classifier never removes a label, never changes one a curator
    decided, and never adds again one a curator removed. Labels a curator kept are put back on
    the project if they were missing. Return the automatic rows written.
    """
    labels = classify_document(text if text is not None else project_text(project))
    human = _human(project)
    sdgs = Sdg.objects.filter(number__in=[n for n in labels.sdgs if (LabelKind.SDG, str(n)) not in human])
    themes = Theme.objects.filter(code__in=[c for c in labels.themes if (LabelKind.THEME, c) not in human])
    project.sdgs.add(*sdgs)
    project.themes.add(*themes)
    kept = [(kind, code) for (kind, code), present in human.items() if present]
    kept_sdgs = [int(code) for kind, code in kept if kind == LabelKind.SDG]
    kept_themes = [code for kind, code in kept if kind == LabelKind.THEME]
    project.sdgs.add(*Sdg.objects.filter(number__in=kept_sdgs))
    project.themes.add(*Theme.objects.filter(code__in=kept_themes))
    if labels.ess_dimension and not project.ess_dimension and (LabelKind.ESS, "ess") not in human:
        project.ess_dimension = True
        project.save(update_fields=["ess_dimension", "updated"])
    found = {f"sdg:{sdg.number}" for sdg in sdgs} | {f"theme:{theme.code}" for theme in themes}
    if labels.ess_dimension:
        found.add("ess")
    return record_auto(
        project, {key: words for key, words in labels.evidence.items() if key in found}, labels.meaning
    )


def explain_labels(project: Project) -> list[LabelEvidence]:
    """Store the classifier's evidence for the labels PROJECT was given, and add no label.

    For data that comes with its labels (a demonstration file, an IATI file with SDG tags): the
    labels stay exactly as given, and those the classifier finds too show the words that carry them.
    """
    labels = classify_document(project_text(project))
    return record_auto(project, labels.evidence, labels.meaning)


@transaction.atomic
def mark_human(
    project: Project,
    sdgs: Iterable[models.Model] | None,
    themes: Iterable[models.Model] | None,
    by_user: User | None = None,
    whole_list: bool = False,
) -> None:
    """Record a curator's choice of SDGS and THEMES for PROJECT as human labels.

    SDGS and THEMES are Sdg and Theme rows. Call it before the project's labels are replaced.
    The labels chosen are stored present, keeping the evidence already known for them; the labels
    the project had (or the classifier had given) and that are not chosen are stored absent, so
    that the classifier does not add them again; with WHOLE_LIST (a form showing every label of
    the kind), every label not chosen is stored absent. None leaves that kind of label undecided.
    BY_USER is the curator; the audit trail of the review names them.
    """
    chosen: set[tuple[str, str]] = set()
    kinds: list[str] = []
    known: set[tuple[str, str]] = set()
    if sdgs is not None:
        kinds.append(LabelKind.SDG.value)
        chosen |= {(LabelKind.SDG.value, str(sdg.pk)) for sdg in sdgs}
        every = Sdg.objects.all() if whole_list else project.sdgs.all()
        known |= {(LabelKind.SDG.value, str(n)) for n in every.values_list("number", flat=True)}
    if themes is not None:
        kinds.append(LabelKind.THEME.value)
        chosen |= {(LabelKind.THEME.value, str(theme.pk)) for theme in themes}
        all_themes = Theme.objects.all() if whole_list else project.themes.all()
        known |= {(LabelKind.THEME.value, code) for code in all_themes.values_list("code", flat=True)}
    rows = {
        (row.kind, row.code): row for row in LabelEvidence.objects.filter(project=project, kind__in=kinds)
    }
    for kind, code in chosen | known | set(rows):
        present = (kind, code) in chosen
        row = rows.get((kind, code))
        if row is not None and row.source == LabelSource.HUMAN and row.present == present:
            continue
        kept = row if row is not None and present else None  # a kept label keeps the classifier's reasons
        LabelEvidence.objects.update_or_create(
            project=project,
            kind=kind,
            code=code,
            defaults={
                "source": LabelSource.HUMAN,
                "present": present,
                "evidence": kept.evidence if kept else [],
                "likelihood": kept.likelihood if kept else None,
            },
        )
