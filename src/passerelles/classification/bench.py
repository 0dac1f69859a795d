"""Benchmark of the classifier: every paragraph of the shipped documents, classified in one process."""

import re
from pathlib import Path

from passerelles.classification.pipeline import classify_many
from passerelles.lib.bench import peak_memory_mb, stopwatch

DOCUMENTS = Path(__file__).resolve().parents[1] / "demo" / "data" / "documents"


def bench_classify() -> dict:
    """Classify each paragraph of the shipped documents; report texts per second and memory."""
    texts = [
        paragraph.strip()
        for path in sorted(DOCUMENTS.glob("*.txt"))
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if len(paragraph.strip()) > 40
    ]
    figures: dict = {"texts": len(texts)}
    with stopwatch(figures, "classify_s"):
        classify_many(texts)
    figures["texts_per_s"] = round(len(texts) / figures["classify_s"])
    figures["peak_memory_mb"] = round(peak_memory_mb())
    return figures
