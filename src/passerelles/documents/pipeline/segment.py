"""Step `segment`: cut a document into project units from its own structure, whatever its layout.

Assigns: units, each with its span, title, parts and labelled fields.

No list of part names decides where a project starts. The document's structure does:
- labelled fiches: a title label ("Titre :", "Projet :", "Title:") that comes back starts a fiche;
- headings: a heading whose text comes back in the document ("Contexte", "Les acteurs", however
  set) is a part of a fiche, the headings above such parts are the fiches' titles; sections of
  the same level that each describe a cooperation are projects of their own, and a section that
  brings in no new place or partner goes on with the project before it;
- running text, list items, short mentions: paragraphs are grouped while they speak of the same
  places and partners; one that names other ones, abroad, starts another project.
A unit is kept only when it describes an international action: an actor (local government or
organisation) and a place or country abroad, or two local governments.
"""

from collections import Counter
from dataclasses import dataclass, field

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.pipeline.doc import ExtractDoc, Unit
from passerelles.documents.pipeline.sections import heading_kind
from passerelles.documents.pipeline.structure import ends_unfinished, heading_key, looks_like_heading
from passerelles.lib.fields import field_of
from passerelles.lib.names import core_name

# Rank of a heading whose reader gave no level (plain text); parts go one rank below their title.
DEFAULT_RANK = 3.0


@dataclass
class Node:
    """A heading and what it covers: its own blocks, then the sections under it."""

    heading: Block | None
    rank: float
    is_part: bool = False
    body: list[Block] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def all_blocks(self) -> list[Block]:
        own = [self.heading] if self.heading else []
        return own + self.body + [b for child in self.children for b in child.all_blocks()]


def _part_keys(blocks: list[Block]) -> set[str]:
    """Return the keys of the headings that come back in the document: the parts of its fiches."""
    counts = Counter(heading_key(b.text) for b in blocks if b.kind == BlockKind.HEADING)
    return {key for key, count in counts.items() if count >= 2 and key}


def build_tree(blocks: list[Block]) -> Node:
    """Return the document as a tree of sections, parts nested under the title above them.

    Headings that follow one another with nothing between are one title and its subtitles,
    except at the very start, where the first is the document's own title, above all the rest.
    """
    parts = _part_keys(blocks)
    root = Node(None, 0.0)
    stack = [root]
    title_rank = DEFAULT_RANK - 1
    previous: Block | None = None
    for position, block in enumerate(blocks):
        if block.kind != BlockKind.HEADING:
            stack[-1].body.append(block)
            previous = block
            continue
        is_part = heading_key(block.text) in parts
        rank = float(block.level) if block.level else DEFAULT_RANK
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if position == 0 and following is not None and following.kind == BlockKind.HEADING:
            rank = min(rank, float(following.level) if following.level else DEFAULT_RANK) - 0.5
        elif is_part:
            rank = max(rank, title_rank + 1)
        elif (
            previous is not None
            and previous.kind == BlockKind.HEADING
            and stack[-1] is not root
            and (stack[-1].heading is previous or previous in stack[-1].body)
            and not stack[-1].is_part
            and rank == stack[-1].rank
            and position > 1
        ):
            stack[-1].body.append(block)  # a subtitle
            previous = block
            continue
        if not is_part:
            title_rank = rank
        while len(stack) > 1 and stack[-1].rank >= rank:
            stack.pop()
        node = Node(block, rank, is_part)
        stack[-1].children.append(node)
        stack.append(node)
        previous = block
    return root


class Segmenter:
    """Cut the tree of one document into units, using the mentions already found in it."""

    def __init__(self, doc: ExtractDoc) -> None:
        self.doc = doc
        # A French text, or one naming a French place, is told from the French side: a place
        # abroad is then a partner, as on an association's page of its projects.
        self.french_side = doc.language == "fr" or any(p.country == "FR" for p in doc.places)
        self.parts = _part_keys(doc.blocks)

    def is_cooperation(self, blocks: list[Block]) -> bool:
        """Tell whether BLOCKS describe an international action: an actor, and places in two countries.

        An organisation's own project abroad is one too: an organisation and a place or country
        outside France.
        """
        places = [p for b in blocks for p in self.doc.places_in(b.start, b.end)]
        actors = [a for b in blocks for a in self.doc.actors_in(b.start, b.end)]
        countries = {p.country for p in places} | {
            c for b in blocks for c in self.doc.countries_in(b.start, b.end)
        }
        abroad = countries - {"FR"}
        return bool(places or actors) and (
            len(countries) >= 2 or bool(abroad and (actors or self.french_side))
        )

    # Units.
    def units(self) -> list[Unit]:
        blocks = self.doc.blocks
        labelled = self._labelled_fiches(blocks) or self._table_rows(blocks)
        if labelled:
            return labelled
        tree = build_tree(blocks)
        found = self._units_of(tree)
        if not found and self.is_cooperation(blocks):
            found = [self._unit(blocks, None)]
        return found

    def _units_of(self, node: Node) -> list[Unit]:
        if any(child.is_part for child in node.children):
            return self._fiches(node)
        if len(node.children) == 1 and not any(b.kind != BlockKind.HEADING for b in node.body):
            return self._units_of(
                node.children[0]
            )  # a heading over one section only ("Mali", then a project)
        sections = [child for child in node.children if self.is_cooperation(child.all_blocks())]
        if len(sections) == 1:
            # One section tells of a cooperation: it holds several projects, or the node is one.
            inner = self._units_of(sections[0])
            if len(inner) >= 2 or (inner and node.heading is None):
                return inner
        if len(sections) >= 2:
            units = self._narrative(node.body) if node.heading is None else []
            for child in node.children:
                units.extend(self._units_of(child))
            units = self._merge_continuing(units)
            if len(units) == 1 and node.heading is not None:
                return [self._unit(node.all_blocks(), node.heading)]
            return units
        if not self.is_cooperation(node.all_blocks()):
            return []
        clusters = self._clusters(node.all_blocks()[1:] if node.heading else node.all_blocks())
        if len(clusters) >= 2:
            return [self._unit(cluster, None) for cluster in clusters]
        return [self._unit(node.all_blocks(), node.heading)]

    def _fiches(self, node: Node) -> list[Unit]:
        """Return the fiches of a section whose parts come back: a part seen again starts a new fiche.

        When the fiches of a section have no heading of their own, each one's title is the short
        line just before its first part.
        """
        starts: list[int] = []
        seen: set[str] = set()
        for position, child in enumerate(node.children):
            key = heading_key(child.heading.text) if child.heading else ""
            if child.is_part and (not starts or key in seen):
                starts.append(position)
                seen = set()
            seen.add(key)
        if len(starts) == 1:
            return self._fiche_and_mentions(node)
        sequence = node.body + [b for child in node.children[: starts[0]] for b in child.all_blocks()]
        groups: list[list[Block]] = []
        for number, first in enumerate(starts):
            last = starts[number + 1] if number + 1 < len(starts) else len(node.children)
            groups.append([b for child in node.children[first:last] for b in child.all_blocks()])
        units: list[Unit] = []
        lead = sequence
        for number, blocks in enumerate(groups):
            title = _title_in(lead)
            if title is not None and number > 0:
                cut = groups[number - 1].index(title)
                units[-1] = self._unit(groups[number - 1][:cut], None, title=units[-1].title)
            opening = lead[lead.index(title) :] if title is not None else []
            units.append(self._unit(opening + blocks, title))
            lead = blocks
        return units

    def _fiche_and_mentions(self, node: Node) -> list[Unit]:
        """Return a fiche, and apart from it the other projects titled within its parts.

        A case study often ends with short mentions of other projects ("See also"): titled
        sections under one of its parts whose partners abroad are not the fiche's own.
        """
        mentions = [inner for inner in _titled_within_parts(node) if self.is_cooperation(inner.all_blocks())]
        inside = {id(b) for inner in mentions for b in inner.all_blocks()}
        own = [b for b in node.all_blocks() if id(b) not in inside]
        own_partners = self.partners(own, places_only=True)
        apart = [m for m in mentions if not self.partners(m.all_blocks(), places_only=True) & own_partners]
        if not apart:
            return [self._unit(node.all_blocks(), node.heading)]
        inside = {id(b) for inner in apart for b in inner.all_blocks()}
        fiche = self._unit([b for b in node.all_blocks() if id(b) not in inside], node.heading)
        return [fiche, *(self._unit(m.all_blocks(), m.heading) for m in apart)]

    def _labelled_fiches(self, blocks: list[Block]) -> list[Unit]:
        """Return the fiches of a document whose projects open with a title label ("Titre : …")."""
        starts = [
            i for i, b in enumerate(blocks) if b.kind == BlockKind.FIELD and field_of(b.label) == "title"
        ]
        if not starts:
            return []
        units = []
        for number, index in enumerate(starts):
            first = index - 1 if index and blocks[index - 1].kind == BlockKind.HEADING else index
            end = starts[number + 1] - 1 if number + 1 < len(starts) else len(blocks) - 1
            if number + 1 < len(starts) and blocks[end].kind == BlockKind.HEADING:
                end -= 1
            unit = self._unit(blocks[first : end + 1], None)
            unit.title = (
                blocks[index].start + len(blocks[index].text) - len(blocks[index].value),
                blocks[index].end,
            )
            units.append(unit)
        return units

    def _table_rows(self, blocks: list[Block]) -> list[Unit]:
        """Return one unit per row of a table of projects: a header row that names a title column."""
        units: list[Unit] = []
        header: list[str | None] = []
        for block in blocks:
            if block.kind != BlockKind.ROW:
                header = []
                continue
            cells = block.text.split("\t")
            if not header:
                named = [field_of(cell) for cell in cells]
                if "title" in named and len([n for n in named if n]) >= 2:
                    header = named
                continue
            unit = self._unit([block], None)
            offset = block.start
            for name, cell in zip(header, cells, strict=False):
                if name and cell.strip():
                    start = offset + len(cell) - len(cell.lstrip())
                    value = Block(BlockKind.FIELD, cell.strip(), start=start, end=start + len(cell.strip()))
                    unit.fields.setdefault(name, []).append(value)
                offset += len(cell) + 1
            title = unit.fields.get("title")
            unit.title = (title[0].start, title[0].end) if title else None
            units.append(unit)
        return units

    def _clusters(self, blocks: list[Block]) -> list[list[Block]]:
        """Group paragraphs and items while they speak of the same partners abroad.

        A paragraph that tells of a cooperation with other partners starts another group; one
        without a partner of its own goes on with the group before it.
        """
        clusters: list[list[Block]] = []
        keys: list[set[str]] = []
        pending: list[Block] = []
        for block in blocks:
            if block.kind == BlockKind.HEADING:
                pending.append(block)
                continue
            own = self.partners([block])
            starts_new = self.is_cooperation([block]) and own and (not clusters or not own & keys[-1])
            if starts_new:
                clusters.append([*pending, block])
                keys.append(own)
            elif clusters:
                clusters[-1].extend([*pending, block])
                keys[-1] |= own
            else:
                continue
            pending = []
        return clusters

    def _narrative(self, blocks: list[Block]) -> list[Unit]:
        if not blocks or not self.is_cooperation(blocks):
            return []
        return [self._unit(cluster, None) for cluster in self._clusters(blocks)]

    def _merge_continuing(self, units: list[Unit]) -> list[Unit]:
        """Join to a project the next section that names no partner abroad of its own, or the same one.

        Sections whose partners abroad differ are projects of their own; the parts of one fiche
        keep coming back to its partner.
        """
        merged: list[Unit] = []
        for unit in units:
            if merged:
                previous = merged[-1]
                own = self.partners(unit.blocks)
                if not own or own & self.partners(previous.blocks):
                    merged[-1] = self._unit(previous.blocks + unit.blocks, None, title=previous.title)
                    continue
            merged.append(unit)
        return merged

    def partners(self, blocks: list[Block], *, places_only: bool = False) -> set[str]:
        """Return the places abroad that BLOCKS name, with their countries and the countries named.

        With PLACES_ONLY, the places alone: two titled projects in one country are still two.
        """
        found: set[str] = set()
        for block in blocks:
            for place in self.doc.places_in(block.start, block.end):
                if place.country and place.country != "FR":
                    found.add(core_name(place.name))
                    if not places_only:
                        found.add(place.country)
            if not places_only:
                found |= {c for c in self.doc.countries_in(block.start, block.end) if c != "FR"}
        return found

    def _unit(self, blocks: list[Block], heading: Block | None, title: tuple[int, int] | None = None) -> Unit:
        blocks = [b for b in blocks if b.text]
        unit = Unit(blocks[0].start, blocks[-1].end, blocks=blocks)
        if title is not None:
            unit.title = title
        elif heading is not None:
            unit.title = (heading.start, heading.end)
        elif blocks[0].kind == BlockKind.HEADING:
            unit.title = (blocks[0].start, blocks[0].end)
        # A label that comes back before every fiche ("Fiche 3", "Case study 2") heads the title below it.
        heading = next((b for b in blocks[:-1] if (b.start, b.end) == unit.title), None)
        if heading is not None and heading_key(heading.text) in self.parts:
            following = blocks[blocks.index(heading) + 1]
            if following.kind == BlockKind.HEADING:
                unit.title = (following.start, following.end)
            elif following.kind == BlockKind.PARAGRAPH:
                unit.title = _title_lines(following)
        for position, block in enumerate(blocks):
            if block.kind == BlockKind.HEADING:
                kind = heading_kind(block.text)
                if kind:
                    end = next(
                        (b.start - 2 for b in blocks[position + 1 :] if b.kind == BlockKind.HEADING), unit.end
                    )
                    unit.sections.setdefault(kind, []).append((block.start, max(end, block.end)))
            elif block.kind == BlockKind.FIELD:
                name = field_of(block.label) or heading_kind(block.label)
                if name:
                    unit.fields.setdefault(name, []).append(block)
        return unit


def _title_lines(block: Block) -> tuple[int, int]:
    """Return the span of the title that opens a paragraph: its first line, and the next while it runs on."""
    lines = block.text.split("\n")
    end = len(lines[0])
    for line in lines[1:3]:
        if not ends_unfinished(block.text[:end]):
            break
        end += 1 + len(line)
    return block.start, block.start + end


def _titled_within_parts(node: Node) -> list[Node]:
    """Return the titled sections found inside the parts of NODE, at any depth of parts."""
    found: list[Node] = []
    for child in node.children:
        if child.is_part:
            found.extend(c for c in child.children if not c.is_part)
            found.extend(_titled_within_parts(child))
    return found


def _title_in(blocks: list[Block]) -> Block | None:
    """Return the title that opens a fiche: the first short line among the last blocks before its first part.

    Captions, dates and subtitles may stand between the title and the first part; a sentence
    ends the search.
    """
    title = None
    for block in reversed(blocks[-4:]):
        if block.kind == BlockKind.FIELD:
            continue
        if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH) or not looks_like_heading(block.text):
            break
        title = block
    return title


def segment(doc: ExtractDoc) -> list[Unit]:
    """Return the project units of DOC (its blocks and mentions are already there)."""
    return Segmenter(doc).units()
