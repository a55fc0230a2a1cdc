"""Memberships, from roles on bodies: "chaired by", "co-chaired by", "Vice-Chair of",
"sits on", "is a member of", "represents". Lines between entities are in ``relations.py``.

A role is a trigger phrase between two names; ``lexicon.ROLE_TRIGGERS`` says which side is the
body, and ``args`` picks the names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.args import (
    ADJACENT,
    SPEAKER,
    THIRD_PERSON,
    Triggers,
    certainty,
    left_of,
    organisation_after,
    resolve,
    right_of,
    triggers,
)
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import ROLE_TRIGGERS
from graph.extract.linking import Linker
from graph.extract.text import Sentence
from graph.extract.types import Mention

AGENTS = ("entity",)
MEMBERS = ("person", "post", "entity")


@lru_cache(maxsize=1)
def _compiled() -> Triggers[tuple[str, str]]:
    return Triggers([(p, (role, direction)) for p, role, direction in ROLE_TRIGGERS])


def find(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """Every role on a body the sentence states."""
    for ts, te, (role, direction) in triggers(sentence.text, _compiled()):
        start, end = sentence.start + ts, sentence.start + te
        if direction == "passive":
            body = left_of(sentence, mentions, start, AGENTS)
            if body and not ADJACENT.match(sentence.between(body.end, start)):
                continue  # "X will be replaced by a smaller group, chaired by Y": not X
            body = body or discourse.it_means(sentence.text[:ts])  # "It is chaired by Jo Bell": the body before
            members = right_of(sentence, mentions, end, MEMBERS)
        else:
            member = left_of(sentence, mentions, start, MEMBERS)
            if (
                discourse.speaker
                and SPEAKER.search(sentence.text[max(0, ts - 40) : ts])
                and (member is None or member.end < start - 40)
            ):
                member = discourse.speaker  # "I have Co-Chaired the ... Sub-Group": the author
            elif THIRD_PERSON.search(sentence.text[max(0, ts - 40) : ts]):
                member = _last_person(mentions, start, discourse)
            if member and _plural_noun(sentence.text[max(0, ts - 30) : te]):
                member = None  # "members of HSAB, HSAB sub-group chairs and ...": chairs, the noun
            members = [member] if member else []
            found = right_of(sentence, mentions, end, AGENTS)
            body = found[0] if found else None
            if body and member and role in ("co-chair", "chair"):
                joint = re.match(r"^\s+with\s+", sentence.between(body.end, sentence.end))
                partners = right_of(sentence, mentions, body.end + joint.end(), MEMBERS) if joint else []
                if partners:  # "... Sub-Group with Dawn Roberts": both co-chair it
                    members, role = [member, *partners], "co-chair"
        if body is None or not members:
            continue
        if (
            role == "chair"
            and len(members) > 1
            and re.search(r"\bjointly\b|\bco-", sentence.text[ts - 12 : te], re.IGNORECASE)
        ):
            role = "co-chair"
        represents = None
        if re.search(r"represents?$", sentence.text[ts:te], re.IGNORECASE):
            # "X represents ORG on BODY": ORG is whom X represents; without a body, no fact
            later = [m for m in mentions if m.start >= body.end and m.kind == "entity"]
            if not later or not re.match(r"^\s+(?:on|at)\s+(?:the\s+)?$", sentence.between(body.end, later[0].start)):
                continue
            represents, body = body.id, later[0]
        body_id = body.id
        if linker.section_of(body_id) not in ("organisations", "bodies"):
            continue
        for member in members:
            member_id = (
                _with_organisation(discourse, sentence, mentions, member)
                if member.kind == "post"
                else resolve(linker, sentence, member)
            )
            if not member_id or member_id == body_id:
                continue
            if role == "chair" and member.kind == "person":
                discourse.chairs.setdefault(body_id, member_id)
            confidence = 0.85 * certainty(body, member)
            collector.propose(
                "memberships",
                {"member": member_id, "body": body_id, "role": role, "represents": represents},
                sentence,
                min(body.start, member.start, start),
                max(body.end, member.end, end),
                confidence,
                f"role-{direction}",
            )


def _plural_noun(text: str) -> bool:
    """ "chairs" (the last word of ``text``) is a plural noun after a determiner or a
    noun for a body ("the sub-group chairs", "all Board chairs"), and otherwise a verb
    ("Jo Bell, Director of X, chairs Y"); "chaired" is always a verb."""
    return bool(
        re.search(
            r"\b(?:the|its|their|our|all|both|two|three|four|other|sub-?\s?groups?|groups?|boards?|panels?|"
            r"committees?|forums?|partnerships?)\s+(?:co-?|vice[- ]?|deputy\s+)?chairs\s*$",
            text,
            re.IGNORECASE,
        )
    )


def _with_organisation(discourse: Discourse, sentence: Sentence, mentions: list[Mention], post: Mention) -> str | None:
    """A post member followed by its organisation ("Assistant Director, Children's
    Services") is that organisation's post."""
    org = organisation_after(sentence, mentions, post.end) if not post.organisation else None
    if org is None:
        return post.id or None
    found = discourse.post(post.text, org[0], None, sentence, post.start, post.end)
    return found.id if found else post.id


def _last_person(mentions: list[Mention], before: int, discourse: Discourse) -> Mention | None:
    """Whom "he" or "she" means: the last person the sentence named before it, else the
    last the text named; None when there is none to point to."""
    here = [m for m in mentions if m.kind == "person" and m.end <= before]
    return here[-1] if here else discourse.person
