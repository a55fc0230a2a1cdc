"""RDF terms as plain values that every backend converts to and from.

Each backend has its own term classes (rdflib, pyoxigraph, SPARQL JSON results); the
store interface speaks only :class:`Term`, so answers from the three backends can be
compared with ``==`` and sent between processes. Writing a term as SPARQL/N-Triples
text happens here and only here, with the escapes the grammar requires, and refuses
anything that could end the term early: user text never reaches a query unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import QueryError
from graph.model.vocab import PREFIXES, RDF, XSD

XSD_STRING = XSD + "string"
LANG_STRING = RDF + "langString"

# IRIREF of SPARQL 1.1 / N-Triples: no spaces, controls, <>"{}|^`\ inside.
_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]*$')
_LANG = re.compile(r"^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


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
        if not _LANG.match(lang):
            raise QueryError(f"not a valid language tag: {lang!r}")
        return Term("literal", value, None, lang.lower())
    if datatype is not None:
        iri(datatype)
    return Term("literal", value, datatype)


def bnode(value: str) -> Term:
    return Term("bnode", value)


def n3(term: Term) -> str:
    """The term in N-Triples syntax, which is also valid SPARQL (and TSV results)."""
    if term.kind == "uri":
        if not _IRI.match(term.value):
            raise QueryError(f"not a valid IRI: {term.value!r}")
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = '"' + "".join(_ESCAPES.get(ch, ch) for ch in term.value) + '"'
    if term.lang:
        return f"{text}@{literal('', lang=term.lang).lang}"
    if term.datatype:
        return f"{text}^^{n3(iri(term.datatype))}"
    return text


def compact(term: Term | None) -> str:
    """A short human form: ``id:cdop`` for IRIs, the bare text for literals."""
    if term is None:
        return ""
    if term.kind == "uri":
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                local = term.value[len(namespace):]
                if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
                    return f"{prefix}:{local}"
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value
