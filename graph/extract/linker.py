"""Linking names in a new document to the entities already curated.

A mention links by its exact name, an alias or an acronym (after normalising case,
apostrophes and '&'), or failing that by a close fuzzy match (rapidfuzz), so that
"Birmingham Solihull CCG" and "Mohammed Aikhlag" find the entities curated under other
spellings. A bare head word ("the Board", "the Trust") is never linked globally: what
it means depends on the document, so the extraction context resolves it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.extract.lexicon import GENERIC_HEADS, GENERIC_QUALIFIERS, head_word
from graph.model import ids
from graph.names import norm_word, normalise, slug

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


def is_generic(form: str) -> bool:
    """A head word alone, or after a word such as "City" ("the City Council", "the Local
    Authority"): a reference whose meaning depends on the document."""
    words = normalise(form).split()
    if not words or not (words[-1] in GENERIC_HEADS or head_word(words[-1])):
        return False
    if len(words) == 1:
        return True
    return words[-1] in ("council", "authority") and all(w in GENERIC_QUALIFIERS for w in words[:-1])


class EntityIndex:
    """Curated entities by every form of their name, for exact and fuzzy lookup."""

    def __init__(self, entities: Iterable[Known]):
        self.entities: dict[str, Known] = {}
        self.forms: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.acronyms: dict[str, set[str]] = defaultdict(set)
        self.generic: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.first_words: set[str] = set()
        self.longest = 1
        for e in entities:
            self.add(e)
        self._fuzzy: dict[str, tuple[list[str], list[str]]] = {}

    def add(self, e: Known) -> None:
        self.entities[e.id] = e
        for form in [e.name, *e.aliases]:
            key = tuple(normalise(form).split())
            if not key:
                continue
            (self.generic if is_generic(form) else self.forms)[key].add(e.id)
            self.first_words.add(key[0])
            self.longest = max(self.longest, len(key))
        for acronym in e.acronyms:
            self.acronyms[acronym].add(e.id)
            key = tuple(normalise(acronym).split())
            if key:
                self.first_words.add(key[0])
                self.longest = max(self.longest, len(key))
        self._fuzzy = {}

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> Known | None:
        return self.entities.get(entity_id)

    def lookup(self, text: str) -> set[str]:
        """Ids whose name, alias or acronym is exactly ``text`` (normalised)."""
        stripped = text.strip()
        if stripped in self.acronyms:
            return set(self.acronyms[stripped])
        return set(self.forms.get(tuple(normalise(stripped).split()), ()))

    def lookup_key(self, key: tuple[str, ...], printed: str) -> set[str]:
        """Like ``lookup`` for tokens already normalised; acronyms must match in case."""
        if printed in self.acronyms:
            return set(self.acronyms[printed])
        return set(self.forms.get(key, ()))

    def fuzzy(self, text: str, sections: tuple[str, ...]) -> str | None:
        """The one entity of those sections whose name is close to ``text``, if any."""
        from rapidfuzz import fuzz, process

        query = normalise(text)
        if len(query) < 6:
            return None
        names, idents = self._choices(sections)
        cutoff = FUZZY_PERSON if sections == ("people",) else FUZZY_NAME
        hits = process.extract(query, names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        found = {idents[i] for _, _, i in hits}
        return found.pop() if len(found) == 1 else None

    def _choices(self, sections: tuple[str, ...]) -> tuple[list[str], list[str]]:
        key = ",".join(sections)
        if key not in self._fuzzy:
            names, idents = [], []
            for e in self.entities.values():
                if e.section in sections:
                    for form in [e.name, *e.aliases]:
                        if not is_generic(form):
                            names.append(normalise(form))
                            idents.append(e.id)
            self._fuzzy[key] = (names, idents)
        return self._fuzzy[key]

    def posts_of(self, organisation: str) -> list[Known]:
        return [e for e in self.entities.values() if e.section == "posts" and e.organisation == organisation]

    def mint(self, base: str, taken: set[str]) -> str:
        """A new id from ``base`` that no curated or already proposed entity uses."""
        base = slug(base)
        if not ids.is_valid_id(base):
            base = "entity"
        candidate, n = base, 2
        while candidate in self.entities or candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate


def head_of(name: str) -> str:
    """The head word of a name ("Child Death Overview Panel" -> "panel"), or ""."""
    for w in reversed(name.split()):
        found = head_word(norm_word(w).strip(",;:()*"))
        if found:
            return found
    return ""


def index_from_facts(facts: object, exclude_source: str | None = None, other_texts: Iterable[str] = ()) -> EntityIndex:
    """The linker's index of curated entities.

    With ``exclude_source`` the index forgets what the curators learnt from that one
    document (entities only it evidences, and aliases printed nowhere else), which is
    how ``scripts/eval-extract`` measures extraction on a document as if it were new.
    """
    from graph.model.load import Facts

    assert isinstance(facts, Facts)
    texts = list(other_texts)
    out = []
    for r in facts.entities.values():
        if not r.is_entity:
            continue
        if exclude_source and all(e.source == exclude_source for e in r.evidence):
            continue
        d = r.data

        def printed(forms: list[str]) -> list[str]:
            if not exclude_source:
                return forms
            return [f for f in forms if any(f in t for t in texts)]

        out.append(Known(
            id=r.id, section=r.section, name=d["name"], kind=d.get("kind", r.type),
            acronyms=printed(list(d.get("acronyms", []))), aliases=printed(list(d.get("aliases", []))),
            organisation=d.get("organisation"), role=d.get("role"),
        ))
    return EntityIndex(out)
