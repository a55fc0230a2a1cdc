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

_PREPOSITION = re.compile(r"\b(?:in|of|for|at|with|from|within|across|by|on|into|to|between|via|including|about)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?$", re.I)
_COORD = re.compile(r"^(?:\s*\([^()]{1,15}\))?\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s*/\s*|,?\s+as\s+well\s+as\s+)(?:the\s+|a\s+|an\s+)?$", re.I)
_SKIP_RIGHT = re.compile(r"^[\s,]*(?:the|a|an|its|their|our|his|her|both|all|each|one\s+of\s+the|members\s+of\s+the)?\s*$", re.I)


def left_of(sentence: Sentence, mentions: list[Mention], start: int, kinds: tuple[str, ...], limit: int = 160) -> Mention | None:
    """The subject of a trigger at ``start``: the nearest fitting name before it."""
    for m in reversed([m for m in mentions if m.end <= start]):
        if start - m.end > limit:
            return None
        if m.kind not in kinds:
            continue
        before = sentence.between(sentence.start, m.start)
        if _PREPOSITION.search(before[-30:]):
            continue
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
    out = [first]
    for prev, nxt in zip(after, after[1:]):
        if nxt.kind not in kinds or not _COORD.match(sentence.between(prev.end, nxt.start)):
            break
        out.append(nxt)
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
