from pathlib import Path

# Real files published by others (see data/real/SOURCES.md), kept in the repository so that the
# readers' tests of every app run on any clone.
REAL = Path(__file__).resolve().parent / "data" / "real"
