"""Locating evidence: each curated quote found in its document, with its line.

A step of loading of its own: it fills in each quote's offset and lines (in the
document and in the original pack), and reports the quotes it cannot find. The rules
that run after it read those positions and change nothing.
"""

from __future__ import annotations

import difflib

from graph.errors import Finding
from graph.model.load import Facts
from graph.sources.corpus import Corpus


def locate_evidence(facts: Facts, corpus: Corpus) -> list[Finding]:
    """Find every quote exactly in its named source; a finding for each that is not."""
    findings = []
    docs = sorted(corpus.documents)
    for record in facts.records():
        label = record.id if record.is_entity or record.section == "changes" else record.section[:-1]
        for ev in record.evidence:
            if ev.source not in corpus:
                close = difflib.get_close_matches(ev.source, docs, n=2)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                findings.append(Finding("unknown-source", f"{label}: unknown source '{ev.source}'{hint}", ev.place))
                continue
            doc = corpus[ev.source]
            offset = doc.find(ev.quote)
            if offset < 0:
                closest = " ".join(doc.closest(ev.quote).split())
                findings.append(
                    Finding(
                        "quote-not-found",
                        f"{label}: quote not found in '{ev.source}': {_short(ev.quote)!r}; closest passage: {_short(closest)!r}",
                        ev.place,
                    )
                )
                continue
            ev.offset, ev.line, ev.pack_line = offset, doc.line_of(offset), doc.pack_line_of(offset)
    return findings


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
