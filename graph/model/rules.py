"""Checks beyond the schema: references, dates, reporting cycles, chairs.

Each check returns findings; none raises, and none changes the facts. Findings listed in ``exceptions.yaml``
(rule + subject, with a reason) are accepted and dropped.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from graph.dates import first_day, last_day
from graph.errors import Finding
from graph.model.load import Facts, Record
from graph.model.schema import CHAIR_ROLES, FIELDS, NATIONAL

ACCOUNTABILITY = ("reports-to", "accountable-to")
# Co-chairs and vice-chairs sit beside a chair; two people in "chair" itself is odd.
SOLE_CHAIR = "chair"


def check_references(facts: Facts) -> Iterator[Finding]:
    """Every id a record refers to exists and is of a kind that field allows."""
    known = sorted(facts.entities)
    for record in facts.records():
        for name, spec in FIELDS[record.section].items():
            if spec.type not in ("ref", "refs") or name not in record.data:
                continue
            values = record.data[name] if spec.type == "refs" else [record.data[name]]
            for target in values:
                entity = facts.entities.get(target)
                if entity is None:
                    close = difflib.get_close_matches(target, known, n=3, cutoff=0.6)
                    hint = f"; did you mean {', '.join(close)}?" if close else ""
                    yield Finding("unknown-reference", f"'{name}' refers to unknown id '{target}'{hint}", record.place)
                elif entity.type not in spec.refs:
                    yield Finding(
                        "wrong-reference",
                        f"'{name}' must refer to a {' or '.join(spec.refs)}, but '{target}' is a {entity.type}",
                        record.place,
                    )


def check_dates(facts: Facts) -> Iterator[Finding]:
    """An end date is not before its start date."""
    for record in facts.records():
        start, end = record.data.get("start"), record.data.get("end")
        if start and end and last_day(end) < first_day(start):
            yield Finding("end-before-start", f"end {end} is before start {start}", record.place)


def check_cycles(facts: Facts) -> Iterator[Finding]:
    """No body reports to itself, directly or round a loop of reporting lines."""
    edges: dict[str, set[str]] = defaultdict(set)
    place: dict[tuple[str, str], Record] = {}
    for record in facts.statements:
        if record.section == "relations" and record.data["kind"] in ACCOUNTABILITY:
            s, o = record.data["subject"], record.data["object"]
            if s == o:
                yield Finding("self-report", f"'{s}' {record.data['kind']} itself", record.place)
                continue
            edges[s].add(o)
            place.setdefault((s, o), record)
    for cycle in _cycles(edges):
        first = place[(cycle[0], cycle[1])]
        yield Finding("reporting-cycle", "reporting cycle: " + " -> ".join([*cycle]), first.place)


def _cycles(edges: dict[str, set[str]]) -> Iterator[list[str]]:
    """Each elementary cycle once, found by depth-first search from sorted roots."""
    seen: set[frozenset[str]] = set()
    for root in sorted(edges):
        stack = [(root, [root])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == root:
                    key = frozenset(path)
                    if key not in seen:
                        seen.add(key)
                        yield [*path, root]
                elif nxt not in path and nxt > root:
                    stack.append((nxt, [*path, nxt]))


def check_chairs(facts: Facts, doc_dates: dict[str, str]) -> Iterator[Finding]:
    """Two different chairs of one body in overlapping periods is worth a look."""
    holders = {(r.data["person"], r.data["post"]) for r in facts.statements if r.section == "appointments"}
    by_body: dict[str, list[Record]] = defaultdict(list)
    for record in facts.statements:
        if record.section == "memberships" and record.data["role"] == SOLE_CHAIR:
            by_body[record.data["body"]].append(record)
    for body, records in sorted(by_body.items()):
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                ma, mb = a.data["member"], b.data["member"]
                if ma == mb or (ma, mb) in holders or (mb, ma) in holders:
                    continue
                if _overlap(_span(a, doc_dates), _span(b, doc_dates)):
                    yield Finding(
                        "overlapping-chairs",
                        f"'{body}' has two chairs at once: '{ma}' and '{mb}' (first at {a.place})",
                        b.place,
                        severity="warning",
                    )


def _span(record: Record, doc_dates: dict[str, str]) -> tuple[str, str]:
    """A record's validity; undated facts hold on the dates of the documents stating them."""
    stated = sorted(doc_dates.get(e.source, "0001") for e in record.evidence)
    start = record.data.get("start") or stated[0]
    end = record.data.get("end") or stated[-1]
    return start, end


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return first_day(a[0]) <= last_day(b[1]) and first_day(b[0]) <= last_day(a[1])


def without_exceptions(findings: Iterable[Finding], facts: Facts) -> tuple[list[Finding], int]:
    """Drop findings the curators accepted in exceptions.yaml; count what was dropped."""
    accepted = {(e.rule, e.subject) for e in facts.exceptions}
    kept, dropped = [], 0
    for finding in findings:
        subjects = {w.strip("'") for w in finding.message.replace(":", " ").split() if w.startswith("'")}
        if any((finding.rule, s) in accepted for s in subjects):
            dropped += 1
        else:
            kept.append(finding)
    return kept, dropped


def check_areas(facts: Facts) -> Iterator[Finding]:
    """A fact never joins local entities of two different areas (national ones are shared)."""
    for record in facts.statements:
        areas = set()
        for name, spec in FIELDS[record.section].items():
            if spec.type not in ("ref", "refs") or name not in record.data:
                continue
            for target in record.data[name] if spec.type == "refs" else [record.data[name]]:
                entity = facts.entities.get(target)
                area = entity.data.get("area") if entity is not None else None
                if area and area != NATIONAL:
                    areas.add(area)
        if len(areas) > 1:
            yield Finding(
                "cross-area",
                f"a {record.type} joins entities of {' and '.join(sorted(areas))}: links never cross areas",
                record.place,
            )


def check_chairs_across_areas(facts: Facts, doc_areas: dict[str, str]) -> Iterator[Finding]:
    """A person chairing bodies of two areas, or a chair stated only by another area's
    document, is most likely a name linked to the wrong council: worth a look."""
    chairs: dict[str, set[str]] = defaultdict(set)
    for record in facts.statements:
        if record.section != "memberships" or record.data["role"] not in CHAIR_ROLES:
            continue
        body = facts.entities.get(record.data["body"])
        member = facts.entities.get(record.data["member"])
        area = body.data.get("area") if body is not None else None
        if not area or area == NATIONAL:
            continue
        stated = {doc_areas.get(e.source) for e in record.evidence} - {None}
        if stated and area not in stated:
            yield Finding(
                "chair-from-another-area",
                f"'{record.data['body']}' ({area}) gets a {record.data['role']} from a document of"
                f" {' and '.join(sorted(str(s) for s in stated))}",
                record.place,
                severity="warning",
            )
        if member is not None and member.type == "person":
            chairs[member.id].add(area)
    for person, areas in sorted(chairs.items()):
        if len(areas) > 1:
            yield Finding(
                "chairs-in-two-areas",
                f"'{person}' chairs bodies in {' and '.join(sorted(areas))}",
                facts.entities[person].place,
                severity="warning",
            )


def run_rules(facts: Facts, doc_dates: dict[str, str], doc_areas: dict[str, str]) -> tuple[list[Finding], int]:
    """All rules in a stable order; returns (findings, number accepted as exceptions).

    ``doc_dates`` gives each document's date, for facts the documents do not date, and
    ``doc_areas`` its area.
    """
    findings = [
        *check_references(facts),
        *check_areas(facts),
        *check_chairs_across_areas(facts, doc_areas),
        *check_dates(facts),
        *check_cycles(facts),
        *check_chairs(facts, doc_dates),
    ]
    return without_exceptions(findings, facts)
