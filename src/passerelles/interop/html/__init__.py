"""Web pages (.html, .htm), read with BeautifulSoup and the standard library's parser."""

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

from passerelles.documents.choices import DocumentKind
from passerelles.interop.reading import TITLE_LENGTH, ReadResult, require_text, text_title

# Page furniture and code, not the page's own text.
_DROPPED = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"]
_BLOCKS = [
    "address", "article", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul",
]  # fmt: skip
_SPACES = re.compile(r"\s+")


def _text(soup: BeautifulSoup) -> str:
    """Return the text of SOUP with each block on its own line and spaces collapsed within lines."""
    for string in soup.find_all(string=True):
        if type(string) is NavigableString and string.find_parent("pre") is None:
            string.replace_with(_SPACES.sub(" ", string))
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (line.strip() for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def read(path: Path) -> ReadResult:
    """Read the main text of a web page as an article, titled by its <title> or first <h1>."""
    # Given bytes, BeautifulSoup finds the encoding from a BOM, a <meta charset> or the bytes.
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    heading = soup.title or soup.find("h1")
    title = _SPACES.sub(" ", heading.get_text()).strip() if heading else ""
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    if soup.title:
        soup.title.decompose()
    text = require_text(_text(soup), path)
    return ReadResult(
        text=text, title=title[:TITLE_LENGTH] or text_title(text, path.stem), kind=DocumentKind.ARTICLE
    )
