"""Measure `passerelles ingest` on the development set, kind by kind.

    python devset/measure.py [--set FOLDER] [--scorer PATH] [--passerelles PATH] [--kinds K,...] [--keep]

For each kind of document (a folder of devset/docs/), create a fresh SQLite database in a
temporary folder, run `passerelles migrate`, `passerelles ingest <the kind's files> --publish`
and `passerelles export --format records`, then score the export against that kind's records
of devset/records.json with the evaluation's score_records.py. The total line scores every
kind's export together against every expected record. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIELDS = ["records", "territories", "countries", "organisations", "themes", "sdgs", "funding", "contacts"]


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=False)


def score(scorer: Path, gold: list[dict], predicted: list[dict], folder: Path) -> dict:
    """Run the scorer on two record lists; the expected records lose their 'source' key."""
    gold_path, predicted_path = folder / "gold.json", folder / "predicted.json"
    plain = [{k: v for k, v in record.items() if k != "source"} for record in gold]
    gold_path.write_text(json.dumps({"version": 1, "records": plain}, ensure_ascii=False), encoding="utf-8")
    predicted_path.write_text(
        json.dumps({"version": 1, "records": predicted}, ensure_ascii=False), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold_path), str(predicted_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def extract(passerelles: str, files: list[Path], folder: Path) -> tuple[list[dict], str]:
    """Ingest files into a fresh database in folder and return the exported records, with a
    note naming the files the command failed on (empty when none); the log is kept in folder."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder}/db.sqlite3", PASSERELLES_DATA_DIR=str(folder))
    migrated = run([passerelles, "migrate"], env)
    if migrated.returncode:
        raise SystemExit(f"passerelles migrate failed: {migrated.stderr.strip()}")
    failed = []
    with open(folder / "ingest.log", "w", encoding="utf-8") as log:
        for path in files:  # one call per file, so that a crash on one leaves the others measured
            ingested = run([passerelles, "ingest", str(path), "--publish"], env)
            log.write(f"== {path.name}\n{ingested.stdout}{ingested.stderr}")
            if ingested.returncode:
                last = ingested.stderr.strip().splitlines()[-1:] or ["no message"]
                failed.append(f"{path.name} ({last[0]})")
    exported = run([passerelles, "export", "--format", "records"], env)
    if exported.returncode:
        return [], f"export failed: {exported.stderr.strip()}"
    return json.loads(exported.stdout)["records"], "ingest failed on " + "; ".join(failed) if failed else ""


def means(result: dict) -> tuple[float, float]:
    """Mean precision and mean recall over the scorer's fields."""
    table = result["f1"]
    return (
        sum(table[f][0] for f in FIELDS) / len(FIELDS),
        sum(table[f][1] for f in FIELDS) / len(FIELDS),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", type=Path, default=ROOT / ".." / "shared" / "eval" / "score_records.py")
    parser.add_argument("--passerelles", default=str(ROOT / ".venv" / "bin" / "passerelles"))
    parser.add_argument(
        "--set", type=Path, default=HERE, help="folder of the set: docs/, records.json (default devset/)"
    )
    parser.add_argument("--kinds", help="comma-separated kinds (default: every folder of the set's docs/)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folders and print where they are"
    )
    args = parser.parse_args()

    here = args.set.resolve()
    expected = json.loads((here / "records.json").read_text(encoding="utf-8"))["records"]
    kinds = (
        args.kinds.split(",")
        if args.kinds
        else sorted(p.name for p in (here / "docs").iterdir() if p.is_dir())
    )
    work = Path(tempfile.mkdtemp(prefix="passerelles-devset-"))
    all_gold: list[dict] = []
    all_predicted: list[dict] = []
    notes: list[str] = []
    print(
        f"{'kind':<10}{'docs':>5}{'found':>7}{'expected':>9}{'matched':>8}{'recall':>8}{'precision':>10}{'overall':>9}"
    )
    try:
        for kind in kinds:
            files = sorted(p for p in (here / "docs" / kind).iterdir() if p.is_file())
            gold = [r for r in expected if r["source"].split("/")[0] == kind]
            folder = work / kind
            folder.mkdir()
            predicted, note = extract(args.passerelles, files, folder)
            if note:
                notes.append(f"{kind}: {note}")
            result = score(args.scorer, gold, predicted, folder)
            precision, recall = means(result)
            matched = round(result["f1"]["records"][1] * len(gold))
            print(
                f"{kind:<10}{len(files):>5}{len(predicted):>7}{len(gold):>9}{matched:>8}"
                f"{recall:>8.3f}{precision:>10.3f}{result['overall']:>9.3f}"
            )
            all_gold += gold
            all_predicted += predicted
        total = score(args.scorer, all_gold, all_predicted, work)
        precision, recall = means(total)
        matched = round(total["f1"]["records"][1] * len(all_gold))
        documents = sum(1 for kind in kinds for p in (here / "docs" / kind).iterdir() if p.is_file())
        print(
            f"{'total':<10}{documents:>5}{len(all_predicted):>7}{len(all_gold):>9}{matched:>8}"
            f"{recall:>8.3f}{precision:>10.3f}{total['overall']:>9.3f}"
        )
        print("\nrecall, precision: means over the scorer's fields (" + ", ".join(FIELDS) + ");")
        print(
            "overall: the scorer's overall F (those fields' F1 and the accuracy of start_year, "
            "budget_total_eur and ess_dimension)."
        )
        for note in notes:
            print(f"note: {note}")
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
