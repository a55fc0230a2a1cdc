"""Names -> entities: by id, name, acronym or alias, then fuzzily (typos, PDF misspellings).

Never guesses: when several entities match equally well the caller gets
``Ambiguous`` with the candidates, and a weak best match is ``NotFound`` with
suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graph.errors import Ambiguous, NotFound
from graph.names import Hit, NameIndex, NameKey, check_text, name_keys, normalise
from graph.questions.words import NameForms, content

FUZZY_MIN = 86
TIE = 5.0
TIER = {"id": 4, "name": 3, "acronym": 3, "alias": 2}


@dataclass(frozen=True)
class Match:
    """One entity matched by a search, and how."""

    id: str
    type: str
    name: str
    matched: str
    on: str
    score: float


class Resolver:
    """Looks names up in the index's entities (and change events, for claims)."""

    def __init__(self, entities: dict[str, dict[str, Any]], keys: list[NameKey] | None = None):
        self.entities = entities
        self.names = NameIndex(keys if keys is not None else name_keys(entities))

    def _match(self, eid: str, matched: str, on: str, score: float) -> Match:
        e = self.entities[eid]
        return Match(eid, e["type"], e.get("name") or e.get("label") or eid, matched, on, score)

    def search(self, text: str, kinds: tuple[str, ...] = (), limit: int = 10) -> list[Match]:
        """Entities ranked by how well ``text`` matches one of their names.

        An exact match scores above 100 by what it matched (an id over a name over an
        alias), so it always outranks a fuzzy one.
        """
        if not normalise(check_text(text)):
            return []

        def allow(eid: str) -> bool:
            return not kinds or self.entities[eid]["type"] in kinds

        def tier(hit: Hit) -> float:
            # An id outranks names only when typed as the id ("cdrp", not "CDRP"): an
            # acronym one area uses as an id must not beat another area's acronym.
            on = "name" if hit.on == "id" and text.strip() != hit.id else hit.on
            return 100.0 + TIER[on]

        best: dict[str, Match] = {}
        exact = [Hit(h.id, h.key, h.on, tier(h)) for h in self.names.exact(text, allow)]
        # A fuzzy score is at most 100, so it cannot change what an exact match decides.
        hits = exact or self._fuzzy(text, limit * 5, allow)
        for hit in hits:
            if hit.id not in best or best[hit.id].score < hit.score:
                best[hit.id] = self._match(hit.id, hit.key, hit.on, hit.score)
        return sorted(best.values(), key=lambda m: (-m.score, m.name, m.id))[:limit]

    def _fuzzy(self, text: str, limit: int, allow: Callable[[str], bool]) -> list[Hit]:
        """WRatio, but a key much shorter than the query gets no credit for partial
        overlap: "YOS gangs Strategic Board" must not match the alias "Board" as well
        as its own name."""
        from rapidfuzz import fuzz

        return self.names.fuzzy(text, fuzz.WRatio, limit=limit, allow=allow, short=fuzz.ratio)

    def resolve(self, text: str, kinds: tuple[str, ...] = ()) -> Match:
        """The one entity ``text`` names; raises Ambiguous or NotFound otherwise."""
        matches = self.search(text, kinds=kinds, limit=12)
        what = " or ".join(kinds) if kinds else "entity"
        if not matches or matches[0].score < FUZZY_MIN:
            worded = self._by_words(text, kinds)
            if len(worded) == 1:
                return worded[0]
            if len(worded) > 1:
                raise Ambiguous(
                    f"'{text}' could mean {len(worded)} entities; say which",
                    candidates=[_label(m) for m in worded[:10]],
                )
        if not matches:
            raise NotFound(f"no {what} matches '{text}'")
        top = matches[0]
        if top.score > 100:
            tied = [m for m in matches if m.score == top.score]
        else:
            tied = [m for m in matches if top.score - m.score <= TIE]
        if top.score < FUZZY_MIN:
            raise NotFound(f"no {what} matches '{text}'", candidates=[_label(m) for m in matches[:5]])
        if top.on == "alias" and " " not in top.matched:
            # A one-word alias ("the Board", "the Trust") only means something in its
            # own document; out of context it is ambiguous if other names share the word.
            tied += [m for m in self._sharing_word(top.matched, kinds) if m.id != top.id]
        if len(tied) > 1 and top.score <= 100:
            # "Director of Planning & Performance": of the names that match about as well,
            # the one with every word typed is meant, if only one has them all.
            whole = [m for m in tied if _has_words(text, m.matched)]
            tied = whole if len(whole) == 1 else tied
        if len(tied) > 1:
            raise Ambiguous(
                f"'{text}' could mean {len(tied)} entities; say which",
                candidates=[_label(m) for m in tied[:10]],
            )
        return top

    def _by_words(self, text: str, kinds: tuple[str, ...]) -> list[Match]:
        """The entities one of whose names holds every content word typed, in any order:
        "the joint local area SEND inspection in Birmingham" names the "Ofsted/CQC joint
        local area SEND inspection team, Birmingham, June 2018". Tried only when no name
        is close as a whole, and only for two or more content words."""
        typed = content(part for w in normalise(text).split() for part in w.split("-"))
        if len(typed) < 2:
            return []
        found = [
            self._match(eid, normalise(text), "words", float(FUZZY_MIN))
            for eid in self._forms.owners(typed)
            if not kinds or self.entities[eid]["type"] in kinds
        ]
        return sorted(found, key=lambda m: (m.name, m.id))

    @cached_property
    def _forms(self) -> NameForms:
        """Each name's content words, made once: resolving a question tries many phrases,
        and most fall through to this reading."""
        return NameForms(self.names.keys)

    def _sharing_word(self, word: str, kinds: tuple[str, ...]) -> list[Match]:
        return [
            self._match(eid, key, on, 0.0)
            for key, eid, on in self.names.keys
            if on == "name" and word in key.split() and (not kinds or self.entities[eid]["type"] in kinds)
        ]


def _has_words(text: str, key: str) -> bool:
    """Every word of ``text`` is a word of the name ``key`` (both normalised)."""
    return set(normalise(text).split()) <= set(key.split())


def _label(match: Match) -> str:
    return f"{match.name} [{match.id}, {match.type}]"
