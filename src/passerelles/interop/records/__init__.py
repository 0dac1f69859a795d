"""The records format (version 1, `record.md`): one JSON document holding project records."""

from passerelles.interop.records.read import read
from passerelles.interop.records.write import exported_projects, project_record, write

__all__ = ["exported_projects", "project_record", "read", "write"]
