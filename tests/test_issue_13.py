"""Issue 13, "Hardening": every reproducer in the issue, kept as a regression test.

Sections follow the issue's list: publication, network, empty facts, bounded work,
tracebacks, ``-o``, and the smaller findings.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.errors import QueryError
from graph.project import Project
from graph.sparql.store import Store, open_store
from tests.support.sparql import canary, running_server  # noqa: F401

# --- 2. network access despite the promise -----------------------------------------------

# The reproducer: rdflib expands \u escapes across the whole text, so to it the
# SERVICE call sits between two strings; to a text check it was inside one string.
ESCAPED_SERVICE = r"SELECT ?s WHERE { BIND('a\u0027 AS ?x) SERVICE <http://HOST/x> { ?s ?p ?o } BIND(\u0027b' AS ?y) }"
HIDDEN = [
    ESCAPED_SERVICE,
    r"SELECT ?s WHERE { \u0053ERVICE <http://HOST/x> { ?s ?p ?o } }",
    r"SELECT ?s WHERE { \U00000053ERVICE <http://HOST/x> { ?s ?p ?o } }",
    # A prefixed name may end in an escaped '#': that is not a comment.
    r"PREFIX ex: <urn:x#> SELECT ?s WHERE { ?s ?p ex:a\#b . SERVICE <http://HOST/x> { ?s ?p ?o } }",
    # An escape that spells another escape is read once by one engine and twice by another.
    r"SELECT ?s WHERE { BIND('a\u005Cu0027 AS ?x) SERVICE <http://HOST/x> { ?s ?p ?o } BIND(\u005Cu0027b' AS ?y) }",
    r"SELECT ?s WHERE { BIND('a\U0027 AS ?x) SERVICE <http://HOST/x> { ?s ?p ?o } BIND(\U0027b' AS ?y) }",
]


@pytest.fixture(scope="module")
def stores(mini_built: Project) -> Iterator[dict[str, Store]]:
    """The mini council on every backend (the endpoint a real read-only Oxigraph server)."""
    servers = running_server(mini_built.out / "store")
    server = next(servers)
    yield {
        "memory": open_store(mini_built.out, "memory"),
        "oxigraph": open_store(mini_built.out, "oxigraph"),
        "endpoint": open_store(mini_built.out, endpoint=server.query_url),
    }
    servers.close()


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
@pytest.mark.parametrize("query", HIDDEN)
def test_service_hidden_by_escapes_is_refused_on_every_backend(
    stores: dict[str, Store], canary: tuple[str, list[str]], backend: str, query: str
) -> None:
    host, hits = canary
    with pytest.raises(QueryError, match="(refused|syntax error) at line 1, column") as caught:
        stores[backend].query(query.replace("HOST", host))
    assert "\n" not in str(caught.value)
    assert hits == []


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_service_hidden_by_escapes_is_refused_with_a_timeout_too(
    stores: dict[str, Store], canary: tuple[str, list[str]], backend: str
) -> None:
    host, hits = canary
    with pytest.raises(QueryError, match="SERVICE"):
        stores[backend].query(ESCAPED_SERVICE.replace("HOST", host), timeout=10)
    assert hits == []


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        (r"\u0044ELETE WHERE { ?s ?p ?o }", "refused at line 1, column 1: DELETE is an update"),
        ("PREFIX a: <urn:a>\n\n  LOAD <http://example.org/x.ttl>", "refused at line 3, column 3: LOAD is an update"),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  \\u0053ERVICE <http://x/> {}\n}", "refused at line 3, column 3: SERVICE"),
    ],
)
def test_refusals_name_the_place_in_the_text_as_written(stores: dict[str, Store], query: str, expect: str) -> None:
    with pytest.raises(QueryError, match=expect):
        stores["oxigraph"].query(query)


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_escapes_in_a_query_mean_the_same_on_every_backend(stores: dict[str, Store], backend: str) -> None:
    query = r"SELECT ?name WHERE { ?p gg:chairOf ?b ; rdfs:label ?name FILTER(CONTAINS(?name, '\u0053am')) }"
    result = stores[backend].query(query)
    assert [row[0].value for row in result.rows] == ["Sam Patel"]  # type: ignore[union-attr]
