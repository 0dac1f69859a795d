"""Web pages (.html, .htm), read into blocks with BeautifulSoup and the standard library's parser.

h1 to h6 give headings of levels 1 to 6, paragraphs and text within divisions give paragraphs (or
"Label : value" fields, the label in bold or not), list entries give items nested as their lists
are, definition lists give fields and table rows give rows (fields for two columns of labels).
When the page has a <main>, or else <article>s, they are its text and the rest is furniture.
"""

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from passerelles.documents.blocks import Block, BlockKind
from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import ReadResult, composed, field_label, table_blocks, text_block

# Page furniture and code, not the page's own text. A <header> holding an article's heading is kept.
_DROPPED = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"]
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
_LISTS = {"ul", "ol", "menu"}
# Elements read as one paragraph each, whatever they hold.
_LEAVES = {"p", "pre", "figcaption", "caption", "address", "summary", "legend", "dt", "dd", "li", "td", "th"}
_BLOCKS = [
    "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul",
]  # fmt: skip
_SPACES = re.compile(r"\s+")


def _pieces(nodes: Iterable[PageElement]) -> Iterator[str]:
    """Yield the text of NODES with a line break for <br> and around each block element."""
    for node in nodes:
        if isinstance(node, Tag):
            if node.name == "br":
                yield "\n"
            elif node.name == "pre":
                yield "\n" + node.get_text() + "\n"
            else:
                block = node.name in _BLOCKS
                yield "\n" if block else ""
                yield from _pieces(node.children)
                yield "\n" if block else ""
        elif type(node) is NavigableString:
            yield _SPACES.sub(" ", node)


def _text(nodes: Iterable[PageElement]) -> str:
    """Return the text of NODES, spaces collapsed within lines and empty lines dropped."""
    lines = (" ".join(line.split()) for line in "".join(_pieces(nodes)).split("\n"))
    return "\n".join(line for line in lines if line)


def _strong_label(tag: Tag) -> str:
    """Return the label of "<strong>Label :</strong> value", or "" when TAG does not open so."""
    first = next((n for n in tag.children if not (type(n) is NavigableString and not n.strip())), None)
    if not isinstance(first, Tag) or first.name not in ("strong", "b"):
        return ""
    label = _text([first])
    after = first.next_sibling
    if not label.endswith((":", "：")) and not (
        type(after) is NavigableString and after.lstrip().startswith(":")
    ):
        return ""
    label = label.rstrip(":： ")
    return label if label and len(label) <= 80 and len(label.split()) <= 10 else ""


def _paragraphs(tag: Tag) -> list[Block]:
    """Return TAG as a paragraph or a field; lines apart by <br> that all read "Label : value" are
    one field each."""
    text = _text([tag]) if tag.name != "pre" else tag.get_text().strip("\n")
    if not text:
        return []
    lines = text.split("\n")
    if len(lines) > 1 and all(field_label(line) for line in lines):
        return [text_block(line) for line in lines]
    label = _strong_label(tag)
    if label and text.startswith(label) and text[len(label) :].strip(" :："):
        return [Block(BlockKind.FIELD, text, label=label)]
    return [text_block(text)]


def _items(tag: Tag, depth: int) -> list[Block]:
    """Return the entries of a list, each followed by the entries of the lists it holds."""
    blocks = []
    for entry in tag.find_all("li", recursive=False):
        own = [child for child in entry.children if not (isinstance(child, Tag) and child.name in _LISTS)]
        text = _text(own)
        if text:
            blocks.append(Block(BlockKind.ITEM, text, level=depth))
        for inner in entry.find_all(list(_LISTS), recursive=False):
            blocks.extend(_items(inner, depth + 1))
    return blocks


def _definitions(tag: Tag) -> list[Block]:
    """Return a definition list as "term : definition" fields; a term without definition alone."""
    blocks = []
    term = ""
    for child in (c for c in tag.find_all(["dt", "dd"]) if c.find_parent("dl") is tag):
        text = " ".join(_text([child]).split())
        if child.name == "dt":
            if term:
                blocks.append(text_block(term))
            term = text
        elif text:
            blocks.append(
                Block(BlockKind.FIELD, f"{term} : {text}", label=term) if term else text_block(text)
            )
            term = ""
    if term:
        blocks.append(text_block(term))
    return blocks


def _table(tag: Tag) -> list[Block]:
    """Return a table's rows, or the blocks of its cells when it lays out a page: they hold headings
    or tables."""
    rows = [row for row in tag.find_all("tr") if row.find_parent("table") is tag]
    cells = [row.find_all(["td", "th"], recursive=False) for row in rows]
    if any(cell.find([*_HEADINGS, "table"]) for row in cells for cell in row):
        return [block for row in cells for cell in row for block in _walk(cell)]
    # A <thead>, or a first row of <th> only, heads the columns: no table of labels then.
    header = tag.find("thead") is not None or bool(
        cells and cells[0] and all(c.name == "th" for c in cells[0])
    )
    return table_blocks([[" ".join(_text([cell]).split()) for cell in row] for row in cells], header=header)


def _walk(tag: Tag) -> list[Block]:
    """Return the blocks of TAG's children in order; loose text between blocks makes paragraphs."""
    blocks: list[Block] = []
    loose: list[PageElement] = []

    def flush() -> None:
        text = _text(loose)
        if text:
            blocks.append(text_block(text))
        loose.clear()

    for child in tag.children:
        if not isinstance(child, Tag):
            loose.append(child)
            continue
        name = child.name
        if name not in _BLOCKS and not child.find(_BLOCKS):
            loose.append(child)
            continue
        flush()
        if name in _HEADINGS:
            text = _text([child])
            if text:
                blocks.append(Block(BlockKind.HEADING, text, level=int(name[1]), style=name))
        elif name in _LISTS:
            blocks.extend(_items(child, 1))
        elif name == "dl":
            blocks.extend(_definitions(child))
        elif name == "table":
            blocks.extend(_table(child))
        elif name in _LEAVES:
            blocks.extend(_paragraphs(child))
        else:
            blocks.extend(_walk(child))
    flush()
    return blocks


def _roots(soup: BeautifulSoup) -> list[Tag]:
    """Return the page's <main>, else its outermost <article>s, else its body."""
    main = soup.find("main")
    if isinstance(main, Tag):
        return [main]
    articles = [a for a in soup.find_all("article") if a.find_parent("article") is None]
    if articles:
        return articles
    body = soup.find("body")
    return [body if isinstance(body, Tag) else soup]


def read(path: Path) -> ReadResult:
    """Read the main text of a web page as an article, titled by its <title> or first heading."""
    # Given bytes, BeautifulSoup finds the encoding from a BOM, a <meta charset> or the bytes.
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    heading = soup.title or soup.find("h1")
    title = _SPACES.sub(" ", heading.get_text()).strip() if heading else ""
    for tag in soup.find_all(_DROPPED):
        if tag.decomposed:
            continue
        if tag.name == "header" and tag.find(_HEADINGS) and tag.find_parent(["main", "article"]):
            continue
        tag.decompose()
    if soup.title:
        soup.title.decompose()
    blocks = [block for root in _roots(soup) for block in _walk(root)]
    return composed(blocks, path, title, DocumentKind.ARTICLE)
