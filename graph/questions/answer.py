"""What a governance question returns: rows with citations, and what was asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AGENTS = ("organisation", "body")
ENTITIES = ("organisation", "body", "person", "post", "plan")


@dataclass
class Answer:
    """Rows answering one question, with what was asked and of what."""

    command: str
    subject: dict[str, Any] | None
    rows: list[dict[str, Any]]
    as_of: str | None = None
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a tree's nesting, a count

    def to_dict(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "subject": self.subject,
            "as_of": self.as_of,
            "count": count_of(self.rows),
            "rows": self.rows,
            "notes": self.notes,
            **self.extra,
        }


def count_of(rows: list[dict[str, Any]]) -> int:
    """How many distinct things an answer lists (a member with two roles counts once)."""
    keys = ("holder_id", "below_id", "to_id", "what_id", "denotes_id", "id")
    seen = {next((str(r[k]) for k in keys if r.get(k)), repr(sorted(r.items(), key=str))) for r in rows}
    return len(seen)
