"""The curated-fact format: which sections exist and what each record may hold.

One table of field specs drives validation, so the format documented in
``data/facts/README.md`` and the checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_SECTIONS = {
    "organisations": "organisation",
    "bodies": "body",
    "people": "person",
    "posts": "post",
    "plans": "plan",
}
STATEMENT_SECTIONS = {
    "appointments": "appointment",
    "memberships": "membership",
    "relations": "relation",
    "changes": "change",
    "claims": "claim",
    "terms": "term",
}
SECTIONS = {**ENTITY_SECTIONS, **STATEMENT_SECTIONS}
# What a record is, in the order summaries list them: organisation ... claim.
RECORD_TYPES = tuple(SECTIONS.values())

ORGANISATION_KINDS = (
    "council",
    "council-directorate",
    "nhs-trust",
    "nhs-commissioner",
    "nhs-body",
    "police",
    "probation",
    "fire-service",
    "company",
    "charity",
    "voluntary-body",
    "government-department",
    "government-agency",
    "inspectorate",
    "regional-body",
    "national-body",
    "education-provider",
    "professional-body",
    "court",
    "other",
)
BODY_KINDS = (
    "board",
    "executive-board",
    "sub-group",
    "committee",
    "panel",
    "forum",
    "assembly",
    "partnership",
    "steering-group",
    "programme-board",
    "commission",
    "cabinet",
    "council-meeting",
    "service",
    "team",
    "unit",
    "network",
    "group",
    "arrangement",
    "other",
)
# A plan is what bodies approve, carry out, oversee or submit: a strategy, an action
# plan, a statutory statement. Not an agent: it holds no seat and chairs nothing.
PLAN_KINDS = ("strategy", "action-plan", "other")
ROLES = (
    "chair",
    "co-chair",
    "vice-chair",
    "deputy-chair",
    "member",
    "representative",
    "lead-member",
    "attendee",
    "officer-support",
    "non-executive-director",
    "independent-member",
    "lay-member",
    "observer",
    "adviser",
    "lead",
)
# Roles that come to a body without a seat on it: "who sits on X?" leaves them out.
WITHOUT_SEAT = ("attendee", "officer-support", "observer", "adviser")
# Roles that answer "who chairs X?"; a "lead" also answers "who leads X?".
CHAIR_ROLES = ("chair", "co-chair", "vice-chair", "deputy-chair")
LEAD_ROLES = (*CHAIR_ROLES, "lead")


@dataclass(frozen=True)
class LineKind:
    """How a relation kind reads each way, and which way accountability runs along it.

    ``answers`` is "up" when the subject answers to the object ("A reports to B"),
    "down" when the object answers to the subject ("A oversees B"), and "" when the
    line is not one of accountability ("A funds B").
    """

    kind: str
    reads: str  # "A reports to B"
    inverse: str  # "B is reported to by A"
    answers: str = ""

    @property
    def incoming(self) -> str:
        """The kind worded from the other end, as a command-line word ("owned-by")."""
        return self.inverse.replace(" ", "-")


# Every relation kind, upward lines first in order of strength ("reports to" is a
# stronger statement than "part of").
LINE_KINDS: dict[str, LineKind] = {
    line.kind: line
    for line in (
        LineKind("reports-to", "reports to", "reported to by", "up"),
        LineKind("accountable-to", "accountable to", "holds accountable", "up"),
        LineKind("presents-to", "presents to", "presented to by", "up"),
        LineKind("part-of", "part of", "has as part", "up"),
        LineKind("oversees", "oversees", "overseen by", "down"),
        LineKind("scrutinises", "scrutinises", "scrutinised by", "down"),
        LineKind("holds-to-account", "holds to account", "held to account by", "down"),
        LineKind("inspects", "inspects", "inspected by"),
        LineKind("line-manages", "line-manages", "line-managed by", "down"),
        LineKind("hosts", "hosts", "hosted by"),
        LineKind("owns", "owns", "owned by"),
        LineKind("commissions", "commissions", "commissioned by"),
        LineKind("funds", "funds", "funded by"),
        LineKind("supports", "supports", "supported by"),
        LineKind("safeguarding-partner-of", "safeguarding partner of", "has safeguarding partner"),
        LineKind("advises", "advises", "advised by"),
        LineKind("delivers", "delivers", "delivered by"),
        LineKind("approves", "approves", "approved by"),
        LineKind("recommends", "recommends", "recommended by"),
        LineKind("submits", "submits", "submitted by"),
        LineKind("appoints", "appoints", "appointed by"),
        LineKind("succeeded-by", "succeeded by", "succeeds"),
    )
}
RELATION_KINDS = tuple(LINE_KINDS)
UPWARD = tuple(k for k, line in LINE_KINDS.items() if line.answers == "up")
DOWNWARD = tuple(k for k, line in LINE_KINDS.items() if line.answers == "down")
# The lines of an org chart: who sits under whom. Scrutiny and holding to account are
# accountability across structures, not a place in one, so a tree leaves them out.
STRUCTURE = ("reports-to", "accountable-to", "presents-to", "part-of", "oversees", "line-manages")
# The lines `below` and `tree` follow: the structure, and who holds whom to account
# (the view draws that across structures rather than placing by it).
ANSWERING = (*STRUCTURE, "holds-to-account")
CHANGE_KINDS = (
    "created",
    "merged",
    "acquired",
    "transferred",
    "replaced",
    "dissolved",
    "renamed",
    "restructured",
)
STATUSES = ("in-force", "planned")
CAPACITIES = ("substantive", "interim", "acting")

# An entity's area is the council or partnership area its documents describe; national
# bodies (and regional ones shared by several areas) have the area "national" and are
# shared by every area. Organisations of these kinds are national unless told otherwise.
NATIONAL = "national"
NATIONAL_KINDS = ("government-department", "government-agency", "inspectorate", "national-body", "professional-body")

# Entity kinds a reference may point at ("any" = any entity or change event).
AGENTS = ("organisation", "body")
ANY = ("organisation", "body", "person", "post", "plan", "change")


@dataclass(frozen=True)
class Field:
    """How one key of a record is read: its type, whether required, what it refers to."""

    type: str  # text | id | ref | refs | date | enum | texts | evidence
    required: bool = False
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()


_ENTITY = {
    "id": Field("id", required=True),
    "name": Field("text", required=True),
    "area": Field("text"),
    "acronyms": Field("texts"),
    "aliases": Field("texts"),
    "note": Field("text"),
    "evidence": Field("evidence", required=True),
}
_DATED = {
    "start": Field("date"),
    "end": Field("date"),
    "status": Field("enum", choices=STATUSES),
}

FIELDS: dict[str, dict[str, Field]] = {
    "organisations": {
        **_ENTITY,
        **_DATED,
        "kind": Field("enum", required=True, choices=ORGANISATION_KINDS),
        "parent": Field("ref", refs=AGENTS),
    },
    "bodies": {
        **_ENTITY,
        **_DATED,
        "kind": Field("enum", required=True, choices=BODY_KINDS),
        "parent": Field("ref", refs=AGENTS),
    },
    "people": {**_ENTITY, "honorific": Field("text")},
    "posts": {
        **_ENTITY,
        **_DATED,
        "organisation": Field("ref", required=True, refs=AGENTS),
        "role": Field("enum", choices=ROLES),
    },
    "plans": {
        **_ENTITY,
        **_DATED,
        "kind": Field("enum", required=True, choices=PLAN_KINDS),
    },
    "appointments": {
        **_DATED,
        "person": Field("ref", required=True, refs=("person",)),
        "post": Field("ref", required=True, refs=("post",)),
        "capacity": Field("enum", choices=CAPACITIES),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
    "memberships": {
        **_DATED,
        "member": Field("ref", required=True, refs=("person", "post", "organisation", "body")),
        "body": Field("ref", required=True, refs=AGENTS),
        "role": Field("enum", required=True, choices=ROLES),
        "represents": Field("ref", refs=AGENTS),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
    "relations": {
        **_DATED,
        "subject": Field("ref", required=True, refs=ANY),
        "kind": Field("enum", required=True, choices=RELATION_KINDS),
        "object": Field("ref", required=True, refs=ANY),
        "amount": Field("text"),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
    "changes": {
        "id": Field("id", required=True),
        "kind": Field("enum", required=True, choices=CHANGE_KINDS),
        "date": Field("date"),
        "status": Field("enum", choices=STATUSES),
        "label": Field("text", required=True),
        "before": Field("refs", refs=ANY),
        "after": Field("refs", refs=ANY),
        "moves": Field("refs", refs=ANY),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
    "terms": {
        "acronym": Field("text", required=True),
        "expansion": Field("text", required=True),
        "denotes": Field("ref", refs=ANY),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
    "claims": {
        "subject": Field("ref", required=True, refs=ANY),
        "property": Field("id", required=True),
        "value": Field("text", required=True),
        "note": Field("text"),
        "evidence": Field("evidence", required=True),
    },
}

# Keys that are bookkeeping, not part of what a statement asserts.
NOT_IDENTITY = ("evidence", "note")
