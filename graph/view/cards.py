"""Each entity's card: the rows of ``govgraph about`` (``graph.questions.profile``),
with their quotes kept once in a shared table, so that a quote cited on several cards
is carried by the page only once.
"""

from __future__ import annotations

from typing import Any

from graph.questions.governance import Governance
from graph.questions.profile import card


class Quotes:
    """A table of distinct quotes (document, line, text); rows cite them by position."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._seen: dict[tuple[str, int | None, str], int] = {}

    def add(self, doc: str, line: int | None, quote: str) -> int:
        key = (doc, line, quote)
        if key not in self._seen:
            self._seen[key] = len(self.rows)
            self.rows.append({"doc": doc, "line": line, "quote": quote})
        return self._seen[key]


def cards(index: dict[str, Any], quotes: Quotes) -> dict[str, list[dict[str, Any]]]:
    """Entity id -> the rows of its card, each citing quotes by their place in ``quotes``."""
    gov = Governance(index)
    out: dict[str, list[dict[str, Any]]] = {}
    for eid in sorted(index["entities"]):
        rows = []
        for row in card(gov, eid):
            rows.append(
                {
                    "section": row["section"],
                    "what": row["what"],
                    "id": row["what_id"],
                    "start": row.get("start"),
                    "end": row.get("end"),
                    "planned": row.get("status") == "planned",
                    "quotes": [quotes.add(c["document"], c["line"], c["quote"]) for c in row["citations"]],
                }
            )
        out[eid] = rows
    return out
