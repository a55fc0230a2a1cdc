"""Assigning areas: which council or partnership area each entity belongs to.

A step of loading, like locating evidence: an entity without an ``area`` of its own
takes the area of the documents that evidence it (each document's area is in the
manifest), and organisations of national kinds (government departments, inspectorates)
are national. An entity evidenced only by documents of two areas must say which it
belongs to, or that it is national, so that another council's "Independent Chair" or
"CCG" never becomes one of Birmingham's.
"""

from __future__ import annotations

from graph.errors import Finding
from graph.model.load import Facts
from graph.model.schema import NATIONAL, NATIONAL_KINDS
from graph.sources.corpus import Corpus


def assign_areas(facts: Facts, corpus: Corpus) -> list[Finding]:
    """Fill in each entity's ``area``; a finding for each that cannot be decided."""
    findings = []
    posts = []
    for record in facts.records():
        if not record.is_entity:
            continue
        given = record.data.get("area")
        if given:
            record.data["area"] = NATIONAL if given.lower() == NATIONAL else given
            continue
        if record.type == "organisation" and record.data.get("kind") in NATIONAL_KINDS:
            record.data["area"] = NATIONAL
            continue
        if record.type == "post":
            posts.append(record)
        areas = sorted({corpus[e.source].area for e in record.evidence if e.source in corpus})
        if len(areas) == 1:
            record.data["area"] = areas[0]
        elif len(areas) > 1:
            findings.append(
                Finding(
                    "mixed-area",
                    f"'{record.id}' is evidenced by documents of {' and '.join(areas)}: give it an 'area'"
                    f" (one of them, or '{NATIONAL}' for a body every area shares)",
                    record.place,
                )
            )
    for post in posts:  # a post of a national body (an inspector's) is national too
        owner = facts.entities.get(post.data["organisation"])
        if owner is not None and owner.data.get("area") == NATIONAL:
            post.data["area"] = NATIONAL
    return findings
