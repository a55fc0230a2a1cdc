"""Acronyms and their expansions.

Three layouts: "Child Death Overview Panel (CDOP)", "the MASH (Multi-Agency
Safeguarding Hub)", and glossary lines ("CDOP Child Death Overview Panel",
"Ofsted = Office for Standards in Education"). An expansion is accepted only when the
acronym's letters can be read from it in order, each starting where the
Schwartz-Hearst algorithm allows (the first at the start of a word), and only when it
names an organisation or body: "CSE Child Sexual Exploitation" is not one.
"""

from __future__ import annotations

import re

from graph.extract.context import Context
from graph.extract.lexicon import HEADS
from graph.extract.text import Sentence, norm_word

_SHORT = r"[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&\-]{0,8}(?: [A-Z]{2,5})?"
_AFTER = re.compile(rf"\(\s*({_SHORT})\s*\)")
_BEFORE = re.compile(rf"\b({_SHORT})\s+\(([A-Z][^()]{{3,90}})\)")
_GLOSSARY = re.compile(rf"^({_SHORT}|[A-Z][a-z]{{2,8}})\s*(?:=|–|-|:|\t|\s)\s*([A-Z][^\t=]{{3,100}}?)\s*$")
_INLINE_GLOSSARY = re.compile(rf"(?:^|(?<=\s))({_SHORT}|[A-Z][a-z]{{2,8}}) ?= ?([A-Z].*?)(?=\s+(?:{_SHORT}|[A-Z][a-z]{{2,8}}) ?=|\t|$)")


def fits(short: str, long: str) -> bool:
    """Whether ``short`` can be read from ``long`` (Schwartz & Hearst, 2003)."""
    s = [c.lower() for c in short if c.isalnum()]
    text = long.lower()
    if len(s) < 2:
        return False
    li = len(text) - 1
    for si in range(len(s) - 1, -1, -1):
        c = s[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def _initials_ok(short: str, long: str) -> bool:
    """Most capitals of the acronym start a word of the expansion (guards loose fits)."""
    words = [w for w in re.split(r"[\s\-/]+", long) if w]
    initials = {w[0].lower() for w in words if w[0].isalpha()}
    caps = [c.lower() for c in short if c.isupper()]
    return bool(caps) and sum(c in initials for c in caps) >= max(1, len(caps) - 1) and len(words) <= 2 * len(caps) + 3


def _expansion(short: str, words: list[str]) -> int:
    """How many trailing ``words`` form the shortest expansion of ``short`` (0: none)."""
    first = short[0].lower()
    for n in range(1, min(len(words), 2 * len(short) + 3) + 1):
        cand = words[-n:]
        if cand[0][:1].lower() == first and cand[0][:1].isupper() and fits(short, " ".join(cand)):
            return n
    return 0


def _names_organisation(name: str) -> bool:
    words = [norm_word(w) for w in name.split()]
    return bool(words) and (words[-1] in HEADS or "nhs" in words)


def find(sentence: Sentence, ctx: Context) -> None:
    text = sentence.text
    base = sentence.start
    for m in _AFTER.finditer(text):
        short = m.group(1)
        before = text[: m.start()].rstrip()
        words = before.split(" ")
        n = _expansion(short, words)
        if not n:
            continue
        long = " ".join(words[-n:])
        if not _initials_ok(short, long):
            continue
        start = base + len(before) - len(long)
        _propose(ctx, sentence, short, long, start, base + m.end(), 0.9, "acronym-after-name")
    for m in _BEFORE.finditer(text):
        short, inside = m.group(1), m.group(2).strip()
        if fits(short, inside) and _initials_ok(short, inside) and inside[:1].lower() == short[:1].lower():
            _propose(ctx, sentence, short, inside, base + m.start(2), base + m.end(), 0.85, "acronym-before-name")
    for m in _INLINE_GLOSSARY.finditer(text):
        short, rest = m.group(1), m.group(2).strip()
        words = rest.split()
        for n in range(1, min(len(words), 2 * len(short) + 3) + 1):
            long = " ".join(words[:n]).rstrip(",;")
            if fits(short, long) and _initials_ok(short, long) and _names_organisation(long):
                if n == len(words) or not _names_organisation(" ".join(words[: n + 1])):
                    _propose(ctx, sentence, short, long, base + m.start(1), base + m.start(2) + len(long), 0.8, "acronym-glossary")
                    break
    if "=" not in text and "\n" not in text:
        g = _GLOSSARY.match(text)
        if g:
            short, long = g.group(1), g.group(2).strip()
            if fits(short, long) and _initials_ok(short, long):
                _propose(ctx, sentence, short, long, base + g.start(2), base + g.end(2), 0.85, "acronym-glossary")


def _propose(ctx: Context, sentence: Sentence, short: str, long: str, start: int, end: int, confidence: float, rule: str) -> None:
    long = re.sub(r"^(?:the|The|a|an)\s+", "", long).strip(" ,;:'\"‘’“”*")
    if not _names_organisation(long) and not ctx.link(long, ("organisations", "bodies"))[0]:
        return
    mention = ctx.entity(long, sentence, start, start + len(long))
    if mention is None:
        return
    known = ctx.index.get(mention.id)
    if known and short not in known.acronyms:
        confidence -= 0.05  # a new acronym for a curated entity: worth a look
    ctx.acronym(short, mention.id, sentence, min(start, end), max(start, end), confidence * max(mention.certainty, 0.9), rule)
