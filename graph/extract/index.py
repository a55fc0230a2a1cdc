"""The curated entities as the extractor looks names up in them.

A mention links by its exact name, an alias or an acronym (after normalising case,
apostrophes and '&' with ``graph.names.normalise``; an acronym only as printed, case
and all), or failing that by a close fuzzy match (rapidfuzz), so that "Birmingham
Solihull CCG" and "Mohammed Aikhlag" find the entities curated under other spellings.
A bare head word ("the Board", "the Trust") is never linked globally: what it means
depends on the document, so the discourse resolves it.

The exact and fuzzy matching is ``graph.names.NameIndex``, which question resolution
uses too; this module adds the extractor's policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.extract.lexicon import is_generic
from graph.model import ids
from graph.model.load import Facts
from graph.model.schema import NATIONAL
from graph.names import NameIndex, NameKey, normalise, slug

FUZZY_NAME = 91  # rapidfuzz ratio for organisations and bodies
FUZZY_PERSON = 88  # people's names are short; one typo costs more


@dataclass
class Known:
    """One curated entity as the linker sees it."""

    id: str
    section: str
    name: str
    kind: str = ""
    acronyms: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    organisation: str | None = None
    role: str | None = None

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases, *self.acronyms]


class EntityIndex:
    """Curated entities by every form of their name, for exact and fuzzy lookup."""

    def __init__(self, entities: Iterable[Known]):
        self.entities: dict[str, Known] = {}
        self.generic: dict[str, set[str]] = {}  # "board" -> the entities curated as "the Board"
        self.first_words: set[str] = set()
        self.longest = 1
        names: list[NameKey] = []
        acronyms: list[NameKey] = []
        for e in entities:
            self.entities[e.id] = e
            for form, on in [(e.name, "name"), *((alias, "alias") for alias in e.aliases)]:
                key = normalise(form)
                if not key:
                    continue
                if is_generic(form):
                    self.generic.setdefault(key, set()).add(e.id)
                else:
                    names.append((key, e.id, on))
                self._starts(key)
            for acronym in e.acronyms:
                acronyms.append((acronym, e.id, "acronym"))
                self._starts(normalise(acronym))
        self.names = NameIndex(names, printed=acronyms)
        self._fuzzy: dict[tuple[str, ...], NameIndex] = {}
        self._posts: dict[str, list[Known]] | None = None

    def _starts(self, key: str) -> None:
        words = key.split()
        if words:
            self.first_words.add(words[0])
            self.longest = max(self.longest, len(words))

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> Known | None:
        return self.entities.get(entity_id)

    def lookup(self, text: str, key: str | None = None) -> set[str]:
        """Ids whose name, alias or acronym is exactly ``text`` (normalised; an acronym
        as printed). ``key``: ``text`` normalised already (a name's tokens)."""
        return {hit.id for hit in self.names.exact(text, key=key)}

    def fuzzy(self, text: str, sections: tuple[str, ...]) -> str | None:
        """The one entity of those sections whose name is close to ``text``, if any."""
        from rapidfuzz import fuzz  # deferred: a heavy import (25 ms), needed only once exact lookup fails

        if len(normalise(text)) < 6:
            return None
        if sections not in self._fuzzy:
            self._fuzzy[sections] = NameIndex(k for k in self.names.keys if self.entities[k[1]].section in sections)
        cutoff = FUZZY_PERSON if sections == ("people",) else FUZZY_NAME
        found = {hit.id for hit in self._fuzzy[sections].fuzzy(text, fuzz.ratio, limit=3, cutoff=cutoff)}
        return found.pop() if len(found) == 1 else None

    def posts_of(self, organisation: str) -> list[Known]:
        if self._posts is None:  # filed by organisation once: a document asks for many
            self._posts = {}
            for e in self.entities.values():
                if e.section == "posts" and e.organisation:
                    self._posts.setdefault(e.organisation, []).append(e)
        return self._posts.get(organisation, [])

    def mint(self, base: str, taken: set[str]) -> str:
        """A new id from ``base`` that no curated or already proposed entity uses."""
        base = slug(base)
        if not ids.is_valid_id(base):
            base = "entity"
        candidate, n = base, 2
        while candidate in self.entities or candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate


def index_from_facts(
    facts: Facts, exclude_source: str | None = None, other_texts: Iterable[str] = (), area: str | None = None
) -> EntityIndex:
    """The linker's index of curated entities.

    With ``exclude_source`` the index forgets what the curators learnt from that one
    document (entities only it evidences, and aliases printed nowhere else), which is
    how ``scripts/eval-extract`` measures extraction on a document as if it were new.
    With ``area`` (the document's), it holds only that area's entities and the national
    ones: another council's "Independent Chair" or "CCG" can never link to this one's.
    """
    texts = list(other_texts)

    def printed(forms: list[str]) -> list[str]:
        if not exclude_source:
            return forms
        return [f for f in forms if any(f in t for t in texts)]

    out = []
    for r in facts.entities.values():
        if not r.is_entity:
            continue
        if exclude_source and all(e.source == exclude_source for e in r.evidence):
            continue
        if area is not None and r.data.get("area") not in (None, area, NATIONAL):
            continue
        d = r.data
        out.append(
            Known(
                id=r.id,
                section=r.section,
                name=d["name"],
                kind=d.get("kind", r.type),
                acronyms=printed(list(d.get("acronyms", []))),
                aliases=printed(list(d.get("aliases", []))),
                organisation=d.get("organisation"),
                role=d.get("role"),
            )
        )
    return EntityIndex(out)
