"""Finding the entities a question names, wherever they sit in it.

A question is read entity-first: every name, acronym, alias or id it contains is found
(the longest match wins), then what is left says what is asked. Beyond exact names:

* possessives ("Simon Cross's line manager") and hyphens ("sub group" = "sub-group");
* a post or unit named with its organisation, in either order ("the safeguarding team
  at West Midlands Ambulance Service", "WMAS safeguarding team", "the Trust's chief
  executive");
* typos, by a close fuzzy match of the words around a capitalised or unknown run;
* descriptive references ("the panel that reviews child deaths") matched on their
  content words against names and aliases, when nothing is named outright.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graph.dates import MONTHS
from graph.names import WORD, norm_word, normalise
from graph.questions.words import STOP, NameForms, content, stem

# Stop words that join the words of one name ("Heart of England", "Staffordshire and West
# Midlands"): inside a phrase they do not end it.
CONNECTORS = {"of", "and", "for"}
# Head words that end names though a question may also use them to ask ("sub-groups of").
NAME_TAILS = {"sub", "group", "groups", "board", "boards", "panel", "committee", "partnership", "team", "forum"}
# One-word aliases that mean something only inside their own document ("the Board").
GENERIC = {
    "board",
    "trust",
    "council",
    "cabinet",
    "commission",
    "panel",
    "group",
    "partnership",
    "committee",
    "forum",
    "service",
    "team",
    "unit",
    "assembly",
    "network",
    "programme",
    "hub",
    "authority",
}
# Words that ask who chairs or leads rather than name a post ("who chairs the Trust").
LEADING = {
    "chair",
    "chairs",
    "chaired",
    "chairman",
    "chairperson",
    "vice",
    "deputy",
    "co",
    "head",
    "heads",
    "headed",
    "lead",
    "leads",
    "led",
    "runs",
    "ran",
}


@dataclass(frozen=True)
class Mention:
    """An entity found in a question: where (token span), which, and how it was found."""

    start: int
    end: int
    id: str
    type: str
    how: str  # exact, acronym, alias, qualified, fuzzy, described, successor, by-line
    text: str


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # normalised, hyphens apart: "sub-group" -> "sub group"
    bare: str  # without a possessive: "Cross's" -> "cross" (key: "crosss")


def tokens(text: str) -> list[Token]:
    """The question's words with their character offsets, each also without a possessive."""
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        parts = re.split(r"(?<=\w)-(?=\w)", word) if "-" in word else [word]
        pos = m.start()
        for part in parts:
            key = norm_word(part)
            if key:
                bare = norm_word(re.sub(r"['’]s$", "", part))
                # "the exec board": no name is written so, so the word is read in full
                key, bare = (EXEC, EXEC) if bare in ("exec", "execs") else (key, bare)
                out.append(Token(part, pos, pos + len(part), key, bare))
            pos += len(part) + 1
    return out


EXEC = "executive"


class QuestionIndex:
    """Entity names keyed by their word sequences, for finding names inside questions."""

    def __init__(self, index: dict[str, Any], entities: dict[str, dict[str, Any]] | None = None):
        """The names of ``entities`` (default: all of the index), and of change events."""
        self._index = index
        changes = {s["id"]: s for s in index["statements"] if s["type"] == "change"}
        self.entities = {**(index["entities"] if entities is None else entities), **changes}
        self._keys = [tuple(k) for k in index.get("names", []) if k[1] in self.entities]
        self._resolver: Any = None
        self._args: dict[tuple[str, str], str] = {}
        self.keys: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
        self.longest = 1
        for key, eid, on in self._keys:
            words = tuple(k for w in key.split() for k in w.split("-") if k)
            if not words:
                continue
            self.keys[words].add((eid, on))
            self.longest = max(self.longest, len(words))
        self._words = self._name_words()

    def _name_words(self) -> dict[str, Counter[str]]:
        """Content words of each entity's names (and of each name apart, in ``names``),
        and their document frequency."""
        words: dict[str, Counter[str]] = {}
        self.names = NameForms(self._keys)
        self.forms = self.names.forms
        for keys, hits in self.keys.items():
            form = content(keys)
            for eid, on in hits:
                if on in ("name", "alias", "acronym"):
                    words.setdefault(eid, Counter()).update(form)
        self.df = Counter(w for c in words.values() for w in c)
        return words

    @property
    def statements(self) -> list[dict[str, Any]]:
        """The index's statements: some readings follow a line or a seat to name a thing."""
        return self._index["statements"]

    @cached_property
    def degree(self) -> Counter[str]:
        """How many statements each entity takes part in: what "the Board" most likely
        means where two bodies are so called."""
        return Counter(
            v for s in self._index["statements"] for v in s.values() if isinstance(v, str) and v in self.entities
        )

    @cached_property
    def of_kind(self) -> defaultdict[str, list[str]]:
        """The bodies and organisations whose name ends in each word of ``THE_ONE`` (or,
        for "police", holds it)."""
        out: defaultdict[str, list[str]] = defaultdict(list)
        for eid, e in self.entities.items():
            if e.get("type") in ("organisation", "body"):
                words = [t.key for t in tokens(str(e.get("name", "")))]
                for word in THE_ONE & ({words[-1]} if words else set()) | ({"police"} & set(words)):
                    out[word].append(eid)
        return out

    def dominant(self, ids: list[str]) -> str | None:
        """The one of ``ids`` the documents say far more about (three times the next), or None."""
        ranked = sorted(ids, key=lambda e: -self.degree[e])
        if len(ranked) > 1 and self.degree[ranked[0]] >= 3 * max(1, self.degree[ranked[1]]):
            return ranked[0]
        return None

    @cached_property
    def pairs(self) -> set[tuple[str, str]]:
        """Pairs of content words that stand side by side in a name ("clinical
        commissioning", "commissioning group"): inside a question they are a noun."""
        return {
            (stem(a), stem(b)) for keys in self.keys for a, b in zip(keys, keys[1:]) if a not in STOP and b not in STOP
        }

    @cached_property
    def initialisms(self) -> dict[str, set[str]]:
        """Runs of two to four content words of a name by their initials ("csc": "children's
        social care"), for the shorthand a user makes up ("the csc o&s committee")."""
        out: dict[str, set[str]] = defaultdict(set)
        for keys in self.keys:
            for i in range(len(keys)):
                for n in range(2, 5):
                    run = keys[i : i + n]
                    if len(run) == n and not any(w in STOP or not w[:1].isalpha() for w in run):
                        out["".join(w[0] for w in run)].add(" ".join(run))
        return out

    def spelled_out(self, text: str) -> list[str]:
        """``text`` with a short word no name has ("csc") read as the initials of words
        some name has, one reading per spelling (none when there is no such word). Only a
        word written in capitals or without a vowel is read so: "sit" and "show" are words."""
        toks = tokens(text)
        for t in toks:
            initials = re.sub(r"['’]s$", "", t.text).isupper() or not re.search(r"[aeiouy]", t.key)
            # a word some longer name holds ("the Regional LSCB Chairs Forum") is no name alone
            unnamed = t.key not in self.df or (t.text.isupper() and (t.key,) not in self.keys)
            # two letters ("an MP's caseworker") are too few to guess a name from
            if initials and 3 <= len(t.bare) <= 5 and t.key.isalpha() and t.key not in STOP and unnamed:
                runs = sorted(self.initialisms.get(t.key, ()))[:5]
                return [text[: t.start] + run + text[t.end :] for run in runs]
        return []

    def in_names(self, text: str) -> str:
        """``text`` with each word that stands beside a neighbour as in some name made
        "_": "which clinical commissioning groups" asks about CCGs, not who commissions
        what."""
        toks = tokens(text)
        out, pos = [], 0
        for i, t in enumerate(toks):
            left = i > 0 and (stem(toks[i - 1].key), stem(t.key)) in self.pairs
            right = i + 1 < len(toks) and (stem(t.key), stem(toks[i + 1].key)) in self.pairs
            if left or right:
                out += [text[pos : t.start], "_" * (t.end - t.start)]  # offsets kept
                pos = t.end
        return "".join(out) + text[pos:]

    def arg(self, mention: Mention) -> str:
        """How to name a mention on a command line: its words when they name it alone,
        else its name, else its id (which always does)."""
        key = (mention.text, mention.id)
        if key not in self._args:
            text = re.sub(r"['’]s$", "", mention.text)  # "Simon Cross's" names Simon Cross
            words = [text] if mention.how in ("exact", "acronym", "alias", "fuzzy", "phrase") else []
            self._args[key] = next(
                (text for text in (*words, self.name(mention.id)) if self._names_only(text, mention.id)), mention.id
            )
        return self._args[key]

    def _names_only(self, text: str, eid: str) -> bool:
        from graph.errors import NotFound

        try:
            return self.resolver().resolve(text).id == eid
        except NotFound:  # ambiguous or unknown: another form (or the id) is needed
            return False

    def resolver(self) -> Any:
        """The resolver over the same names (made when first needed: fuzzy search is slow to set up)."""
        from graph.questions.resolve import Resolver

        if self._resolver is None:
            self._resolver = Resolver(self.entities, self._keys)
        return self._resolver

    def clear_match(self, text: str, question: str = "") -> str | None:
        """The one entity ``text`` names by a close fuzzy match (>= 90, and 3 points
        ahead of any other but a change named after it), or None. A name that has a word
        of its own that neither the text nor the rest of the ``question`` says (in full or
        as an acronym) is not named by it: "children's services" is not "Essex Children's
        Services", though "West Midlands Ambulance Service" is the trust whose name goes
        on with the common words "NHS Foundation Trust"."""
        hits = self.resolver().search(text, limit=4)
        named = [h for h in hits if self.type_of(str(h.id)) != "change"]
        hits = named or hits  # a change named after what it changed is not a second candidate
        if not hits or hits[0].score < 90 or (len(hits) > 1 and hits[1].score > hits[0].score - 3):
            return None
        asked = {t.key for t in tokens(question or text)}
        words = [t.key for t in tokens(hits[0].matched) if t.key not in STOP]
        said = {stem(w) for w in asked | _abbreviated(words, asked)}
        missing = {stem(w) for w in words} - said
        if any(self.df[w] <= 1 for w in missing):
            return None
        # "SEND services" is not the "review of SEND services": the head of an "X of Y"
        # name must be said
        head = re.match(r"(.+?)\s+of\s+\S", hits[0].matched)
        if head and not {stem(t.key) for t in tokens(head.group(1)) if t.key not in STOP} & said:
            return None
        return str(hits[0].id)

    def names_exactly(self, text: str) -> bool:
        """Whether ``text`` is, word for word, a name, acronym or alias of something."""
        return bool(self.resolver().names.exact(text))

    def type_of(self, eid: str) -> str:
        return str(self.entities[eid]["type"])

    def name(self, eid: str) -> str:
        e = self.entities[eid]
        return str(e.get("name") or e.get("label") or eid)


def _abbreviated(words: list[str], asked: set[str]) -> set[str]:
    """The words of a name that an acronym among ``asked`` stands for: "crc" for
    "community rehabilitation company" in "West Midlands CRC"."""
    out: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if "".join(w[0] for w in words[i:j]) in asked:
                out.update(words[i:j])
    return out


def find(question: str, qi: QuestionIndex) -> list[Mention]:
    """Every entity the question names, left to right, longest match first."""
    toks = tokens(question)
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        hit = _longest(toks, i, qi)
        if hit is None and toks[i].key not in THE_ONE:  # "the committee": a kind, read by ``_the_one``
            i += 1
            continue
        end, ids = hit if hit else (i + 1, set())
        text = question[toks[i].start : toks[end - 1].end]
        chosen = _choose(ids, toks, i, end, text, qi) if ids else _the_one(toks, i, qi)
        if chosen is not None:
            eid, on = chosen
            found.append(Mention(i, end, eid, qi.type_of(eid), on, text))
            i = end
        else:
            i += 1
    return found


# Bodies a question may name by their kind alone, when the documents are about one of
# that kind far more than any other ("who chairs the committee?", "the police's rep").
THE_ONE = {"committee", "police", "partnership", "panel", "commission", "ccg"}
DOCUMENT_NOUNS = {
    "agenda",
    "report",
    "reports",
    "meeting",
    "meetings",
    "minutes",
    "paper",
    "papers",
    "letter",
    "programme",
    "item",
    "notes",
}


def _bare_the(toks: list[Token], i: int) -> bool:
    """ "the committee" on its own: after "the", and not the first word of a longer noun
    ("the partnership board", "the committee agenda")."""
    after = toks[i + 1].key if i + 1 < len(toks) else ""
    return i > 0 and toks[i - 1].key == "the" and after not in GENERIC | DOCUMENT_NOUNS


def _the_one(toks: list[Token], i: int, qi: QuestionIndex) -> tuple[str, str] | None:
    if not _bare_the(toks, i):
        return None
    kinds = qi.of_kind[toks[i].key]
    main = qi.dominant(kinds) if len(kinds) > 1 else (kinds[0] if kinds else None)
    return (main, "alias") if main else None


def _longest(toks: list[Token], i: int, qi: QuestionIndex) -> tuple[int, set[tuple[str, str]]] | None:
    """The longest name starting at token i; its last word may carry a possessive."""
    for end in range(min(len(toks), i + qi.longest), i, -1):
        head = tuple(t.key for t in toks[i : end - 1])
        for last in dict.fromkeys((toks[end - 1].key, toks[end - 1].bare)):
            key = (*head, last)
            if key in qi.keys and not (len(key) == 1 and key[0] in STOP):
                return end, qi.keys[key]
    return None


def _choose(
    ids: set[tuple[str, str]], toks: list[Token], i: int, end: int, text: str, qi: QuestionIndex
) -> tuple[str, str] | None:
    """One entity for a matched name, or None when the name is too generic to mean one."""
    by_id: dict[str, str] = {}
    rank = {"id": 0, "name": 1, "acronym": 1, "alias": 2}
    for eid, on in ids:
        if eid not in by_id or rank[on] < rank[by_id[eid]]:
            by_id[eid] = on
    words = [t.key for t in toks[i:end]]
    if all(w in LEADING | {"chair"} for w in words):
        return None  # "the vice-chair" asks a role, even where one post is called that
    if len(words) == 1 and words[0] in GENERIC and len(by_id) > 1:
        # "the board" alone names no board in particular, unless only one is so called or
        # the documents are about one of them far more than the others ("its board" is another's)
        main = qi.dominant(list(by_id)) if _bare_the(toks, i) else None
        return (main, "alias") if main else None
    if any(on == "acronym" for on in by_id.values()) and len(words) == 1:
        printed = toks[i].text
        if printed.islower() and len(printed) <= 3 and printed in STOP | {"it", "is", "am", "as", "or", "us"}:
            return None
    best = sorted(by_id.items(), key=lambda kv: (rank[kv[1]], kv[0]))
    tied = [kv for kv in best if rank[kv[1]] == rank[best[0][1]] and qi.type_of(kv[0]) != "change"]
    if len(tied) > 1:
        # a name several entities share ("vice chair", "Safeguarding Team") names none of
        # them, unless the documents say far more about one ("the independent chair")
        main = qi.dominant([eid for eid, _ in tied])
        return (main, "alias") if main else None
    eid, on = best[0]
    return eid, "acronym" if on == "acronym" else "exact" if on in ("name", "id") else "alias"


def qualified(found: list[Mention], question: str, qi: QuestionIndex) -> list[Mention]:
    """A post or unit named with its organisation becomes that post or unit: "the
    safeguarding team at WMAS", "WMAS safeguarding team", "the Trust's chief executive"."""
    toks = tokens(question)
    out = _owned_units(list(found), question, qi)
    for m in list(out):
        if qi.type_of(m.id) not in ("organisation", "body"):
            continue
        for lo, hi in ((max(0, m.start - 8), m.start), (m.end, min(len(toks), m.end + 8))):
            # A post found by its name alone may be the organisation's ("the Head of
            # Safeguarding at HEFT"): its words are read again; other organisations' are not.
            posts = [o for o in found if qi.type_of(o.id) == "post"]
            # after "the BSCB's", "chair" names the post ("the BSCB's Independent Chair"),
            # up to the next name ("the BSCB's QIO Sub-Group ... the Independent Chair" is not one)
            owned = lo == m.end and bool(re.search(r"['’]s$", m.text))
            if owned:
                hi = min([hi, *(o.start for o in found if o not in posts and o.start >= lo)])
                seat = {toks[k].bare for k in range(lo, hi)} - STOP
                if seat and seat <= SEAT_WORDS:
                    hi = lo  # "the board's deputy chair": a place on the board, asked as such
            words = [
                toks[k].bare
                for k in range(lo, hi)
                if not any(o.start <= k < o.end for o in found if o not in posts)
                and (toks[k].bare not in LEADING or owned or any(o.start <= k < o.end for o in posts))
            ]
            match = _part_of(m.id, words, qi)
            if match:
                eid, core = match
                # The mention spans the organisation and the post's own words, no further.
                used = [k for k in range(lo, hi) if stem(_short(toks[k].bare)) in core]
                a, b = min([m.start, *used]), max([m.end, *(k + 1 for k in used)])
                out = [o for o in out if o is not m and not (qi.type_of(o.id) == "post" and o.start < b and a < o.end)]
                out.append(Mention(a, b, eid, qi.type_of(eid), "qualified", question[toks[a].start : toks[b - 1].end]))
                break
    return sorted(out, key=lambda x: x.start)


def _owned_units(found: list[Mention], question: str, qi: QuestionIndex) -> list[Mention]:
    """ "the BSCB Learning and Development Sub-Group", "SWBHT's Safeguarding Children
    Operational Group": a name right after its owner's is that unit, the owner only says
    whose it is."""
    toks = tokens(question)
    out = list(found)
    for m, o in zip(found, found[1:]):
        e = qi.entities.get(o.id, {})
        owner = (e.get("organisation") or e.get("parent")) == m.id
        # "NHS Birmingham and Solihull CCG": the first name is where the second's full name starts
        starts = normalise(qi.name(o.id)).startswith(normalise(m.text) + " ")
        possessive = re.search(r"['’]s$", m.text)  # "the BSCB's QIO Sub-Group": read_part drops the owner
        if o.start == m.end and m in out and (owner or starts) and not possessive:
            out = [x for x in out if x is not m and x is not o]
            out.append(
                Mention(m.start, o.end, o.id, o.type, o.how, question[toks[m.start].start : toks[o.end - 1].end])
            )
    return sorted(out, key=lambda x: x.start)


# Words that name a place on a body rather than a post of its own.
SEAT_WORDS = {"chair", "chairs", "chairman", "chairperson", "vice", "deputy", "co", "cochair"}


def post_of(owner: str, text: str, qi: QuestionIndex) -> Mention | None:
    """A post or unit of ``owner`` named by the words of ``text`` ("its chief exec")."""
    match = _part_of(owner, [t.bare for t in tokens(text)], qi)
    return Mention(0, 0, match[0], qi.type_of(match[0]), "qualified", qi.name(match[0])) if match else None


# Abbreviations people type for common post words.
SHORT = {
    "exec": "executive",
    "execs": "executive",
    "ceo": "chief executive",
    "cex": "chief executive",
    "dcs": "director of childrens services",
    "ad": "assistant director",
    "dir": "director",
}


def _short(word: str) -> str:
    """The last word of an abbreviation's expansion ("exec" -> "executive"), for spans."""
    return SHORT.get(word, word).split()[-1]


def _part_of(owner: str, words: list[str], qi: QuestionIndex) -> tuple[str, frozenset[str]] | None:
    """The post or unit of ``owner`` whose name (without the owner's words) is best covered by
    ``words``: every content word of the name must be there."""
    words = [x for w in words for x in SHORT.get(w, w).split()]
    content = {stem(w) for w in words if w not in STOP}
    if not content:
        return None
    owner_words = set(qi._words.get(owner, Counter()))
    best: tuple[float, str, frozenset[str]] | None = None
    for eid, e in qi.entities.items():
        if (e.get("organisation") or e.get("parent")) != owner:
            continue
        for form in qi.forms.get(eid, []):
            # "CEO" in a post's name is "chief executive" typed
            core = frozenset(
                x for w in form - owner_words for x in ([stem(y) for y in SHORT[w].split()] if w in SHORT else [w])
            )
            if not core or not core <= content:
                continue
            score = len(core) / max(1, len(content))
            if best is None or score > best[0]:
                best = (score, eid, core)
    return (best[1], best[2]) if best else None


def spanning(question: str, qi: QuestionIndex, found: list[Mention], ignore: set[str]) -> list[Mention]:
    """ "the joint Ofsted and CQC local area SEND inspection of Birmingham" names the
    inspection team, not Ofsted, CQC and Birmingham apart: a run of words covering two or
    more names is one name when exactly one entity has a name holding all its content
    words (four or more), and none of them says what is asked (``ignore``: "line
    manager", "chairs"). The longest such run wins."""
    if len(found) < 2:
        return found
    toks = tokens(question)
    asked = {w for w in ignore if w not in STOP}
    best: tuple[int, int, str] | None = None
    for a in range(len(toks)):
        for b in range(a + 4, min(len(toks), a + 16) + 1):
            if sum(1 for m in found if a <= m.start and m.end <= b) < 2:
                continue
            if any(t.key in asked or t.bare in asked for t in toks[a:b]):
                break  # a longer run holds the same word
            words = content(t.bare for t in toks[a:b])
            if len(words) < 4:
                continue
            owners = qi.names.owners(words)
            if len(owners) == 1 and (best is None or b - a > best[1] - best[0]):
                best = (a, b, owners[0])
    if best is None:
        return found
    a, b, eid = best
    kept = [m for m in found if not (a <= m.start and m.end <= b)]
    whole = Mention(a, b, eid, qi.type_of(eid), "spanning", question[toks[a].start : toks[b - 1].end])
    return sorted([*kept, whole], key=lambda m: m.start)


def phrases(question: str, qi: QuestionIndex, found: list[Mention], ignore: set[str]) -> list[Mention]:
    """Mentions improved by reading whole noun phrases: "the YOS strategic board" is the
    board whose alias is "YOS gangs Strategic Board", not the YOS it starts with, and
    "West Midlands Ambulance Service" names the trust whose full name is longer.

    A phrase is a run of words that are neither stop words nor relation words (save the
    connectors "of", "and" and "for" between two such words). Within
    each run, spans around (or instead of) the exact mentions are resolved fuzzily,
    longest first; one that names a single entity clearly (score >= 90, well ahead of
    the next) replaces the mentions inside it.
    """
    toks = tokens(question)

    def content(i: int) -> bool:
        # a relation word right before a body's noun names it: "Business Support Unit"
        named = i + 1 < len(toks) and toks[i + 1].key in GENERIC
        return 0 <= i < len(toks) and toks[i].key not in STOP and (toks[i].key not in ignore or named)

    runs: list[list[int]] = [[]]
    for i, t in enumerate(toks):
        if content(i) or (t.key in CONNECTORS and content(i - 1) and content(i + 1)):
            runs[-1].append(i)
        else:
            runs.append([])
    out = list(found)
    for run in (r for r in runs if len(r) >= 2):
        a0, b0 = run[0], run[-1] + 1
        spans = sorted(
            ((i, j) for i in range(a0, b0) for j in range(i + 2, b0 + 1) if content(i) and content(j - 1)),
            key=lambda s: s[0] - s[1],
        )
        for a, b in spans:
            inside = [m for m in out if a <= m.start and m.end <= b]
            if any(m.start < a < m.end or m.start < b < m.end for m in out):
                continue
            span = re.sub(r"['’]s$", "", question[toks[a].start : toks[b - 1].end])  # "the committee's chair"
            if any(a <= m.start and m.end < b and re.search(r"['’]s$", m.text) for m in found):
                continue  # "the BSCB's Business Support Unit": a named owner and its unit, read by ``qualified``
            joined = any(toks[i].key in CONNECTORS for i in range(a, b))
            if len(inside) >= 2 and joined and not qi.names_exactly(span):
                continue  # "the CDOP and West Midlands Police" are two names, "YOS gangs Strategic Board" one
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (a, b):
                break  # the longest unexplained span is already one exact name
            match = qi.clear_match(span, question)
            extended = (
                None if match and not (len(inside) == 1 and match == inside[0].id) else _extended(span, inside, qi)
            )
            match = extended or match
            if match is None or (len(inside) == 1 and match == inside[0].id):
                continue
            if qi.type_of(match) == "change" and any(m.how == "exact" for m in inside):
                continue  # "the dedicated child exploitation Sub-Group": the group, not the event that made it
            if len(inside) >= 2 and re.search(r"['’]s$", inside[0].text):
                continue  # "the BSCB's Executive Board": a unit of the first, not the first again
            if (
                not extended
                and inside
                and match not in {m.id for m in inside}
                and any(_kept(m, match, qi) for m in inside)
            ):
                continue  # never trade an exact name for a fuzzy guess at another entity
            out = [m for m in out if m not in inside]
            out.append(Mention(a, b, match, qi.type_of(match), "phrase", span))
            break
    return sorted(out, key=lambda m: m.start)


def initialled(question: str, qi: QuestionIndex, found: list[Mention]) -> list[Mention]:
    """Mentions that start with initials a user made up ("the csc o&s committee" is the
    Children's Social Care O&S Committee): a short word no name has, read as the initials
    of words some name has, with up to four words after it; the longest span that then
    names exactly one entity clearly."""
    toks = tokens(question)
    out = list(found)
    for i, t in enumerate(toks):
        if any(m.start <= i < m.end for m in out) or not qi.spelled_out(t.text):  # as typed: capitals count
            continue
        for j in range(min(len(toks), i + 5), i, -1):
            span = question[t.start : toks[j - 1].end]
            hits = {eid for spelled in qi.spelled_out(span) for eid in _holding(spelled, qi)}
            if len(hits) == 1:
                eid = hits.pop()
                out = [m for m in out if not (i <= m.start < j)]
                out.append(Mention(i, j, eid, qi.type_of(eid), "initials", span))
                break
    return sorted(out, key=lambda m: m.start)


def _holding(text: str, qi: QuestionIndex) -> set[str]:
    """The close matches of ``text`` that have one name holding every word of it: a guess
    from made-up initials must be borne out by all the words, not most of them."""
    words = {stem(t.key) for t in tokens(text) if t.key not in STOP}
    hits = qi.resolver().search(text, limit=4)
    close = {str(h.id) for h in hits if h.score >= 85 and any(words <= form for form in qi.forms.get(str(h.id), []))}
    # "csc scrutiny": the one name holding every word, however far down the fuzzy list
    owners = qi.names.owners(content(t.key for t in tokens(text)))
    return close or (set(owners) if len(owners) == 1 else set())


def _extended(span: str, inside: list[Mention], qi: QuestionIndex) -> str | None:
    """ "the SEND steering group": a name ("Steering Group") with words before it that,
    with its own, are all in one other entity's name (the SEND & Inclusion Steering
    Group) names that entity, not the shorter one."""
    words = content(t.key for t in tokens(span))
    owners = qi.names.owners(words) if len(words) >= 3 else []
    if len(inside) != 1 or len(owners) != 1 or owners[0] == inside[0].id:
        return None
    return owners[0] if content(t.key for t in tokens(inside[0].text)) < words else None


def _kept(inside: Mention, match: str, qi: QuestionIndex) -> bool:
    """Whether an exact mention stands against a longer phrase's guess ``match``: a name
    always does; an alias or acronym unless the guess's own name has its words ("children's
    social care scrutiny committee" may take "children's social care", but "three safeguarding
    partners for ... multi-agency" names no hub)."""
    if inside.how == "exact":
        return True
    if inside.how not in ("alias", "acronym"):
        return False
    return not qi.names.holds(match, content(t.key for t in tokens(inside.text)))


def fuzzy(question: str, qi: QuestionIndex, taken: list[Mention], ignore: set[str]) -> list[Mention]:
    """Names written with a typo ("Penny Thomson", "Aikhlag"): runs of words outside the
    mentions already found, matched to a name key by rapidfuzz ratio >= 90."""
    toks = tokens(question)
    free = [i for i in range(len(toks)) if not any(m.start <= i < m.end for m in taken)]
    runs: list[list[int]] = []

    def named(i: int) -> bool:
        # a name's own words: not a stop word, nor a word that asks (save a head word
        # ending a name, "the Serious Case Reveiw Sub-Group", "the Excutive Board")
        key = toks[i].key
        return key not in STOP and (key not in ignore or key in NAME_TAILS)

    for i in free:
        joins = toks[i].key in CONNECTORS and i - 1 in free and i + 1 in free and named(i - 1) and named(i + 1)
        if not named(i) and not joins:  # "heart of englnad trust": "of" inside a name
            runs.append([])
        elif runs and runs[-1] and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r for r in runs if len(" ".join(toks[i].key for i in r)) >= 6]
    if not runs:
        return []
    from rapidfuzz import fuzz, process  # deferred: a heavy import (11 ms) most questions never need

    keys = [" ".join(k) for k in qi.keys]
    out = []
    for run in runs:
        for length in range(len(run), 0, -1):
            hit = None
            for s in range(0, len(run) - length + 1):
                text = " ".join(toks[i].key for i in run[s : s + length])
                if len(text) < 6 or (length == 1 and stem(text) in {stem(g) for g in GENERIC}):
                    continue  # one common noun ("commissions") is no typo of a name
                best = process.extractOne(text, keys, scorer=fuzz.ratio, score_cutoff=90)
                if best:
                    ids = qi.keys[tuple(best[0].split())]
                    if len({eid for eid, _ in ids}) == 1:
                        eid = next(iter(ids))[0]
                        a, b = run[s], run[s + length - 1] + 1
                        hit = Mention(a, b, eid, qi.type_of(eid), "fuzzy", question[toks[a].start : toks[b - 1].end])
                        break
            if hit:
                out.append(hit)
                break
    return out


def described(question: str, qi: QuestionIndex, skip: set[str]) -> Mention | None:
    """The entity a description points to ("the panel that reviews child deaths"), matched
    on rare content words shared with one of its names; None unless one entity clearly wins."""
    skipped = {stem(w) for w in skip}
    words = {stem(t.key) for t in tokens(question) if t.key not in STOP} - skipped
    if not words:
        return None
    total = len(qi._words) or 1
    best: dict[str, float] = {}
    for eid, forms in qi.forms.items():
        for form in forms:
            shared = words & form
            if len(shared) < 2:
                continue
            weight = sum(math.log(total / qi.df[w]) for w in shared)
            best[eid] = max(best.get(eid, 0.0), weight * len(shared) / len(form))
    scores = sorted(((s, eid) for eid, s in best.items()), reverse=True)
    if not scores:
        return None
    if scores[0][0] < 4.0:
        # "the scrutiny committee": common words that several names hold, each of the
        # question's own words among them, name the one the documents dwell on
        asked = {w for w in words if not (w.isdigit() or w in MONTHS)}
        pool = [eid for s, eid in scores if s >= 2.0 and any(asked <= f for f in qi.forms[eid])]
        chosen = qi.dominant(pool) if len(pool) > 1 else None
        return Mention(0, 0, chosen, qi.type_of(chosen), "described", qi.name(chosen)) if chosen else None
    # near ties ("the O&S committee" fits four committees) go to the one the documents
    # say far more about, else to none
    near = [eid for s, eid in scores if s >= 0.75 * scores[0][0]]
    chosen = near[0] if len(near) == 1 else qi.dominant(near)
    if chosen is None:
        return None
    return Mention(0, 0, chosen, qi.type_of(chosen), "described", qi.name(chosen))
