"""IATI activity files (version 2.03): read activities as drafts, write projects as activities."""

from passerelles.interop.iati.read import read
from passerelles.interop.iati.write import write

__all__ = ["read", "write"]
