"""The outcome of evaluating (and maybe applying) a spreadsheet, shared by every import."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class RowOutcome:
    row_number: int
    status: str = "error"  # new / update / unchanged / error
    name: str = ""
    id_number: str = ""
    fields: dict = field(default_factory=dict)
    diff: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)
    obj: Any = None  # the existing record an update applies to


@dataclass
class ImportResult:
    rows: list[RowOutcome]
    applied: bool = False
    created: int = 0
    updated: int = 0

    @property
    def counts(self) -> dict[str, int]:
        counts = {"total": len(self.rows), "new": 0, "update": 0, "unchanged": 0, "error": 0}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.status == "error" for row in self.rows)


def show(value) -> str:
    """A value as the preview's diff shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
