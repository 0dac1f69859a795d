"""The readers of ingested files, on fixtures built at test time in a temporary folder."""

import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from django.utils import translation
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from passerelles.interop import csv as csv_format
from passerelles.interop import docx as docx_format
from passerelles.interop import html as html_format
from passerelles.interop import pdf as pdf_format
from passerelles.interop import text as text_format
from passerelles.interop import xlsx as xlsx_format
from passerelles.interop.reading import read_file
from passerelles.interop.tables import map_columns, preview, rows_to_drafts
from passerelles.interop.tests import REAL
from passerelles.interop.zipguard import check_zip
from passerelles.lib.countries import country_code
from passerelles.lib.errors import InputError

SIRENE = REAL / "ess_sirene_flag_numerique.csv"

FRENCH_CSV = (
    "Intitulé du projet;COLLECTIVITE;Commune partenaire;Pays;Thématiques;Montant (€);Année de début;"
    "Partenaire ESS;Financeurs;odd;Courriel\n"
    "Eau potable à Porto-Novo;Ville de Cergy;Porto-Novo;Bénin;Eau et assainissement, Santé, Tricot;"
    '140 000 €;2019;Eau Vive;"AFD; Ministère de l\'Europe";ODD 6, 3;contact@eauvive.org\n'
    ";;;;;;;;;;\n"
    "Tourisme villageois;Région Bretagne;Kolda;SN;tourisme_solidaire;1.234,50;2021;;;SDG 8;\n"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def write_pdf(path: Path, title: str = "") -> Path:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Coopération décentralisée\nPorto-Novo et Cergy : l'eau potable.")
    pdf.add_page()
    pdf.multi_cell(0, 8, "Deuxième page : résultats obtenus.")
    pdf.output(str(path))
    return path


def encrypt_pdf(source: Path, path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    writer.write(path)
    return path


def write_bomb(path: Path, size: int) -> Path:
    """Write a ZIP holding one entry of SIZE zero bytes, written in chunks to spare memory."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as entry,
    ):
        chunk = bytes(1_000_000)
        for _ in range(size // len(chunk)):
            entry.write(chunk)
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Rien à lire ici"])
    sheet = workbook.create_sheet("Projets")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


# Text and Markdown


def test_markdown_in_utf8_with_bom_is_an_article_titled_by_its_first_line(tmp_path):
    path = tmp_path / "note.md"
    path.write_bytes("\ufeff\n# Jardins partagés à Kolda\n\nUne coopérative de maraîchères.\n".encode())
    result = read_file(path)
    assert result.title == "Jardins partagés à Kolda"
    assert result.kind == "article"
    assert result.drafts is None
    assert "Une coopérative de maraîchères." in result.text
    assert not result.text.startswith("\ufeff")


def test_text_in_cp1252_is_decoded(tmp_path):
    path = tmp_path / "ancien.txt"
    path.write_bytes("Coopération décentralisée – “Porto-Novo” : 40 000 €\n".encode("cp1252"))
    result = text_format.read(path)
    assert result.text.startswith("Coopération décentralisée – “Porto-Novo” : 40 000 €")


def test_binary_garbage_named_txt_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(random.Random(0).randbytes(4096))
    with pytest.raises(InputError, match=r"image\.txt is not a text file"):
        read_file(path)


def test_empty_text_is_refused(tmp_path):
    path = tmp_path / "vide.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match=r"vide\.txt contains no text"):
        read_file(path)


# PDF


def test_pdf_pages_are_joined_by_a_blank_line_and_titled_from_metadata(tmp_path):
    result = read_file(write_pdf(tmp_path / "livret.pdf", title="Livret RTES 2019"))
    assert result.kind == "booklet"
    assert result.title == "Livret RTES 2019"
    assert result.drafts is None
    first, second = result.text.rstrip("\n").split("\n\n")
    assert first == "Coopération décentralisée\nPorto-Novo et Cergy : l'eau potable."
    assert second == "Deuxième page : résultats obtenus."


def test_pdf_without_metadata_title_is_titled_by_its_first_line(tmp_path):
    assert pdf_format.read(write_pdf(tmp_path / "fiche.pdf")).title == "Coopération décentralisée"


def test_pdf_with_a_password_is_refused(tmp_path):
    path = encrypt_pdf(write_pdf(tmp_path / "clair.pdf"), tmp_path / "secret.pdf", user_password="secret")
    with pytest.raises(InputError, match=r"secret\.pdf is encrypted"):
        read_file(path)


def test_pdf_encrypted_only_against_copying_is_read(tmp_path):
    path = encrypt_pdf(write_pdf(tmp_path / "clair.pdf"), tmp_path / "protege.pdf", user_password="")
    assert "Deuxième page" in read_file(path).text


def test_truncated_pdf_is_refused(tmp_path):
    data = write_pdf(tmp_path / "entier.pdf").read_bytes()
    path = tmp_path / "coupe.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"coupe\.pdf is not a readable PDF"):
        read_file(path)


def test_pdf_with_too_many_pages_is_refused(tmp_path, settings):
    settings.INGEST_MAX_PAGES = 1
    with pytest.raises(InputError, match=r"long\.pdf has too many pages \(2; the limit is 1\)"):
        read_file(write_pdf(tmp_path / "long.pdf"))


# Word


def test_docx_keeps_headings_paragraphs_and_table_rows_in_order(tmp_path):
    document = docx.Document()
    document.add_heading("Fiche projet : Kolda", level=1)
    document.add_paragraph("Une coopérative de maraîchères.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Porteur", "Eau Vive"
    table.cell(1, 0).text, table.cell(1, 1).text = "Budget", "140 000 €"
    document.add_paragraph("Après le tableau.")
    path = tmp_path / "fiche.docx"
    document.save(path)

    result = read_file(path)

    assert [line for line in result.text.splitlines() if line] == [
        "Fiche projet : Kolda",
        "Une coopérative de maraîchères.",
        "Porteur : Eau Vive",
        "Budget : 140 000 €",
        "Après le tableau.",
    ]
    assert result.title == "Fiche projet : Kolda"
    assert result.drafts is None


def test_docx_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "faux.docx"
    path.write_text("pas un document", encoding="utf-8")
    with pytest.raises(InputError, match=r"faux\.docx is not a valid Office file"):
        read_file(path)


def test_zip_that_is_not_a_word_file_is_refused(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "bonjour")
    with pytest.raises(InputError, match=r"archive\.docx is not a valid Word file"):
        docx_format.read(path)


@pytest.mark.parametrize("name", ["bombe.docx", "bombe.xlsx"])
def test_zip_bomb_is_refused_by_its_unpacked_size(tmp_path, settings, name):
    settings.INGEST_MAX_UNZIPPED_BYTES = 2_000_000
    settings.INGEST_MAX_ZIP_RATIO = 100_000
    with pytest.raises(InputError, match=re.escape(f"{name} unpacks to too much data")):
        read_file(write_bomb(tmp_path / name, 3_000_000))


@pytest.mark.parametrize("name", ["bombe.docx", "bombe.xlsx"])
def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path, name):
    with pytest.raises(InputError, match=re.escape(f"{name} is compressed suspiciously well")):
        read_file(write_bomb(tmp_path / name, 3_000_000))


def test_zip_entry_escaping_the_archive_is_refused(tmp_path):
    path = tmp_path / "evasion.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/cron.d/x", "* * * * * root true")
    with pytest.raises(InputError, match=r"evasion\.docx contains an entry with an unsafe path"):
        check_zip(path)


# HTML


def test_html_keeps_the_blocks_as_lines_and_drops_scripts_and_navigation(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(
        """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Avise : la coopération
        décentralisée</title><style>p { color: red }</style></head>
        <body><nav><a href="/">Accueil</a></nav><header>Bandeau</header>
        <script>var tracker = 1;</script><!-- commentaire -->
        <main><h1>Les SCIC à l'international</h1>
        <p>Une <b>coopérative</b> d'intérêt
           collectif.</p>
        <ul><li>Eau</li><li>Énergie</li></ul></main>
        <aside>Lire aussi</aside><form>Recherche</form><footer>Mentions légales</footer></body></html>""",
        encoding="utf-8",
    )
    result = read_file(path)
    assert [line for line in result.text.splitlines() if line] == [
        "Les SCIC à l'international",
        "Une coopérative d'intérêt collectif.",
        "Eau",
        "Énergie",
    ]
    assert result.title == "Avise : la coopération décentralisée"
    assert result.kind == "article"


def test_html_without_title_is_titled_by_its_first_heading(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes("<h1>Tourisme solidaire</h1><p>Au Bénin.</p>".encode())
    assert html_format.read(path).title == "Tourisme solidaire"


# Tables


def test_headers_are_recognised_whatever_case_accents_and_units():
    headers = ["INTITULE", "collectivité partenaire", "Code pays", "Montant (€)", "E-mail", "Remarques"]
    assert map_columns(headers) == {
        "title": 0,
        "partner_territory": 1,
        "country": 2,
        "amount": 3,
        "email": 4,
    }


@pytest.mark.parametrize(
    ("value", "code"),
    [("Bénin", "BJ"), ("benin", "BJ"), ("bj", "BJ"), ("MAR", "MA"), ("Côte d’Ivoire", "CI"),
     ("Sénégal", "SN"), ("Senegal", "SN"), ("Viêt Nam", "VN"), ("Vietnam", "VN"), ("Tanzanie", "TZ"),
     ("Atlantide", None), ("", None)],
)  # fmt: skip
def test_country_code_reads_codes_and_french_or_english_names(value, code):
    assert country_code(value) == code


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("140 000 €", "140000"), ("140\u202f000\u00a0€", "140000"), ("1.234,50", "1234.50"),
     ("1,234.50", "1234.50"), ("140 k€", "140000"), ("1,5 M€", "1500000"), ("12,5", "12.5"),
     ("1.234", "1234"), ("EUR 2500", "2500"), (2500, "2500"), (2500.5, "2500.5")],
)  # fmt: skip
def test_amounts_are_read_in_french_and_english_formats(amount, expected):
    [draft] = rows_to_drafts("t.csv", ["Titre", "Budget"], [["Projet", amount]])
    assert draft.budget_total == Decimal(expected)


def test_amount_in_another_currency_is_refused_with_its_row():
    with pytest.raises(InputError, match=r"t\.csv, row 3: “5 000 000 FCFA” is not an amount in euros"):
        rows_to_drafts("t.csv", ["Titre", "Montant"], [["A", "10"], ["B", "5 000 000 FCFA"]])


def test_goal_outside_the_seventeen_is_refused_with_its_row():
    with pytest.raises(InputError, match=r"t\.csv, row 2: “ODD 18” names a goal outside 1 to 17"):
        rows_to_drafts("t.csv", ["Titre", "ODD"], [["A", "ODD 18"]])


def test_row_without_title_is_refused_with_its_row():
    with pytest.raises(InputError, match=r"t\.csv, row 2: the title is empty"):
        rows_to_drafts("t.csv", ["Titre", "Pays"], [["", "Bénin"]])


def test_csv_with_semicolons_and_french_headers_gives_one_draft_per_row(tmp_path):
    path = tmp_path / "projets.csv"
    path.write_text(FRENCH_CSV, encoding="utf-8-sig")

    result = read_file(path)

    assert (result.title, result.kind, result.text) == ("projets.csv", "spreadsheet", FRENCH_CSV)
    assert result.drafts is not None
    porto, kolda = result.drafts
    assert porto.title == "Eau potable à Porto-Novo"
    assert porto.territories == [
        {"name": "Ville de Cergy", "country": "FR", "level": "autre"},
        {"name": "Porto-Novo", "country": "BJ", "level": "commune"},
    ]
    assert porto.countries == ["BJ", "FR"]
    assert porto.themes == ["eau_assainissement", "sante"]
    assert porto.budget_total == Decimal("140000")
    assert porto.start_year == 2019
    assert porto.sdgs == [6, 3]
    assert [(o["name"], o["role"]) for o in porto.organisations] == [
        ("Eau Vive", "partenaire"),
        ("AFD", "financeur"),
        ("Ministère de l'Europe", "financeur"),
    ]
    assert [line["funder"] for line in porto.funding] == ["AFD", "Ministère de l'Europe"]
    assert porto.contacts == [{"name": "contact@eauvive.org", "email": "contact@eauvive.org"}]
    assert porto.spans == {}
    assert kolda.territories[1] == {"name": "Kolda", "country": "SN", "level": "commune"}
    assert (kolda.themes, kolda.sdgs, kolda.budget_total) == (["tourisme_solidaire"], [8], Decimal("1234.50"))


def test_csv_in_cp1252_with_commas_is_read(tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes(
        'Projet,Pays,Thème\n"Maraîchage, Kolda",Sénégal,Agriculture et alimentation\n'.encode("cp1252")
    )
    [draft] = csv_format.read(path).drafts or []
    assert (draft.title, draft.countries, draft.themes) == (
        "Maraîchage, Kolda",
        ["SN"],
        ["agriculture_alimentation"],
    )


def test_csv_with_a_wrong_delimiter_is_refused(tmp_path):
    path = tmp_path / "deux-points.csv"
    path.write_text("Titre:Pays\nEau potable:Bénin\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"deux-points\.csv has no title column whatever the delimiter"):
        read_file(path)


def test_csv_without_title_column_lists_the_recognised_headers(tmp_path):
    path = tmp_path / "sans-titre.csv"
    path.write_text("Nom;Pays;Montant\nEau;Bénin;10\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sans-titre\.csv has no title column .*“Pays”, “Montant”"):
        read_file(path)


def test_csv_with_an_unknown_country_names_its_row(tmp_path):
    path = tmp_path / "pays.csv"
    path.write_text("Title,Country\nWater,Benin\nFood,Atlantide\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^pays\.csv, row 3: unknown country “Atlantide”\.$"):
        read_file(path)


def test_reading_stops_when_the_time_is_up(tmp_path, settings):
    settings.INGEST_MAX_SECONDS = 0
    path = tmp_path / "lent.csv"
    path.write_text("Titre\nA\nB\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lent\.csv takes too long to read"):
        read_file(path)


def test_preview_gives_the_mapping_and_the_first_rows(tmp_path):
    path = tmp_path / "projets.csv"
    path.write_text(FRENCH_CSV, encoding="utf-8")
    mapping, rows = preview(path, limit=1)
    assert mapping["title"] == 0 and mapping["partner_territory"] == 2 and mapping["email"] == 10
    assert [row[0] for row in rows] == ["Intitulé du projet", "Eau potable à Porto-Novo"]


def test_xlsx_reads_the_first_sheet_with_a_title_column(tmp_path):
    path = write_xlsx(
        tmp_path / "atlas.xlsx",
        [
            ["Atlas de la coopération, extrait"],
            ["Project", "Local government", "Partner", "Country", "Budget", "Start year", "Theme"],
            ["Solar kiosks", "Région Occitanie", "Kayes", "Mali", 250000, 2020.0, "Renewable energy"],
        ],
    )
    result = read_file(path)
    assert result.kind == "spreadsheet"
    assert (
        result.text.splitlines()[-1]
        == "Solar kiosks\tRégion Occitanie\tKayes\tMali\t250000\t2020\tRenewable energy"
    )
    [draft] = result.drafts or []
    assert draft.title == "Solar kiosks"
    assert draft.territories == [
        {"name": "Région Occitanie", "country": "FR", "level": "autre"},
        {"name": "Kayes", "country": "ML", "level": "autre"},
    ]
    assert (draft.budget_total, draft.start_year, draft.themes) == (
        Decimal(250000),
        2020,
        ["energies_renouvelables"],
    )


def test_xlsx_errors_name_the_row_as_the_sheet_shows_it(tmp_path):
    path = write_xlsx(tmp_path / "atlas.xlsx", [["Titre", "Pays"], ["A", "Bénin"], ["B", "Narnia"]])
    with pytest.raises(InputError, match=r"atlas\.xlsx, row 3: unknown country “Narnia”"):
        xlsx_format.read(path)


def test_xlsx_without_title_column_lists_the_recognised_headers(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Pays", "Budget", "Commentaire"])
    path = tmp_path / "budget.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match=r"budget\.xlsx has no title column.*“Pays”, “Budget”\."):
        read_file(path)


def test_real_sirene_extract_has_no_title_column_and_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"ess_sirene_flag_numerique\.csv has no title column"):
        read_file(SIRENE)


# Dispatch


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"absent\.pdf does not exist"):
        read_file(tmp_path / "absent.pdf")


def test_unknown_extension_is_refused_with_the_supported_ones(tmp_path):
    path = tmp_path / "diapo.pptx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"diapo\.pptx is not a supported file .*\.pdf.*\.xlsx"):
        read_file(path)


def test_too_large_file_is_refused_before_reading(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 100
    path = tmp_path / "gros.txt"
    path.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(InputError, match=r"gros\.txt is too large"):
        read_file(path)


def test_a_table_without_titles_names_each_project_by_its_description(tmp_path):
    path = tmp_path / "actions.csv"
    path.write_text(
        "Description;Pays;Montant (€)\n"
        "Des latrines pour deux écoles de Kaolack. Les élèves gèrent l'entretien.;Sénégal;12 000\n",
        encoding="utf-8",
    )
    (draft,) = read_file(path).drafts
    assert draft.title == "Des latrines pour deux écoles de Kaolack."
    assert draft.summary.endswith("Les élèves gèrent l'entretien.")
