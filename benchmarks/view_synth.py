"""A synthetic ``index.json`` of any size, to measure and test the view at scale.

The real corpus has a few hundred entities; a larger council or a region has
thousands. This makes an index of the same shape (every record typed, dated where a
real one might be, each with one evidence quote) without going through YAML and a
build, so a 2,000-node page can be made in well under a second.
"""

from __future__ import annotations

import random
from typing import Any

from graph.build.index import VERSION

_SHARES = (("organisation", 0.15), ("body", 0.35), ("person", 0.35), ("post", 0.15))
_BODY_KINDS = ("board", "sub-group", "panel", "forum", "partnership", "service", "team")
_ORG_KINDS = ("council", "nhs-trust", "nhs-commissioner", "police", "charity", "company")
_RELATIONS = ("reports-to", "accountable-to", "hosts", "funds", "owns", "supports")
_ROLES = ("chair", "member", "member", "member", "vice-chair", "representative")


def _record(rid: str, rtype: str, doc: str, stated: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "type": rtype,
        **fields,
        "stated_on": stated,
        "stated_until": stated,
        "evidence": [
            {
                "source": doc,
                "quote": f"Synthetic quote supporting {rid}.",
                "line": 1,
                "pack_line": None,
                "offset": 0,
            }
        ],
    }


def synthetic_index(nodes: int = 2000, seed: int = 1) -> dict[str, Any]:
    """An index with ``nodes`` entities and about 1.6 lines per entity."""
    rng = random.Random(seed)
    docs = {
        f"doc-{i}": {
            "title": f"Synthetic document {i}",
            "date": f"2018-{i % 12 + 1:02d}-01",
            "author": "Synth",
            "kind": "report",
        }
        for i in range(max(2, nodes // 100))
    }
    doc_ids = list(docs)

    def doc() -> str:
        return rng.choice(doc_ids)

    by_type: dict[str, list[str]] = {t: [] for t, _ in _SHARES}
    entities: dict[str, dict[str, Any]] = {}
    for i in range(nodes):
        etype = rng.choices([t for t, _ in _SHARES], [w for _, w in _SHARES])[0]
        eid = f"{etype}-{i}"
        fields: dict[str, Any] = {"name": f"Synthetic {etype} {i}"}
        if etype == "organisation":
            fields["kind"] = rng.choice(_ORG_KINDS)
        elif etype == "body":
            fields["kind"] = rng.choice(_BODY_KINDS)
            fields["acronyms"] = [f"SB{i}"]
        elif etype == "post":
            fields["organisation"] = rng.choice(by_type["organisation"] or [f"organisation-{i}"])
        if etype in ("organisation", "body") and rng.random() < 0.05:
            fields["start"] = f"{rng.choice((2017, 2018, 2019))}-04-01"
        by_type[etype].append(eid)
        entities[eid] = _record(eid, etype, doc(), "2018-10-01", **fields)
    for post in by_type["post"]:  # a post made before any organisation: give it one
        if entities[post]["organisation"] not in entities:
            entities[post]["organisation"] = by_type["organisation"][0]

    agents = by_type["organisation"] + by_type["body"]
    statements: list[dict[str, Any]] = []

    def add(stype: str, **fields: Any) -> None:
        sid = f"{stype}-{len(statements)}"
        statements.append(_record(sid, stype, doc(), "2018-10-01", **fields))

    for body in by_type["body"]:
        add("relation", subject=body, kind="part-of", object=rng.choice(agents))
        if rng.random() < 0.6:
            status = "planned" if rng.random() < 0.1 else "in-force"
            add(
                "relation",
                subject=body,
                kind=rng.choice(_RELATIONS),
                object=rng.choice(agents),
                status=status,
            )
    for person in by_type["person"]:
        add("membership", member=person, body=rng.choice(agents), role=rng.choice(_ROLES))
        if by_type["post"] and rng.random() < 0.4:
            add("appointment", person=person, post=rng.choice(by_type["post"]))
    for i in range(len(by_type["organisation"]) // 10):
        before, after = rng.sample(by_type["organisation"], 2)
        statements.append(
            _record(
                f"change-{i}",
                "change",
                doc(),
                "2018-10-01",
                kind="merged",
                date="2018-04-01",
                label=f"Synthetic merger {i}",
                before=[before],
                after=[after],
            )
        )
    return {"version": VERSION, "documents": docs, "entities": entities, "statements": statements}
