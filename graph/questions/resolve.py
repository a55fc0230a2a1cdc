"""Names -> entities: by id, name, acronym or alias, then fuzzily (typos, PDF misspellings).

Never guesses: when several entities match equally well the caller gets
``Ambiguous`` with the candidates, and a weak best match is ``NotFound`` with
suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from graph.errors import Ambiguous, InputError, NotFound

MAX_QUERY = 300
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


def normalise(text: str) -> str:
    """Lower-case, plain apostrophes and dashes, no leading 'the', single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("–", "-")
    text = text.lower().strip()
    text = re.sub(r"[^\w&'+/-]+", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def check_text(text: str, what: str = "name", limit: int = MAX_QUERY) -> str:
    """Refuse text no person would type: too long or full of control characters."""
    if len(text) > limit:
        raise InputError(f"{what} is {len(text)} characters long; the limit is {limit}", rule="bad-argument")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in text):
        raise InputError(f"{what} contains control characters", rule="bad-argument")
    if not text.strip():
        raise InputError(f"{what} is empty", rule="bad-argument")
    return text


def name_keys(entities: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Every normalised name of every entity: (key, entity id, what it is: id, name, acronym,
    alias). ``build`` stores these in the index so a question need not recompute them."""
    keys: list[tuple[str, str, str]] = []
    for eid, e in sorted(entities.items()):
        keys.append((normalise(eid), eid, "id"))
        keys.append((normalise(eid.replace("-", " ")), eid, "id"))
        name = e.get("name") or e.get("label") or eid
        keys.append((normalise(name), eid, "name"))
        if "(" in name:  # "Steering Group (SWBHT)" is also found as "Steering Group"
            keys.append((normalise(re.sub(r"\s*\([^)]*\)", " ", name)), eid, "alias"))
        for acronym in e.get("acronyms", []):
            keys.append((normalise(acronym), eid, "acronym"))
        for alias in e.get("aliases", []):
            keys.append((normalise(alias), eid, "alias"))
    return keys


class Resolver:
    """Looks names up in the index's entities (and change events, for claims)."""

    def __init__(self, entities: dict[str, dict[str, Any]], keys: list[tuple[str, str, str]] | None = None):
        self.entities = entities
        self.keys = [tuple(k) for k in keys] if keys is not None else name_keys(entities)  # type: ignore[misc]

    def _match(self, eid: str, matched: str, on: str, score: float) -> Match:
        e = self.entities[eid]
        return Match(eid, e["type"], e.get("name") or e.get("label") or eid, matched, on, score)

    def search(self, text: str, kinds: tuple[str, ...] = (), limit: int = 10) -> list[Match]:
        """Entities ranked by how well ``text`` matches one of their names."""
        from rapidfuzz import process

        query = normalise(check_text(text))
        if not query:
            return []
        allowed = [(k, eid, on) for k, eid, on in self.keys if not kinds or self.entities[eid]["type"] in kinds]
        best: dict[str, Match] = {}
        for key, eid, on in allowed:
            if key == query:
                score = 100.0 + TIER[on]
                if eid not in best or best[eid].score < score:
                    best[eid] = self._match(eid, key, on, score)
        hits = process.extract(query, [k for k, _, _ in allowed], scorer=_score, limit=limit * 5)
        for key, score, i in hits:
            _, eid, on = allowed[i]
            if eid not in best or best[eid].score < score:
                best[eid] = self._match(eid, key, on, float(score))
        return sorted(best.values(), key=lambda m: (-m.score, m.name, m.id))[:limit]

    def resolve(self, text: str, kinds: tuple[str, ...] = ()) -> Match:
        """The one entity ``text`` names; raises Ambiguous or NotFound otherwise."""
        matches = self.search(text, kinds=kinds, limit=12)
        what = " or ".join(kinds) if kinds else "entity"
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
        if len(tied) > 1:
            raise Ambiguous(
                f"'{text}' could mean {len(tied)} entities; say which",
                candidates=[_label(m) for m in tied[:10]],
            )
        return top


    def _sharing_word(self, word: str, kinds: tuple[str, ...]) -> list[Match]:
        return [
            self._match(eid, key, on, 0.0)
            for key, eid, on in self.keys
            if on == "name" and word in key.split() and (not kinds or self.entities[eid]["type"] in kinds)
        ]


def _score(query: str, key: str, **_: object) -> float:
    """WRatio, but a key much shorter than the query gets no credit for partial overlap:
    "YOS gangs Strategic Board" must not match the alias "Board" as well as its own name."""
    from rapidfuzz import fuzz

    if len(key) < 0.6 * len(query):
        return fuzz.ratio(query, key)
    return fuzz.WRatio(query, key)


def _label(match: Match) -> str:
    return f"{match.name} [{match.id}, {match.type}]"
