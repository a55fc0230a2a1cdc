"""From a new document to candidate facts, each with a verbatim quote and a confidence.

The way through, one module each, each importing only those above it:

    types.py       the plain data the rules hand each other: Mention, Recent, Line, Pending
    text.py        sentences and tokens with their offsets in the document
    lexicon.py     the words the rules know (heads, posts, triggers) and what a name's words say
    candidates.py  a candidate fact, and the candidates file a reviewer reads
    index.py       the curated entities by name, alias and acronym (exact, then fuzzy)
    collector.py   collecting: the candidates proposed for a document, each fact once
    linking.py     linking: a document's names to curated entities, or new ones it registers
    discourse.py   discourse: what "the Board" or "I" means here, the document's subject
    mentions.py    the names in a sentence: organisations, bodies, posts, people
    args.py        trigger phrases and the names they join
    acronyms.py    proposes acronyms: "Child Death Overview Panel (CDOP)", glossary lines
    people.py      proposes appointments ("Name, Post", letters, signature tables) and
                   the memberships of chairs' posts and "Present:" lists
    memberships.py proposes memberships: roles on bodies ("chaired by", "sits on")
    relations.py   proposes relations: lines between entities ("reports to", "is part of")
    changes.py     proposes changes: mergers, replacements, ... with dates

Rule-based: no network and no model. Every quote is a slice of the document's text,
so it occurs there exactly and an accepted candidate passes ``govgraph check``.
"""

from __future__ import annotations

import difflib
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, NotFound, Place
from graph.extract import acronyms, changes, memberships, people, relations, rows, speakers
from graph.extract.candidates import Candidate
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.index import EntityIndex, index_from_facts
from graph.extract.linking import Linker
from graph.extract.mentions import find_mentions, title_subject
from graph.extract.text import Sentence, outside, sentences
from graph.extract.types import Mention, Recent
from graph.model.load import load_facts
from graph.project import Project
from graph.sources.areas import assign_areas
from graph.sources.corpus import Document, load_corpus

CHUNK = 64 * 1024


@dataclass
class Extraction:
    """What ``extract`` proposes for one document, and how long it took."""

    document: Document
    candidates: list[Candidate]
    seconds: float


def chunks(text: str, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """Spans of about ``size`` characters, cut at blank lines so no sentence is split."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = text.rfind("\n\n", pos, end)
            end = cut + 2 if cut > pos else (text.find("\n\n", end) + 2 if text.find("\n\n", end) >= 0 else len(text))
        yield pos, end
        pos = end


def extract_document(
    doc: Document,
    index: EntityIndex,
    known_statements: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Extraction:
    """Candidates for one document, linked against ``index``.

    ``progress`` is called with the number of characters done after each chunk.
    """
    started = time.perf_counter()
    collector = Collector(doc, index, known_statements or set())
    recent = Recent()
    linker = Linker(index, collector, recent)
    discourse = Discourse(doc, linker, recent)
    read = rows.glossaries(linker, discourse, collector)
    _acronyms_first(doc, linker, discourse, collector, read)
    discourse.subject = title_subject(doc, linker, discourse)
    if discourse.subject:
        _title_acronym(doc, linker, discourse.subject)
    if discourse.speaker is None:
        discourse.speaker = _self_named(doc, linker)
    read += rows.find(linker, discourse, collector)
    people.find_blocks(linker, discourse, collector, read)
    people.find_list_blocks(linker, discourse, collector, read)
    discourse.forget()
    for start, end in chunks(doc.text):
        for whole in sentences(doc.text, start, end):
            for sentence in outside(whole, read) if read else (whole,):
                _sentence(sentence, linker, discourse, collector)
        if progress:
            progress(end - start)
    people.settle(linker, collector)
    _acronyms_by_initials(doc, linker, collector)
    return Extraction(doc, collector.results(), time.perf_counter() - started)


# Where a text spells out an acronym: "(KCC)", "KCC (Kelsey ...", a glossary line "KCC – Kelsey ...", "KCC = ...".
_BRACKETED = re.compile(
    r"\(\s*[A-Z][A-Za-z&]{0,2}[A-Z]|\b[A-Z]{2,}[a-z]?\s+\([A-Z]|(?m:^[ \t]*[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&-]{0,8}[ \t]*[–:=\t-])"
    r"|\b[A-Z][A-Za-z&]{0,2}[A-Z]\w* ?= ?[A-Z]"
)


def _acronyms_first(
    doc: Document, linker: Linker, discourse: Discourse, collector: Collector, read: list[tuple[int, int]]
) -> None:
    """Read every sentence that spells out an acronym in brackets before the rest: a title
    ("SLSCB Board Meeting") or a row ("Head of Service, KCC") may use it before the text
    defines it."""
    done = -1
    for found in _BRACKETED.finditer(doc.text):
        at = found.start()
        if at < done:
            continue
        start = max(0, doc.text.rfind("\n\n", 0, at))
        end = doc.text.find("\n\n", at)
        for whole in sentences(doc.text, start, len(doc.text) if end < 0 else end):
            if whole.start <= at < whole.end:
                for sentence in outside(whole, read) if read else (whole,):
                    acronyms.find(sentence, linker, discourse, collector)
                done = whole.end
                break


def _title_acronym(doc: Document, linker: Linker, subject: str) -> None:
    """An acronym the title uses that the text never spells out but that the name of the
    body the document is of spells ("Anytown LSCB minutes" of "Anytown Local Safeguarding
    Children Board"): that body."""
    name = linker.name_of(subject)
    for word in re.findall(r"\b[A-Z]{3,8}\b", doc.title):
        if word not in linker.acronyms and acronyms.fits(word, name) and acronyms.initials_ok(word, name):
            linker.define(word, subject)


def _acronyms_by_initials(doc: Document, linker: Linker, collector: Collector) -> None:
    """An acronym the text uses but never spells out, whose letters are the initials of
    the one body or organisation it names in full ("the LSAB" beside "Lancashire
    Safeguarding Adults Board"): that one's, quoted where the text uses it."""
    first: dict[str, int] = {}
    for found in re.finditer(r"\b[A-Z]{3,7}\b", doc.text):
        first.setdefault(found.group(), found.start())
    bodies = [
        c
        for eid in sorted(collector.new_ids())
        if (c := collector.new_entity(eid)) and c.section in ("organisations", "bodies") and not c.data.get("acronyms")
    ]
    initials = {c.data["id"]: acronyms.initials(c.data["name"]) for c in bodies}
    for word, at in first.items():
        linked = linker.acronyms.get(word)  # read as that body's already
        fits = [c for c in bodies if initials[c.data["id"]] == word and linked in (None, c.data["id"])]
        if len(fits) != 1 or _spelled_out(doc.text, word):  # the text-wide search only for a fit
            continue
        sentence = next(
            s for s in sentences(doc.text, max(0, doc.text.rfind("\n", 0, at)), len(doc.text)) if s.end > at
        )
        collector.acronym(word, fits[0].data["id"], sentence, at, at + len(word), 0.7, "acronym-initials")


def _spelled_out(text: str, word: str) -> bool:
    """Whether the text spells the acronym out somewhere, as whatever it is ("a detailed
    Safeguarding Audit Tool (SAT)", a glossary line "RHRT Right Help, Right Time")."""
    if re.search(rf"\(\s*{word}\s*\)|\b{word}\s*\(", text):
        return True
    rows = re.findall(rf"(?m)^[ \t]*{word}\b[ \t:–=-]*(.*)$", text)
    return any(acronyms.initials(" ".join(rest.split()[: 2 * len(word)])).startswith(word) for rest in rows)


_I_AM = re.compile(r"\bI am ((?:Dr\.? |Professor )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})(?=,|\s+and\b|\.)")


def _self_named(doc: Document, linker: Linker) -> Mention | None:
    """Who "I" is in a text whose author names themselves ("I am Jane Smith, the
    Independent Scrutineer ..."), when the manifest does not say."""
    found = _I_AM.search(doc.text)
    if found is None:
        return None
    start, end = found.span(1)
    sentence = next(
        (
            s
            for s in sentences(doc.text, max(0, start - 300), min(len(doc.text), end + 300))
            if s.start <= start < s.end
        ),
        None,
    )
    return linker.person(found.group(1), None, sentence, start, end) if sentence else None


def _sentence(sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector) -> None:
    """Every rule on one sentence."""
    acronyms.find(sentence, linker, discourse, collector)
    mentions = find_mentions(sentence, linker, discourse)
    if not mentions:
        relations.find(sentence, mentions, linker, discourse, collector)  # a heading "Our sub-groups" names none
        discourse.began(sentence, mentions)
        return
    people.find(sentence, mentions, linker, discourse, collector)
    people.find_lists(sentence, mentions, linker, discourse, collector)
    speakers.find(sentence, mentions, linker, discourse, collector)
    memberships.find(sentence, mentions, linker, discourse, collector)
    relations.find(sentence, mentions, linker, discourse, collector)
    changes.find(sentence, mentions, linker, discourse, collector)
    discourse.began(sentence, mentions)


def extract(project_root: Path, source_id: str, progress: Callable[[int], None] | None = None) -> Extraction:
    """Candidates for the registered document ``source_id`` of a project."""
    project = Project(project_root)
    project.require()
    corpus = load_corpus(project.sources)
    if source_id not in corpus:
        close = difflib.get_close_matches(source_id, list(corpus.documents), n=3)
        raise NotFound(
            f"no document '{source_id}' in {project.sources / 'manifest.yaml'}"
            " (register it with `govgraph add-source`)",
            candidates=close,
        )
    doc = corpus[source_id]
    if not doc.text.strip():
        raise InputError(
            f"document '{source_id}' is empty: nothing to extract", place=Place(str(doc.file)), rule="empty"
        )
    facts, _ = load_facts(project.facts)
    assign_areas(facts, corpus)
    index = index_from_facts(facts, area=doc.area)
    known = {r.id for r in facts.statements}
    return extract_document(doc, index, known, progress)
