"""Query results as text for programs (SPARQL 1.1 JSON/CSV/TSV), and as cells for people.

SELECT and ASK results follow the W3C result formats (JSON, CSV, TSV) so other tools
can read them; CONSTRUCT/DESCRIBE results are RDF (Turtle, JSON-LD, written by
``graph.sparql.rdf`` as the exports are) or one row per triple in the tabular formats.
For people, :func:`cells` gives short one-line cells, which ``govgraph sparql`` lays out
as a table.
"""

from __future__ import annotations

import json
from typing import Any

from graph.build import ntriples
from graph.errors import InputError
from graph.files import csv_text
from graph.sparql.rdf import jsonld, turtle
from graph.sparql.store.base import Boolean, Result, Solutions, Triples
from graph.sparql.store.terms import Term, compact, n3

FORMATS = ("json", "csv", "tsv", "ttl")
TRIPLE_COLUMNS = ["subject", "predicate", "object"]


def render(result: Result, fmt: str) -> str:
    """The result in ``fmt``; InputError if the format does not fit the result."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}", rule="format")
    if isinstance(result, Triples):
        return _triples(result, fmt)
    if fmt == "ttl":
        raise InputError("--format ttl is for CONSTRUCT and DESCRIBE; use table, json, csv or tsv", rule="format")
    if isinstance(result, Boolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.value}) + "\n"
        return ("true" if result.value else "false") + "\n"
    if fmt == "json":
        return json_results(result)
    if fmt == "csv":
        return csv_text(result.variables, [[_plain(t) for t in row] for row in result.rows], end="\r\n")
    rows = [[_tsv(t) for t in row] for row in result.rows]
    return "\t".join(f"?{v}" for v in result.variables) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


def cells(result: Solutions | Triples) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of short cells for people: ``id:cdop`` for IRIs, the bare
    text for literals, line breaks inside a value shown as spaces."""
    if isinstance(result, Triples):
        result = Solutions(TRIPLE_COLUMNS, list(result.triples))
    return result.variables, [[" ".join(compact(t).split("\n")) for t in row] for row in result.rows]


def json_term(term: Term) -> dict[str, str]:
    out: dict[str, Any] = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.datatype:
        out["datatype"] = term.datatype
    return out


def json_results(result: Solutions) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return (
        json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1
        )
        + "\n"
    )


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    return ntriples.blank(term.value) if term.kind == "bnode" else term.value


def _tsv(term: Term | None) -> str:
    """The term as N-Triples, with tabs escaped as the TSV results format requires.

    A raw tab can only stand inside a literal's quotes, where ``\\t`` means the same.
    """
    return n3(term).replace("\t", "\\t") if term is not None else ""


def _triples(result: Triples, fmt: str) -> str:
    if fmt == "ttl":
        return turtle(result.triples)
    if fmt == "json":
        return jsonld(result.triples)
    return render(Solutions(TRIPLE_COLUMNS, list(result.triples)), fmt)
