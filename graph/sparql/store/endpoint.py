"""The remote backend: any SPARQL 1.1 Protocol endpoint (Oxigraph, Fuseki, GraphDB, ...).

Queries go as an HTML-form POST (the most widely supported way), answers come back
as SPARQL 1.1 JSON results or N-Triples. The protocol has no parameters, so named
queries' values are bound by a VALUES block built from escaped terms. Protocol
parameters in the URL (``?default-graph-uri=...``, to query one named graph as the
default graph) travel in the form with the query.

Tested on Oxigraph's server and on Virtuoso 7, which answers an ASK with a one-row
SELECT result (``__ASK_RETVAL``) rather than a boolean.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from graph.errors import EndpointError, QueryError
from graph.sparql.store import http
from graph.sparql.store.auth import Answerer
from graph.sparql.store.base import DEFAULT_TIMEOUT, Boolean, Prepared, Result, Solutions, Store, Triples
from graph.sparql.store.terms import Term, bnode, literal
from graph.sparql.store.text import bind_values

RESULTS_JSON = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples, text/turtle;q=0.9"


def json_term(value: dict[str, Any]) -> Term:
    """A term of SPARQL 1.1 JSON results (also the old ``typed-literal`` form)."""
    kind = value.get("type")
    if kind == "uri":
        return Term("uri", value["value"])
    if kind == "bnode":
        return bnode(value["value"])
    if kind in ("literal", "typed-literal"):
        return literal(value["value"], value.get("datatype"), value.get("xml:lang"))
    raise EndpointError(f"unexpected term in the endpoint's answer: {value!r}")


def parse_json_results(body: bytes) -> Result:
    """SPARQL 1.1 JSON results (SELECT or ASK)."""
    try:
        data = json.loads(body)
        if "boolean" in data:
            return Boolean(bool(data["boolean"]))
        names = list(data["head"]["vars"])
        if names == ["__ASK_RETVAL"]:  # Virtuoso 7's answer to an ASK
            rows = data["results"]["bindings"]
            return Boolean(bool(rows) and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false"))
        rows = [tuple(json_term(b[v]) if v in b else None for v in names) for b in data["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise EndpointError(f"the endpoint's answer is not SPARQL JSON results ({exc})") from None
    return Solutions(names, rows)


def parse_graph(body: bytes, content_type: str) -> Triples:
    """N-Triples or Turtle from a CONSTRUCT/DESCRIBE, sorted."""
    import pyoxigraph as ox

    from graph.sparql.store.oxigraph import to_term

    fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.N_TRIPLES
    try:
        quads = list(ox.parse(body, fmt))
    except SyntaxError as exc:
        raise EndpointError(f"the endpoint's graph answer is not {fmt.name}: {exc}") from None
    return Triples(sorted((to_term(q.subject), to_term(q.predicate), to_term(q.object)) for q in quads))  # type: ignore[misc]


class EndpointStore(Store):
    """A SPARQL 1.1 query endpoint at ``url`` (e.g. ``http://127.0.0.1:7878/query``)."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = 2, auth: Answerer | None = None):
        http.check_url(url)
        parts = urllib.parse.urlsplit(url)
        self.url = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
        self.protocol = urllib.parse.parse_qsl(parts.query)  # e.g. default-graph-uri
        self.timeout = timeout
        self.retries = retries
        self.auth = auth

    def _run(self, prepared: Prepared, bindings: dict[str, Term]) -> Result:
        text = bind_values(prepared.text, bindings)
        accept = RESULTS_JSON if prepared.form in ("select", "ask") else GRAPH_TYPES
        try:
            reply = http.request(
                "POST",
                self.url,
                data=urllib.parse.urlencode([("query", text), *self.protocol]).encode("utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
                timeout=self.timeout,
                retries=self.retries,
                auth=self.auth,
            )
        except http.Refused as exc:
            if exc.status == 400:
                raise QueryError(f"the endpoint rejected the query: {exc.detail}") from None
            raise
        if prepared.form in ("select", "ask"):
            return parse_json_results(reply.body)
        return parse_graph(reply.body, reply.content_type)
