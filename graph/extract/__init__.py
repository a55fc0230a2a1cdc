"""From a new document to candidate facts, each with a verbatim quote and a confidence.

The way through, one module each:

    text.py        sentences and tokens with their offsets in the document
    index.py       the curated entities by name, alias and acronym (exact, then fuzzy)
    mentions.py    the names in a sentence: organisations, bodies, posts, people
    context.py     per-document state: new entities, "the Board" resolution, merging
    acronyms.py    "Child Death Overview Panel (CDOP)", glossary lines
    people.py      people with posts: "Name, Post", address blocks, signature tables
    relations.py   roles on bodies ("chaired by", "sits on")
    lines.py       lines between entities ("reports to", "hosted by", "is part of")
    changes.py     mergers, acquisitions, transfers, replacements, ... with dates
    candidates.py  the candidates file a reviewer reads

Rule-based: no network and no model. Every quote is a slice of the document's text,
so it occurs there exactly and an accepted candidate passes ``govgraph check``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.extract import acronyms, changes, lines, people, relations
from graph.extract.candidates import Candidate
from graph.extract.context import Context
from graph.extract.index import EntityIndex, index_from_facts
from graph.extract.mentions import find_mentions
from graph.extract.text import sentences
from graph.sources.corpus import Document

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
    ctx = Context(doc, index, known_statements or set())
    people.find_blocks(ctx)
    people.find_list_blocks(ctx)
    ctx.recent.clear()
    for start, end in chunks(doc.text):
        for sentence in sentences(doc.text, start, end):
            acronyms.find(sentence, ctx)
            mentions = find_mentions(sentence, ctx)
            if len(mentions) < 1:
                continue
            people.find(sentence, ctx, mentions)
            people.find_lists(sentence, ctx, mentions)
            relations.find_roles(sentence, ctx, mentions)
            lines.find(sentence, ctx, mentions)
            changes.find(sentence, ctx, mentions)
        if progress:
            progress(end - start)
    return Extraction(doc, ctx.results(), time.perf_counter() - started)


def extract(project_root: Path, source_id: str, progress: Callable[[int], None] | None = None) -> Extraction:
    """Candidates for the registered document ``source_id`` of a project."""
    from graph.errors import InputError, NotFound, Place
    from graph.model.load import load_facts
    from graph.project import Project
    from graph.sources.corpus import load_corpus

    project = Project(project_root)
    project.require()
    corpus = load_corpus(project.sources)
    if source_id not in corpus:
        import difflib

        close = difflib.get_close_matches(source_id, list(corpus.documents), n=3)
        raise NotFound(f"no document '{source_id}' in {project.sources / 'manifest.yaml'}"
                       " (register it with `govgraph add-source`)", candidates=close)
    doc = corpus[source_id]
    if not doc.text.strip():
        raise InputError(f"document '{source_id}' is empty: nothing to extract", place=Place(str(doc.file)), rule="empty")
    facts, _ = load_facts(project.facts)
    index = index_from_facts(facts)
    known = {r.id for r in facts.statements}
    return extract_document(doc, index, known, progress)
