"""RDF terms as plain values that every backend converts to and from.

Each backend has its own term classes (rdflib, pyoxigraph, SPARQL JSON results); the
store interface speaks only :class:`Term`, so answers from the three backends can be
compared with ``==`` and sent between processes. A term becomes SPARQL/N-Triples
text only through :func:`n3`, which refuses anything that could end the term early and
leaves the writing (with the escapes the grammar requires) to the project's one
N-Triples writer: user text never reaches a query unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.build import ntriples
from graph.errors import QueryError
from graph.model.vocab import PREFIXES, RDF, XSD

XSD_STRING = XSD + "string"
LANG_STRING = RDF + "langString"

# IRIREF of SPARQL 1.1 / N-Triples: no spaces, controls, <>"{}|^`\ inside.
_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_LANG = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")


@dataclass(frozen=True, order=True)
class Term:
    """An IRI (``uri``), a ``literal`` or a blank node (``bnode``), as in SPARQL JSON.

    A plain string literal has ``datatype`` None (not xsd:string), a language-tagged one
    has ``lang``: the normal form of RDF 1.1, so backends agree.
    """

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value


def iri(value: str) -> Term:
    """An IRI term; raises QueryError for text that is not a safe IRI."""
    if not value or not _IRI.match(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return Term("uri", value)


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> Term:
    """A literal in normal form (xsd:string and rdf:langString folded away)."""
    if datatype in (XSD_STRING, LANG_STRING):
        datatype = None
    if lang:
        if not _LANG.fullmatch(lang):
            raise QueryError(f"not a valid language tag: {lang!r}")
        return Term("literal", value, None, lang.lower())
    if datatype is not None:
        iri(datatype)
    return Term("literal", value, datatype)


def bnode(value: str) -> Term:
    return Term("bnode", value)


def n3(term: Term) -> str:
    """The term in N-Triples syntax, which is also valid SPARQL; checked first."""
    if term.kind == "uri":
        if not _IRI.match(term.value):
            raise QueryError(f"not a valid IRI: {term.value!r}")
        return ntriples.iri(term.value)
    if term.kind == "bnode":
        return ntriples.blank(term.value)
    if term.lang:
        return ntriples.literal(term.value, lang=literal("", lang=term.lang).lang)
    return ntriples.literal(term.value, iri(term.datatype).value if term.datatype else None)


def compact(term: Term | None) -> str:
    """A short human form: ``id:cdop`` for IRIs, the bare text for literals."""
    if term is None:
        return ""
    if term.kind == "uri":
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                local = term.value[len(namespace) :]
                if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
                    return f"{prefix}:{local}"
        return ntriples.iri(term.value)
    if term.kind == "bnode":
        return ntriples.blank(term.value)
    return term.value
