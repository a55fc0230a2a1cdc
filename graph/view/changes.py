"""Before and after a change event: the lines of accountability on the day before it
and on the day it takes effect, each marked kept, removed or added.

A change the documents date and record as in force is read from the timeline as it
stands. A planned change, or one the documents do not date, has no such day, so it is
applied as if in force (``graph.analysis.timeline``'s rules then end and start its
entities): from its own date if it has one, else from the day after the latest
document, so that "before" is the structure as the documents describe it and "after"
the same with the change made.

What is drawn: the entities the change ends, starts or moves; everything joined to
them by a line of accountability, partnership or succession (``diff.LINES``) on either
day, or chairing them; and the structure above all of these, up to its top.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graph.analysis.diff import CHAIRS, LINES
from graph.analysis.timeline import Span, lifetimes, statement_span, within
from graph.dates import first_day, last_day
from graph.model.schema import STRUCTURE, UPWARD

# The structure above what a change touches is followed this many lines up: enough for
# the top of every structure in the corpus, and a bound on a chart of a deep one.
MAX_UP = 8


def drawn(s: dict[str, Any]) -> bool:
    """Whether a statement is one a chart of a change may draw."""
    return _ends(s) is not None


def _ends(s: dict[str, Any]) -> tuple[str, str] | None:
    if s["type"] == "relation" and s["kind"] in LINES:
        return s["subject"], s["object"]
    if s["type"] == "membership" and s["role"] in CHAIRS:
        return s["member"], s["body"]
    return None


def _upper(s: dict[str, Any]) -> tuple[str, str] | None:
    """(lower, upper) of a line that places one entity under another, else None."""
    if s["type"] != "relation" or s["kind"] not in STRUCTURE:
        return None
    return (s["subject"], s["object"]) if s["kind"] in UPWARD else (s["object"], s["subject"])


def effective_day(index: dict[str, Any], change: dict[str, Any]) -> tuple[date, str]:
    """The day a change takes effect, and how that day was found: "dated" (in force on
    its own date), "planned" (planned, from its own date) or "undated" (no date: from
    the day after the latest document)."""
    if change.get("date"):
        basis = "planned" if change.get("status") == "planned" else "dated"
        return first_day(change["date"]), basis
    latest = max((last_day(d["date"]) for d in index["documents"].values()), default=date.today())
    return latest + timedelta(days=1), "undated"


def _applied(index: dict[str, Any], change: dict[str, Any], day: date) -> dict[str, Any]:
    """The index with ``change`` in force from ``day`` (only that record differs)."""
    made = {**change, "status": "in-force", "date": day.isoformat()}
    return {**index, "statements": [made if s is change else s for s in index["statements"]]}


def before_after(
    index: dict[str, Any],
    change: dict[str, Any],
    spans: dict[str, Span],
    line_spans: dict[str, Span | None],
) -> dict[str, Any]:
    """The two days around ``change`` and what is drawn: ``nodes`` (entity id -> kept,
    ended or started) and ``lines`` (statement id -> kept, removed or added).

    ``spans`` are the index's lifetimes and ``line_spans`` the intervals of the
    statements ``drawn`` accepts (``timeline.statement_span``), computed once for all
    changes; a change applied as if in force gets its own.
    """
    day, basis = effective_day(index, change)
    statements = {s["id"]: s for s in index["statements"] if s["id"] in line_spans}
    if basis != "dated":
        spans = lifetimes(_applied(index, change, day))
        line_spans = {sid: statement_span(s, spans) for sid, s in statements.items()}
    days = (day - timedelta(days=1), day)
    held = [{sid for sid, span in line_spans.items() if within(d, span)} for d in days]
    exists = [{eid for eid, span in spans.items() if within(d, span)} for d in days]
    lines = {sid: statements[sid] for sid in held[0] | held[1]}

    core = {*change.get("before", []), *change.get("after", []), *change.get("moves", [])} & set(spans)
    scope = set(core)
    for s in lines.values():
        ends = _ends(s)
        if ends and core & set(ends) and (s["type"] == "relation" or ends[1] in core):
            scope.update(ends)
    uppers: dict[str, set[str]] = {}
    for s in lines.values():
        pair = _upper(s)
        if pair:
            uppers.setdefault(pair[0], set()).add(pair[1])
    frontier = set(scope)
    for _ in range(MAX_UP):
        frontier = {u for n in frontier for u in uppers.get(n, ())} - scope
        scope |= frontier

    nodes = {
        eid: "kept" if eid in exists[0] and eid in exists[1] else "ended" if eid in exists[0] else "started"
        for eid in sorted(scope)
        if eid in exists[0] or eid in exists[1]
    }
    shown = {}
    for sid in sorted(lines):
        s = lines[sid]
        ends = _ends(s)
        if not ends or not (ends[0] in nodes and ends[1] in nodes):
            continue
        if s["type"] == "membership" and s["body"] not in core:
            continue  # chairs are drawn for what the change touches, not for the whole chart
        shown[sid] = "kept" if sid in held[0] and sid in held[1] else "removed" if sid in held[0] else "added"
    return {
        "id": change["id"],
        "day_before": days[0].isoformat(),
        "day_after": day.isoformat(),
        "basis": basis,
        "nodes": nodes,
        "lines": shown,
    }
