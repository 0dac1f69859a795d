"""Write the benchmark's booklet (PDF) and fiche (DOCX); the web pages and the article are written by hand.

    .venv/bin/python src/passerelles/documents/bench_data/make_bench_data.py

Every project, organisation and person here is invented; the places are real. The booklet is laid
out as the field lays them out: a running header and a numbered footer on every page, fiche titles
and part headings in larger bold type, justified text. The fiche uses Word's heading styles, a
bulleted list and a funding table. fpdf2 is a development dependency: the product reads these
files, it never writes them.
"""

import datetime as dt
import zipfile
from pathlib import Path

import docx
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
# Fixed, so that running the script again writes the same files.
WRITTEN = dt.datetime(2025, 10, 1, 9, 0, tzinfo=dt.UTC)

BOOKLET_TITLE = "Coopérer autrement – Fiches d’expériences 2025"
BOOKLET_INTRO = (
    "Ce recueil du Réseau occitan pour la coopération solidaire présente trois coopérations décentralisées "
    "qui associent des acteurs de l’économie sociale et solidaire. Chaque fiche a été relue par les "
    "collectivités concernées."
)

# Each fiche: title, labelled lines, then (part heading, paragraphs).
FICHES = [
    (
        "Une filière de karité équitable entre Tarbes et Koudougou",
        [
            (
                "Territoires",
                "Ville de Tarbes (Hautes-Pyrénées, France) – Commune de Koudougou (Burkina Faso)",
            ),
            ("Mots-clés", "commerce équitable, coopérative de femmes, transformation agricole"),
            ("Date", "mars 2025"),
        ],
        [
            (
                "Origine et présentation de l’initiative",
                [
                    "La Ville de Tarbes et la Commune de Koudougou sont liées depuis 2019 par une "
                    "convention de coopération décentralisée. Le projet a démarré en 2021, lorsque l’Union "
                    "des productrices Wend Panga, qui regroupe 340 femmes de douze villages, a demandé aux "
                    "deux collectivités de l’aider à moderniser son unité de transformation du beurre de "
                    "karité.",
                    "L’association Karité Solidaire Bigorre, créée par des habitants de Tarbes, achète le "
                    "beurre à un prix garanti et le vend en France dans un réseau de boutiques de commerce "
                    "équitable.",
                ],
            ),
            (
                "Rôle des collectivités locales",
                [
                    "La Commune de Koudougou met à disposition le terrain de l’atelier et facilite l’accès "
                    "des productrices aux marchés locaux. La Ville de Tarbes finance l’équipement, "
                    "accueille chaque année une délégation de productrices et forme leurs responsables à la "
                    "gestion.",
                ],
            ),
            (
                "Financement",
                [
                    "Le budget total du projet s’élève à 86 000 euros. Il est financé à 45 % par la Ville "
                    "de Tarbes, à 35 % par la Région Occitanie et à 20 % par la Fondation Terres de "
                    "Partage.",
                ],
            ),
            (
                "Perspectives",
                [
                    "Les partenaires prévoient d’ouvrir un second atelier en 2026 et de faire certifier le "
                    "beurre par un label de commerce équitable.",
                ],
            ),
            (
                "CONTACT",
                [
                    "Claire Dubosc, chargée de mission relations internationales, Ville de Tarbes – "
                    "claire.dubosc@example.org",
                    "Issouf Zongo, coordinateur de l’Union des productrices Wend Panga – "
                    "issouf.zongo@example.org",
                ],
            ),
        ],
    ),
    (
        "Une ressourcerie et une plateforme de compostage à Saint-Louis",
        [
            ("Territoires", "Ville de Narbonne (Aude, France) – Commune de Saint-Louis (Sénégal)"),
            ("Mots-clés", "économie circulaire, déchets, insertion des jeunes"),
            ("Date", "juin 2025"),
        ],
        [
            (
                "Origine et présentation de l’initiative",
                [
                    "Lancé en 2022, le projet est né d’un diagnostic partagé des services techniques des "
                    "deux villes sur la gestion des déchets des quartiers riverains du fleuve. La SCIC "
                    "Recyclerie du Littoral, implantée à Narbonne, accompagne le groupement d’intérêt "
                    "économique Bokk Jëf, qui emploie dix-huit jeunes en insertion pour collecter, trier et "
                    "réparer les objets et pour transformer les déchets verts en compost vendu aux "
                    "maraîchers.",
                ],
            ),
            (
                "Rôle des collectivités locales",
                [
                    "La Commune de Saint-Louis a prêté un ancien entrepôt municipal et organise la collecte "
                    "dans les quartiers. La Ville de Narbonne apporte l’expertise de son service propreté "
                    "et cofinance les équipements.",
                ],
            ),
            (
                "Financement",
                [
                    "Coût total : 142 000 euros. Ville de Narbonne : 42 000 euros ; Fonds Méditerranée "
                    "Solidarité : 60 000 euros ; Commune de Saint-Louis : 15 000 euros (mise à disposition "
                    "de locaux) ; GIE Bokk Jëf : 25 000 euros (apport propre).",
                ],
            ),
            (
                "Perspectives",
                ["Une deuxième plateforme de compostage est à l’étude pour 2026."],
            ),
            (
                "CONTACT",
                [
                    "Mathieu Sarrail, service propreté, Ville de Narbonne – m.sarrail@example.org",
                    "Awa Sow, présidente du GIE Bokk Jëf – awa.sow@example.org",
                ],
            ),
        ],
    ),
    (
        "Des prêts d’honneur pour les artisanes de Sfax",
        [
            ("Territoires", "Département du Gard (France) – Gouvernorat de Sfax (Tunisie)"),
            ("Mots-clés", "finance solidaire, artisanat, égalité femmes-hommes"),
            ("Date", "septembre 2025"),
        ],
        [
            (
                "Origine et présentation de l’initiative",
                [
                    "Le Département du Gard et le Gouvernorat de Sfax coopèrent depuis 2020. En 2023, ils "
                    "ont créé avec l’association tunisienne Amal Al Hirafiya et la coopérative d’activités "
                    "et d’emploi Ouvrages Communs, basée à Nîmes, un fonds de prêts d’honneur pour les "
                    "artisanes de la médina. Chaque prêt, de 500 à 3 000 dinars, est accompagné d’une "
                    "formation à la gestion et à la vente en ligne.",
                ],
            ),
            (
                "Rôle des collectivités locales",
                [
                    "Le Gouvernorat de Sfax repère les artisanes avec les associations de quartier. Le "
                    "Département du Gard abonde le fonds et accueille chaque année des artisanes au salon "
                    "des métiers d’art de Nîmes.",
                ],
            ),
            (
                "Financement",
                [
                    "Le budget total est de 64 000 euros sur trois ans : 40 000 euros du Département du "
                    "Gard (62,5 %) et 24 000 euros de la Fondation Méditerranée Avenir (37,5 %).",
                ],
            ),
            (
                "Perspectives",
                [
                    "Cent dix prêts ont été accordés et 92 % ont été remboursés. Le fonds sera ouvert aux "
                    "jeunes artisans en 2026.",
                ],
            ),
            (
                "CONTACT",
                [
                    "Sophie Marcon, direction des relations internationales, Département du Gard – "
                    "sophie.marcon@example.org",
                    "Leïla Ben Salem, présidente d’Amal Al Hirafiya – leila.bensalem@example.org",
                ],
            ),
        ],
    ),
]


class Booklet(FPDF):
    """A booklet page: the running header and the numbered footer that the PDF reader must drop."""

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, BOOKLET_TITLE, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Réseau occitan pour la coopération solidaire – page {self.page_no()}", align="C")


def write_booklet(path: Path) -> None:
    pdf = Booklet(format="A4")
    # Core fonts in Windows-1252 hold the French typographic apostrophe and dashes.
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(WRITTEN)
    pdf.set_title(BOOKLET_TITLE)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.ln(50)
    pdf.multi_cell(0, 11, BOOKLET_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, BOOKLET_INTRO, align="J", new_x="LMARGIN", new_y="NEXT")
    for title, labelled, parts in FICHES:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        for label, value in labelled:
            pdf.set_font("Helvetica", "B", 10)
            pdf.write(5.5, f"{label} : ")
            pdf.set_font("Helvetica", "", 10)
            pdf.write(5.5, value)
            pdf.ln(6)
        for heading, paragraphs in parts:
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12.5)
            pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 10)
            for paragraph in paragraphs:
                pdf.multi_cell(0, 5.5, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
    pdf.output(str(path))


def write_fiche(path: Path) -> None:
    document = docx.Document()
    document.core_properties.created = WRITTEN
    document.core_properties.modified = WRITTEN
    document.add_heading("Des mini-réseaux solaires coopératifs autour d’Antsirabe", level=1)
    for label, value in [
        ("Collectivités partenaires", "Ville de Lorient (Morbihan, France) et Commune urbaine d’Antsirabe "
         "(Madagascar)"),
        ("Thématiques", "énergies renouvelables, électrification rurale, coopératives d’usagers"),
        ("Période", "2024-2027"),
    ]:  # fmt: skip
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} : ").bold = True
        paragraph.add_run(value)
    document.add_heading("Contexte et objectifs", level=2)
    document.add_paragraph(
        "Dans les villages ruraux autour d’Antsirabe, moins d’un foyer sur cinq a accès à l’électricité. "
        "Depuis 2024, la Ville de Lorient et la Commune urbaine d’Antsirabe accompagnent la création de "
        "trois coopératives d’usagers qui gèrent chacune un mini-réseau solaire. La SCIC Énergies "
        "Citoyennes du Scorff, qui exploite à Lorient des toitures solaires financées par les habitants, "
        "forme les techniciens de l’association malgache Fanilo Energia."
    )
    document.add_heading("Partenaires", level=2)
    for partner in [
        "SCIC Énergies Citoyennes du Scorff (Lorient) : formation et appui technique",
        "Association Fanilo Energia (Antsirabe) : installation et maintenance des mini-réseaux",
        "Fondation Lumière Partagée : cofinancement",
    ]:
        document.add_paragraph(partner, style="List Bullet")
    document.add_heading("Plan de financement", level=2)
    rows = [
        ("Financeur", "Montant (€)", "Part"),
        ("Ville de Lorient", "40 000", "32 %"),
        ("Fondation Lumière Partagée", "50 000", "40 %"),
        ("Fonds Armor Solidarité", "35 000", "28 %"),
        ("Total", "125 000", "100 %"),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    for cells, values in zip((row.cells for row in table.rows), rows, strict=True):
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_heading("Résultats attendus", level=2)
    document.add_paragraph(
        "420 foyers et 35 ateliers raccordés ; trois coopératives d’usagers autonomes d’ici 2027."
    )
    document.add_heading("Contacts", level=2)
    for contact in [
        "Yann Le Goff, chargé de coopération internationale, Ville de Lorient – yann.legoff@example.org",
        "Hanta Razafindrabe, directrice de Fanilo Energia – hanta.razafindrabe@example.org",
    ]:
        document.add_paragraph(contact)
    document.save(str(path))
    # Word files are ZIP archives that date each part: dated once, the file is the same at each run.
    with zipfile.ZipFile(path) as saved:
        parts = [(info.filename, saved.read(info)) for info in saved.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, data in parts:
            rewritten.writestr(zipfile.ZipInfo(name, WRITTEN.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    write_booklet(HERE / "booklet.pdf")
    write_fiche(HERE / "fiche.docx")
