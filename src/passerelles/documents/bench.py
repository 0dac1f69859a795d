"""Benchmarks of reading documents: ingestion per kind of document, and extraction step by step.

`bench_ingest` stores one shipped document of each kind in the current database, inside a
transaction that is undone. `bench_extract` runs the extraction pipeline on documents without a
database, times each step over all of them and scores what the steps assign against expected
records (documents/scoring.py).
"""

import json
import tempfile
import time
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from passerelles.documents import scoring
from passerelles.documents.actions import ingest_paths
from passerelles.documents.drafts import Draft
from passerelles.documents.models import Document
from passerelles.documents.pipeline import ORDER, STEPS, extract
from passerelles.documents.pipeline.doc import ExtractDoc
from passerelles.interop.reading import read_file
from passerelles.lib.bench import peak_memory_mb, stopwatch
from passerelles.lib.errors import InputError

DATA = Path(__file__).resolve().parent / "bench_data"
# One document of each kind, written for the benchmark (bench_data/make_bench_data.py), and the
# projects they describe.
KINDS = {
    "booklet": "booklet.pdf",
    "fiche": "fiche.docx",
    "list": "list.html",
    "article": "article.txt",
    "english": "english.html",
}
RECORDS = DATA / "records.json"
# Read once before timing, so that every model and reference table is loaded; no bench document
# names these actors, which are then stored by none of them first.
WARM_UP = (
    "Depuis 2020, la Ville de Pau et la Commune de Ziguinchor (Sénégal) soutiennent "
    "l'association Les Jardins du Gave, pour un budget de 10 000 euros."
)


def _load_models(figures: dict) -> None:
    with stopwatch(figures, "models_load_s"):
        extract(WARM_UP)


def _per_second(kilobytes: float, seconds: float) -> float:
    return round(kilobytes / max(seconds, 0.001), 1)


def bench_ingest() -> dict:
    """Ingest the shipped document of each kind into the current database, then undo it.

    Each kind gets its kilobytes, seconds, throughput, projects stored and the process's peak
    memory once it is read; the models' load time is measured apart, before.
    """
    figures: dict = {}
    paths = {kind: DATA / name for kind, name in KINDS.items()}
    with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
        # Storing loads more than extracting (the search index's encoder): a first document, untimed.
        warm_up = Path(folder) / "warm_up.txt"
        warm_up.write_text(WARM_UP, "utf-8")
        with stopwatch(figures, "models_load_s"):
            ingest_paths([warm_up], publish=True)
        # Already ingested here? Forget them for the run, so that the work is really done.
        Document.objects.filter(file_name__in=[p.name for p in paths.values()]).delete()
        for kind, path in paths.items():
            row: dict = {"kilobytes": round(path.stat().st_size / 1024, 1)}
            with stopwatch(row, "ingest_s"):
                (outcome,) = ingest_paths([path], publish=True)
            if not outcome.ok:
                raise RuntimeError(outcome.message)
            row["kilobytes_per_s"] = _per_second(row["kilobytes"], row["ingest_s"])
            row["projects"] = len(outcome.project_ids)
            row["peak_memory_mb"] = round(peak_memory_mb())
            figures[kind] = row
        transaction.set_rollback(True)
    rows = [figures[kind] for kind in KINDS]
    kilobytes, seconds = sum(r["kilobytes"] for r in rows), sum(r["ingest_s"] for r in rows)
    figures["total"] = {
        "kilobytes": round(kilobytes, 1),
        "ingest_s": round(seconds, 3),
        "kilobytes_per_s": _per_second(kilobytes, seconds),
        "projects": sum(r["projects"] for r in rows),
        "peak_memory_mb": round(peak_memory_mb()),
    }
    return figures


def load_records(path: Path) -> list[dict]:
    """Return the records of a records file (format v1), or refuse it in one sentence."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(
            _("%(file)s cannot be read: %(error)s.") % {"file": path.name, "error": error}
        ) from error
    records = data.get("records") if isinstance(data, dict) and data.get("version") == 1 else None
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        raise InputError(
            _('%(file)s is not a records file: {"version": 1, "records": [...]}.') % {"file": path.name}
        )
    return records


def _is_source(path: Path, source: str) -> bool:
    """Tell whether a record's SOURCE names PATH: its file name, or the end of its path."""
    parts = Path(source).parts
    return bool(parts) and path.resolve().parts[-len(parts) :] == parts


def expected_pairs(records: list[dict], found: dict[Path, list[dict]]) -> list[tuple[dict, dict | None]]:
    """Align RECORDS with the records FOUND in each document.

    A record naming its `source` is aligned within that document's drafts only, and left out
    when that document is not among those read; a record without one is aligned with the drafts
    that are left over, from any document.
    """
    pairs: list[tuple[dict, dict | None]] = []
    left: list[dict] = []
    for path, drafts in found.items():
        aligned = scoring.align(
            [r for r in records if r.get("source") and _is_source(path, r["source"])], drafts
        )
        taken = [id(draft) for _record, draft in aligned if draft is not None]
        pairs += aligned
        left += [draft for draft in drafts if id(draft) not in taken]
    return pairs + scoring.align([r for r in records if not r.get("source")], left)


def bench_extract(
    paths: list[Path] | None = None, *, step: str | None = None, records: Path | None = None
) -> dict:
    """Run the pipeline step by step on PATHS, and score STEP (every field when None) against RECORDS.

    Without PATHS, the shipped documents are read and scored against their own records. A file
    that cannot be read is listed under `refused`; its expected records count as missed.
    """
    if step is not None and step not in scoring.STEP_ROWS:
        raise InputError(
            _("“%(step)s” is no step that assigns what a record holds; choose among: %(steps)s.")
            % {"step": step, "steps": ", ".join(scoring.STEP_ROWS)}
        )
    if not paths:
        paths, records = [DATA / name for name in KINDS.values()], records or RECORDS
    expected = load_records(records) if records else None
    figures: dict = {
        "documents": len(paths),
        "kilobytes": round(sum(p.stat().st_size for p in paths) / 1024, 1),
    }
    _load_models(figures)
    seconds: dict[str, float] = {}
    found: dict[Path, list[Draft]] = {}
    refused: dict[str, str] = {}
    docs: list[tuple[Path, ExtractDoc]] = []
    start = time.perf_counter()
    for path in paths:
        try:
            result = read_file(path)
        except InputError as error:
            refused[path.name] = str(error)
            continue
        if result.drafts is not None:
            found[path] = result.drafts
        else:
            text = result.text if not result.blocks else ""
            docs.append((path, ExtractDoc(text=text, blocks=list(result.blocks or []), title=result.title)))
    seconds["read"] = round(time.perf_counter() - start, 3)
    batch = [doc for _path, doc in docs]
    for name in ORDER:
        start = time.perf_counter()
        batch = list(STEPS[name]().pipe(batch))
        seconds[name] = round(time.perf_counter() - start, 3)
    found |= {path: doc.drafts for (path, _doc), doc in zip(docs, batch, strict=True)}
    figures |= {
        "seconds": seconds | {"total": round(sum(seconds.values()), 3)},
        "projects": sum(len(drafts) for drafts in found.values()),
        "files": {path.name: len(drafts) for path, drafts in found.items()},
        "refused": refused,
        "peak_memory_mb": round(peak_memory_mb()),
    }
    if expected is not None:
        as_records = {path: [scoring.record_of(d) for d in drafts] for path, drafts in found.items()}
        # A refused document's own records are missed; those of documents not given are left out.
        missed = [r for r in expected if r.get("source") and any(_is_source(p, r["source"]) for p in paths)]
        missed = [r for r in missed if not any(_is_source(p, r["source"]) for p in found)]
        pairs = expected_pairs(expected, as_records) + [(record, None) for record in missed]
        table = scoring.score(
            pairs, figures["projects"], scoring.STEP_ROWS[step] if step else scoring.FIELD_ROWS
        )
        figures |= {
            "step": step,
            "records": len(pairs),
            "scores": table,
            "overall_f1": scoring.overall(table),
        }
    return figures


def extract_table(figures: dict) -> str:
    """Return the figures of `bench_extract` as a small table to print."""
    lines = [
        _("%(documents)s documents, %(kilobytes)s kB, %(projects)s projects; models loaded in %(load)s s")
        % {**figures, "load": figures["models_load_s"]}
    ]
    lines += [
        _("refused: %(file)s: %(reason)s") % {"file": f, "reason": r} for f, r in figures["refused"].items()
    ]
    lines.append(f"{_('step'):<16}{_('seconds'):>10}")
    lines += [f"{name:<16}{value:>10.3f}" for name, value in figures["seconds"].items()]
    if "scores" in figures:
        lines.append(_("%(records)s records expected") % figures)
        header = [_("precision"), _("recall"), "F1", _("expected"), _("found")]
        lines.append(f"{_('field'):<16}" + "".join(f"{h:>11}" for h in header))
        for row, s in figures["scores"].items():
            lines.append(
                f"{row:<16}{s['precision']:>11.3f}{s['recall']:>11.3f}{s['f1']:>11.3f}"
                f"{s['expected']:>11}{s['found']:>11}"
            )
        lines.append(_("overall F1 %(f1).3f") % {"f1": figures["overall_f1"]})
    lines.append(_("peak memory %(mb)s MB") % {"mb": figures["peak_memory_mb"]})
    return "\n".join(lines)
