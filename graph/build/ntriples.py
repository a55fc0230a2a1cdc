"""N-Triples text: the one writer of RDF terms and lines in govgraph.

The build writes ``govgraph.nt`` with it, and the SPARQL layer writes the terms of
its queries, results and exports with it (after checking them), so a term is
spelled the same way everywhere. The escapes are those of canonical N-Triples:
only ``"``, ``\\``, line feed and carriage return; every other character is
written as itself, which is also valid in SPARQL and Turtle strings.

A module of its own, with no imports, so that the SPARQL layer can use it
without loading the build.

>>> line(iri("urn:a"), iri("urn:b"), literal('say "hi"\\n', lang="en"))
'<urn:a> <urn:b> "say \\\\"hi\\\\"\\\\n"@en .\\n'
"""

from __future__ import annotations

from collections.abc import Iterable

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """``<value>``; the caller makes sure the IRI is one (the build's ids are)."""
    return f"<{value}>"


def blank(label: str) -> str:
    """A blank node, ``_:label``."""
    return f"_:{label}"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """A string literal with the escapes the grammar requires, typed or tagged."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if lang:
        return f"{quoted}@{lang}"
    if datatype:
        return f"{quoted}^^{iri(datatype)}"
    return quoted


def line(subject: str, predicate: str, obj: str) -> str:
    """One triple of written terms, as an N-Triples line."""
    return f"{subject} {predicate} {obj} .\n"


def document(triples: Iterable[tuple[str, str, str]]) -> str:
    """N-Triples text, one line per triple of written terms, in the order given."""
    return "".join(line(s, p, o) for s, p, o in triples)
