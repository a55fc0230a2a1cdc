"""A document's names, linked to curated entities or registered as new ones.

A name links exactly (a name, an alias, an acronym the index or the document defines)
or, failing that, fuzzily; a name that several curated entities share is the one the
text named last. A name that links to nothing may be registered as a new entity, once
per document: the linker mints its id (one no curated entity uses) and hands it to the
collector, and from then on links the name to it like a curated one.
"""

from __future__ import annotations

import re
from typing import Any

from graph.extract.collector import Collector
from graph.extract.index import EntityIndex
from graph.extract.lexicon import HONORIFICS, POST_ABBREVIATIONS, POST_HEADS
from graph.extract.text import Sentence
from graph.extract.types import Mention, Recent
from graph.model.schema import CHAIR_ROLES
from graph.names import normalise

ORGS = ("organisations", "bodies")


class Linker:
    """Links the names of one document, and registers the new ones."""

    def __init__(self, index: EntityIndex, collector: Collector, recent: Recent):
        self.index = index
        self.collector = collector
        self.recent = recent  # read only: which of two entities sharing a name the text means
        self.acronyms: dict[str, str] = {}  # acronyms the document defines: "(CDOP)"
        self._new_keys: dict[tuple[str, str], str] = {}  # (section, normalised name) -> new id
        self._new_first: set[str] = set()
        self._fuzzy: dict[tuple[str, tuple[str, ...]], str | None] = {}

    # --- looking names up ----------------------------------------------------------

    def find(self, text: str, sections: tuple[str, ...] = ORGS) -> str | None:
        """The one curated entity ``text`` names exactly, or one of its parts does
        ("Jane Smith, Independent Chair, Anytown Partnership")."""
        found = [i for i in self.index.lookup(text) if self.index.entities[i].section in sections]
        if len(found) == 1:
            return found[0]
        for part in [p.strip() for p in re.split(r",| and ", text)]:
            found = [i for i in self.index.lookup(part) if self.index.entities[i].section in sections]
            if len(found) == 1:
                return found[0]
        return None

    def link(
        self, text: str, sections: tuple[str, ...], fuzzy: bool = True, key: tuple[str, ...] | None = None
    ) -> tuple[str | None, float]:
        """A curated or already-registered entity for a name: (id, certainty)."""
        stripped = text.strip()
        if stripped in self.acronyms:
            return self.acronyms[stripped], 1.0
        key = key if key is not None else tuple(normalise(stripped).split())
        joined = " ".join(key)
        found = [i for i in self.index.lookup(stripped, key=joined) if self.section_of(i) in sections]
        if len(found) == 1:
            return found[0], 1.0
        if len(found) > 1:
            recent = [m.id for m in self.recent.latest() if m.id in found]
            return (recent[0], 0.85) if recent else (None, 0.0)
        for section in sections:
            if (section, joined) in self._new_keys:
                return self._new_keys[(section, joined)], 0.9
        if not fuzzy:
            return None, 0.0
        cache_key = (joined, sections)
        if cache_key not in self._fuzzy:
            self._fuzzy[cache_key] = self.index.fuzzy(stripped, sections)
        close = self._fuzzy[cache_key]
        return (close, 0.85) if close else (None, 0.0)

    def may_start_name(self, word: str, norm: str) -> bool:
        """Whether a curated or registered name could start with this word (fast test)."""
        return norm in self.index.first_words or norm in self._new_first or word in self.acronyms

    def define(self, acronym: str, entity_id: str) -> None:
        """The document defines ``acronym`` ("Child Death Overview Panel (CDOP)"): from
        now on it links to ``entity_id`` (the first definition stands)."""
        self.acronyms.setdefault(acronym, entity_id)

    # --- what an id is -------------------------------------------------------------

    def is_new(self, entity_id: str | None) -> bool:
        return self.collector.is_new(entity_id)

    def section_of(self, entity_id: str) -> str:
        """ "organisations", "bodies", "people" or "posts" for a curated or new entity."""
        known = self.index.get(entity_id)
        if known:
            return known.section
        new = self.collector.new_entity(entity_id)
        return new.section if new else ""

    def organisation_of(self, post_id: str) -> str | None:
        """The organisation of a curated or new post."""
        known = self.index.get(post_id)
        if known:
            return known.organisation
        new = self.collector.new_entity(post_id)
        return new.data.get("organisation") if new else None

    def forms_of(self, entity_id: str) -> list[str]:
        """Name, aliases and acronyms of a curated or new entity."""
        known = self.index.get(entity_id)
        if known:
            return known.forms
        new = self.collector.new_entity(entity_id)
        data = new.data if new else {}
        return [str(data.get("name", entity_id)), *data.get("acronyms", [])]

    def name_of(self, entity_id: str) -> str:
        known = self.index.get(entity_id)
        if known:
            return known.name
        new = self.collector.new_entity(entity_id)
        return str(new.data.get("name", entity_id)) if new else entity_id

    # --- people --------------------------------------------------------------------

    def person(
        self, name: str, honorific: str | None, sentence: Sentence, start: int, end: int, register: bool = True
    ) -> Mention | None:
        """A person named at [start, end), linked or (with ``register``) new."""
        entity_id, certainty = self.link(name, ("people",))
        if entity_id:
            return Mention(start, end, name, "person", entity_id, self.is_new(entity_id), certainty)
        if not register:
            return None
        data: dict[str, Any] = {"name": name}
        if honorific:
            data["honorific"] = HONORIFICS.get(honorific.lower().rstrip("."), honorific)
        new_id = self.register("people", name, data, sentence, start, end, base=name)
        return Mention(start, end, name, "person", new_id, True, 0.9)

    def person_by_surname(self, word: str) -> str | None:
        """The one curated or new person with this surname ("Cllr Booth"), if only one."""
        return self._one_person(word, slice(-1, None))

    def person_by_first_name(self, word: str) -> str | None:
        """The one curated or new person with this first name, if only one."""
        return self._one_person(word, slice(None, 1))

    def _one_person(self, word: str, part: slice) -> str | None:
        key = normalise(word)
        found = {
            e.id
            for e in self.index.entities.values()
            if e.section == "people" and normalise(e.name).split()[part] == [key]
        }
        found |= {
            c.data["id"] for c in self.collector.new_people() if normalise(str(c.data["name"])).split()[part] == [key]
        }
        return found.pop() if len(found) == 1 else None

    # --- posts ---------------------------------------------------------------------

    def link_post(self, name: str, organisation: str | None, role: str | None) -> str | None:
        """A curated or registered post this title names, of ``organisation`` if given."""
        found = [i for i in self.index.lookup(name) if self.section_of(i) == "posts"]
        if not organisation:
            return found[0] if len(found) == 1 else None
        same_org = [i for i in found if self.index.entities[i].organisation == organisation]
        if len(same_org) == 1:
            return same_org[0]
        curated = self.curated_post(name, organisation, role)
        return curated or self._new_keys.get(("posts", normalise(f"{organisation} {name}")))

    def curated_post(self, name: str, organisation: str, role: str | None) -> str | None:
        """The curated post of ``organisation`` this title names: the same chair role, or
        the same title once the organisation's own words are left out."""
        from rapidfuzz import fuzz  # deferred: a heavy import (25 ms), needed only for a post's title

        org_forms = self.forms_of(organisation)
        core = post_core(name, org_forms)
        best, best_score = None, 0.0
        for known in self.index.posts_of(organisation):
            if role and known.role == role and role in CHAIR_ROLES:
                return known.id
            for form in [known.name, *known.aliases]:
                score = fuzz.token_sort_ratio(core, post_core(form, org_forms))
                if score > best_score:
                    best, best_score = known.id, score
        return best if best and best_score >= 88 else None

    # --- new entities --------------------------------------------------------------

    def register(
        self,
        section: str,
        name: str,
        data: dict[str, Any],
        sentence: Sentence,
        start: int,
        end: int,
        base: str,
        key: str | None = None,
    ) -> str:
        """The id of the new entity ``name`` (looked up by ``key``, the name unless
        given): minted from ``base`` and proposed the first time, the same after."""
        lookup = (section, normalise(key or name))
        if lookup in self._new_keys:
            return self._new_keys[lookup]
        new_id = self.index.mint(base, self.collector.new_ids())
        self.collector.add_entity(new_id, section, data, sentence, start, end)
        self._new_keys[lookup] = new_id
        self._new_first.update(lookup[1].split()[:1])
        return new_id


def post_core(title: str, org_names: list[str]) -> str:
    """A post's title reduced for comparison: without its organisation's name or
    acronym, small words, capacity or a curator's "(HEFT)" ("BSCB Independent Chair"
    and "Independent Chair of the Birmingham Safeguarding Children Board" -> "independent chair")."""
    org_words = {w for n in org_names for w in normalise(n).split()}
    title = re.sub(r"\([^()]*\)", " ", title)
    small = {"of", "for", "the", "and", "at", "in", "interim", "acting"}
    words = " ".join(POST_ABBREVIATIONS.get(w, w) for w in normalise(title).split()).split()

    def of_org(w: str) -> bool:  # "Council's" is written "councils" once normalised
        return w in org_words or (w.endswith("s") and w[:-1] in org_words)

    return " ".join(w for w in words if w not in small and (not of_org(w) or w in POST_HEADS))
