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
from typing import TYPE_CHECKING, Any

from graph.extract.candidates import Candidate
from graph.extract.index import EntityIndex, head_of, is_generic
from graph.extract.lexicon import (
    COUNCIL_POSTS,
    HONORIFICS,
    KIND_HINTS,
    POST_ABBREVIATIONS,
    POST_HEADS,
)
from graph.extract.text import Sentence, quote_span, tokenize
from graph.model import ids
from graph.model.schema import CHAIR_ROLES
from graph.names import normalise, slug
from graph.sources.corpus import Document

if TYPE_CHECKING:
    from graph.extract.lines import Pending

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
    organisation: str | None = None  # a post's organisation when the text names it

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
        if f" {words} " in low and (s == "organisations" or section == "bodies"):
            return s, k
    if head == "trust":  # not an NHS trust (those carry a hint): a charity, a company, ...
        return "organisations", "other"
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
        self._new_first: set[str] = set()
        self._fuzzy: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self.recent: list[Mention] = []
        self._sole_council: str | None = None
        self.first_names: dict[str, str] = {}  # first name -> the person last named with it
        self.author = self._find(doc.author) if doc.author else None
        speaker = self._find(doc.author.split(",")[0], ("people",)) if doc.author else None
        self.speaker = Mention(0, 0, doc.author, "person", speaker, False, 0.9) if speaker else None
        self.speaker_post = self._author_post(doc.author) if speaker and doc.author else None
        self.subject: str | None = None
        self.subject = self._subject(doc.title)
        self.pending: Pending | None = None  # a list announced by a colon, waiting for its bullets

    # --- linking -----------------------------------------------------------------

    def _find(self, text: str, sections: tuple[str, ...] = ("organisations", "bodies")) -> str | None:
        found = [i for i in self.index.lookup(text) if self.index.entities[i].section in sections]
        if len(found) == 1:
            return found[0]
        for part in [p.strip() for p in re.split(r",| and ", text)]:
            found = [i for i in self.index.lookup(part) if self.index.entities[i].section in sections]
            if len(found) == 1:
                return found[0]
        return None

    def _author_post(self, author: str) -> Mention | None:
        """The curated post an author signs with ("Jane Smith, Independent Chair, Anytown
        Partnership"): the capacity in which "I report to ..." is said."""
        from graph.extract.mentions import role_of

        parts = [p.strip() for p in author.split(",")]
        organisation = self._find(", ".join(parts[2:])) if len(parts) >= 3 else None
        if not organisation:
            return None
        post = self._link_post(parts[1], organisation, role_of(parts[1]))
        return Mention(0, 0, parts[1], "post", post, False, 0.9, organisation=organisation) if post else None

    def _subject(self, title: str) -> str | None:
        """The body a document is about: one its title names, curated or (if the text
        prints its name too, for evidence) new."""
        from graph.extract.mentions import find_mentions

        sentence = Sentence(0, len(title), title, tokenize(title))
        for m in find_mentions(sentence, self, register=False):
            if m.kind == "entity" and not m.new and self.index.entities[m.id].section == "bodies":
                return m.id
        from graph.extract.mentions import head_end, name_of, runs

        for i, j in runs(sentence):
            end = head_end(sentence.tokens, i, j)
            while end > i:
                name = name_of(sentence, i, end)
                at = self.doc.text.lower().find(name.lower())  # a heading may print it in capitals
                if at >= 0 and guess_kind(name)[0] == "bodies" and len(name.split()) >= 2:
                    line_start = self.doc.text.rfind("\n", 0, at) + 1
                    line_end = self.doc.text.find("\n", at)
                    line = Sentence(line_start, line_end if line_end >= 0 else len(self.doc.text),
                                    self.doc.text[line_start : line_end if line_end >= 0 else None])
                    found = self.entity(name, line, at, at + len(name), sections=("bodies",))
                    return found.id if found else None
                i += 1
        return None

    def link(self, text: str, sections: tuple[str, ...], fuzzy: bool = True,
             key: tuple[str, ...] | None = None) -> tuple[str | None, float]:
        """A curated or already-registered entity for a name: (id, certainty)."""
        stripped = text.strip()
        if stripped in self.doc_acronyms:
            return self.doc_acronyms[stripped], 1.0
        key = key if key is not None else tuple(normalise(stripped).split())
        found = [i for i in self.index.lookup(stripped, key=" ".join(key)) if self.section_of(i) in sections]
        if len(found) == 1:
            return found[0], 1.0
        if len(found) > 1:
            recent = [m.id for m in reversed(self.recent) if m.id in found]
            return (recent[0], 0.85) if recent else (None, 0.0)
        joined = " ".join(key)
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
        return norm in self.index.first_words or norm in self._new_first or word in self.doc_acronyms

    def section_of(self, entity_id: str) -> str:
        """"organisations", "bodies", "people" or "posts" for a curated or new entity."""
        known = self.index.get(entity_id)
        if known:
            return known.section
        return self.new[entity_id].section if entity_id in self.new else ""

    def organisation_of(self, post_id: str) -> str | None:
        """The organisation of a curated or new post."""
        known = self.index.get(post_id)
        if known:
            return known.organisation
        return self.new[post_id].data.get("organisation") if post_id in self.new else None

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
               parent: str | None = None, register: bool = True, kind_of: str | None = None) -> Mention | None:
        """An organisation or body named at [start, end); a new one is registered (its kind
        guessed from ``kind_of``, the unit in "Safeguarding Team of X", or the name)."""
        section, kind = guess_kind(kind_of or name)
        sections = sections or ("organisations", "bodies")
        entity_id, certainty = self.link(name, sections)
        if entity_id:
            return self.remember(Mention(start, end, name, "entity", entity_id, entity_id in self.new, certainty, head_of(kind_of or name)))
        if is_generic(name):
            target = self.generic(head_of(name))
            return Mention(start, end, name, "entity", target, target in self.new, 0.8, head_of(name)) if target else None
        if not register:
            return None
        data: dict[str, Any] = {"name": name, "kind": kind}
        if parent and self.section_of(parent) in ("organisations", "bodies"):
            data["parent"] = parent
        new_id = self._register(section, name, data, sentence, start, end, base=name)
        return self.remember(Mention(start, end, name, "entity", new_id, True, 0.9, head_of(kind_of or name)))

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

    def surname(self, word: str) -> str | None:
        """The one curated or new person with this surname ("Cllr Booth"), if only one."""
        key = normalise(word)
        found = {e.id for e in self.index.entities.values() if e.section == "people" and normalise(e.name).split()[-1:] == [key]}
        found |= {i for i, c in self.new.items() if c.section == "people" and normalise(str(c.data["name"])).split()[-1:] == [key]}
        return found.pop() if len(found) == 1 else None

    def first_name(self, word: str) -> str | None:
        """Who "Simon" is ("Simon's line manager"): the last Simon the text named, or the
        one curated or new person with that first name."""
        key = normalise(word)
        if key in self.first_names:
            return self.first_names[key]
        found = {e.id for e in self.index.entities.values() if e.section == "people" and normalise(e.name).split()[:1] == [key]}
        found |= {i for i, c in self.new.items() if c.section == "people" and normalise(str(c.data["name"])).split()[:1] == [key]}
        return found.pop() if len(found) == 1 else None

    def post(self, name: str, organisation: str | None, role: str | None, sentence: Sentence, start: int, end: int,
             register: bool = True) -> Mention | None:
        """A post; linked to a curated post of the same organisation where one fits."""
        named = organisation
        if not organisation:
            organisation = self.default_organisation(name, role)
        entity_id = self._link_post(name, organisation, role)
        if entity_id:
            return Mention(start, end, name, "post", entity_id, entity_id in self.new, 0.9, organisation=named)
        if not register or not organisation:
            return None
        data: dict[str, Any] = {"name": name, "organisation": organisation}
        if role:
            data["role"] = role
        core = slug(post_core(name, self.forms_of(organisation)) or name, 40)
        new_id = self._register("posts", name, data, sentence, start, end,
                                base=f"{slug(organisation, 58 - len(core))}-{core}", key=f"{organisation} {name}")
        return Mention(start, end, name, "post", new_id, True, 0.85, organisation=named)

    def _link_post(self, name: str, organisation: str | None, role: str | None) -> str | None:
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
        from rapidfuzz import fuzz

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

    def _register(self, section: str, name: str, data: dict[str, Any], sentence: Sentence, start: int, end: int,
                  base: str, key: str | None = None) -> str:
        lookup = (section, normalise(key or name))
        if lookup in self._new_keys:
            return self._new_keys[lookup]
        new_id = self.index.mint(base, set(self.new))
        s, e = quote_span(sentence, start, end)
        self.new[new_id] = Candidate(
            section=section, data={"id": new_id, **data}, quotes=[self.doc.text[s:e]], confidence=0.6,
            link="new", rule="mention", source=self.doc.id, offsets=[s],
        )
        self._new_keys[lookup] = new_id
        self._new_first.update(lookup[1].split()[:1])
        return new_id

    def remember(self, mention: Mention) -> Mention:
        if mention.certainty >= 0.85:
            self.recent.append(mention)
            del self.recent[:-RECENT]
        return mention

    def generic(self, head: str, own_first: bool = False) -> str | None:
        """What "the Board" / "the Trust" means here: the last one the text named (with
        ``own_first``, the document's own board or author first: "Board Manager")."""
        for candidate in (self.subject, self.author) if own_first else ():
            if candidate and head_of(self.name_of(candidate)) == head:
                return candidate
        curated_council = self.council() if head in ("council", "authority") else None
        for m in reversed(self.recent):
            if (m.head == head or m.head.endswith("-" + head)) and m.certainty >= 0.85:
                if curated_council and m.new:
                    continue  # "the Council" is a curated council, not "... Meeting of the City Council"
                return m.id  # "the group" may be the "... Sub-Group" just named
        if curated_council:
            return curated_council
        for candidate in (self.subject, self.author):
            if candidate and head_of(self.name_of(candidate)) == head:
                return candidate
        generic = self.index.generic.get(head, set())
        for candidate in (self.subject, self.author):
            if candidate in generic:
                return candidate
        if head in ("council", "authority"):  # "the Council": the council the document belongs to
            return self.council()
        return None

    def last_body(self, within: int | None = None, before: int | None = None) -> str | None:
        """The body (or organisation) the text named last, optionally only recently."""
        for m in reversed(self.recent):
            if before is not None and m.start >= before:
                continue
            if within is not None and before is not None and before - m.end > within:
                return None
            if self.section_of(m.id) == "bodies" and m.certainty >= 0.85:
                return m.id
        return None

    def default_organisation(self, title: str, role: str | None, listed: bool = False) -> str | None:
        """Whose post a title is when the text does not say: a chair chairs what the
        document is about; a councillor's post ("Cabinet Member", "Lead Member") is the
        council's; a person listed with a post ("Jane Smith, Head of Service") is most
        often the author's; a post named in prose, the organisation the text is about."""
        if role:
            return self.subject or self.current_organisation()
        words = set(normalise(title).split())
        if words & COUNCIL_POSTS:
            council = self.council()
            if council:
                return council
        if listed and self.author:
            return self.author
        return self.current_organisation()

    def council(self) -> str | None:
        """The council the document belongs to: its author, the council last named, or
        the one council curated (a project is most often one council's)."""
        if self.author and self.index.get(self.author) and self.index.entities[self.author].kind == "council":
            return self.author
        for m in reversed(self.recent):
            known = self.index.get(m.id)
            if known and known.kind == "council":
                return m.id
        if self._sole_council is None:
            councils = [e.id for e in self.index.entities.values() if e.kind == "council"]
            self._sole_council = councils[0] if len(councils) == 1 else ""
        return self._sole_council or None

    def current_organisation(self) -> str | None:
        """The organisation the text is talking about, for posts printed without one:
        the one named most often lately (a section about one agency names it often)."""
        counts = Counter(m.id for m in self.recent[-20:] if self.section_of(m.id) == "organisations" and m.certainty >= 0.85)
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
            new = self.new[entity_id]
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
        stack += [i for i, c in self.new.items() if c.data.get("acronyms")]
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
