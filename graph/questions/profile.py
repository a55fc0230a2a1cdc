"""One entity on one card, and what an acronym stands for.

``about`` gathers everything the documents say about an entity, each row with its
quote, with every line worded from the entity's side ("owns" / "owned by"), so that
"who owns X?", "who hosts X?" and "tell me about X" are answered by reading one card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.analysis.conflicts import conflicts
from graph.errors import NotFound
from graph.model.schema import LINE_KINDS
from graph.names import acronym_key
from graph.questions.answer import ENTITIES, Answer

if TYPE_CHECKING:
    from graph.questions.governance import Governance

IDENTITY_QUOTES = 3  # an entity can have dozens of quotes; its identity rows cite a few


def about(gov: Governance, name: str, line: str | None = None) -> Answer:
    """Everything about an entity: what it is, its names, chairs, members or roles,
    every line in both directions, the changes it takes part in and the claims about
    it. With ``line`` (a line kind such as "owns"), only the lines of that kind."""
    subject = gov.entity(name, ENTITIES)
    rows = card(gov, subject["id"])
    if line is not None:
        label, wanted = _line_sections(line)
        rows = [r for r in rows if r["section"] in wanted]
        missing = f"the documents record no '{label}' line of {subject['name']}"
    else:
        missing = f"the documents say nothing about {subject['name']}"
    return gov.found(Answer("about", subject, rows), missing)


# A line worded from the other end ("owned-by"), for the lines coming in only.
INCOMING = {line.incoming: line.inverse for line in LINE_KINDS.values()}


def _line_sections(line: str) -> tuple[str, set[str]]:
    """How to name a ``--line`` and the card sections it asks for: a kind ("owns") both
    ways, or a kind worded from the other end ("owned-by") for the lines coming in only."""
    if line in LINE_KINDS:
        return LINE_KINDS[line].reads, {LINE_KINDS[line].reads, LINE_KINDS[line].inverse}
    if line.replace(" ", "-") in INCOMING:
        inverse = INCOMING[line.replace(" ", "-")]
        return inverse, {inverse}
    raise NotFound(f"unknown line kind '{line}'", candidates=[*LINE_KINDS, *INCOMING])


def card(gov: Governance, eid: str) -> list[dict[str, Any]]:
    """The rows of an entity's card, for an id already resolved: ``about`` without the
    name lookup (the HTML view shows one card per entity)."""
    return [*_identity(gov, eid), *_people(gov, eid), *_lines(gov, eid), *_changes(gov, eid), *_claims(gov, eid)]


def _row(
    gov: Governance,
    section: str,
    what: str,
    fact: dict[str, Any],
    what_id: str | None = None,
    quotes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    cited = gov.cite(fact)
    row: dict[str, Any] = {"section": section, "what": what, "what_id": what_id}
    if fact.get("type") not in ENTITIES:
        row.update(gov.dates(fact))
    row["citations"] = quotes if quotes else cited[:IDENTITY_QUOTES] if fact.get("type") in ENTITIES else cited
    return row


def _quoting(gov: Governance, fact: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The citations of ``fact`` whose quote contains ``text`` (any case)."""
    return [c for c in gov.cite(fact) if text.lower() in c["quote"].lower()]


def _identity(gov: Governance, eid: str) -> list[dict[str, Any]]:
    e = gov.full["entities"][eid]
    rows = [_row(gov, "is", e["type"] + (f" ({e['kind']})" if e.get("kind") else ""), e)]
    for acronym in e.get("acronyms", []):
        rows.append(_row(gov, "acronym", acronym, e, quotes=_quoting(gov, e, acronym)))
    for alias in e.get("aliases", []):
        rows.append(_row(gov, "also called", alias, e, quotes=_quoting(gov, e, alias)))
    if e["type"] == "post" and e.get("organisation"):
        rows.append(_row(gov, "post in", gov.name(e["organisation"]), e, e["organisation"]))
    return rows


def _people(gov: Governance, eid: str) -> list[dict[str, Any]]:
    """Who chairs it and who sits on it (a body); what they hold (a person or a post)."""
    rows = []
    for a in gov.mentioning(eid):
        if a["type"] == "appointment" and eid in (a["person"], a["post"]):
            held = a["post"] if a["person"] == eid else a["person"]
            section = "holds post" if a["person"] == eid else "held by"
            rows.append(_row(gov, section, gov.name(held), a, held))
        elif a["type"] == "membership" and eid in (a["member"], a["body"]):
            other = a["body"] if a["member"] == eid else a["member"]
            section = a["role"].replace("-", " ") + (" of" if a["member"] == eid else "")
            extra = f" (representing {gov.name(a['represents'])})" if a.get("represents") else ""
            rows.append(_row(gov, section, gov.name(other) + extra, a, other))
    for post_id, post in gov.full["entities"].items():
        if post["type"] == "post" and post.get("organisation") == eid:
            holders = [x for x in gov.statements if x["type"] == "appointment" and x["post"] == post_id]
            for a in holders:
                rows.append(_row(gov, "post", f"{post['name']}: {gov.name(a['person'])}", a, a["person"]))
            if not holders:
                rows.append(_row(gov, "post", post["name"], post, post_id))
    return rows


def _lines(gov: Governance, eid: str) -> list[dict[str, Any]]:
    """Every line to or from it, worded from its side; for a post, also the lines of
    the people who hold it (the documents often say "Simon Cross reports to ..." of
    the business manager)."""
    holders = {a["person"] for a in gov.mentioning(eid) if a["type"] == "appointment" and a["post"] == eid}
    rows = []
    for who in (eid, *sorted(holders)):
        via = "" if who == eid else f" (via {gov.name(who)})"
        for r in gov.mentioning(who):
            if r["type"] != "relation":
                continue
            if r["subject"] == who:
                rows.append(_row(gov, LINE_KINDS[r["kind"]].reads, gov.name(r["object"]) + via, r, r["object"]))
            elif r["object"] == who:
                rows.append(_row(gov, LINE_KINDS[r["kind"]].inverse, gov.name(r["subject"]) + via, r, r["subject"]))
            else:
                continue
            posts = _posts_of(gov, rows[-1]["what_id"])
            if posts:  # "line-managed by Debbie Currie": and what she is
                rows[-1]["post"] = posts
    order = {k: i for i, k in enumerate(line.reads for line in LINE_KINDS.values())}
    return sorted(rows, key=lambda r: (order.get(r["section"], len(order)), r["section"], r["what"]))


def _posts_of(gov: Governance, eid: str | None) -> str:
    """The posts a person at the far end of a line holds, for who they are."""
    if not eid or gov.entities.get(eid, {}).get("type") != "person":
        return ""
    return "; ".join(sorted({gov.name(a["post"]) for a in gov.mentioning(eid) if a["type"] == "appointment"}))


def _changes(gov: Governance, eid: str) -> list[dict[str, Any]]:
    rows = []
    for c in gov.mentioning(eid, full=True):
        if c["type"] == "change" and eid in (*c.get("before", []), *c.get("after", []), *c.get("moves", [])):
            when = f"{c['date']}: " if c.get("date") else ""
            status = " (planned)" if c.get("status") == "planned" else ""
            rows.append(_row(gov, "change", f"{when}{c['label']}{status}", c, c["id"]))
    return rows


def _claims(gov: Governance, eid: str) -> list[dict[str, Any]]:
    claims = [c for c in gov.mentioning(eid, full=True) if c["type"] == "claim" and c["subject"] == eid]
    disputed = {prop for _, prop, _ in conflicts({"statements": claims})}
    return [
        _row(
            gov,
            "disputed: " + c["property"] if c["property"] in disputed else c["property"].replace("-", " "),
            c["value"],
            c,
        )
        for c in claims
    ]


def define(gov: Governance, acronym: str) -> Answer:
    """Every expansion of an acronym the documents give, each with its own quote."""
    key = acronym_key(acronym)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(found: str, expansion: str, denotes: str | None, quotes: list[dict[str, Any]]) -> None:
        norm = acronym_key(expansion)
        if norm in seen or not quotes:
            return
        seen.add(norm)
        rows.append(
            {
                "acronym": found,
                "expansion": expansion,
                "denotes": gov.name(denotes) if denotes else "",
                "denotes_id": denotes,
                "citations": quotes,
            }
        )

    for t in gov.full["statements"]:
        if t["type"] == "term" and acronym_key(t["acronym"]) == key:
            add(t["acronym"], t["expansion"], t.get("denotes"), gov.cite(t))
    for eid, e in sorted(gov.full["entities"].items()):
        for found in e.get("acronyms", []):
            if acronym_key(found) != key:
                continue
            for expansion in [e["name"], *e.get("aliases", [])]:
                quotes = [c for c in _quoting(gov, e, found) if expansion.lower() in c["quote"].lower()]
                add(found, expansion, eid, quotes or (_quoting(gov, e, found) if expansion == e["name"] else []))
    return gov.found(
        Answer("define", {"id": key, "type": "acronym", "kind": None, "name": acronym}, rows),
        f"the documents do not expand '{acronym}'",
    )
