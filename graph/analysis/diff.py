"""What changed between two dates: entities and facts in force on one and not the other."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from graph.analysis.timeline import snapshot

if TYPE_CHECKING:
    from graph.answer import Governance


def diff_snapshots(gov: Governance, first: date, second: date) -> list[dict[str, Any]]:
    """Rows ``{change: added|removed, type, what, citations}``, entities first."""
    a, b = snapshot(gov.full, first), snapshot(gov.full, second)
    rows: list[dict[str, Any]] = []
    for change, left, right in (("removed", a, b), ("added", b, a)):
        for eid in sorted(set(left["entities"]) - set(right["entities"])):
            e = gov.full["entities"][eid]
            rows.append({"change": change, "type": e["type"], "what": gov.name(eid), "id": eid,
                         "citations": gov.cite(e)})
        right_ids = {s["id"] for s in right["statements"]}
        for s in left["statements"]:
            if s["id"] not in right_ids and s["type"] != "claim":
                rows.append({"change": change, "type": s["type"], "what": gov.describe_fact(s), "id": s["id"],
                             "citations": gov.cite(s)})
    order = {"organisation": 0, "body": 1, "person": 2, "post": 3, "change": 4}
    rows.sort(key=lambda r: (r["change"] != "removed", order.get(r["type"], 5), r["what"]))
    return rows
