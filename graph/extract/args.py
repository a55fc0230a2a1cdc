"""Finding trigger phrases ("A reports to B") and picking their arguments among a
sentence's names.

The subject is the nearest name before the trigger that is not the object of a
preposition ("oversees the arrangements in the Trust and line manages ..." skips "the
Trust"); the objects are the first name after it and any joined to it by "and" or
commas ("to the Quality and Safety Committee (QSC) and Governing Body"), or listed
after a colon ("accountable to the partners: A, B and C").
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

from graph.extract.linking import Linker
from graph.extract.text import Sentence
from graph.extract.types import Mention

_PREPOSITION = re.compile(
    r"\b(?:in|of|for|at|with|from|within|across|by|on|into|to|between|via|including|about|around|regarding|"
    r"concerning|towards|against)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"^\s*,?\s*(?:who|which|that)\b", re.IGNORECASE)
_COORD = re.compile(
    r"^\)?(?:\s*\([^()]{1,15}\))?\s*(?:[,;]\s*(?:and\s+|&\s+)?|\s+and\s+(?:to\s+)?|\s*&\s*|\s*/\s*|,?\s+as\s+well\s+as\s+)"
    r"(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
# Between a trigger and its object: a determiner and at most two small adjectives ("an experienced").
_SKIP_RIGHT = re.compile(
    r"^[\s,]*(?:(?:the|a|an|its|their|our|his|her|both|all|each|one\s+of\s+the|members\s+of\s+the)\s+)?"
    r"(?:(?:work|functions?|activities|business)\s+(?:of|across|in)\s+(?:both\s+|all\s+)?(?:the\s+)?"
    r"|(?:[a-z][a-z-]{1,14}\s+){0,2})$"
)
# A capitalised word right after a name that is not part of it ("the LSCP Annual Report").
_NOUN_AFTER = re.compile(r"^ (?!(?:and|or|of|for|the|to|in|on)\b)[A-Z][a-z]+")
# A list announced by a colon: "accountable to the three safeguarding partners: A, B and C".
_LIST_INTRO = re.compile(
    r"^[\s,]*(?:(?:the|its|their|our|following)\s+)*(?:[\w'’-]+\s+){0,4}[\w'’-]+\s*:\s*(?:the\s+)?$"
)
# Between a subject and its verb when nothing else may come between them ("The Panel is
# part of ...", "X, which is ...", "X (the Trust) has been ...").
ADJACENT = re.compile(
    r"^\)?\s*(?:\([^()]{1,60}\)\s*)?,?\s*(?:(?:which|who|that)\s+)?(?:(?:is|was|are|were|has|have|had|been|will|be|"
    r"being|to|currently|now|also|independently|jointly|directly|wholly|not|itself|themselves)\s+)*$",
    re.IGNORECASE,
)
# "I have ...": the document's author speaks.
SPEAKER = re.compile(r"(?:^|[\s,;])I\s+(?:have\s+|had\s+|also\s+|now\s+|continue\s+to\s+|am\s+)*$")
# "... and he also chaired the Adults Board": the person last named, never a body between
THIRD_PERSON = re.compile(r"(?:^|[\s,;])(?:[Hh]e|[Ss]he)\s+(?:has\s+|had\s+|also\s+|now\s+|currently\s+)*$")


T = TypeVar("T")


class Triggers(Generic[T]):
    """Trigger patterns with what each means, and one pattern matching any of them so
    that most sentences are skipped with a single search."""

    def __init__(self, rows: list[tuple[str, T]]):
        self.any = re.compile("|".join(f"(?:{p})" for p, _ in rows), re.IGNORECASE)
        self.rows = [(re.compile(p, re.IGNORECASE), value) for p, value in rows]


def _in_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised trigger followed by "and" or a capital is part of a name ("LSCB
    Chairs and Business Managers Forums"); "Simon Cross Co-Chairs the group" is a verb."""
    if not m.group().lstrip()[:1].isupper() or m.start() == 0:
        return False
    after = text[m.end() :].lstrip()
    return after.startswith(("and ", "& ")) or after[:1].isupper()


def triggers(text: str, table: Triggers[T]) -> list[tuple[int, int, T]]:
    """Non-overlapping trigger matches in ``text``, earlier table rows winning. A
    capitalised trigger inside a sentence is part of a name, not a verb."""
    if not table.any.search(text):
        return []
    found: list[tuple[int, int, T]] = []
    for pattern, value in table.rows:
        for m in pattern.finditer(text):
            if m.end() - m.start() < 3 or _in_name(text, m) or any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            found.append((m.start(), m.end(), value))
    return sorted(found, key=lambda f: (f[0], f[1]))


def left_of(
    sentence: Sentence, mentions: list[Mention], start: int, kinds: tuple[str, ...], limit: int = 160
) -> Mention | None:
    """The subject of a trigger at ``start``: the nearest fitting name before it."""
    for m in reversed([m for m in mentions if m.end <= start]):
        if start - m.end > limit:
            return None
        if m.kind not in kinds:
            continue
        before = sentence.between(sentence.start, m.start)
        if (
            _PREPOSITION.search(before[-30:])
            and start - m.end > 3
            and not _RELATIVE.match(sentence.between(m.end, start))
        ):
            continue  # the object of a preposition is no subject, unless the verb follows it (or "who ...")
        return _apposed(sentence, mentions, m, start) if "person" in kinds else m
    return None


# What an apposition between a person and the verb may hold: "Jo Bell, Head of Housing
# at Anytown Council, chairs ...", "Jo Bell (Chief Nurse, ICB) reports ...".
_APPOSITION = re.compile(
    r"^\s*(?:,|\()\s*(?:the\s+)?(?:(?:[A-Z(&][\w'’()&-]*|of|for|and|at|the|in)[\s,]*)+?(?:,|\))\s*$"
)


def _apposed(sentence: Sentence, mentions: list[Mention], m: Mention, start: int) -> Mention:
    """The person an apposition describes when the name before a verb is the apposition's
    last word ("Jo Bell, Director at Anytown Council, chairs": Jo Bell, not the Council)."""
    if m.kind == "person":
        return m
    for p in reversed([x for x in mentions if x.end <= m.start]):
        if p.kind == "person":
            return p if _APPOSITION.match(sentence.between(p.end, start)) else m
        if p.kind not in ("post", "entity"):
            break
    return m


def right_of(
    sentence: Sentence, mentions: list[Mention], end: int, kinds: tuple[str, ...], gap: int = 40, lists: bool = False
) -> list[Mention]:
    """The objects of a trigger ending at ``end``: the first fitting name after it, and
    the names coordinated with it; with ``lists``, also a list after a colon."""
    after = [m for m in mentions if m.start >= end]
    if not after:
        return []
    first = after[0]
    intro = sentence.between(end, first.start)
    listed = lists and first.start - end <= 2 * gap and bool(_LIST_INTRO.match(intro))
    if first.kind not in kinds or (first.start - end > gap and not listed):
        return []
    if not _SKIP_RIGHT.match(intro) and first.start - end > 12 and not listed:
        return []
    if (
        first.kind == "post"
        and len(after) > 1
        and after[1].kind == "person"
        and not sentence.between(first.end, after[1].start).strip()
    ):
        first = after[1]  # "chaired by Detective Superintendent Aisha Karim": the person, not the rank
        after = after[1:]
    out = [first]
    prev = first
    for nxt in after[1:]:
        between = sentence.between(prev.end, nxt.start)
        if nxt.id == prev.id and between.strip() == "(":
            prev = nxt  # "Quality and Safety Committee (QSC)": the same name again
            continue
        if prev.kind == "person" and nxt.kind == "post" and re.fullmatch(r"\s*,\s*", between):
            prev = nxt  # "Debbie Currie, AD of Child Protection": who she is, not another name
            continue
        if prev.kind == "post" and nxt.kind == "entity" and re.fullmatch(r"\s*,\s*", between):
            prev = nxt  # "Assistant Director, Children's Services": the post's organisation
            continue
        if (
            prev.kind == "entity"
            and nxt.kind == "post"
            and re.fullmatch(r"['’]s\s+", between)
            and nxt.organisation == prev.id
        ):
            out[-1] = prev = nxt  # "the Council's Chief Executive": the post, not the Council
            continue
        if nxt.kind not in kinds or not _COORD.match(between):
            break
        if _NOUN_AFTER.match(sentence.between(nxt.end, min(sentence.end, nxt.end + 30))):
            break  # "... and the LSCP Annual Report will ...": a name inside another noun, not one more object
        out.append(nxt)
        prev = nxt
    return out


def organisation_after(sentence: Sentence, mentions: list[Mention], pos: int) -> tuple[str, int] | None:
    """The organisation named right at ``pos`` after a comma, "at" or "of" (", Birmingham
    City Council" after a post), in brackets ("Head of Safeguarding (Anytown Trust)"), or
    after a space where it ends the line: its id and where its name ends."""
    following = [m for m in mentions if m.start >= pos]
    if not following:
        return None
    org = following[0]
    gap = sentence.between(pos, org.start)
    # a signature's last line, "Chairperson Anytown Child Protection Committee": a space will do
    signed = gap == " " and not sentence.between(org.end, sentence.end).strip()
    if (
        org.kind == "entity"
        and (re.match(r"^ *, *$|^ +(?:at|of|for) +(?:the +)?$|^ *\( *$|^\t+$", gap) or signed)
        and org.certainty >= 0.75
    ):
        after = sentence.between(org.end, min(sentence.end, org.end + 3))
        if "(" in gap and not after.startswith(")"):
            return None
        if not after or after[:1] in ",.;\n \t)":
            return org.id, org.end
    return None


def left_coordinated(
    sentence: Sentence, mentions: list[Mention], last: Mention, kinds: tuple[str, ...]
) -> list[Mention]:
    """``last`` and the names joined to it on its left ("A, B and C merged")."""
    out = [last]
    before = [m for m in mentions if m.end <= last.start]
    for m in reversed(before):
        if m.kind not in kinds or not _COORD.match(sentence.between(m.end, out[0].start)):
            break
        out.insert(0, m)
    return out


def resolve(linker: Linker, sentence: Sentence, m: Mention) -> str | None:
    """The id of a mention, registering a person the rules now trust."""
    if m.id:
        return m.id
    if m.kind == "person":
        found = linker.person(m.text, None, sentence, m.start, m.end)
        return found.id if found else None
    return None


def certainty(*mentions: Mention) -> float:
    return min((m.certainty for m in mentions), default=1.0)
