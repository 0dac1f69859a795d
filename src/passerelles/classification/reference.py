"""Load the reference lists shipped in `data/` into the database."""

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def reference_rows(name: str) -> list[dict]:
    """Return the rows of the shipped reference file NAME (sdgs or themes)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def load_reference(sdg_model, theme_model) -> None:
    """Create or update the SDGs and themes; models are passed so migrations can use this."""
    for row in reference_rows("sdgs"):
        sdg_model.objects.update_or_create(number=row["number"], defaults=row)
    for row in reference_rows("themes"):
        theme_model.objects.update_or_create(code=row["code"], defaults=row)


def theme_codes() -> set[str]:
    """Return the valid theme codes, without a database."""
    return {row["code"] for row in reference_rows("themes")}
