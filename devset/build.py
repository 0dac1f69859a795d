"""Build the PDF and DOCX documents of the development set from their sources.

    .venv/bin/python devset/build.py

Each file of devset/sources/ is a short marked-up text (see README.md) and is laid out
as the field lays such documents out: booklets with a title page, running headers
and footers, page numbers, headings in capitals or small capitals, justified text
whose words are cut at line ends; a one-page fiche made by an officer; Word files
with heading styles, lists and tables. HTML, text, Markdown and CSV documents are
written by hand in devset/docs/ and are not generated.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF
from fpdf.outline import OutlineSection

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.UTC)

# source file -> generated document
TARGETS = {
    "booklet_fiches_experiences_2023.txt": "booklet/fiches_experiences_ess_2023.pdf",
    "booklet_recueil_initiatives_2022.txt": "booklet/recueil_cooperer_autrement_2022.pdf",
    "booklet_case_studies_2024.txt": "booklet/case_studies_sse_cooperation_2024.pdf",
    "fiche_maraichage_kaya.txt": "fiche/fiche_projet_kaya_maraichage.pdf",
    "fiche_ressourcerie_toliara.txt": "fiche/ressourcerie_toliara.docx",
    "list_projets_departement.txt": "list/rapport_cooperation_puy_de_dome_2023.docx",
}

VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")
CLUSTERS = {
    "bl",
    "br",
    "cl",
    "cr",
    "dr",
    "fl",
    "fr",
    "gl",
    "gr",
    "pl",
    "pr",
    "tr",
    "vr",
    "ch",
    "ph",
    "gn",
    "th",
}
SHY = "\u00ad"


@dataclass
class Block:
    kind: str  # title, info, kicker, part, subhead, para, bullet, mention, field, row
    text: str = ""
    extra: list[str] = field(default_factory=list)


def parse(path: Path) -> tuple[dict[str, str], list[Block]]:
    """Read a source: '@key value' metadata, then '#' titles, '##' parts, '###' sub-headings,
    '%' kickers, '!' information bands, '-' bullets, '>' mentions ('title | text'),
    ':: label :: value' fields, '|' table rows and blank-line separated paragraphs."""
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
        elif line.startswith("###"):
            flush()
            blocks.append(Block("subhead", line[3:].strip()))
        elif line.startswith("##"):
            flush()
            blocks.append(Block("part", line[2:].strip()))
        elif line.startswith("#"):
            flush()
            blocks.append(Block("title", line[1:].strip()))
        elif line[0] in "%!->":
            flush()
            kind = {"%": "kicker", "!": "info", "-": "bullet", ">": "mention"}[line[0]]
            text = line[1:].strip()
            if kind == "mention":
                title, _, text = text.partition(" | ")
                blocks.append(Block(kind, text, [title]))
            else:
                blocks.append(Block(kind, text))
        elif line.startswith("::"):
            flush()
            label, value = (part.strip() for part in line[2:].split("::", 1))
            blocks.append(Block("field", value, [label]))
        elif line.startswith("|"):
            flush()
            blocks.append(Block("row", "", [cell.strip() for cell in line[1:].split("|")]))
        else:
            paragraph.append(line)
    flush()
    return meta, blocks


def hyphenate(text: str) -> str:
    """Mark the syllable breaks of long lower-case words with soft hyphens, so that the
    layout cuts some words at line ends as typesetting software does."""

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 8 or not word[0].islower():
            return word
        low = word.lower()
        cuts = []
        for i in range(3, len(word) - 3):
            a, b, c = low[i - 1], low[i], low[i + 1]
            if b in VOWELS or c not in VOWELS or low[i - 1 : i + 1] in ("qu", "gu"):
                continue
            if a in VOWELS or (low[i - 2] in VOWELS and low[i - 1 : i + 1] not in CLUSTERS):
                cuts.append(i)
        for i in reversed(cuts):
            word = word[:i] + SHY + word[i:]
        return word

    # e-mail addresses and web addresses are never cut
    return " ".join(
        token if "@" in token or "/" in token else re.sub(r"[^\W\d_]+", one, token)
        for token in text.split(" ")
    )


def contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """Write a booklet's table of contents (the 'Sommaire'), one line per fiche with its page."""
    pdf.set_font("Sans", "B", 14)
    pdf.cell(0, 10, "SOMMAIRE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 10)
    for number, section in enumerate(outline, 1):
        top = pdf.get_y()
        pdf.multi_cell(pdf.epw - 14, 6, f"{number}. {section.name}", new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + pdf.epw - 12, top)
        pdf.cell(12, 6, str(section.page_number), align="R")
        pdf.set_xy(pdf.l_margin, bottom + 2)


class Booklet(FPDF):
    """A booklet laid out in one of three house styles (experiences, recueil, cases)."""

    def __init__(self, meta: dict[str, str]) -> None:
        super().__init__(format="A4")
        self.meta = meta
        self.style = meta["style"]
        for family, stem in (
            ("Sans", "DejaVuSans"),
            ("Serif", "DejaVuSerif"),
            ("Cond", "DejaVuSansCondensed"),
        ):
            self.add_font(family, "", FONTS / f"{stem}.ttf")
            self.add_font(family, "B", FONTS / f"{stem}-Bold.ttf")
            italic = "Italic" if family == "Serif" else "Oblique"
            self.add_font(family, "I", FONTS / f"{stem}-{italic}.ttf")
        self.body = {"experiences": "Sans", "recueil": "Serif", "cases": "Cond"}[self.style]
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, 22)
        self.set_creation_date(FIXED_DATE)
        self.set_title(meta["title"])
        self.set_author(meta["publisher"])

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.body, "I", 8)
        self.set_text_color(110)
        self.set_y(10)
        align = "R" if self.style == "experiences" and self.page_no() % 2 else "L"
        self.cell(0, 5, self.meta["header"], align=align)
        self.set_draw_color(170)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(self.body, "", 8)
        self.set_text_color(110)
        if self.style == "experiences":
            self.cell(0, 5, f"{self.meta['footer']}   |   {self.page_no()}", align="C")
        elif self.style == "recueil":
            self.cell(0, 5, self.meta["footer"], align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"— {self.page_no()} —", align="R")
        else:
            self.cell(0, 5, f"{self.meta['footer']}  |  Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)

    def title_page(self) -> None:
        self.add_page()
        self.set_y(70)
        self.set_font(self.body, "B", 26)
        self.multi_cell(0, 12, self.meta["title"], align="C")
        self.ln(6)
        self.set_font(self.body, "", 14)
        self.multi_cell(0, 7, self.meta["subtitle"], align="C")
        self.set_y(230)
        self.set_font(self.body, "B", 11)
        self.cell(0, 6, self.meta["publisher"], align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.body, "", 10)
        self.cell(0, 6, self.meta["date"], align="C")

    def small_caps(self, text: str, size: float) -> None:
        """Write text in small capitals as layout software draws them: capitals at full
        size, lower-case letters as capitals in a smaller size."""
        for run in re.findall(r"[^\W\d_]*[a-zà-ÿœ]+|[^a-zà-ÿœ]+", text):
            if run.islower() or run[1:].islower():
                head, rest = (run[0], run[1:]) if run[0].isupper() else ("", run)
                if head:
                    self.set_font_size(size)
                    self.write(6, head)
                self.set_font_size(size * 0.78)
                self.write(6, rest.upper())
            else:
                self.set_font_size(size)
                self.write(6, run)
        self.ln(7)

    def paragraph(self, text: str, size: float = 10, style: str = "") -> None:
        self.set_font(self.body, style, size)
        self.multi_cell(0, size * 0.5, hyphenate(text), align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def bullet(self, text: str) -> None:
        self.set_font(self.body, "", 10)
        self.set_x(self.l_margin + 3)
        self.cell(5, 5, "•" if self.style != "cases" else "–")
        self.multi_cell(self.epw - 8, 5, hyphenate(text), align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def render(self, blocks: list[Block]) -> None:
        self.title_page()
        self.add_page()
        self.paragraph(self.meta["intro"], 11, "I")
        if self.style == "experiences":
            self.insert_toc_placeholder(contents)
        in_mentions = False
        for block in blocks:
            if block.kind == "kicker":
                self.add_page()
                self.set_font(self.body, "B", 9)
                self.set_text_color(150, 60, 20)
                self.cell(0, 6, block.text.upper(), new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0)
                in_mentions = False
            elif block.kind == "title":
                if self.style == "experiences":
                    if self.get_y() > self.t_margin:  # the contents' page break left a fresh page
                        self.add_page()
                    self.start_section(block.text)
                    self.set_font(self.body, "B", 17)
                    self.set_text_color(20, 90, 100)
                    self.multi_cell(0, 8, block.text.upper(), new_x="LMARGIN", new_y="NEXT")
                else:
                    self.set_font(self.body, "B", 16)
                    self.multi_cell(0, 8, block.text, new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0)
                self.ln(2)
            elif block.kind == "info":
                self.set_font(self.body, "I", 9)
                self.set_fill_color(232, 238, 240)
                self.multi_cell(0, 5, block.text, fill=True, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
            elif block.kind == "part":
                self.ln(2)
                self.set_font(self.body, "B", 12)
                if self.style == "experiences":
                    self.set_text_color(20, 90, 100)
                    self.small_caps(block.text, 12)
                elif self.style == "recueil":
                    self.set_text_color(150, 60, 20)
                    self.cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
                else:
                    self.set_font(self.body, "B", 9.5)
                    self.set_char_spacing(1.2)
                    self.cell(0, 7, block.text.upper(), new_x="LMARGIN", new_y="NEXT")
                    self.set_char_spacing(0)
                self.set_text_color(0)
            elif block.kind == "subhead":
                self.ln(3)
                self.set_font(self.body, "B", 10)
                self.set_fill_color(235)
                self.cell(0, 7, "  " + block.text.upper(), fill=True, new_x="LMARGIN", new_y="NEXT")
                self.ln(2)
                in_mentions = True
            elif block.kind == "mention":
                self.set_font(self.body, "B", 9.5)
                self.multi_cell(0, 5, block.extra[0], new_x="LMARGIN", new_y="NEXT")
                self.paragraph(block.text, 9.5, "I" if in_mentions else "")
            elif block.kind == "bullet":
                self.bullet(block.text)
            elif block.kind == "para":
                self.paragraph(block.text)


def officer_fiche(meta: dict[str, str], blocks: list[Block], out: Path) -> None:
    """A one-page project fiche as an international-relations officer makes it."""
    pdf = FPDF(format="A4")
    pdf.add_font("Sans", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("Sans", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("Sans", "I", FONTS / "DejaVuSans-Oblique.ttf")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Sans", "B", 10)
    pdf.cell(120, 5, meta["org"])
    pdf.set_font("Sans", "B", 14)
    pdf.set_text_color(30, 80, 140)
    pdf.cell(0, 5, "FICHE PROJET", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font("Sans", "", 8)
    pdf.cell(120, 5, meta["service"])
    pdf.cell(0, 5, meta["date"], align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    rows: list[list[str]] = []
    for block in [*blocks, Block("end")]:
        if rows and block.kind != "row":
            with pdf.table(
                col_widths=(60, 20, 12), text_align=("LEFT", "RIGHT", "RIGHT"), line_height=5
            ) as table:
                for cells in rows:
                    table.row(cells)
            rows = []
            pdf.ln(2)
        if block.kind == "title":
            pdf.set_fill_color(30, 80, 140)
            pdf.set_text_color(255)
            pdf.set_font("Sans", "B", 13)
            pdf.multi_cell(0, 8, block.text, fill=True, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
            pdf.ln(2)
        elif block.kind == "field":
            pdf.set_font("Sans", "B", 8.5)
            pdf.set_fill_color(225, 232, 242)
            pdf.cell(45, 6, block.extra[0], border=1, fill=True)
            pdf.set_font("Sans", "", 8.5)
            pdf.multi_cell(0, 6, block.text, border=1, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "part":
            pdf.ln(2)
            pdf.set_font("Sans", "B", 10)
            pdf.set_text_color(30, 80, 140)
            pdf.cell(0, 6, block.text.upper(), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)
        elif block.kind == "para":
            pdf.set_font("Sans", "", 8.5)
            pdf.multi_cell(0, 4.3, hyphenate(block.text), align="J", new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "bullet":
            pdf.set_font("Sans", "", 8.5)
            pdf.cell(5, 4.3, "–")
            pdf.multi_cell(0, 4.3, block.text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "row":
            rows.append(block.extra)
    pdf.set_y(-14)
    pdf.set_font("Sans", "I", 7)
    pdf.set_text_color(120)
    pdf.cell(0, 5, meta["footer"], align="L")
    pdf.cell(0, 5, "1/1", align="R")
    pdf.output(str(out))


def word_document(meta: dict[str, str], blocks: list[Block], out: Path) -> None:
    """A Word file with heading styles, bullet lists and tables."""
    document = docx.Document()
    document.core_properties.title = meta["title"]
    document.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    document.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(meta["title"], level=1)
    subtitle = document.add_paragraph()
    subtitle.add_run(meta["subtitle"]).italic = True
    rows: list[list[str]] = []
    for block in [*blocks, Block("end")]:
        if rows and block.kind != "row":
            table = document.add_table(rows=0, cols=len(rows[0]))
            table.style = "Table Grid"
            for i, cells in enumerate(rows):
                row = table.add_row().cells
                for cell, text in zip(row, cells, strict=True):
                    cell.text = text
                    if i == 0:
                        cell.paragraphs[0].runs[0].bold = True
            rows = []
            document.add_paragraph()
        if block.kind == "part":
            document.add_heading(block.text, level=2)
        elif block.kind == "para":
            document.add_paragraph(block.text)
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "row":
            rows.append(block.extra)
    document.save(str(out))
    # Word files are zip archives stamped with the time of writing: fix the stamps so that a
    # rebuild leaves unchanged documents byte for byte the same.
    with zipfile.ZipFile(out) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


def build(source: Path, out: Path) -> None:
    meta, blocks = parse(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    if meta["style"] == "officer":
        officer_fiche(meta, blocks, out)
    elif meta["style"] == "docx":
        word_document(meta, blocks, out)
    else:
        pdf = Booklet(meta)
        pdf.render(blocks)
        pdf.output(str(out))


def main() -> None:
    for name, target in TARGETS.items():
        build(HERE / "sources" / name, HERE / "docs" / target)
        print(f"docs/{target}")


if __name__ == "__main__":
    main()
