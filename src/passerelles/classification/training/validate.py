"""Check the classifier on real activities that nobody labelled for it: how C was chosen.

    python -m passerelles.classification.training.validate FILE.xml... [--c 0.1 0.3 1]

(`--c` with no value scores the lexicons alone.)

The files are IATI activity files (for example the AFD, French foreign ministry and NGO
activities of `shared/data/real/`). Each activity's title and description, in French and in
English, is a text; its goals are those of its OECD DAC purpose codes (DAC_GOALS, the usual
reading of the DAC sector list against the goals). Publishers do not label goals for
classifiers, and a sector names the main goal only, so the figures compare settings with one
another; they do not say how right the classifier is.

For each strength C, the model is trained as `train.py` trains it (thresholds chosen on the
passages), then the goals of the pipeline with and without the meaning step are scored
against the sectors' goals. The themes of the lexicon are scored the same way against the
themes of the sectors (DAC_CATEGORY_THEMES, DAC_CODE_THEMES), on the activities that have one.
"""

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from defusedxml import ElementTree

from passerelles.classification.pipeline import (
    DetectLanguage,
    Normalise,
    Pipeline,
    TagThemes,
    WeighSdgsByMeaning,
)
from passerelles.classification.training.train import lexicon_docs, micro_f1, read_passages, train

# OECD DAC purpose codes: 3-digit categories that fall under one goal, then 5-digit codes
# of categories that span several.
DAC_CATEGORY_GOALS = {
    "110": 4, "111": 4, "112": 4, "113": 4, "114": 4, "121": 3, "122": 3, "123": 3, "130": 3,
    "140": 6, "151": 16, "152": 16, "210": 9, "220": 9, "231": 7, "232": 7, "233": 7, "234": 7,
    "235": 7, "236": 7, "240": 8, "250": 8, "311": 2, "312": 15, "313": 14, "321": 9, "323": 9,
    "331": 17, "332": 8, "510": 17, "520": 2, "600": 17,
}  # fmt: skip
DAC_CODE_GOALS = {
    "11330": 4, "15136": 10, "15170": 5, "15180": 5, "15190": 10, "16010": 1, "16020": 8,
    "16030": 11, "16040": 11, "16050": 10, "16062": 17, "16064": 3, "16065": 11, "16066": 11,
    "16070": 8, "41010": 13, "41020": 13, "41030": 15, "41040": 11, "41070": 13, "41081": 4,
    "41082": 9, "43030": 11, "43040": 2, "43060": 13, "43071": 2, "43072": 2, "43073": 2, "74010": 13,
}  # fmt: skip
# The themes of record.md that a DAC category or code names; humanitarian aid, civil society,
# peace and general budget support name none.
DAC_CATEGORY_THEMES = {
    "110": "education_jeunesse", "111": "education_jeunesse", "112": "education_jeunesse",
    "113": "education_jeunesse", "114": "education_jeunesse", "121": "sante", "122": "sante",
    "123": "sante", "130": "sante", "140": "eau_assainissement", "220": "numerique",
    "232": "energies_renouvelables", "250": "creation_activite", "311": "agriculture_alimentation",
    "313": "agriculture_alimentation", "332": "tourisme_solidaire", "410": "environnement_climat",
    "520": "agriculture_alimentation",
}  # fmt: skip
DAC_CODE_THEMES = {
    "14050": "dechets_economie_circulaire", "15112": "gouvernance_locale",
    "15128": "gouvernance_locale", "15129": "gouvernance_locale", "15170": "egalite_femmes_hommes",
    "15180": "egalite_femmes_hommes", "15190": "migrations_codeveloppement",
    "16020": "insertion_emploi", "16030": "habitat_urbanisme", "16040": "habitat_urbanisme",
    "16061": "culture_patrimoine", "16064": "sante", "24040": "finance_solidaire",
    "32130": "creation_activite", "32140": "artisanat", "32161": "agriculture_alimentation",
    "43030": "habitat_urbanisme", "43071": "agriculture_alimentation",
    "43072": "agriculture_alimentation", "43073": "agriculture_alimentation",
}  # fmt: skip
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def dac_goal(code: str) -> int | None:
    """Return the goal of a DAC purpose CODE, or None for a code outside the list."""
    return DAC_CODE_GOALS.get(code) or DAC_CATEGORY_GOALS.get(code[:3])


def dac_theme(code: str) -> str | None:
    """Return the theme of a DAC purpose CODE, or None for a code that names none."""
    return DAC_CODE_THEMES.get(code) or DAC_CATEGORY_THEMES.get(code[:3])


def activities(paths: Sequence[Path]) -> list[dict]:
    """Return {"text", "lang", "sdgs", "themes"} per activity and language of the IATI files PATHS.

    Only activities with a DAC goal or theme are returned; either list may be empty.
    """
    rows = []
    for path in paths:
        for activity in ElementTree.parse(path).getroot().iter("iati-activity"):
            codes = [
                sector.get("code", "")
                for sector in activity.findall("sector")
                if sector.get("vocabulary", "1") in ("1", "2")  # DAC 5-digit codes, 3-digit categories
            ]
            goals = {goal for goal in map(dac_goal, codes) if goal is not None}
            themes = {theme for theme in map(dac_theme, codes) if theme is not None}
            for language in ("fr", "en"):
                text = "\n\n".join(
                    narrative.text.strip()
                    for element in activity.findall("title") + activity.findall("description")
                    for narrative in element.findall("narrative")
                    if narrative.text and (narrative.get(XML_LANG) or "").lower().startswith(language)
                )
                if (goals or themes) and len(text) > 80:
                    rows.append(
                        {"text": text, "lang": language, "sdgs": sorted(goals), "themes": sorted(themes)}
                    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--c", nargs="*", type=float, default=[0.03, 0.1, 0.3, 1.0, 3.0, 10.0])
    args = parser.parse_args(argv)
    every = activities(args.files)
    themed = [row for row in every if row["themes"]]
    theme_steps = Pipeline([DetectLanguage(), Normalise(), TagThemes()])  # themes need no embedding
    themes = [theme_steps(row["text"]).themes for row in themed]
    print(
        json.dumps(
            {
                "themed_activities": len(themed),
                "themes_f1": round(micro_f1([row["themes"] for row in themed], themes), 3),
            }
        )
    )
    rows = [row for row in every if row["sdgs"]]
    docs = lexicon_docs([row["text"] for row in rows])
    expected = [row["sdgs"] for row in rows]
    print(
        json.dumps(
            {
                "activities": len(rows),
                "lexicon_f1": round(micro_f1(expected, [d.labels.sdgs for d in docs]), 3),
            }
        )
    )
    passages = read_passages()
    for c in args.c:
        model, figures = train(passages, c)
        found = [WeighSdgsByMeaning(model)(doc).labels.sdgs for doc in docs]
        by_language = {
            language: round(
                micro_f1(
                    [e for e, row in zip(expected, rows, strict=True) if row["lang"] == language],
                    [f for f, row in zip(found, rows, strict=True) if row["lang"] == language],
                ),
                3,
            )
            for language in ("fr", "en")
        }
        print(
            json.dumps(
                {"c": c, **figures, "with_meaning_f1": round(micro_f1(expected, found), 3), **by_language}
            )
        )
    return 0


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    django.setup()
    raise SystemExit(main())
