"""Build the PDF and DOCX documents of the held-out set from their sources.

    .venv/bin/python devset_heldout/build.py

Each file of devset_heldout/sources/ is a short marked-up text (see README.md), laid out
otherwise than the development set's: a booklet of numbered fiches whose parts are bold
run-in labels at the start of paragraphs, some fiches set in two columns; a booklet of case
studies with a title per case and nothing but paragraphs; a Word fiche whose headings are
bold Normal paragraphs, without heading styles. The HTML, text and Markdown documents are
written by hand in devset_heldout/docs/.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2024, 6, 3, 9, 30, tzinfo=dt.UTC)

# source file -> generated document
TARGETS = {
    "booklet_fiches_grand_ouest_2024.txt": "booklet/fiches_cooperer_avec_ess_2024.pdf",
    "booklet_etudes_de_cas_2023.txt": "booklet/etudes_de_cas_ess_frontieres_2023.pdf",
    "fiche_sokone_huitres.txt": "fiche/fiche_projet_sokone_2023-2025.docx",
}

VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")
# consonant pairs that open a syllable and are never cut
KEEP_TOGETHER = {
    "bl",
    "br",
    "ch",
    "cl",
    "cr",
    "dr",
    "fl",
    "fr",
    "gl",
    "gn",
    "gr",
    "ph",
    "pl",
    "pr",
    "th",
    "tr",
    "vr",
}
SHY = "\u00ad"
RUN_IN = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")


@dataclass
class Block:
    kind: str  # title, info, columns, para
    text: str


def parse(path: Path) -> tuple[dict[str, str], list[Block]]:
    """Read a booklet source: '@key value' metadata, '#' titles, '!' information lines,
    '=columns N' (the current fiche is set in N columns) and blank-line separated paragraphs."""
    meta: dict[str, str] = {}
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("para", " ".join(paragraph)))
            paragraph.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            meta[key] = value
        elif line.startswith("#"):
            flush()
            blocks.append(Block("title", line[1:].strip()))
        elif line.startswith("!"):
            flush()
            blocks.append(Block("info", line[1:].strip()))
        elif line.startswith("=columns"):
            flush()
            blocks.append(Block("columns", line.split()[1]))
        else:
            paragraph.append(line)
    flush()
    return meta, blocks


def hyphenate(text: str) -> str:
    """Put soft hyphens at the syllable breaks of long lower-case words, so that justified
    lines cut some words at their ends as typesetting software does."""

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 9 or not word[0].islower():
            return word
        low = word.lower()
        cuts = [
            i
            for i in range(3, len(word) - 3)
            if low[i] not in VOWELS
            and low[i + 1] in VOWELS
            and (low[i - 1] in VOWELS or low[i - 1 : i + 1] not in KEEP_TOGETHER)
            and low[i - 1 : i + 1] not in ("qu", "gu")
        ]
        for i in reversed(cuts):
            word = word[:i] + SHY + word[i:]
        return word

    # addresses are never cut
    return " ".join(t if "@" in t or "/" in t else re.sub(r"[^\W\d_]+", one, t) for t in text.split(" "))


class Booklet(FPDF):
    """A booklet in one of two house styles: numbered fiches ('fiches') or case studies ('cas')."""

    def __init__(self, meta: dict[str, str]) -> None:
        super().__init__(format="A4")
        self.meta = meta
        self.style = meta["style"]
        for family, stem, italic in (("Sans", "DejaVuSans", "Oblique"), ("Serif", "DejaVuSerif", "Italic")):
            self.add_font(family, "", FONTS / f"{stem}.ttf")
            self.add_font(family, "B", FONTS / f"{stem}-Bold.ttf")
            self.add_font(family, "I", FONTS / f"{stem}-{italic}.ttf")
        self.body = "Sans" if self.style == "fiches" else "Serif"
        self.set_margins(20, 22, 20)
        self.set_auto_page_break(True, 20)
        self.set_creation_date(FIXED_DATE)
        self.set_title(meta["title"])
        self.set_author(meta["publisher"])

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("Sans", "", 7.5)
        self.set_text_color(90, 120, 60)
        self.set_y(9)
        self.cell(0, 5, self.meta["header"].upper() if self.style == "fiches" else self.meta["header"])
        self.set_text_color(0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-13)
        self.set_font("Sans", "", 7.5)
        self.set_text_color(110)
        if self.style == "fiches":
            self.cell(0, 5, self.meta["footer"], align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"p. {self.page_no()}", align="R")
        else:
            self.cell(0, 5, f"{self.page_no()}   {self.meta['footer']}", align="C")
        self.set_text_color(0)

    def title_page(self) -> None:
        self.add_page()
        self.set_fill_color(90, 120, 60)
        self.rect(0, 0, self.w, 60, style="F")
        self.set_y(90)
        self.set_font(self.body, "B", 28)
        self.multi_cell(0, 13, self.meta["title"], align="L")
        self.ln(4)
        self.set_font(self.body, "", 13)
        self.multi_cell(0, 7, self.meta["subtitle"], align="L")
        self.set_y(250)
        self.set_font("Sans", "B", 10)
        self.cell(0, 6, f"{self.meta['publisher']} – {self.meta['date']}", align="L")

    def paragraph(self, text: str, size: float = 9.5) -> None:
        """A justified paragraph whose bold run-in label, if any, opens it."""
        found = RUN_IN.match(text)
        self.set_font(self.body, "", size)
        markup = f"**{found.group(1)}** {hyphenate(found.group(2))}" if found else hyphenate(text)
        self.multi_cell(0, size * 0.5, markup, align="J", markdown=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(2.2)

    def columns(self, paragraphs: list[str]) -> None:
        """Set paragraphs in two justified columns, as magazines lay out a long fiche."""
        with self.text_columns(ncols=2, gutter=7, balance=True, text_align="J", line_height=1.1) as cols:
            for text in paragraphs:
                found = RUN_IN.match(text)
                with cols.paragraph(bottom_margin=2.2) as par:
                    if found:
                        self.set_font(self.body, "B", 9)
                        par.write(found.group(1) + " ")
                        text = found.group(2)
                    self.set_font(self.body, "", 9)
                    par.write(hyphenate(text))
        self.ln(2)

    def heading(self, text: str) -> None:
        if self.style == "fiches":
            self.add_page()
            self.set_font(self.body, "B", 15)
            self.set_text_color(90, 120, 60)
            self.multi_cell(0, 7.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            if self.get_y() > self.h - 80:  # a case never starts at the foot of a page
                self.add_page()
            self.ln(6)
            self.set_font(self.body, "B", 14)
            self.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")
            self.set_draw_color(150)
            self.line(self.l_margin, self.get_y() + 1, self.l_margin + 40, self.get_y() + 1)
            self.ln(3)
        self.set_text_color(0)
        self.ln(2)

    def render(self, blocks: list[Block]) -> None:
        self.title_page()
        self.add_page()
        self.set_font(self.body, "I", 11)
        self.multi_cell(0, 6, self.meta["intro"], new_x="LMARGIN", new_y="NEXT")
        in_columns = False
        pending: list[str] = []
        for block in [*blocks, Block("title", "")]:
            if block.kind in ("title", "info", "columns") and pending:
                self.columns(pending)
                pending = []
            if block.kind == "title":
                in_columns = False
                if block.text:
                    self.heading(block.text)
            elif block.kind == "info":
                self.set_font("Sans", "I", 8.5)
                self.set_fill_color(236, 241, 228)
                self.multi_cell(0, 5, block.text, fill=True, align="L", new_x="LMARGIN", new_y="NEXT")
                self.ln(3)
            elif block.kind == "columns":
                in_columns = True
            elif in_columns:
                pending.append(block.text)
            else:
                self.paragraph(block.text, 9.5 if self.style == "fiches" else 10.5)


def plain_word(path: Path, out: Path) -> None:
    """A Word fiche typed by an officer: every line a Normal paragraph, headings only in bold."""
    meta: dict[str, str] = {}
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            meta[key] = value
        elif line.startswith("**") and line.endswith("**"):
            document.add_paragraph().add_run(line.strip("*")).bold = True
        elif line:
            document.add_paragraph(line)
    document.core_properties.title = meta["title"]
    document.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    document.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    document.save(str(out))
    # Word files are zip archives stamped with the time of writing: fix the stamps so that a
    # rebuild leaves the document byte for byte the same.
    with zipfile.ZipFile(out) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


def main() -> None:
    for name, target in TARGETS.items():
        source, out = HERE / "sources" / name, HERE / "docs" / target
        out.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith("fiche_"):
            plain_word(source, out)
        else:
            meta, blocks = parse(source)
            pdf = Booklet(meta)
            pdf.render(blocks)
            pdf.output(str(out))
        print(f"docs/{target}")


if __name__ == "__main__":
    main()
