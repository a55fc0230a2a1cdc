"""Roles on bodies ("chaired by", "sits on", "is a member of", "represents") and lines
between entities ("reports to", "accountable to", "overseen by", "hosted by", "line
manages", "wholly owned by", "commissioned by", "funded by").

Both are a trigger phrase between two names; ``lexicon.ROLES`` and ``lexicon.LINES``
say which side is which, and ``args`` picks the names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.args import certainty, left_of, resolve, right_of
from graph.extract.context import Context, Mention
from graph.extract.lexicon import LINES, ROLES
from graph.extract.text import Sentence

AGENTS = ("entity",)
MEMBERS = ("person", "post", "entity")
ANY = ("person", "post", "entity")


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[re.Pattern[str], str, str]], list[tuple[re.Pattern[str], str, str]]]:
    return ([(re.compile(p, re.I), r, d) for p, r, d in ROLES], [(re.compile(p, re.I), k, d) for p, k, d in LINES])


def _triggers(text: str, table: list[tuple[re.Pattern[str], str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping trigger matches, earlier table entries winning."""
    found: list[tuple[int, int, str, str]] = []
    for pattern, value, direction in table:
        for m in pattern.finditer(text):
            if m.end() - m.start() < 3 or any(a < m.end() and m.start() < b for a, b, _, _ in found):
                continue
            found.append((m.start(), m.end(), value, direction))
    return sorted(found)


def find_roles(sentence: Sentence, ctx: Context, mentions: list[Mention]) -> None:
    roles, _ = _compiled()
    for ts, te, role, direction in _triggers(sentence.text, roles):
        start, end = sentence.start + ts, sentence.start + te
        if direction == "passive":
            body = left_of(sentence, mentions, start, AGENTS)
            members = right_of(sentence, mentions, end, MEMBERS)
        else:
            member = left_of(sentence, mentions, start, MEMBERS)
            members = [member] if member else []
            found = right_of(sentence, mentions, end, AGENTS)
            body = found[0] if found else None
        if body is None or not members:
            continue
        if role == "chair" and len(members) > 1 and re.search(r"\bjointly\b|\bco-", sentence.text[ts - 12 : te], re.I):
            role = "co-chair"
        represents = None
        if re.search(r"represents?$", sentence.text[ts:te], re.I):
            # "X represents ORG on BODY": ORG is whom X represents; without a body, no fact
            later = [m for m in mentions if m.start >= body.end and m.kind == "entity"]
            if not later or not re.match(r"^\s+(?:on|at)\s+(?:the\s+)?$", sentence.between(body.end, later[0].start)):
                continue
            represents, body = body.id, later[0]
        body_id = body.id
        if ctx.section_of(body_id) not in ("organisations", "bodies"):
            continue
        for member in members:
            member_id = resolve(ctx, sentence, member)
            if not member_id or member_id == body_id:
                continue
            confidence = 0.85 * certainty(body, member)
            ctx.propose("memberships", {"member": member_id, "body": body_id, "role": role, "represents": represents},
                        sentence, min(body.start, member.start, start), max(body.end, member.end, end), confidence,
                        f"role-{direction}")


def find_lines(sentence: Sentence, ctx: Context, mentions: list[Mention]) -> None:
    _, lines = _compiled()
    for ts, te, kind, direction in _triggers(sentence.text, lines):
        start, end = sentence.start + ts, sentence.start + te
        left = left_of(sentence, mentions, start, ANY)
        right = right_of(sentence, mentions, end, ANY)
        if left is None or not right:
            continue
        for other in right:
            subject, obj = (left, other) if direction == "active" else (other, left)
            subject_id, object_id = resolve(ctx, sentence, subject), resolve(ctx, sentence, obj)
            if not subject_id or not object_id or subject_id == object_id:
                continue
            confidence = 0.8 * certainty(subject, obj)
            ctx.propose("relations", {"subject": subject_id, "kind": kind, "object": object_id}, sentence,
                        min(left.start, start), max(other.end, end), confidence, f"line-{direction}")
