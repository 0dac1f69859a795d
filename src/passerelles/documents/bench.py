"""Benchmark of ingestion: the shipped demonstration documents, read and stored, then rolled back."""

from pathlib import Path

from django.db import transaction

from passerelles.classification.pipeline import classify
from passerelles.documents.actions import ingest_paths
from passerelles.documents.models import Document
from passerelles.documents.pipeline.language import french
from passerelles.lib.bench import peak_memory_mb, stopwatch

DOCUMENTS = Path(__file__).resolve().parents[1] / "demo" / "data" / "documents"


def bench_ingest() -> dict:
    """Ingest the shipped documents into the current database inside a transaction that is undone."""
    files = sorted(DOCUMENTS.glob("*.txt"))
    kilobytes = sum(f.stat().st_size for f in files) / 1024
    figures: dict = {"files": len(files), "kilobytes": round(kilobytes, 1)}
    with stopwatch(figures, "models_load_s"):
        french()
        classify("Une coopérative de femmes.")
    with transaction.atomic():
        # Already ingested here? Forget them for the run, so that the work is really done.
        Document.objects.filter(file_name__in=[f.name for f in files]).delete()
        with stopwatch(figures, "ingest_s"):
            outcomes = ingest_paths(files, publish=True)
        transaction.set_rollback(True)
    figures["projects"] = sum(len(o.project_ids) for o in outcomes)
    figures["kilobytes_per_s"] = round(kilobytes / figures["ingest_s"], 1)
    figures["peak_memory_mb"] = round(peak_memory_mb())
    return figures
