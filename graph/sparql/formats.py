"""Query results as text: a table for people, SPARQL 1.1 JSON/CSV/TSV for programs.

SELECT and ASK results follow the W3C result formats (JSON, CSV, TSV) so other tools
can read them; CONSTRUCT/DESCRIBE results are RDF (Turtle, JSON-LD, written by
``graph.sparql.rdf`` as the exports are) or one row per triple in the tabular formats.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graph.build import ntriples
from graph.errors import InputError
from graph.sparql.rdf import jsonld, turtle
from graph.sparql.store.base import Boolean, Result, Solutions, Triples
from graph.sparql.store.terms import Term, compact, n3

FORMATS = ("table", "json", "csv", "tsv", "ttl")


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
        return ("yes" if result.value else "no") + "\n" if fmt == "table" else ("true" if result.value else "false") + "\n"
    if fmt == "json":
        return json_results(result)
    if fmt == "csv":
        return _delimited(result.variables, [[_plain(t) for t in row] for row in result.rows], ",", "\r\n")
    if fmt == "tsv":
        rows = [[_tsv(t) for t in row] for row in result.rows]
        return "\t".join(f"?{v}" for v in result.variables) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    return table(result.variables, [[compact(t) for t in row] for row in result.rows])


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
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; line breaks inside cells shown as spaces."""
    cells = [[" ".join(c.split("\n")) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    return ntriples.blank(term.value) if term.kind == "bnode" else term.value


def _tsv(term: Term | None) -> str:
    """The term as N-Triples, with tabs escaped as the TSV results format requires.

    A raw tab can only stand inside a literal's quotes, where ``\\t`` means the same.
    """
    return n3(term).replace("\t", "\\t") if term is not None else ""


def _delimited(header: list[str], rows: list[list[str]], delimiter: str, end: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _triples(result: Triples, fmt: str) -> str:
    if fmt == "ttl":
        return turtle(result.triples)
    if fmt == "json":
        return jsonld(result.triples)
    return render(Solutions(["subject", "predicate", "object"], list(result.triples)), fmt)
