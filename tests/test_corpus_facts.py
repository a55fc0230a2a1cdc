"""A sample of facts from each of the eleven documents, asserted on the built corpus.

Each case names a document and a statement it must support: the statement must be in
the graph with evidence from that document, and the quote must occur in the source.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.project import Project

CASES: list[tuple[str, dict[str, str]]] = [
    ("agenda-2018-10-17", {"type": "membership", "member": "simon-cross", "body": "cso-committee", "role": "attendee"}),
    (
        "agenda-2018-10-17",
        {"type": "appointment", "person": "kate-booth", "post": "bcc-cabinet-member-childrens-wellbeing"},
    ),
    (
        "action-notes-2018-07-25",
        {"type": "appointment", "person": "andy-couldrick", "post": "birmingham-childrens-trust-chief-executive"},
    ),
    (
        "action-notes-2018-07-25",
        {"type": "membership", "member": "diane-donaldson", "body": "cso-committee", "role": "deputy-chair"},
    ),
    (
        "action-notes-2018-07-25",
        {"type": "relation", "subject": "bcc", "kind": "owns", "object": "birmingham-childrens-trust"},
    ),
    (
        "bscb-report-to-committee",
        {"type": "membership", "member": "west-midlands-police", "body": "safeguarding-partners"},
    ),
    ("bscb-report-to-committee", {"type": "change", "id": "masa-replaces-lscb", "status": "planned"}),
    (
        "bscb-accountability-report",
        {"type": "membership", "member": "claire-bell", "body": "bscb", "role": "vice-chair"},
    ),
    ("bscb-accountability-report", {"type": "membership", "member": "dennis-wilkes", "body": "cdop", "role": "chair"}),
    (
        "bscb-annual-report",
        {"type": "relation", "subject": "gangs-strategic-board", "kind": "reports-to", "object": "bcsp"},
    ),
    ("bscb-annual-report", {"type": "change", "id": "bsol-ccg-merger", "kind": "merged", "date": "2018-04-01"}),
    ("bscb-annual-report", {"type": "change", "id": "heft-acquired-by-uhb", "kind": "acquired"}),
    (
        "bscb-annual-report",
        {"type": "membership", "member": "bcc-assistant-director-of-public-health", "body": "cdop", "role": "chair"},
    ),
    ("send-paper", {"type": "membership", "member": "matt-bennett", "body": "scf-committee"}),
    (
        "send-strategy",
        {"type": "membership", "member": "geoff-lindsay", "body": "inclusion-commission", "role": "chair"},
    ),
    ("send-strategy", {"type": "change", "kind": "created", "date": "2016-10"}),
    ("letter-bowles-to-rice", {"type": "appointment", "person": "barry-bowles", "post": "scf-committee-deputy-chair"}),
    (
        "letter-rice-to-bowles",
        {"type": "appointment", "person": "carl-rice", "post": "bcc-cabinet-member-children-families-schools"},
    ),
    ("ofsted-cqc-send-letter", {"type": "appointment", "person": "simon-mosley", "post": "ofsted-hmi"}),
    ("ofsted-cqc-send-letter", {"type": "appointment", "person": "paul-jennings", "post": "bsol-ccg-chief-executive"}),
    ("work-programme-2018-19", {"type": "appointment", "person": "trevor-brown", "post": "yos-head-of-service"}),
]


@pytest.fixture(scope="module")
def index(corpus_built: Project) -> dict[str, Any]:
    return json.loads((corpus_built.out / "index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("document", "fact"),
    CASES,
    ids=[f"{d}:{f.get('id') or f.get('member') or f.get('person') or f.get('subject')}" for d, f in CASES],
)
def test_document_supports_fact(
    corpus_built: Project, index: dict[str, Any], document: str, fact: dict[str, str]
) -> None:
    text = (corpus_built.sources / f"{document}.txt").read_text(encoding="utf-8")
    found = [
        s
        for s in index["statements"]
        if all(s.get(k, "in-force" if k == "status" else None) == v for k, v in fact.items())
        and any(e["source"] == document for e in s["evidence"])
    ]
    assert found, f"{document} should support {fact}"
    for ev in found[0]["evidence"]:
        if ev["source"] == document:
            assert ev["quote"] in text


def test_every_document_contributes(index: dict[str, Any]) -> None:
    used = {e["source"] for s in index["statements"] for e in s["evidence"]}
    assert used == set(index["documents"])
