"""The product's own benchmarks, run by `passerelles bench [NAME]`, each a function returning figures.

Figures are wall-clock seconds on the machine that runs them, and peak resident memory of the
process; compare them as ratios between runs on the same machine.
"""

import resource
import time
from collections.abc import Callable
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

VMSTAT = Path("/proc/vmstat")

BENCHMARKS = {
    "ingest": "passerelles.documents.bench.bench_ingest",
    "classify": "passerelles.classification.bench.bench_classify",
    "search": "passerelles.search.bench.bench_search",
    "extract": "passerelles.documents.bench.bench_extract",
}


def peak_memory_mb() -> float:
    """Return the peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_worker_memory_mb() -> float:
    """Return the peak resident memory of the largest worker process ended so far, in MB.

    The encoder's worker processes (search.embeddings.parallel) hold their own model and rows.
    """
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def disk_read_mb() -> float | None:
    """Return what the whole machine has read from storage since it started, in MB; None off Linux.

    Latency figures hold only for data held in memory: a phase that had to read the disk (the
    kernel reclaims pages left unread for a while) shows it in this figure.
    """
    try:
        lines = VMSTAT.read_text().splitlines()
    except OSError:
        return None
    kilobytes = next((int(line.split()[1]) for line in lines if line.startswith("pgpgin ")), None)
    return None if kilobytes is None else kilobytes / 1024


@contextmanager
def stopwatch(figures: dict, name: str):
    """Add to FIGURES the seconds the block took, under NAME."""
    start = time.perf_counter()
    yield
    figures[name] = round(time.perf_counter() - start, 3)


def benchmark(name: str) -> Callable[[], dict]:
    """Return the benchmark function registered as NAME."""
    module, _, function = BENCHMARKS[name].rpartition(".")
    return getattr(import_module(module), function)
