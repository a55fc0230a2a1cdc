"""The candidates proposed for one document.

Rules propose a fact with ``propose`` and an acronym with ``acronym``; the linker adds
each new entity it registers with ``add_entity``. The same fact found twice becomes one
candidate with both quotes. Every quote is the sentence of the match (cut around it
when long), a slice of the document's text.
"""

from __future__ import annotations

from typing import Any

from graph.extract.candidates import Candidate
from graph.extract.index import EntityIndex
from graph.extract.text import Sentence, quote_span
from graph.model import ids
from graph.sources.corpus import Document

MAX_QUOTES = 3


class Collector:
    """The new entities, acronyms and facts proposed for ``doc``."""

    def __init__(self, doc: Document, index: EntityIndex, known_statements: set[str]):
        self.doc = doc
        self.index = index
        self.known_statements = known_statements
        self._new: dict[str, Candidate] = {}  # new entities by id
        self._linked: dict[str, Candidate] = {}  # curated entities given an acronym
        self._facts: dict[str, Candidate] = {}  # by statement id

    def _quote(self, sentence: Sentence, start: int, end: int) -> tuple[str, int]:
        s, e = quote_span(sentence, start, end)
        return self.doc.text[s:e], s

    # --- new entities --------------------------------------------------------------

    def add_entity(
        self, entity_id: str, section: str, data: dict[str, Any], sentence: Sentence, start: int, end: int
    ) -> None:
        """A new entity named at [start, end), with ``entity_id`` minted for it."""
        quote, s = self._quote(sentence, start, end)
        self._new[entity_id] = Candidate(
            section=section,
            data={"id": entity_id, **data},
            quotes=[quote],
            confidence=0.6,
            link="new",
            rule="mention",
            source=self.doc.id,
            offsets=[s],
        )

    def new_entity(self, entity_id: str) -> Candidate | None:
        """The candidate of an entity new in this document (None for a curated one)."""
        return self._new.get(entity_id)

    def is_new(self, entity_id: str | None) -> bool:
        return entity_id in self._new

    def new_ids(self) -> set[str]:
        return set(self._new)

    def new_people(self) -> list[Candidate]:
        return [c for c in self._new.values() if c.section == "people"]

    # --- proposing -----------------------------------------------------------------

    def propose(
        self, section: str, data: dict[str, Any], sentence: Sentence, start: int, end: int, confidence: float, rule: str
    ) -> Candidate | None:
        """Add a fact (merging with the same fact found before); returns it."""
        data = {k: v for k, v in data.items() if v not in (None, "", [])}
        if section == "changes":
            identity = {k: v for k, v in data.items() if k not in ("id", "label")}
            stmt_key = ids.statement_id(section, identity)
        else:
            stmt_key = ids.statement_id(section, data)
        quote, s = self._quote(sentence, start, end)
        existing = self._facts.get(stmt_key)
        if existing:
            if quote not in existing.quotes and len(existing.quotes) < MAX_QUOTES:
                existing.quotes.append(quote)
                existing.offsets.append(s)
            existing.confidence = max(existing.confidence, round(confidence, 2))
            return existing
        if section == "changes":
            taken = set(self._new) | {c.data.get("id", "") for c in self._facts.values()}
            data = {"id": self.index.mint(data.pop("id"), taken), **data}
        link = "linked" if section != "changes" and stmt_key in self.known_statements else "new"
        candidate = Candidate(
            section=section,
            data=data,
            quotes=[quote],
            confidence=round(min(confidence, 0.99), 2),
            link=link,
            rule=rule,
            source=self.doc.id,
            offsets=[s],
        )
        self._facts[stmt_key] = candidate
        return candidate

    def facts(self, section: str) -> list[Candidate]:
        """The facts of one section proposed so far."""
        return [c for c in self._facts.values() if c.section == section]

    def withdraw(self, candidate: Candidate) -> None:
        """Take back a fact a later reading showed wrong (its entities go if nothing else needs them)."""
        self._facts = {k: c for k, c in self._facts.items() if c is not candidate}

    def acronym(
        self, acronym: str, entity_id: str, sentence: Sentence, start: int, end: int, confidence: float, rule: str
    ) -> None:
        """Propose that ``acronym`` names ``entity_id``: a new entity gets it in its
        ``acronyms``; a curated one is listed (``link: linked``) with it."""
        quote, s = self._quote(sentence, start, end)
        if entity_id in self._new:
            new = self._new[entity_id]
            acronyms = new.data.setdefault("acronyms", [])
            if acronym not in acronyms:
                acronyms.append(acronym)
            if quote not in new.quotes:
                new.quotes.insert(0, quote)
                new.offsets.insert(0, s)
                del new.quotes[MAX_QUOTES:]
            new.confidence = max(new.confidence, confidence)
            new.rule = rule
            return
        known = self.index.get(entity_id)
        if known is None:
            return
        item = self._linked.get(entity_id)
        if item is None:
            data = {"id": known.id, "name": known.name}
            if known.kind and known.section in ("organisations", "bodies"):
                data["kind"] = known.kind
            item = self._linked[entity_id] = Candidate(
                section=known.section,
                data=data,
                quotes=[],
                confidence=confidence,
                link="linked",
                rule=rule,
                source=self.doc.id,
            )
        acronyms = item.data.setdefault("acronyms", [])
        if acronym not in acronyms:
            acronyms.append(acronym)
        if quote not in item.quotes and len(item.quotes) < MAX_QUOTES:
            item.quotes.append(quote)
            item.offsets.append(s)
        item.confidence = max(item.confidence, confidence)

    def results(self) -> list[Candidate]:
        """Entities the facts need (or that carry an acronym), then the facts, in the
        order the document gives them."""
        facts = list(self._facts.values())
        needed: set[str] = set()
        stack = [r for c in facts for r in c.refs()]
        stack += [i for i, c in self._new.items() if c.data.get("acronyms")]
        while stack:
            ref = stack.pop()
            if ref in self._new and ref not in needed:
                needed.add(ref)
                stack += self._new[ref].refs()
        entities = [c for i, c in self._new.items() if i in needed]
        for c in entities:
            confidences = [f.confidence for f in facts if c.data["id"] in f.refs()]
            c.confidence = round(max([c.confidence, *confidences]), 2)
        out = [*entities, *self._linked.values(), *facts]
        return sorted(out, key=lambda c: c.offsets[0] if c.offsets else 0)
