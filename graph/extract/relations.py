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


Table = tuple[re.Pattern[str], list[tuple[re.Pattern[str], str, str]]]


@lru_cache(maxsize=1)
def _compiled() -> tuple[Table, Table]:
    """Each table with one pattern matching any of its triggers, to skip most sentences fast."""
    def table(rows: tuple[tuple[str, str, str], ...]) -> Table:
        return re.compile("|".join(f"(?:{p})" for p, _, _ in rows), re.IGNORECASE), [(re.compile(p, re.IGNORECASE), v, d) for p, v, d in rows]

    return table(ROLES), table(LINES)


_ADJACENT = re.compile(r"^\)?\s*(?:\([^()]{1,60}\)\s*)?,?\s*(?:(?:is|was|are|were|has|have|had|been|will|be|being|to|"
                       r"currently|now|also|independently|jointly|directly|wholly|not)\s+)*$", re.IGNORECASE)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]")
_SPEAKER = re.compile(r"(?:^|[\s,;])I\s+(?:have\s+|had\s+|also\s+|now\s+|continue\s+to\s+|am\s+)*$")


def _in_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised trigger followed by "and" or a capital is part of a name ("LSCB
    Chairs and Business Managers Forums"); "Simon Cross Co-Chairs the group" is a verb."""
    if not m.group().lstrip()[:1].isupper() or m.start() == 0:
        return False
    after = text[m.end() :].lstrip()
    return after.startswith(("and ", "& ")) or after[:1].isupper()


def _triggers(text: str, compiled: Table) -> list[tuple[int, int, str, str]]:
    """Non-overlapping trigger matches, earlier table entries winning. A capitalised
    trigger inside a sentence is part of a name ("LSCB Chairs and ... Forums"), not a verb."""
    any_trigger, table = compiled
    if not any_trigger.search(text):
        return []
    found: list[tuple[int, int, str, str]] = []
    for pattern, value, direction in table:
        for m in pattern.finditer(text):
            if m.end() - m.start() < 3 or _in_name(text, m) or any(a < m.end() and m.start() < b for a, b, _, _ in found):
                continue
            found.append((m.start(), m.end(), value, direction))
    return sorted(found)


def find_roles(sentence: Sentence, ctx: Context, mentions: list[Mention]) -> None:
    roles, _ = _compiled()
    for ts, te, role, direction in _triggers(sentence.text, roles):
        start, end = sentence.start + ts, sentence.start + te
        if direction == "passive":
            body = left_of(sentence, mentions, start, AGENTS)
            if body and not _ADJACENT.match(sentence.between(body.end, start)):
                continue  # "X will be replaced by a smaller group, chaired by Y": not X
            members = right_of(sentence, mentions, end, MEMBERS)
        else:
            member = left_of(sentence, mentions, start, MEMBERS)
            if ctx.speaker and _SPEAKER.search(sentence.text[max(0, ts - 40) : ts]) and (member is None or member.end < start - 40):
                member = ctx.speaker  # "I have Co-Chaired the ... Sub-Group": the author
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
        if role == "chair" and len(members) > 1 and re.search(r"\bjointly\b|\bco-", sentence.text[ts - 12 : te], re.IGNORECASE):
            role = "co-chair"
        represents = None
        if re.search(r"represents?$", sentence.text[ts:te], re.IGNORECASE):
            # "X represents ORG on BODY": ORG is whom X represents; without a body, no fact
            later = [m for m in mentions if m.start >= body.end and m.kind == "entity"]
            if not later or not re.match(r"^\s+(?:on|at)\s+(?:the\s+)?$", sentence.between(body.end, later[0].start)):
                continue
            represents, body = body.id, later[0]
        body_id = body.id
        if ctx.section_of(body_id) not in ("organisations", "bodies"):
            continue
        for member in members:
            member_id = _with_organisation(ctx, sentence, mentions, member) if member.kind == "post" else resolve(ctx, sentence, member)
            if not member_id or member_id == body_id:
                continue
            confidence = 0.85 * certainty(body, member)
            ctx.propose("memberships", {"member": member_id, "body": body_id, "role": role, "represents": represents},
                        sentence, min(body.start, member.start, start), max(body.end, member.end, end), confidence,
                        f"role-{direction}")


def _with_organisation(ctx: Context, sentence: Sentence, mentions: list[Mention], post: Mention) -> str | None:
    """A post member followed by its organisation ("Assistant Director, Children's
    Services") is that organisation's post."""
    from graph.extract.people import _org_after_at

    org = _org_after_at(sentence, mentions, post.end) if not post.organisation else None
    if org is None:
        return post.id or None
    found = ctx.post(post.text, org[0], None, sentence, post.start, post.end)
    return found.id if found else post.id


def find_lines(sentence: Sentence, ctx: Context, mentions: list[Mention]) -> None:
    _, lines = _compiled()
    for ts, te, kind, direction in _triggers(sentence.text, lines):
        start, end = sentence.start + ts, sentence.start + te
        left = left_of(sentence, mentions, start, ANY)
        if ctx.speaker and _SPEAKER.search(sentence.text[max(0, ts - 40) : ts]) and (left is None or left.end < start - 40):
            left = ctx.speaker  # "I have continued to host ...": the author
        if direction == "owner-before":  # "the Trust is a Council wholly owned company": owner, then owned
            owned = next((m for m in mentions if left and m.end <= left.start and m.kind == "entity"), None)
            right, direction = ([owned] if owned and left and start - left.end <= 2 else []), "active"
        else:
            right = right_of(sentence, mentions, end, ANY)
        if left is None or not right or (direction == "passive" and _CAPITALISED.search(sentence.between(left.end, start))):
            continue  # another name between: "Event held in January 2017, hosted by the Leader" is not about BSCB
        for other in right:
            subject, obj = (left, other) if direction == "active" else (other, left)
            subject_id, object_id = resolve(ctx, sentence, subject), resolve(ctx, sentence, obj)
            if not subject_id or not object_id or subject_id == object_id:
                continue
            confidence = 0.8 * certainty(subject, obj)
            ctx.propose("relations", {"subject": subject_id, "kind": kind, "object": object_id}, sentence,
                        min(left.start, start), max(other.end, end), confidence, f"line-{direction}")
