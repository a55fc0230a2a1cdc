"""Acronyms and their expansions.

Layouts: "Child Death Overview Panel (CDOP)", "Quality, Impact and Outcomes (QIO)
Sub-Group", "the MASH (Multi-Agency Safeguarding Hub)", "designated medical officer
(DMO)", and glossary lines ("CDOP Child Death Overview Panel", "Ofsted = Office for
Standards in Education"). An expansion is accepted only when the acronym's letters can
be read from it in order (the Schwartz-Hearst test, the first letter starting a word)
and most of its capitals start words; a lower-case expansion needs every letter to
start a word. Only organisations, bodies and posts get acronyms: "CSE Child Sexual
Exploitation" is not one.
"""

from __future__ import annotations

import re

from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import LEADING_HEADS, NOT_NAMES, POST_HEADS, head_word, role_of, word_key
from graph.extract.linking import Linker
from graph.extract.mentions import is_post_word, post_end
from graph.extract.text import Sentence, tokenize
from graph.names import norm_word

_SHORT = r"[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&\-]{0,8}(?: [A-Z]{2,5})?"
_MIXED = r"[A-Z][a-z]{2,8}"  # "Ofsted": only in "X = Y" glossaries
_AFTER = re.compile(rf"\(\s*({_SHORT})\s*\)(?:\s+((?:[A-Z][\w'’-]*\s+){{0,2}}[A-Z][\w'’-]*))?")
_BEFORE = re.compile(rf"\b({_SHORT})\s+\(([A-Z][^()]{{3,90}})\)")
_GLOSSARY = re.compile(rf"^({_SHORT})\s*(?:–|-|:|\t|\s)\s*([A-Z][^\t=]{{3,100}}?)\s*$")
_INLINE_GLOSSARY = re.compile(rf"(?:^|(?<=\s))({_SHORT}|{_MIXED}) ?= ?([A-Z].*?)(?=\s+(?:{_SHORT}|{_MIXED}) ?=|\t|$)")
_SMALL = {"and", "of", "the", "in", "for", "&", "to", "on", "a"}
_JOINS = {"and", "of", "&", "for", "in", "on"}  # inside a name: "Birmingham and Solihull ..."


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


def initials(name: str) -> str:
    """The capitals a name's words start with, small words left out ("Lancashire
    Safeguarding Adults Board" -> "LSAB")."""
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z][\w'’]*", name) if w.lower() not in _SMALL)


def _words(long: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/,]+", long) if w]


def initials_ok(short: str, long: str) -> bool:
    """Most capitals of the acronym start a word of the expansion (guards loose fits);
    for a lower-case expansion, its initials must spell the acronym exactly."""
    words = _words(long)
    caps = [c.lower() for c in short if c.isupper()]
    if not caps or len(words) > 2 * len(caps) + 3:
        return False
    if long[:1].islower():
        spelt = "".join(w[0] for w in words if w.lower() not in _SMALL)
        return spelt.lower() == "".join(c.lower() for c in short if c.isalpha()).rstrip("s")
    initials = {w[0].lower() for w in words if w[0].isalpha()}
    return sum(c in initials for c in caps) >= len(caps) - 1 - len(caps) // 6


def _expansion(short: str, words: list[str]) -> int:
    """How many trailing ``words`` form the shortest expansion of ``short`` (0: none)."""
    first = short[0].lower()
    for n in range(1, min(len(words), 2 * len(short) + 3) + 1):
        cand = words[-n:]
        if cand[0][:1].lower() == first and fits(short, " ".join(cand)):
            return n
    return 0


def _place_before(words: list[str]) -> int:
    """How many words before an acronym's expansion belong to the same name though the
    acronym leaves them out ("Anytown Integrated Care Board (ICB)"): one or two
    capitalised words that start the name, not another name's end or a title."""
    for n in (1, 2):
        if len(words) < n:
            return 0
        name = words[-n:]
        if not all(re.fullmatch(r"[A-Z][a-z]+", w) for w in name) or any(
            word_key(w) in NOT_NAMES or head_word(w) or w.lower() in POST_HEADS for w in name
        ):
            return 0
        before = words[-n - 1] if len(words) > n else ""
        if not before or before.endswith((",", ":", ";", "(")) or not (before[:1].isupper() or before in _JOINS):
            return n  # "the Anytown ...", ", Anytown ...": the name starts there
    return 0


def names_organisation(name: str) -> bool:
    """An organisation, body or post by its words: a head word last ("... Panel"), or
    first before "of"/"for" ("Ministry of Justice", "Society for the Prevention of ...")."""
    words = [norm_word(w) for w in name.split()]
    if not words:
        return False
    if head_word(words[-1]) or words[-1] in POST_HEADS or "nhs" in words:
        return True
    return any((head_word(w) or w in LEADING_HEADS) and words[i + 1] in ("of", "for") for i, w in enumerate(words[:-1]))


def _is_post(name: str) -> bool:
    """ "Lead Member for Children's Services", "Independent Reviewing Officer" are posts;
    a name ending in a head word ("Police and Crime Commissioner", "... Panel") is not."""
    toks = tokenize(name)
    if not toks:
        return False
    whole = post_end(toks, 0, len(toks)) == len(toks)
    if re.search(r"\b(?:for|of)\b", name) and whole and any(is_post_word(t.text) for t in toks[:-1]):
        return True
    return not head_word(toks[-1].text) and (whole or role_of(name) is not None)


def find(sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector) -> None:
    """Every acronym the sentence defines, for a curated or a new entity."""
    text = sentence.text
    base = sentence.start
    for m in _AFTER.finditer(text):
        short = m.group(1)
        # "the Board’s (ABC)", "the Board ‘s (ABC)": the name, not its possessive
        before = re.sub(r"\s*['’‘]s$|(?<=[a-z])\.$", "", text[: m.start()].rstrip())  # "... Service. (ERVAS)"
        words = before.split(" ")
        n = _expansion(short, words)
        if not n:
            continue
        long = " ".join(words[-n:])
        if not initials_ok(short, long):
            continue
        n += _place_before(words[:-n])
        long = " ".join(words[-n:])
        start = base + len(before) - len(long)
        end = base + m.end(1) + 1
        tail = m.group(2)
        if tail and head_word(tail.split()[0]) and not names_organisation(long):
            long, end = f"{long} {tail.split()[0]}", base + m.start(2) + len(tail.split()[0])  # "(QIO) Sub-Group"
        _propose(sentence, linker, discourse, collector, short, long, start, end, 0.9, "acronym-after-name")
    for m in _BEFORE.finditer(text):
        short, inside = m.group(1), m.group(2).strip()
        if fits(short, inside) and initials_ok(short, inside) and inside[:1].lower() == short[:1].lower():
            _propose(
                sentence,
                linker,
                discourse,
                collector,
                short,
                inside,
                base + m.start(),
                base + m.end(),
                0.85,
                "acronym-before-name",
            )
    for m in _INLINE_GLOSSARY.finditer(text):
        short, words = m.group(1), m.group(2).split()
        for n in range(1, min(len(words), 2 * len(short) + 3) + 1):
            long = " ".join(words[:n])
            if "," in long:
                break
            if fits(short, long) and initials_ok(short, long):
                if names_organisation(long):
                    _propose(
                        sentence,
                        linker,
                        discourse,
                        collector,
                        short,
                        long,
                        base + m.start(1),
                        base + m.start(2) + len(long),
                        0.8,
                        "acronym-glossary",
                    )
                break  # the shortest reading decides
    if "=" not in text and "\n" not in text:
        g = _GLOSSARY.match(text)
        if g:
            short, long = g.group(1), g.group(2).strip()
            # "LSCSB Update: Leicestershire & Rutland ...": a heading, not a glossary row
            heading = ":" in long or long[:1].lower() != short[:1].lower()
            if not heading and fits(short, long) and initials_ok(short, long):
                _propose(
                    sentence,
                    linker,
                    discourse,
                    collector,
                    short,
                    long,
                    base + g.start(),
                    base + g.end(2),
                    0.85,
                    "acronym-glossary",
                )


def define(
    sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector, short: str, long: str, end: int
) -> bool:
    """A glossary pair found by layout ("CAF / Common Assessment Framework", cells of a
    table): proposed if the acronym can be read from the expansion. ``end``: where the
    expansion ends in the document; the quote is the sentence given."""
    if not (fits(short, long) and initials_ok(short, long) and long[:1].lower() == short[:1].lower()):
        return False
    _propose(sentence, linker, discourse, collector, short, long, sentence.start, end, 0.85, "acronym-glossary")
    return True


def _propose(
    sentence: Sentence,
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    short: str,
    long: str,
    start: int,
    end: int,
    confidence: float,
    rule: str,
) -> None:
    long = re.sub(r"^(?:the|The|a|an)\s+", "", long).strip(" ,;:'\"‘’“”*")
    known, _ = linker.link(long, ("organisations", "bodies", "posts"))
    if known:
        mention_id: str | None = known
        certainty = 1.0
    elif not names_organisation(long):
        if rule == "acronym-glossary":  # "CAF Common Assessment Framework": a term, not an entity
            collector.propose("terms", {"acronym": short, "expansion": long}, sentence, start, end, confidence, rule)
        return
    elif _is_post(long):
        found = discourse.post(long, None, role_of(long), sentence, start, end)
        mention_id, certainty = (found.id, found.certainty) if found else (None, 0.0)
    else:
        found = discourse.entity(long, sentence, start, end)
        mention_id, certainty = (found.id, found.certainty) if found else (None, 0.0)
    if not mention_id:
        return
    curated = linker.index.get(mention_id)
    if curated and short not in curated.acronyms:
        confidence -= 0.05  # a new acronym for a curated entity: worth a look
    linker.define(short, mention_id)
    collector.acronym(short, mention_id, sentence, start, end, confidence * max(certainty, 0.9), rule)
