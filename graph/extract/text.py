"""Text from PDF: sentences and tokens that remember their offsets in the document.

Every evidence quote the extractor proposes is a slice ``text[start:end]`` of the
source document, so it occurs there exactly by construction; that is why everything
here carries offsets rather than copies. PDF text breaks lines inside sentences and
runs table cells together with tabs, so a line break only ends a sentence when the
line looks finished.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from graph.names import WORD, norm_word

MAX_QUOTE = 300

_PARA = re.compile(r"\n[ \t\f\v]*\n\s*")
# A sentence ends at . ! ? followed by space and a capital, digit, quote or bullet.
# (not before a bracketed acronym: "East Riding Voluntary Action Service. (ERVAS)")
_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\d\"'“‘(•\-*■])(?!\([A-Z][A-Za-z&]{1,9}\))")
_ABBREV = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Cllr|Rev|Mt|Sr|Jr|vs|etc|e\.g|i\.e|approx|Co|Ltd|Inc|para|cf)|\b[A-Z])\.$"
)
_JOINERS = {
    "the",
    "of",
    "and",
    "to",
    "a",
    "an",
    "for",
    "in",
    "on",
    "by",
    "with",
    "&",
    "at",
    "from",
    "or",
    "that",
    "which",
    "is",
    "are",
}
_BULLET = re.compile(r"^[ \t]*(?:[-•■*▪●◦]|\d+(?:\.\d+)*\.?|\(?[a-z]\)|\(?[ivx]+\))[ \t]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One word with its document offsets, its normalised form for matching, and
    whether it is written like an acronym ("BSCB", "DfE")."""

    text: str
    start: int
    end: int
    norm: str
    is_acronym: bool


def _acronym_like(word: str) -> bool:
    if len(word) < 2 or word.islower() or word[1:].islower():
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@dataclass
class Sentence:
    """A sentence (or a line of a table or letter heading) of the document."""

    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    def gap(self, i: int) -> str:
        """The characters between token i and token i+1 (punctuation, spaces, breaks)."""
        a, b = self.tokens[i], self.tokens[i + 1]
        return self.text[a.end - self.start : b.start - self.start]

    def between(self, start: int, end: int) -> str:
        return self.text[start - self.start : end - self.start]


def tokenize(text: str, base: int = 0) -> list[Token]:
    """The words of ``text``; each ``norm`` is the word as ``graph.names.normalise`` reads it,
    so that the tokens of a name make the key the entity index files the name under."""
    return [
        Token(w, base + m.start(), base + m.end(), _norm(w), _acronym_like(w))
        for m in WORD.finditer(text)
        for w in (m.group(),)
    ]


def _norm(word: str) -> str:
    # normalise() folds compatibility characters first ("ﬁ" is "fi"); most words are ASCII
    return norm_word(word if word.isascii() else unicodedata.normalize("NFKC", word))


def _line_continues(line: str, nxt: str) -> bool:
    """Whether a PDF line break falls inside a sentence rather than after a heading."""
    if not line.strip() or not nxt.strip() or "\t" in line or "\t" in nxt or _BULLET.match(nxt):
        return False
    last = line.rstrip().split()[-1] if line.split() else ""
    first = nxt.lstrip()
    if last.lower() in _JOINERS or last.endswith((",", "-", "–")):
        return True
    return first[:1].islower() and not line.rstrip().endswith((".", ":", ";", "?", "!"))


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Sentence]:
    """Sentences of ``text[start:end]`` with their offsets, split as a reader would."""
    end = len(text) if end is None else end
    for p_start, p_end in _spans(text, start, end, _PARA):
        for l_start, l_end in _logical_lines(text, p_start, p_end):
            pos = l_start
            chunk = text[l_start:l_end]
            for m in _END.finditer(chunk):
                if _ABBREV.search(chunk[: m.start()]):
                    continue
                closing = len(m.group()) - len(m.group().lstrip("\"'”’)"))
                cut = l_start + m.start() + closing
                yield from _sentence(text, pos, cut)
                pos = l_start + m.end()
            yield from _sentence(text, pos, l_end)


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start] in " \t\f\v\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\f\v\r\n":
        end -= 1
    if end - start >= 3:
        chunk = text[start:end]
        yield Sentence(start, end, chunk, tokenize(chunk, start))


def _spans(text: str, start: int, end: int, sep: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    pos = start
    for m in sep.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _logical_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Lines of a paragraph, joined where a PDF broke a sentence across lines."""
    lines = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    group_start = lines[0][0]
    for (a, b), (c, d) in pairwise(lines):
        if not _line_continues(text[a:b], text[c:d]):
            yield group_start, b
            group_start = c
    yield group_start, lines[-1][1]


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text[start:end]``, without the newline."""
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def quote_span(sentence: Sentence, start: int, end: int, limit: int = MAX_QUOTE) -> tuple[int, int]:
    """The evidence for a match at [start, end): its sentence, cut to ``limit`` characters
    around the match at word boundaries, so the quote supports the fact by itself."""
    s, e = sentence.start, sentence.end
    if e - s <= limit:
        return s, e
    text = sentence.text
    room = max(0, limit - (end - start))
    s = max(s, start - room // 2)
    e = min(e, max(end, s + limit))
    s = max(sentence.start, min(s, e - limit))
    # move inward to word boundaries, never past the match itself
    while s < start and s > sentence.start and text[s - sentence.start - 1].isalnum():
        s += 1
    while e > end and e < sentence.end and text[e - sentence.start].isalnum():
        e -= 1
    while s < start and text[s - sentence.start] in " \t,;:":
        s += 1
    while e > end and text[e - sentence.start - 1] in " \t,;:":
        e -= 1
    return s, e


def outside(sentence: Sentence, spans: list[tuple[int, int]]) -> Iterator[Sentence]:
    """The parts of a sentence that no span covers (spans a layout rule has read)."""
    pos = sentence.start
    text = sentence.text
    for a, b in sorted(spans):
        if b <= pos or a >= sentence.end:
            continue
        if a > pos:
            yield from _sentence_of(text, sentence.start, pos, a)
        pos = max(pos, b)
    if pos < sentence.end:
        yield from _sentence_of(text, sentence.start, pos, sentence.end)


def _sentence_of(text: str, base: int, start: int, end: int) -> Iterator[Sentence]:
    chunk = text[start - base : end - base]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if len(chunk) >= 3:
        yield Sentence(start + lead, start + lead + len(chunk), chunk, tokenize(chunk, start + lead))
