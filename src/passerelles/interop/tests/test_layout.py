"""The layout the PDF, DOCX and HTML readers see: blocks with their kinds, levels, labels and pages.

Every document is made here, with invented places and organisations.
"""

import time
from pathlib import Path

import docx
import pytest
from django.utils import translation
from docx.enum.style import WD_STYLE_TYPE
from fpdf import FPDF
from PIL import Image

from passerelles.documents.blocks import BlockKind
from passerelles.interop.reading import ReadResult, read_file
from passerelles.lib.errors import InputError

HEADING, PARAGRAPH, ITEM, FIELD, ROW = (
    BlockKind.HEADING,
    BlockKind.PARAGRAPH,
    BlockKind.ITEM,
    BlockKind.FIELD,
    BlockKind.ROW,
)
WEAVING = (
    "La coopérative des tisserandes de Nakora forme chaque année des apprenties au tissage et à la "
    "teinture naturelle, avec l'appui de la commune de Bourg-Clair et de ses artisans. "
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def summary(result: ReadResult) -> list[tuple]:
    """Return each block as (kind, level, page, text with its lines joined)."""
    assert result.blocks is not None
    return [(b.kind, b.level, b.page, " ".join(b.text.split())) for b in result.blocks]


# PDF


class Booklet(FPDF):
    """A booklet with a running header and a page number in the footer of every page."""

    def __init__(self) -> None:
        super().__init__()
        self.core_fonts_encoding = "windows-1252"
        self.set_auto_page_break(True, margin=20)

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, "Réseau des Passeurs – Cahier 2031", align="R")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"Page {self.page_no()}", align="C")

    def write(
        self, text: str, size: float = 11, style: str = "", height: float = 5.5, x: float | None = None
    ):
        self.set_font("Helvetica", style, size)
        if x is not None:
            self.set_x(x)
        self.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def write_booklet(path: Path) -> Path:
    pdf = Booklet()
    pdf.add_page()
    pdf.write("Tisser des liens entre Bourg-Clair et Nakora", size=18, style="B", height=9)
    pdf.ln(4)
    pdf.write("Origine de l'initiative", size=14, style="B", height=7)
    pdf.ln(2)
    pdf.write(WEAVING * 3)
    pdf.write("Un second paragraphe, en retrait, dit la suite du projet.", x=20)
    pdf.ln(3)
    pdf.write("Les étapes", style="B")
    pdf.ln(1)
    pdf.write("• un diagnostic partagé avec les tisserandes ;")
    pdf.write(
        "• un atelier de teinture ouvert en 2030, dont la construction a été confiée aux artisans du bourg ;"
    )
    pdf.write("• une boutique solidaire :")
    pdf.write("• en ligne ;", x=20)
    pdf.write("• au marché de Nakora.", x=20)
    pdf.ln(3)
    pdf.write("Budget : 48 000 euros sur trois ans")
    pdf.add_page()
    pdf.write("Deux ateliers", size=14, style="B", height=7)
    pdf.ln(2)
    top = pdf.get_y()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5.5, "Atelier de gauche. " + WEAVING * 2)
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5.5, "Atelier de droite. " + WEAVING * 2)
    pdf.add_page()
    pdf.write("Perspectives", size=14, style="B", height=7)
    pdf.ln(2)
    pdf.write(WEAVING)
    pdf.output(str(path))
    return path


def test_pdf_gives_headings_ranked_by_size_paragraphs_items_and_fields(tmp_path):
    result = read_file(write_booklet(tmp_path / "cahier.pdf"))

    assert summary(result) == [
        (HEADING, 1, 1, "Tisser des liens entre Bourg-Clair et Nakora"),
        (HEADING, 2, 1, "Origine de l'initiative"),
        (PARAGRAPH, 0, 1, " ".join((WEAVING * 3).split())),
        (PARAGRAPH, 0, 1, "Un second paragraphe, en retrait, dit la suite du projet."),
        (HEADING, 3, 1, "Les étapes"),
        (ITEM, 1, 1, "un diagnostic partagé avec les tisserandes ;"),
        (ITEM, 1, 1, "un atelier de teinture ouvert en 2030, dont la construction a été confiée aux "
                     "artisans du bourg ;"),
        (ITEM, 1, 1, "une boutique solidaire :"),
        (ITEM, 2, 1, "en ligne ;"),
        (ITEM, 2, 1, "au marché de Nakora."),
        (FIELD, 0, 1, "Budget : 48 000 euros sur trois ans"),
        (HEADING, 2, 2, "Deux ateliers"),
        (PARAGRAPH, 0, 2, " ".join(("Atelier de gauche. " + WEAVING * 2).split())),
        (PARAGRAPH, 0, 2, " ".join(("Atelier de droite. " + WEAVING * 2).split())),
        (HEADING, 2, 3, "Perspectives"),
        (PARAGRAPH, 0, 3, " ".join(WEAVING.split())),
    ]  # fmt: skip
    blocks = result.blocks or []
    assert [b.style for b in blocks if b.kind == HEADING] == [
        "18.0 bold",
        "14.0 bold",
        "11.0 bold",
        "14.0 bold",
        "14.0 bold",
    ]
    assert "\n" in blocks[2].text  # a paragraph keeps its lines
    assert blocks[10].label == "Budget" and blocks[10].value == "48 000 euros sur trois ans"
    assert "Passeurs" not in result.text and "Page" not in result.text
    assert result.title == "Tisser des liens entre Bourg-Clair et Nakora"
    assert result.text[blocks[13].start : blocks[13].end] == blocks[13].text


def test_pdf_paragraph_runs_on_across_a_page_break_without_the_page_furniture(tmp_path):
    # No sentence ends in it, so that none ends at the foot of the page by chance.
    long = "les tisserandes de Nakora et les artisans de Bourg-Clair, " * 110 + "ensemble."
    pdf = Booklet()
    pdf.add_page()
    pdf.write("Un long récit", size=14, style="B", height=7)
    pdf.write(long)
    pdf.ln(3)
    pdf.write("Fin du récit.")
    pdf.output(str(tmp_path / "recit.pdf"))

    result = read_file(tmp_path / "recit.pdf")

    assert summary(result) == [
        (HEADING, 1, 1, "Un long récit"),
        (PARAGRAPH, 0, 1, " ".join(long.split())),
        (PARAGRAPH, 0, 2, "Fin du récit."),
    ]


def test_pdf_labels_set_apart_from_their_values_are_fields_and_table_rows_keep_their_cells(tmp_path):
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for label, value in [("Pays", "Nakora"), ("Durée", "trois ans")]:
        pdf.cell(40, 6, label)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for cells in [("Financeur", "Montant", "Part"), ("Commune de Bourg-Clair", "24 000 €", "50 %")]:
        for width, text in zip((80, 40, 30), cells, strict=True):
            pdf.cell(width, 6, text)
        pdf.ln(6)
    pdf.output(str(tmp_path / "fiche.pdf"))

    result = read_file(tmp_path / "fiche.pdf")

    assert summary(result) == [
        (FIELD, 0, 1, "Pays : Nakora"),
        (FIELD, 0, 1, "Durée : trois ans"),
        (ROW, 0, 1, "Financeur Montant Part"),
        (ROW, 0, 1, "Commune de Bourg-Clair 24 000 € 50 %"),
    ]
    blocks = result.blocks or []
    assert (blocks[1].label, blocks[1].value) == ("Durée", "trois ans")
    assert blocks[3].cells == ["Commune de Bourg-Clair", "24 000 €", "50 %"]


def test_pdf_of_scanned_pages_is_refused_as_having_no_text_layer(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 280), "white"), x=0, y=0, w=210)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(InputError, match=r"scan\.pdf has no text layer \(a scanned document\?\)"):
        read_file(tmp_path / "scan.pdf")


def test_pdf_without_text_nor_image_contains_no_text(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.line(10, 10, 100, 100)
    pdf.output(str(tmp_path / "trait.pdf"))
    with pytest.raises(InputError, match=r"trait\.pdf contains no text"):
        read_file(tmp_path / "trait.pdf")


def test_pdf_of_two_pages_reads_well_under_a_second(tmp_path):
    pdf = Booklet()
    for _page in range(2):
        pdf.add_page()
        pdf.write("Perspectives", size=14, style="B", height=7)
        pdf.write(WEAVING * 12)
    pdf.output(str(tmp_path / "court.pdf"))
    start = time.perf_counter()
    read_file(tmp_path / "court.pdf")
    assert time.perf_counter() - start < 0.5


# Word


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Tisser des liens", style="Title")
    document.add_heading("Origine de l'initiative", level=1)
    document.add_paragraph(WEAVING)
    document.add_paragraph("Budget : 48 000 euros sur trois ans")
    document.add_paragraph().add_run("Les étapes").bold = True
    document.add_paragraph("un diagnostic partagé", style="List Bullet")
    document.add_paragraph("une boutique solidaire", style="List Number")
    document.add_paragraph("en ligne", style="List Bullet 2")
    document.add_heading("Financement", level=2)
    funding = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        funding.rows,
        [
            ("Financeur", "Montant", "Part"),
            ("Commune de Bourg-Clair", "24 000 €", "50 %"),
            ("Fonds de l'Aube", "24 000 €", "50 %"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    fiche = document.add_table(rows=2, cols=2)
    fiche.cell(0, 0).text, fiche.cell(0, 1).text = "Porteur", "Coopérative des tisserandes de Nakora"
    fiche.cell(1, 0).text, fiche.cell(1, 1).text = "Durée :", "trois ans"
    document.save(path)
    return path


def test_docx_gives_blocks_from_styles_lists_and_tables(tmp_path):
    result = read_file(write_docx(tmp_path / "fiche.docx"))

    assert summary(result) == [
        (HEADING, 1, None, "Tisser des liens"),
        (HEADING, 2, None, "Origine de l'initiative"),
        (PARAGRAPH, 0, None, " ".join(WEAVING.split())),
        (FIELD, 0, None, "Budget : 48 000 euros sur trois ans"),
        (HEADING, 4, None, "Les étapes"),
        (ITEM, 1, None, "un diagnostic partagé"),
        (ITEM, 1, None, "une boutique solidaire"),
        (ITEM, 2, None, "en ligne"),
        (HEADING, 3, None, "Financement"),
        (ROW, 0, None, "Financeur Montant Part"),
        (ROW, 0, None, "Commune de Bourg-Clair 24 000 € 50 %"),
        (ROW, 0, None, "Fonds de l'Aube 24 000 € 50 %"),
        (FIELD, 0, None, "Porteur : Coopérative des tisserandes de Nakora"),
        (FIELD, 0, None, "Durée : trois ans"),
    ]
    blocks = result.blocks or []
    assert [b.style for b in blocks if b.kind == HEADING] == ["Title", "Heading 1", "bold", "Heading 2"]
    assert blocks[10].cells == ["Commune de Bourg-Clair", "24 000 €", "50 %"]
    assert blocks[10].text == "Commune de Bourg-Clair\t24 000 €\t50 %"
    assert (blocks[13].label, blocks[13].value) == ("Durée", "trois ans")
    assert result.title == "Tisser des liens"


def test_docx_headings_keep_their_number_without_a_title_and_localised_styles_count(tmp_path):
    document = docx.Document()
    document.styles.add_style("Titre 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_heading("Le projet", level=1)
    document.add_paragraph("Partenaires", style="Titre 2")
    document.add_paragraph("Une bibliothèque partagée à Nakora.")
    document.save(tmp_path / "localise.docx")

    result = read_file(tmp_path / "localise.docx")

    assert summary(result) == [
        (HEADING, 1, None, "Le projet"),
        (HEADING, 2, None, "Partenaires"),
        (PARAGRAPH, 0, None, "Une bibliothèque partagée à Nakora."),
    ]


# HTML


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Nakora et Bourg-Clair</title></head>
<body><header><h1>Réseau des Passeurs</h1></header><nav><ul><li>Accueil</li></ul></nav>
<div class="promo"><p>Abonnez-vous à la lettre</p></div>
<main><article><header><h1>Tisser des liens</h1></header>
<h2>Origine</h2>
<p>Une coopérative   de <em>tisserandes</em>
   à Nakora.</p>
<div>Texte libre dans une division.</div>
<p><strong>Porteur :</strong> Coopérative des tisserandes de Nakora</p>
<p>Durée : trois ans</p>
<p><b>Durée :</b> deux ans<br><b>Lieu :</b> Nakora</p>
<h3>Étapes</h3>
<ol><li>Diagnostic<ul><li>avec les tisserandes</li><li>avec la commune</li></ul></li>
<li><p>Boutique</p></li></ol>
<dl><dt>Pays</dt><dd>Nakora (pays imaginaire)</dd><dt>Thème</dt><dd>Artisanat</dd></dl>
<table><thead><tr><th>Financeur</th><th>Montant</th></tr></thead>
<tbody><tr><td>Commune de Bourg-Clair</td><td>24 000 €</td></tr></tbody></table>
<table><tr><th>Contact</th><td>Lina Ferrand</td></tr>
<tr><th>Courriel</th><td>lina@example.org</td></tr></table>
<aside>À lire aussi</aside><footer>Mentions légales</footer></article></main>
<footer>Plan du site</footer></body></html>"""


def test_html_gives_blocks_from_elements_and_keeps_only_main(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    result = read_file(path)

    assert summary(result) == [
        (HEADING, 1, None, "Tisser des liens"),
        (HEADING, 2, None, "Origine"),
        (PARAGRAPH, 0, None, "Une coopérative de tisserandes à Nakora."),
        (PARAGRAPH, 0, None, "Texte libre dans une division."),
        (FIELD, 0, None, "Porteur : Coopérative des tisserandes de Nakora"),
        (FIELD, 0, None, "Durée : trois ans"),
        (FIELD, 0, None, "Durée : deux ans"),
        (FIELD, 0, None, "Lieu : Nakora"),
        (HEADING, 3, None, "Étapes"),
        (ITEM, 1, None, "Diagnostic"),
        (ITEM, 2, None, "avec les tisserandes"),
        (ITEM, 2, None, "avec la commune"),
        (ITEM, 1, None, "Boutique"),
        (FIELD, 0, None, "Pays : Nakora (pays imaginaire)"),
        (FIELD, 0, None, "Thème : Artisanat"),
        (ROW, 0, None, "Financeur Montant"),
        (ROW, 0, None, "Commune de Bourg-Clair 24 000 €"),
        (FIELD, 0, None, "Contact : Lina Ferrand"),
        (FIELD, 0, None, "Courriel : lina@example.org"),
    ]
    blocks = result.blocks or []
    assert [b.style for b in blocks if b.kind == HEADING] == ["h1", "h2", "h3"]
    assert [b.label for b in blocks if b.kind == FIELD][:3] == ["Porteur", "Durée", "Durée"]
    assert blocks[16].cells == ["Commune de Bourg-Clair", "24 000 €"]
    assert result.title == "Nakora et Bourg-Clair"


def test_html_without_main_reads_its_articles_or_its_body(tmp_path):
    path = tmp_path / "liste.html"
    path.write_text(
        "<body><p>Bandeau</p><article><h2>Jardins de Nakora</h2><p>Maraîchage.</p></article>"
        "<article><h2>Ateliers de Bourg-Clair</h2></article></body>",
        encoding="utf-8",
    )
    assert [b.text for b in read_file(path).blocks or []] == [
        "Jardins de Nakora",
        "Maraîchage.",
        "Ateliers de Bourg-Clair",
    ]
    path.write_text("<body><p>Bandeau</p><div><h2>Jardins</h2>Maraîchage <b>bio</b>.</div></body>")
    assert [b.text for b in read_file(path).blocks or []] == ["Bandeau", "Jardins", "Maraîchage bio."]


def test_html_table_laying_out_the_page_is_read_as_its_cells(tmp_path):
    path = tmp_path / "ancien.html"
    path.write_text(
        "<table><tr><td><p>Accueil</p></td><td><h2>Jardins de Nakora</h2><p>Maraîchage.</p>"
        "<table><tr><td>Budget</td><td>9 000 €</td></tr></table></td></tr></table>",
        encoding="utf-8",
    )
    assert summary(read_file(path)) == [
        (PARAGRAPH, 0, None, "Accueil"),
        (HEADING, 2, None, "Jardins de Nakora"),
        (PARAGRAPH, 0, None, "Maraîchage."),
        (FIELD, 0, None, "Budget : 9 000 €"),
    ]
