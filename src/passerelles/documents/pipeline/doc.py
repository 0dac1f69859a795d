"""What the extraction steps pass along: the document, its blocks, the mentions and the project units."""

from dataclasses import dataclass, field

from passerelles.documents.blocks import Block
from passerelles.documents.drafts import Draft


@dataclass
class Place:
    """A local government or place named in the text, with its country when it could be settled.

    `note` says how an ambiguous name was settled (shown in the review page).
    """

    name: str
    country: str
    level: str
    start: int
    end: int
    code: str = ""
    note: str = ""
    # How surely the country was settled: 2 by the words around it, 1 by its paragraph, 0 by population.
    strength: int = 0
    # Named with an administrative word ("Région X", "City of X"): a local government, not just a place.
    prefixed: bool = False


@dataclass
class Actor:
    """An organisation named in the text, with its type and its role in the project."""

    name: str
    type: str
    role: str
    start: int
    end: int
    country: str = ""


@dataclass
class Unit:
    """A part of the document that describes one project.

    `sections` maps a part kind ("funding", "contact", "origin"...) to the spans of its parts,
    each beginning with its heading line; `fields` maps a labelled value's field ("title",
    "budget", "dates", "partners", "country"...) to its blocks.
    """

    start: int
    end: int
    title: tuple[int, int] | None = None
    blocks: list[Block] = field(default_factory=list)
    sections: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    fields: dict[str, list[Block]] = field(default_factory=dict)
    draft: Draft | None = None


@dataclass
class ExtractDoc:
    """A document going through the extraction pipeline.

    `text` is what is stored and what every span points into; `title` the reader's title for the
    whole document; `places` and `actors` the mentions found in the whole text; `units` the
    projects; `notes` why a document, or a unit, gave no project.
    """

    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    language: str = "fr"
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    countries: list[tuple[str, int, int]] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.places if start <= p.start and p.end <= end]

    def actors_in(self, start: int, end: int) -> list[Actor]:
        return [a for a in self.actors if start <= a.start and a.end <= end]

    def countries_in(self, start: int, end: int) -> list[str]:
        return [code for code, s, e in self.countries if start <= s and e <= end]

    @property
    def drafts(self) -> list[Draft]:
        return [unit.draft for unit in self.units if unit.draft is not None]
