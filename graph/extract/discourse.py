"""What the text is talking about, from one sentence to the next.

The discourse remembers the entities the text named lately, so that "the Board", "this
Partnership" or "the Council" resolve to the one the text means; it knows the
document's author, who "I" is and in what capacity, and the body the document is
about; and it says whose post a title is when the text does not.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from graph.extract.lexicon import (
    BOARD_PLACES,
    COUNCIL_POSTS,
    HEADS,
    NOT_NAMES,
    guess_kind,
    head_of,
    is_generic,
    role_of,
    word_key,
)
from graph.extract.linking import Linker, post_core
from graph.extract.text import Sentence, tokenize
from graph.extract.types import Mention, Pending, Recent
from graph.names import normalise, slug
from graph.sources.corpus import Document

# Bodies that are groups of the body whose name they start with ("BSCB Executive Board").
_GROUP_KINDS = {"sub-group", "group", "committee", "panel", "forum", "executive-board", "steering-group"}
# "The Committee received the annual report ...": minutes of a committee on another body's paper.
_MEETING = re.compile(
    r"\b(?:The|the)\s+(Committee|Sub-Committee|Panel|Cabinet|Commission|Board|Forum)\s+(?:received|considered|noted|"
    r"welcomed|reviewed|scrutinised|discussed|was\s+presented\s+with)\b"
)
# Bodies of a council's members, which no independent chair or lay member sits on as such.
_COUNCILLORS_BODIES = {"committee", "cabinet", "sub-committee"}
# A post proposed without an organisation says so, and is less sure than one with.
UNATTRIBUTED = "organisation not stated in the text: add the post's organisation before accepting"
UNSURE = 0.6


_IT = re.compile(r"^\W*It\s+(?:[a-z]+\s+){0,3}$")


class Discourse:
    """The reader's memory of one document."""

    def __init__(self, doc: Document, linker: Linker, recent: Recent):
        self.doc = doc
        self.linker = linker
        self.recent = recent
        self.first_names: dict[str, str] = {}  # first name -> the person last named with it
        self.pending: Pending | None = None  # a list announced by a colon, waiting for its bullets
        self._sole_council: str | None = None
        self._meeting: str | None = None
        self.chairs: dict[str, str] = {}  # body -> the person the text said chairs it
        self.affiliations: dict[str, str] = {}  # person -> the organisation the text said they are with
        self.groups: list[Mention] = []  # the sub-groups the text listed under their owner
        self._fuller: dict[str, tuple[str, Sentence, int, int] | None] = {}  # name -> its fuller form
        self.author = linker.find(doc.author) if doc.author else None
        speaker = linker.find(doc.author.split(",")[0], ("people",)) if doc.author else None
        self.speaker = Mention(0, 0, doc.author, "person", speaker, False, 0.9) if speaker else None
        self.speaker_post = self._author_post(doc.author) if speaker and doc.author else None
        self.subject: str | None = None  # the body the document is about (``mentions.title_subject``)
        self.topic: Mention | None = None  # the name the last sentence began with: what "It" means next
        self.person: Mention | None = None  # the person last named: whom "he" or "she" means next

    def _author_post(self, author: str) -> Mention | None:
        """The curated post an author signs with ("Jane Smith, Independent Chair, Anytown
        Partnership"): the capacity in which "I report to ..." is said."""
        parts = [p.strip() for p in author.split(",")]
        organisation = self.linker.find(", ".join(parts[2:])) if len(parts) >= 3 else None
        if not organisation:
            return None
        post = self.linker.link_post(parts[1], organisation, role_of(parts[1]))
        return Mention(0, 0, parts[1], "post", post, False, 0.9, organisation=organisation) if post else None

    # --- remembering ---------------------------------------------------------------

    def remember(self, mention: Mention) -> Mention:
        """Keep a mention in mind if it is sure enough to be referred back to."""
        if mention.certainty >= 0.85:
            self.recent.add(mention)
        return mention

    def forget(self) -> None:
        """Forget the mentions so far (the layout passes read the whole document first)."""
        self.recent.clear()
        self.person = None

    def began(self, sentence: Sentence, mentions: list[Mention]) -> None:
        """Remember the name a sentence begins with ("The Panel meets ... It reports to"),
        unless it begins "It", which goes on meaning the same; and the last person it named."""
        self.person = next((m for m in reversed(mentions) if m.kind == "person"), self.person)
        first = mentions[0] if mentions else None
        lead = sentence.between(sentence.start, first.start) if first else ""
        if first and first.kind == "entity" and first.id and re.fullmatch(r"\W*(?:the|this|our)?\s*", lead, re.I):
            self.topic = first
        elif not re.match(r"\W*It\b", sentence.text):
            self.topic = None

    def it_means(self, before: str) -> Mention | None:
        """What "It" means in a sentence whose words before a verb are ``before`` ("It is
        chaired by", "It reports to"): the name the sentence before began with."""
        return self.topic if self.topic and _IT.match(before) else None

    def heard_person(self, first_name: str, person_id: str) -> None:
        """The text named a person: "Simon" now means them."""
        self.first_names[first_name] = person_id

    # --- what the text refers to ---------------------------------------------------

    def first_name(self, word: str) -> str | None:
        """Who "Simon" is ("Simon's line manager"): the last Simon the text named, or the
        one curated or new person with that first name."""
        key = normalise(word)
        if key in self.first_names:
            return self.first_names[key]
        return self.linker.person_by_first_name(word)

    def mention_of(self, entity_id: str) -> Mention:
        """A body the text means without naming it here (the one the document is about),
        as a mention outside any sentence."""
        linker = self.linker
        return Mention(0, 0, linker.name_of(entity_id), "entity", entity_id, linker.is_new(entity_id), 0.85)

    def generic(self, head: str, own_first: bool = False, the: bool = False) -> str | None:
        """What "the Board" / "the Trust" means here: the last one the text named ("this
        Board" always); with ``own_first``, the document's own board or author first
        ("Board Manager"); with ``the``, the body the document is of first ("The Board
        reports to ..." in a board's own paper, though another board was named last)."""
        name_of = self.linker.name_of
        for candidate in (self.subject, self.author) if own_first else (self.subject,) if the else ():
            if candidate and (head_of(name_of(candidate)) == head or _initial_of(name_of(candidate), head)):
                return candidate
        curated_council = self.council() if head in ("council", "authority") else None
        body = HEADS.get(head, ("", ""))[0] == "bodies"
        for m in self.recent.latest():
            if (m.head == head or m.head.endswith("-" + head)) and m.certainty >= 0.85:
                if curated_council and m.new:
                    continue  # "the Council" is a curated council, not "... Meeting of the City Council"
                if body and self.linker.section_of(m.id) == "organisations":
                    continue  # "the Board" is a board, not the "... Integrated Care Board" (an NHS body)
                return m.id  # "the group" may be the "... Sub-Group" just named
        if curated_council:
            return curated_council
        for candidate in (self.subject, self.author):
            if candidate and head_of(name_of(candidate)) == head:
                return candidate
        generic = self.linker.index.generic.get(head, set())
        for candidate in (self.subject, self.author):
            if candidate in generic:
                return candidate
        if head in ("council", "authority"):  # "the Council": the council the document belongs to
            return self.council()
        if (
            the
            and head in ("board", "partnership")
            and self.subject
            and head_of(name_of(self.subject)) in ("", "board", "partnership")
        ):
            return self.subject  # "the Board" in a paper of "the LSCP" (named by its acronym), none other named
        return None

    def _councillors_body(self, body: str) -> bool:
        """A council's committee or cabinet, which no independent chair or lay member sits on as such."""
        return head_of(self.linker.name_of(body)) in _COUNCILLORS_BODIES

    def meeting(self) -> str | None:
        """The head word of the body whose meeting the text minutes when that is not the
        body the document is of ("The Committee received the Board's annual report")."""
        if self._meeting is None:
            found = _MEETING.search(self.doc.text)
            head = found.group(1).lower() if found else ""
            own = head_of(self.linker.name_of(self.subject)) if self.subject else ""
            self._meeting = head if head and head != own else ""
        return self._meeting or None

    def last_body(self, within: int | None = None, before: int | None = None) -> str | None:
        """The body (or organisation) the text named last, optionally only recently."""
        for m in self.recent.latest():
            if before is not None and m.start >= before:
                continue
            if within is not None and before is not None and before - m.end > within:
                return None
            if self.linker.section_of(m.id) == "bodies" and m.certainty >= 0.85:
                return m.id
        return None

    def council(self) -> str | None:
        """The council the document belongs to: its author, the council last named, or
        the one council curated (a project is most often one council's)."""
        index = self.linker.index
        if self.author and self.author in index and index.entities[self.author].kind == "council":
            return self.author
        for m in self.recent.latest():
            known = index.get(m.id)
            if known and known.kind == "council":
                return m.id
        if self._sole_council is None:  # only one the document names: another council's text is not about it
            councils = [e for e in index.entities.values() if e.kind == "council"]
            named = len(councils) == 1 and any(f and f in self.doc.text for f in councils[0].forms)
            self._sole_council = councils[0].id if named else ""
        return self._sole_council or None

    def current_organisation(self) -> str | None:
        """The organisation the text is talking about, for posts printed without one:
        the one named most often lately (a section about one agency names it often)."""
        counts = Counter(
            m.id
            for m in self.recent.last(20)
            if self.linker.section_of(m.id) == "organisations" and m.certainty >= 0.85
        )
        if counts and max(counts.values()) >= 2:  # named once, it may be any partner
            best = max(counts.values())
            return next(m.id for m in self.recent.latest() if counts.get(m.id) == best)
        return self.author or self.subject

    def default_organisation(self, title: str, role: str | None, listed: bool = False) -> str | None:
        """Whose post a title is when the text does not say: a chair chairs what the
        document is about; a councillor's post ("Cabinet Member", "Lead Member") is the
        council's; a person listed with a post ("Jane Smith, Head of Service") is most
        often the author's; a post named in prose, the organisation the text is about.
        A place on a board ("Lay Member", "Independent Scrutineer") is the board's."""
        words = normalise(title).split()
        place = " ".join(words) in BOARD_PLACES
        if role or place:
            if (place or "independent" in words) and self.subject and self._councillors_body(self.subject):
                # "Jo Bell (Independent Chair)" in a council committee's minutes: not the
                # committee's, but the board the text has just named, if any
                return next(
                    (
                        m.id
                        for m in self.recent.latest()
                        if m.id and self.linker.section_of(m.id) == "bodies" and not self._councillors_body(m.id)
                    ),
                    None,
                )
            return self.subject  # with no body the text is of, whose it is the text does not say
        if set(words) & COUNCIL_POSTS:
            council = self.council()
            if council:
                return council
        if listed:
            return self.author  # a guess from the text's other names would as often be wrong
        return self.current_organisation()

    # --- names in context ----------------------------------------------------------

    def entity(
        self,
        name: str,
        sentence: Sentence,
        start: int,
        end: int,
        *,
        sections: tuple[str, ...] | None = None,
        parent: str | None = None,
        register: bool = True,
        kind_of: str | None = None,
    ) -> Mention | None:
        """An organisation or body named at [start, end): linked; for a bare head word,
        what the text means by it; or a new one registered (its kind guessed from
        ``kind_of``, the unit in "Safeguarding Team of X", or the name)."""
        section, kind = guess_kind(kind_of or name)
        sections = sections or ("organisations", "bodies")
        entity_id, certainty = self.linker.link(name, sections)
        if entity_id:
            return self.remember(
                Mention(
                    start,
                    end,
                    name,
                    "entity",
                    entity_id,
                    self.linker.is_new(entity_id),
                    certainty,
                    head_of(kind_of or name),
                )
            )
        if is_generic(name):
            target = self.generic(head_of(name))
            if target or not name.isupper():  # "ICB" the text has not named otherwise: an organisation
                return (
                    Mention(start, end, name, "entity", target, self.linker.is_new(target), 0.8, head_of(name))
                    if target
                    else None
                )
        if not register:
            return None
        named = self._named_in_full(name) or self._spelt_by(name)
        if named:
            return self.remember(
                Mention(start, end, name, "entity", named, self.linker.is_new(named), 0.85, head_of(name))
            )
        the = re.search(r"\b(?i:the)\s+$", sentence.between(max(sentence.start, start - 5), start))
        fuller = self._named_in_full_elsewhere(name) if the else None
        if fuller:  # "The Safeguarding Partnership is governed by ..." where the page names "Hillingdon ..." too
            full, line, a, b = fuller
            new_id = self.linker.register(section, full, {"name": full, "kind": kind}, line, a, b, base=full)
            return self.remember(Mention(start, end, name, "entity", new_id, True, 0.9, head_of(name)))
        data: dict[str, Any] = {"name": name, "kind": kind}
        if parent and self.linker.section_of(parent) in ("organisations", "bodies"):
            data["parent"] = parent
        new_id = self.linker.register(section, name, data, sentence, start, end, base=name)
        if "parent" in data and kind in _GROUP_KINDS and kind_of is None:  # "the LSCP Scrutiny Sub-Group" is the LSCP's
            self.linker.collector.propose(
                "relations",
                {"subject": new_id, "kind": "part-of", "object": parent},
                sentence,
                start,
                end,
                0.7,
                "name-parent",
            )
        return self.remember(Mention(start, end, name, "entity", new_id, True, 0.9, head_of(kind_of or name)))

    def _named_in_full(self, name: str) -> str | None:
        """The entity the text named lately whose name ends with this shorter one ("the
        Scrutiny Sub-Group" after "the LSCP Scrutiny Sub-Group"): the same body."""
        words = normalise(name).split()
        head = head_of(name)
        if len(words) < 2 or not head:
            return None
        tail = " " + " ".join(words)
        for m in self.recent.latest():
            if m.kind != "entity" or not m.id or m.head != head:
                continue
            if (" " + normalise(self.linker.name_of(m.id))).endswith(tail):
                return m.id if normalise(self.linker.name_of(m.id)) != " ".join(words) else None
        return None

    def _spelt_by(self, name: str) -> str | None:
        """The body the text named lately whose initials an acronym it never spells out
        stands for ("the SAB" after "the Safeguarding Adults Board"): that body."""
        if not (name.isupper() and name.isalpha() and 2 < len(name) <= 6):
            return None
        for m in self.recent.latest():
            if m.kind == "entity" and m.id and _initials(self.linker.name_of(m.id)) == name:
                self.linker.define(name, m.id)
                return m.id
        return None

    def _named_in_full_elsewhere(self, name: str) -> tuple[str, Sentence, int, int] | None:
        """A body's name the document prints, once, with a place before it ("the Safeguarding
        Partnership", and elsewhere "Hillingdon Safeguarding Partnership"): that fuller name,
        where it is printed, so that its evidence names it."""
        if len(name.split()) < 2 or not head_of(name):
            return None
        if name not in self._fuller:
            self._fuller[name] = self._fuller_form(name)
        return self._fuller[name]

    def _fuller_form(self, name: str) -> tuple[str, Sentence, int, int] | None:
        text = self.doc.text
        found: dict[str, tuple[int, int]] = {}
        for at in re.finditer(rf"(?<= ){re.escape(name)}\b", text):  # each time the name is printed...
            place = _PLACE_BEFORE.search(text, max(0, at.start() - 80), at.start())  # ...with words before it
            if place and not any(_not_a_place(w) for w in place.group(1).split()):
                found.setdefault(place.group(1), (place.start(), at.end()))
        if len(found) != 1:
            return None
        (words, (start, end)), *_ = found.items()
        a, b = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        b = len(text) if b < 0 else b
        line = Sentence(a, b, text[a:b], tokenize(text[a:b], a))
        return f"{words}{name}", line, start, end

    def post(
        self,
        name: str,
        organisation: str | None,
        role: str | None,
        sentence: Sentence,
        start: int,
        end: int,
        register: bool = True,
        guess: bool = True,
    ) -> Mention | None:
        """A post; of the organisation the text is about when it names none (unless
        ``guess`` is off: the caller has guessed already); linked to a curated post of
        the same organisation where one fits."""
        named = organisation
        if not organisation and guess:
            organisation = self.default_organisation(name, role)
        entity_id = self.linker.link_post(name, organisation, role)
        if entity_id:
            return Mention(start, end, name, "post", entity_id, self.linker.is_new(entity_id), 0.9, organisation=named)
        if not register:
            return None
        if not organisation:
            return self._unattributed_post(name, role, sentence, start, end)
        data: dict[str, Any] = {"name": name, "organisation": organisation}
        if role:
            data["role"] = role
        core = slug(post_core(name, self.linker.forms_of(organisation)) or name, 40)
        new_id = self.linker.register(
            "posts",
            name,
            data,
            sentence,
            start,
            end,
            base=f"{slug(organisation, 58 - len(core))}-{core}",
            key=f"{organisation} {name}",
        )
        return Mention(start, end, name, "post", new_id, True, 0.85, organisation=named)

    def _unattributed_post(self, name: str, role: str | None, sentence: Sentence, start: int, end: int) -> Mention:
        """A post the text names without saying whose it is: proposed without an
        organisation, with a note saying so, and less sure (a reviewer adds the
        organisation before accepting it; ``--accept-all-above`` leaves it)."""
        data: dict[str, Any] = {"name": name, "note": UNATTRIBUTED}
        if role:
            data["role"] = role
        new_id = self.linker.register("posts", name, data, sentence, start, end, base=name, key=f"? {name}")
        return Mention(start, end, name, "post", new_id, True, UNSURE, organisation=None)


# One or two capitalised words right before a name ("Hillingdon Safeguarding Partnership").
_PLACE_BEFORE = re.compile(r"\b((?:[A-Z][\w'’&-]+ ){1,2})$")


def _not_a_place(word: str) -> bool:
    """A word before a name that does not make it a fuller name of the same body ("New",
    "The", "QEH's", an acronym, a head word)."""
    return word_key(word) in NOT_NAMES or bool(head_of(word)) or word.isupper() or word.endswith(("'s", "’s"))


def _initials(name: str) -> str:
    """ "Safeguarding Adults Board" -> "SAB": the capitals that start its words."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _initial_of(name: str, head: str) -> bool:
    """ "LSAB" for "the Board": a body known only by its acronym, whose last letter is the
    head word's initial."""
    return name.isupper() and name.isalpha() and 2 < len(name) <= 6 and name[-1] == head[:1].upper()
