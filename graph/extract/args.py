"""Picking the arguments of a trigger phrase ("A reports to B") among a sentence's names.

The subject is the nearest name before the trigger that is not the object of a
preposition ("oversees the arrangements in the Trust and line manages ..." skips "the
Trust"); the objects are the first name after it and any joined to it by "and" or
commas ("to the Quality and Safety Committee (QSC) and Governing Body").
"""

from __future__ import annotations

import re

from graph.extract.context import Context, Mention
from graph.extract.text import Sentence

_PREPOSITION = re.compile(r"\b(?:in|of|for|at|with|from|within|across|by|on|into|to|between|via|including|about)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?$", re.IGNORECASE)
_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which|that)\b", re.IGNORECASE)
_COORD = re.compile(r"^\)?(?:\s*\([^()]{1,15}\))?\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s*/\s*|,?\s+as\s+well\s+as\s+)(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
# Between a trigger and its object: a determiner and at most two small adjectives ("an experienced").
_SKIP_RIGHT = re.compile(r"^[\s,]*(?:(?:the|a|an|its|their|our|his|her|both|all|each|one\s+of\s+the|members\s+of\s+the)\s+)?"
                         r"(?:[a-z][a-z-]{1,14}\s+){0,2}$")


def left_of(sentence: Sentence, mentions: list[Mention], start: int, kinds: tuple[str, ...], limit: int = 160) -> Mention | None:
    """The subject of a trigger at ``start``: the nearest fitting name before it."""
    for m in reversed([m for m in mentions if m.end <= start]):
        if start - m.end > limit:
            return None
        if m.kind not in kinds:
            continue
        before = sentence.between(sentence.start, m.start)
        if _PREPOSITION.search(before[-30:]) and start - m.end > 3 and not _RELATIVE.match(sentence.between(m.end, start)):
            continue  # the object of a preposition is no subject, unless the verb follows it (or "who ...")
        return m
    return None


def right_of(sentence: Sentence, mentions: list[Mention], end: int, kinds: tuple[str, ...], gap: int = 40) -> list[Mention]:
    """The objects of a trigger ending at ``end``: the first fitting name after it, and
    the names coordinated with it."""
    after = [m for m in mentions if m.start >= end]
    if not after:
        return []
    first = after[0]
    if first.kind not in kinds or first.start - end > gap:
        return []
    if not _SKIP_RIGHT.match(sentence.between(end, first.start)) and first.start - end > 12:
        return []
    if first.kind == "post" and len(after) > 1 and after[1].kind == "person" and not sentence.between(first.end, after[1].start).strip():
        first = after[1]  # "chaired by Detective Superintendent Aisha Karim": the person, not the rank
        after = after[1:]
    out = [first]
    prev = first
    for nxt in after[1:]:
        between = sentence.between(prev.end, nxt.start)
        if nxt.id == prev.id and between.strip() == "(":
            prev = nxt  # "Quality and Safety Committee (QSC)": the same name again
            continue
        if prev.kind == "post" and nxt.kind == "entity" and re.fullmatch(r"\s*,\s*", between):
            prev = nxt  # "Assistant Director, Children's Services": the post's organisation
            continue
        if nxt.kind not in kinds or not _COORD.match(between):
            break
        out.append(nxt)
        prev = nxt
    return out


def left_coordinated(sentence: Sentence, mentions: list[Mention], last: Mention, kinds: tuple[str, ...]) -> list[Mention]:
    """``last`` and the names joined to it on its left ("A, B and C merged")."""
    out = [last]
    before = [m for m in mentions if m.end <= last.start]
    for m in reversed(before):
        if m.kind not in kinds or not _COORD.match(sentence.between(m.end, out[0].start)):
            break
        out.insert(0, m)
    return out


def resolve(ctx: Context, sentence: Sentence, m: Mention) -> str | None:
    """The id of a mention, registering a person or post the rules now trust."""
    if m.id:
        return m.id
    if m.kind == "person":
        found = ctx.person(m.text, None, sentence, m.start, m.end)
        return found.id if found else None
    return None


def certainty(*mentions: Mention) -> float:
    return min((m.certainty for m in mentions), default=1.0)
