"""What changed between two dates: entities and facts in force on one and not the other."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from graph.analysis.timeline import snapshot

if TYPE_CHECKING:
    from graph.questions.answers import Governance


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


def around_change(gov: Governance, change: dict[str, Any]) -> list[dict[str, Any]]:
    """Who was accountable to whom, and who chaired, before and after a change event.

    "Before" lists the accountability lines and chairs of the entities the change ends
    or moves from; "after" those of the entities it creates or moves to, planned ones
    included (a planned change has no in-force "after" yet).
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for side in ("before", "after"):
        ids = set(change.get(side, []))
        for s in gov.full["statements"]:
            if not _accountability(s) or not ids & set(_ends(s)):
                continue
            if (side, s["id"]) in seen:
                continue
            seen.add((side, s["id"]))
            rows.append({"side": side, "type": s["type"], "what": gov.describe_fact(s),
                         "status": s.get("status", "in-force"), "id": s["id"], "citations": gov.cite(s)})
    rows.sort(key=lambda r: (r["side"] != "before", r["type"] != "relation", r["what"]))
    return rows


LINES = ("reports-to", "accountable-to", "presents-to", "part-of", "oversees", "scrutinises",
         "holds-to-account", "safeguarding-partner-of", "succeeded-by")


def _accountability(s: dict[str, Any]) -> bool:
    """Lines of accountability, and who chairs: what "accountable to whom" asks about."""
    if s["type"] == "relation":
        return s["kind"] in LINES
    return s["type"] == "membership" and s["role"] in ("chair", "co-chair", "vice-chair")


def _ends(s: dict[str, Any]) -> list[str]:
    return [s[k] for k in ("subject", "object", "member", "body") if s.get(k)]
