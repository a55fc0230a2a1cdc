"""What held when: lifetimes of entities and as-of snapshots of the facts.

The documents rarely date a fact, so the rules are explicit and conservative:

* a fact with ``start``/``end`` holds over that interval (reduced-precision dates are
  read as the first day of a start period and the last day of an end period);
* an undated fact holds for as long as every entity it mentions exists, and an undated
  holding of a post or seat whose holder is recorded as succeeded by someone ends the
  day before a document first states the successor there;
* an entity exists from its ``start`` (or the date of the in-force change event that
  created it) until its ``end`` (or the day before an in-force change that merged,
  replaced, dissolved or renamed it);
* a ``planned`` fact or change is not in force on any date: it is listed as planned,
  and counts only from its own start date, if it has one.

Works on the plain dicts of ``build/index.json`` so it needs nothing heavy.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graph.dates import first_day, last_day

# Changes after which the "before" entities no longer exist, and those that bring the
# "after" entities into being (an acquirer or a receiver of a transfer already existed).
ENDING_CHANGES = ("merged", "acquired", "replaced", "dissolved", "renamed")
CREATING_CHANGES = ("created", "merged", "replaced", "renamed")
SUCCESSIONS = ("succeeded-by",)
REFERENCE_KEYS = ("member", "body", "represents", "person", "post", "subject", "object", "organisation", "parent")

Span = tuple[date | None, date | None]


def lifetimes(index: dict[str, Any]) -> dict[str, Span]:
    """Each entity's (first day, last day); None where the documents do not say."""
    spans: dict[str, list[date | None]] = {}
    for eid, entity in index["entities"].items():
        spans[eid] = [
            first_day(entity["start"]) if entity.get("start") else None,
            last_day(entity["end"]) if entity.get("end") else None,
        ]
    for change in index["statements"]:
        if change["type"] != "change" or not change.get("date") or change.get("status") == "planned":
            continue
        when = first_day(change["date"])
        for eid in change.get("after", []) if change["kind"] in CREATING_CHANGES else ():
            if eid in spans and spans[eid][0] is None and eid not in change.get("before", []):
                spans[eid][0] = when
        if change["kind"] in ENDING_CHANGES:
            for eid in change.get("before", []):
                if eid in spans and spans[eid][1] is None and eid not in change.get("after", []):
                    spans[eid][1] = when - timedelta(days=1)
    return _within_parents(index, {eid: (s[0], s[1]) for eid, s in spans.items()})


def _within_parents(index: dict[str, Any], spans: dict[str, Span]) -> dict[str, Span]:
    """A post lives no longer than its organisation, a body no longer than its parent."""
    parent = {
        eid: e.get("organisation") or e.get("parent")
        for eid, e in index["entities"].items()
        if (e.get("organisation") or e.get("parent")) in spans
    }
    done: dict[str, Span] = {}

    def span(eid: str, seen: tuple[str, ...] = ()) -> Span:
        if eid in done:
            return done[eid]
        own = spans[eid]
        up = parent.get(eid)
        if up and up not in seen:
            outer = span(up, (*seen, eid))
            own = (_later(own[0], outer[0]), _earlier(own[1], outer[1]))
        done[eid] = own
        return own

    return {eid: span(eid) for eid in spans}


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def within(day: date, span: Span | None) -> bool:
    """Whether ``day`` falls in ``span`` (None: in no span at all)."""
    if span is None:
        return False
    start, end = span
    return (start is None or start <= day) and (end is None or day <= end)


def fact_span(fact: dict[str, Any]) -> Span:
    """The interval a statement's own dates give (change events: their date onwards)."""
    if fact["type"] == "change":
        return (first_day(fact["date"]) if fact.get("date") else None, None)
    if fact.get("end"):
        end: date | None = last_day(fact["end"])
    elif fact.get("superseded_on"):  # a successor is stated in the place by then (``build.index``)
        end = date.fromisoformat(fact["superseded_on"]) - timedelta(days=1)
    else:
        end = None
    return (first_day(fact["start"]) if fact.get("start") else None, end)


def mentions(fact: dict[str, Any]) -> list[str]:
    """The entity ids a fact refers to."""
    out = [fact[k] for k in REFERENCE_KEYS if isinstance(fact.get(k), str)]
    if fact["type"] == "change":
        out += [*fact.get("before", []), *fact.get("after", []), *fact.get("moves", [])]
    return out


def statement_span(fact: dict[str, Any], spans: dict[str, Span]) -> Span | None:
    """The interval over which a statement is in force under the rules above (its own
    dates, within the lifetime of every entity it mentions); None if on no day."""
    start, end = fact_span(fact)
    if fact.get("status") == "planned" and start is None:
        return None
    if fact["type"] == "change" or fact.get("kind") in SUCCESSIONS:
        return start, end  # a succession joins an entity that ended to one that began
    for eid in mentions(fact):
        first, last = spans.get(eid, (None, None))
        start, end = _later(start, first), _earlier(end, last)
    return start, end


def holds_on(fact: dict[str, Any], day: date, spans: dict[str, Span]) -> bool:
    """Whether a statement is in force on ``day`` under the rules above."""
    return within(day, statement_span(fact, spans))


def snapshot(index: dict[str, Any], day: date) -> dict[str, Any]:
    """The index as it stood on ``day``: existing entities and facts in force."""
    spans = lifetimes(index)
    return {
        **index,
        "as_of": day.isoformat(),
        "entities": {eid: e for eid, e in index["entities"].items() if within(day, spans[eid])},
        "statements": [s for s in index["statements"] if holds_on(s, day, spans)],
    }
