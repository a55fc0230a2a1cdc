"""What the rules share while reading one document.

The context links every name a rule finds (to a curated entity, or to a new one it
registers once per document), remembers recent mentions so that "the Trust" or "This
Board" can be resolved to what the text was just talking about, and collects the
proposed facts, merging the same fact found twice into one with both quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from graph.extract.candidates import Candidate
from graph.extract.lexicon import HONORIFICS, KIND_HINTS, POST_HEADS
from graph.extract.linker import EntityIndex, head_of, is_generic, slug
from graph.extract.text import Sentence, norm_name, quote_span, tokenize
from graph.model import ids
from graph.sources import Document

MAX_QUOTES = 3
RECENT = 60  # how many entity mentions back a generic reference may look


@dataclass
class Mention:
    """A name in the text and the entity it stands for."""

    start: int
    end: int
    text: str
    kind: str  # entity | post | person
    id: str
    new: bool
    certainty: float  # 1.0 exact link, 0.9 fuzzy or new, less when resolved from context
    head: str = ""

    @property
    def section(self) -> str:
        return {"post": "posts", "person": "people"}.get(self.kind, "")


def guess_kind(name: str) -> tuple[str, str]:
    """(section, kind) of an organisation or body from the words of its name."""
    from graph.extract.lexicon import HEADS

    low = " " + " ".join(name.lower().replace("’", "'").split()) + " "
    head = head_of(name)
    section, kind = HEADS.get(head, ("bodies", "other"))
    for words, s, k in KIND_HINTS:
        if f" {words} " in low or low.rstrip().endswith(f" {words}"):
            if s == "organisations" or section == "bodies":
                return s, k
    if head in ("trust", "hospital", "hospitals") and "nhs" not in low and "hospital" not in low:
        return "organisations", "company" if "children" in low else "other"
    return section, kind


class Context:
    """Links, registers and collects for one document."""

    def __init__(self, doc: Document, index: EntityIndex, known_statements: set[str]):
        self.doc = doc
        self.index = index
        self.known_statements = known_statements
        self.new: dict[str, Candidate] = {}
        self._new_keys: dict[tuple[str, str], str] = {}
        self.statements: dict[str, Candidate] = {}
        self.linked: dict[str, Candidate] = {}
        self.doc_acronyms: dict[str, str] = {}
        self.recent: list[Mention] = []
        self.last_mentions: list[Mention] = []
        self.author = self._find(doc.author) if doc.author else None
        self.subject = self._subject(doc.title)

    # --- linking -----------------------------------------------------------------

    def _find(self, text: str, sections: tuple[str, ...] = ("organisations", "bodies")) -> str | None:
        found = [i for i in self.index.lookup(text) if self.index.entities[i].section in sections]
        if len(found) == 1:
            return found[0]
        for part in reversed([p.strip() for p in re.split(r",| and ", text)]):
            found = [i for i in self.index.lookup(part) if self.index.entities[i].section in sections]
            if len(found) == 1:
                return found[0]
        return None

    def _subject(self, title: str) -> str | None:
        """The body a document is about, when its title names a curated one."""
        from graph.extract.mentions import find_mentions

        sentence = Sentence(0, len(title), title, tokenize(title))
        for m in find_mentions(sentence, self, register=False):
            if m.kind == "entity" and not m.new and self.index.entities[m.id].section == "bodies":
                return m.id
        return None

    def link(self, text: str, sections: tuple[str, ...], fuzzy: bool = True) -> tuple[str | None, float]:
        """A curated or already-registered entity for a name: (id, certainty)."""
        stripped = text.strip()
        if stripped in self.doc_acronyms:
            return self.doc_acronyms[stripped], 1.0
        found = [i for i in self.index.lookup(stripped) if self._section(i) in sections]
        if len(found) == 1:
            return found[0], 1.0
        if len(found) > 1:
            recent = [m.id for m in reversed(self.recent) if m.id in found]
            return (recent[0], 0.85) if recent else (None, 0.0)
        for section in sections:
            key = (section, norm_name(stripped))
            if key in self._new_keys:
                return self._new_keys[key], 0.9
        close = self.index.fuzzy(stripped, sections) if fuzzy else None
        if close:
            return close, 0.85
        return None, 0.0

    def _section(self, entity_id: str) -> str:
        known = self.index.get(entity_id)
        if known:
            return known.section
        return self.new[entity_id].section if entity_id in self.new else ""

    def section_of(self, entity_id: str) -> str:
        return self._section(entity_id)

    def forms_of(self, entity_id: str) -> list[str]:
        """Name, aliases and acronyms of a curated or new entity."""
        known = self.index.get(entity_id)
        if known:
            return known.forms
        data = self.new[entity_id].data if entity_id in self.new else {}
        return [str(data.get("name", entity_id)), *data.get("acronyms", [])]

    def name_of(self, entity_id: str) -> str:
        known = self.index.get(entity_id)
        if known:
            return known.name
        return str(self.new[entity_id].data.get("name", entity_id)) if entity_id in self.new else entity_id

    def entity(self, name: str, sentence: Sentence, start: int, end: int, *, sections: tuple[str, ...] | None = None,
               parent: str | None = None, register: bool = True) -> Mention | None:
        """An organisation or body named at [start, end); a new one is registered."""
        section, kind = guess_kind(name)
        sections = sections or ("organisations", "bodies")
        entity_id, certainty = self.link(name, sections)
        if entity_id:
            return self.remember(Mention(start, end, name, "entity", entity_id, entity_id in self.new, certainty, head_of(name)))
        if is_generic(name):
            target = self.generic(head_of(name))
            return Mention(start, end, name, "entity", target, target in self.new, 0.8, head_of(name)) if target else None
        if not register:
            return None
        data: dict[str, Any] = {"name": name, "kind": kind}
        if parent and self._section(parent) in ("organisations", "bodies"):
            data["parent"] = parent
        new_id = self._register(section, name, data, sentence, start, end, base=name)
        return self.remember(Mention(start, end, name, "entity", new_id, True, 0.9, head_of(name)))

    def person(self, name: str, honorific: str | None, sentence: Sentence, start: int, end: int,
               register: bool = True) -> Mention | None:
        entity_id, certainty = self.link(name, ("people",))
        if entity_id:
            return Mention(start, end, name, "person", entity_id, entity_id in self.new, certainty)
        if not register:
            return None
        data: dict[str, Any] = {"name": name}
        if honorific:
            data["honorific"] = HONORIFICS.get(honorific.lower().rstrip("."), honorific)
        new_id = self._register("people", name, data, sentence, start, end, base=name)
        return Mention(start, end, name, "person", new_id, True, 0.9)

    def post(self, name: str, organisation: str | None, role: str | None, sentence: Sentence, start: int, end: int,
             register: bool = True) -> Mention | None:
        """A post; linked to a curated post of the same organisation where one fits."""
        if not organisation:  # a chair with no body named chairs what the document is about
            organisation = (self.subject or self.current_organisation()) if role else self.current_organisation()
        entity_id = self._link_post(name, organisation, role)
        if entity_id:
            return Mention(start, end, name, "post", entity_id, entity_id in self.new, 0.9)
        if not register or not organisation:
            return None
        data: dict[str, Any] = {"name": name, "organisation": organisation}
        if role:
            data["role"] = role
        new_id = self._register("posts", name, data, sentence, start, end,
                                base=f"{organisation} {_without(name, self.forms_of(organisation))}", key=f"{organisation} {name}")
        return Mention(start, end, name, "post", new_id, True, 0.85)

    def _link_post(self, name: str, organisation: str | None, role: str | None) -> str | None:
        from rapidfuzz import fuzz

        found = [i for i in self.index.lookup(name) if self._section(i) == "posts"]
        if organisation:
            same_org = [i for i in found if self.index.entities[i].organisation == organisation]
            if len(same_org) == 1:
                return same_org[0]
            org_forms = self.forms_of(organisation)
            core = norm_name(_without(name, org_forms))
            best, best_score = None, 0.0
            for known in self.index.posts_of(organisation):
                if role and known.role == role and role in ("chair", "vice-chair", "co-chair", "deputy-chair"):
                    return known.id
                for form in [known.name, *known.aliases]:
                    score = fuzz.token_set_ratio(core, norm_name(_without(form, org_forms)))
                    if score > best_score:
                        best, best_score = known.id, score
            if best and best_score >= 90:
                return best
            key = ("posts", norm_name(f"{organisation} {name}"))
            if key in self._new_keys:
                return self._new_keys[key]
        elif len(found) == 1:
            return found[0]
        return None

    def _register(self, section: str, name: str, data: dict[str, Any], sentence: Sentence, start: int, end: int,
                  base: str, key: str | None = None) -> str:
        lookup = (section, norm_name(key or name))
        if lookup in self._new_keys:
            return self._new_keys[lookup]
        new_id = self.index.mint(base, set(self.new))
        s, e = quote_span(sentence, start, end)
        self.new[new_id] = Candidate(
            section=section, data={"id": new_id, **data}, quotes=[self.doc.text[s:e]], confidence=0.6,
            link="new", rule="mention", source=self.doc.id, offsets=[s],
        )
        self._new_keys[lookup] = new_id
        return new_id

    def remember(self, mention: Mention) -> Mention:
        if mention.certainty >= 0.85:
            self.recent.append(mention)
            del self.recent[:-RECENT]
        return mention

    def generic(self, head: str) -> str | None:
        """What "the Board" / "the Trust" means here: the last one the text named."""
        for m in reversed(self.recent):
            if m.head == head and m.certainty >= 0.85:
                return m.id
        for candidate in (self.subject, self.author):
            if candidate and head_of(self.name_of(candidate)) == head:
                return candidate
        generic = {i for i in self.index.generic.get((head,), set())}
        for candidate in (self.subject, self.author):
            if candidate in generic:
                return candidate
        return None

    def current_organisation(self) -> str | None:
        """The organisation the text is talking about, for posts printed without one:
        the one named most often lately (a section about one agency names it often)."""
        counts = Counter(m.id for m in self.recent[-20:] if self._section(m.id) == "organisations" and m.certainty >= 0.85)
        if counts:
            best = max(counts.values())
            return next(m.id for m in reversed(self.recent) if counts.get(m.id) == best)
        return self.author or self.subject

    # --- proposing ---------------------------------------------------------------

    def propose(self, section: str, data: dict[str, Any], sentence: Sentence, start: int, end: int,
                confidence: float, rule: str) -> Candidate | None:
        """Add a fact (merging with the same fact found before); returns it."""
        data = {k: v for k, v in data.items() if v not in (None, "", [])}
        if section == "changes":
            identity = {k: v for k, v in data.items() if k not in ("id", "label")}
            stmt_key = ids.statement_id(section, identity)
        else:
            stmt_key = ids.statement_id(section, data)
        s, e = quote_span(sentence, start, end)
        quote = self.doc.text[s:e]
        existing = self.statements.get(stmt_key)
        if existing:
            if quote not in existing.quotes and len(existing.quotes) < MAX_QUOTES:
                existing.quotes.append(quote)
                existing.offsets.append(s)
            existing.confidence = max(existing.confidence, round(confidence, 2))
            return existing
        if section == "changes":
            data = {"id": self.index.mint(data.pop("id"), set(self.new) | {c.data.get("id", "") for c in self.statements.values()}), **data}
        link = "linked" if section != "changes" and stmt_key in self.known_statements else "new"
        candidate = Candidate(section=section, data=data, quotes=[quote], confidence=round(min(confidence, 0.99), 2),
                              link=link, rule=rule, source=self.doc.id, offsets=[s])
        self.statements[stmt_key] = candidate
        return candidate

    def acronym(self, acronym: str, entity_id: str, sentence: Sentence, start: int, end: int,
                confidence: float, rule: str) -> None:
        """Record that ``acronym`` names ``entity_id`` (a new entity gets it in ``acronyms``)."""
        self.doc_acronyms.setdefault(acronym, entity_id)
        s, e = quote_span(sentence, start, end)
        quote = self.doc.text[s:e]
        if entity_id in self.new:
            item = self.new[entity_id]
            acronyms = item.data.setdefault("acronyms", [])
            if acronym not in acronyms:
                acronyms.append(acronym)
            if quote not in item.quotes:
                item.quotes.insert(0, quote)
                item.offsets.insert(0, s)
                del item.quotes[MAX_QUOTES:]
            item.confidence = max(item.confidence, confidence)
            item.rule = rule
            return
        known = self.index.get(entity_id)
        if known is None:
            return
        item = self.linked.get(entity_id)
        if item is None:
            data = {"id": known.id, "name": known.name}
            if known.kind and known.section in ("organisations", "bodies"):
                data["kind"] = known.kind
            item = self.linked[entity_id] = Candidate(
                section=known.section, data=data, quotes=[], confidence=confidence, link="linked",
                rule=rule, source=self.doc.id,
            )
        acronyms = item.data.setdefault("acronyms", [])
        if acronym not in acronyms:
            acronyms.append(acronym)
        if quote not in item.quotes and len(item.quotes) < MAX_QUOTES:
            item.quotes.append(quote)
            item.offsets.append(s)
        item.confidence = max(item.confidence, confidence)

    def results(self) -> list[Candidate]:
        """Entities the facts need (or that carry an acronym), then the facts."""
        facts = list(self.statements.values())
        needed: set[str] = set()
        stack = [r for c in facts for r in c.refs()]
        while stack:
            ref = stack.pop()
            if ref in self.new and ref not in needed:
                needed.add(ref)
                stack += self.new[ref].refs()
        for entity_id, item in self.new.items():
            if item.data.get("acronyms"):
                needed.add(entity_id)
                stack += item.refs()
        while stack:
            ref = stack.pop()
            if ref in self.new and ref not in needed:
                needed.add(ref)
                stack += self.new[ref].refs()
        entities = [c for i, c in self.new.items() if i in needed]
        for c in entities:
            confidences = [f.confidence for f in facts if c.data["id"] in f.refs()]
            c.confidence = round(max([c.confidence, *confidences]), 2)
        out = [*entities, *self.linked.values(), *facts]
        return sorted(out, key=lambda c: (c.offsets[0] if c.offsets else 0))


def _without(name: str, org_names: list[str]) -> str:
    """A post's title without its organisation's name or acronym ("BSCB Independent
    Chair" -> "Independent Chair"), for comparing posts and making ids."""
    org_words = {w for n in org_names for w in norm_name(n).split()}
    kept = [w for w in name.split() if norm_name(w) not in org_words or norm_name(w) in POST_HEADS]
    while kept and norm_name(kept[-1]) in ("of", "for", "the", "and", "at", "in", ""):
        kept.pop()
    while kept and norm_name(kept[0]) in ("the", ""):
        kept.pop(0)
    return " ".join(kept) or name

