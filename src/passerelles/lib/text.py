"""Text helpers shared by every app: accent folding and slugs."""

import unicodedata

from django.utils.text import slugify


def fold(text: str) -> str:
    """Return TEXT in lower case without accents, for comparisons and search."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def make_slug(text: str, max_length: int = 80) -> str:
    """Return an ASCII slug of TEXT, cut at a word boundary."""
    slug = slugify(fold(text))[:max_length].strip("-")
    return slug or "x"


def unique_slug(model, text: str, max_length: int = 80) -> str:
    """Return a slug of TEXT that no row of MODEL uses yet (adding -2, -3... when needed)."""
    base = make_slug(text, max_length)
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
