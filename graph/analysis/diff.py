"""What changed: entities and facts in force on one date and not another, and the
lines of accountability on each side of a change event."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.analysis.timeline import snapshot
from graph.model.schema import DOWNWARD, UPWARD

# What "who was accountable to whom" asks about: lines of accountability, partnership
# and succession, and who chairs.
LINES = (*UPWARD, *DOWNWARD, "safeguarding-partner-of", "succeeded-by")
CHAIRS = ("chair", "co-chair", "vice-chair")


def diff_snapshots(index: dict[str, Any], first: date, second: date) -> list[dict[str, Any]]:
    """Records ``{change: added|removed, record}`` in force on one date and not the other:
    entities first, then facts (claims are not facts that start or end)."""
    a, b = snapshot(index, first), snapshot(index, second)
    rows: list[dict[str, Any]] = []
    for change, left, right in (("removed", a, b), ("added", b, a)):
        for eid in sorted(set(left["entities"]) - set(right["entities"])):
            rows.append({"change": change, "record": index["entities"][eid]})
        right_ids = {s["id"] for s in right["statements"]}
        rows += [
            {"change": change, "record": s}
            for s in left["statements"]
            if s["id"] not in right_ids and s["type"] != "claim"
        ]
    return rows


def around_change(index: dict[str, Any], change: dict[str, Any]) -> list[dict[str, Any]]:
    """Who was accountable to whom, and who chaired, before and after a change event.

    "Before" lists the accountability lines and chairs of the entities the change ends
    or moves from; "after" those of the entities it creates or moves to, planned ones
    included (a planned change has no in-force "after" yet). Rows: ``{side, record}``.
    """
    rows: list[dict[str, Any]] = []
    for side in ("before", "after"):
        ids = set(change.get(side, []))
        rows += [{"side": side, "record": s} for s in index["statements"] if _accountability(s) and ids & set(_ends(s))]
    return rows


def _accountability(s: dict[str, Any]) -> bool:
    if s["type"] == "relation":
        return s["kind"] in LINES
    return s["type"] == "membership" and s["role"] in CHAIRS


def _ends(s: dict[str, Any]) -> list[str]:
    return [s[k] for k in ("subject", "object", "member", "body") if s.get(k)]
