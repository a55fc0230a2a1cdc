"""The store layer: every named query gives the same answer on all three backends.

memory (rdflib), oxigraph (the on-disk store) and endpoint (a real ``oxigraph
serve-read-only`` process on loopback) run over the mini council and over one
synthetic area, which has dated memberships, merged and replaced bodies.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.errors import EndpointError, NotFound, QueryError
from graph.project import Project
from graph.sparql import queries
from graph.sparql.store import Boolean, Solutions, Store, Triples, open_store
from graph.sparql.store.terms import iri, literal
from tests.support.sparql import no_network, running_server  # noqa: F401

HOSTILE = 'x" } UNION { ?s ?p ?o } #'

# Parameter sets for every named query, per dataset. A new query must be added here.
CASES: dict[str, dict[str, list[dict[str, str]]]] = {
    "mini": {
        "chairs": [{"body": "ascp"}, {"body": "cdrp"}, {"body": "no-such-body"}],
        "members": [{"body": "cdrp"}, {"body": "ascp"}],
        "roles": [{"person": "sam-patel"}, {"person": "zoe-o-briain"}],
        "lines-up": [{"body": "cdrp"}, {"body": "ascp"}],
        "chain": [{"body": "cdrp"}, {"body": "executive-group"}],
        "changes": [{}, {"from": "2018-01-01", "to": "2018-12-31"}, {"from": "2019-09-30"}],
        "as-of": [{"body": "ascp", "date": "2018-06-30"}, {"body": "cdrp", "date": "2019-10-01"}],
        "conflicts": [{}],
        "unevidenced": [{}],
        "coverage": [{}],
        "find": [{"name": "cdrp"}, {"name": "Zoë Ó Briain"}, {"name": HOSTILE}],
        "evidence": [{"entity": "ascp"}, {"entity": "zoe-o-briain"}],
        "below": [{"body": "executive-group"}, {"body": "ascp"}, {"body": "no-such-body"}],
        "tree": [{"body": "ascp"}, {"body": "cdrp"}],
        "define": [{"acronym": "ascp"}, {"acronym": "CDRP"}, {"acronym": HOSTILE}],
    },
    "synth": {
        "chairs": [{"body": "a0001-cdop"}, {"body": "a0001-scp"}],
        "members": [{"body": "a0001-sg-1"}, {"body": "a0001-lscb"}],
        "roles": [{"person": "a0001-person-001"}, {"person": "a0001-person-050"}],
        "lines-up": [{"body": "a0001-cdop"}, {"body": "a0001-scp"}],
        "chain": [{"body": "a0001-cdop"}],
        "changes": [{}, {"from": "2019-01-01", "to": "2019-12-31"}],
        "as-of": [
            {"body": "a0001-executive", "date": "2016-01-01"},
            {"body": "a0001-lscb", "date": "2018-04-01"},
            {"body": "a0001-lscb", "date": "2019-09-29"},
            {"body": "a0001-sg-3", "date": "2022-01-01"},
        ],
        "conflicts": [{}],
        "unevidenced": [{}],
        "coverage": [{}],
        "find": [{"name": "CDOP"}, {"name": "area 1 executive board"}],
        "evidence": [{"entity": "a0001-ccg"}],
        "below": [{"body": "a0001-executive"}, {"body": "a0001-sg-1"}],
        "tree": [{"body": "a0001-lscb"}, {"body": "a0001-scp"}],
        "define": [{"acronym": "CDOP"}, {"acronym": "scp"}],
    },
}


@pytest.fixture(scope="module")
def datasets(mini_built: Project, synth_built: Project) -> Iterator[dict[str, dict[str, Store]]]:
    """For each dataset, a store per backend; the endpoint is a real Oxigraph server."""
    servers = {name: running_server(p.out / "store") for name, p in (("mini", mini_built), ("synth", synth_built))}
    out = {}
    for name, project in (("mini", mini_built), ("synth", synth_built)):
        server = next(servers[name])
        out[name] = {
            "memory": open_store(project.out, "memory"),
            "oxigraph": open_store(project.out, "oxigraph"),
            "endpoint": open_store(project.out, endpoint=server.query_url),
        }
    yield out
    for generator in servers.values():
        generator.close()


def test_every_named_query_has_cases() -> None:
    for dataset, cases in CASES.items():
        assert sorted(cases) == sorted(queries.registry()), dataset


@pytest.mark.parametrize(
    ("dataset", "name", "params"),
    [(d, n, p) for d, cases in CASES.items() for n, sets in cases.items() for p in sets],
)
def test_same_answers_on_every_backend(
    datasets: dict[str, dict[str, Store]], dataset: str, name: str, params: dict[str, str]
) -> None:
    query = queries.get(name)
    answers = {backend: queries.run(store, query, params) for backend, store in datasets[dataset].items()}
    assert answers["memory"] == answers["oxigraph"] == answers["endpoint"]


@pytest.mark.parametrize("dataset", sorted(CASES))
def test_equivalence_is_not_about_empty_answers(datasets: dict[str, dict[str, Store]], dataset: str) -> None:
    """Each query (but the must-be-empty check) answers something for some parameters."""
    oxigraph = datasets[dataset]["oxigraph"]
    for name, sets in CASES[dataset].items():
        query = queries.get(name)
        sizes = [len(queries.run(oxigraph, query, p)) for p in sets]
        assert (max(sizes) == 0) == query.expect_empty, (name, sizes)


def test_mini_answers(datasets: dict[str, dict[str, Store]]) -> None:
    store = datasets["mini"]["oxigraph"]
    chairs = queries.run(store, queries.get("chairs"), {"body": "ascp"})
    assert isinstance(chairs, Solutions) and "body" not in chairs.variables
    row = chairs.dicts()[0]
    assert row["name"] == literal("Zoë Ó Briain") and row["role"] == literal("chair")
    assert row["quote"].value == "Zoë Ó Briain, Chair of the Anytown Safeguarding Children Partnership."
    chain = queries.run(store, queries.get("chain"), {"body": "cdrp"})
    tops = {r["to"].value.rsplit("/", 1)[-1] for r in chain.dicts()}  # type: ignore[union-attr]
    assert tops == {"executive-group", "ascp", "anytown-council"}
    changes = queries.run(store, queries.get("changes"), {"from": "2019-09-30"})
    assert {r["change"].value.rsplit("/", 1)[-1] for r in changes.dicts()} == set()  # type: ignore[union-attr]
    changes = queries.run(store, queries.get("changes"), {"from": "2019-09-01", "to": "2019-09-01"})
    assert {r["change"].value.rsplit("/", 1)[-1] for r in changes.dicts()} == {"ascp-replaces-alscb"}  # type: ignore[union-attr]


def test_as_of_agrees_with_the_timeline_rules(synth_built: Project, datasets: dict[str, dict[str, Store]]) -> None:
    """The SPARQL as-of query gives the memberships graph.analysis.timeline keeps."""
    from datetime import date

    from graph.analysis.timeline import snapshot
    from graph.build.index import load_index

    index = load_index(synth_built.out)
    query = queries.get("as-of")
    for day in ("2014-06-01", "2017-12-31", "2018-04-01", "2019-09-29", "2022-01-01"):
        # The query's text with only the date bound answers for every body at once.
        date_only = {"date": query.bind({"body": "any", "date": day})["date"]}
        rows = datasets["synth"]["oxigraph"].query(query.text, date_only).dicts()  # type: ignore[union-attr]
        got = {
            (r["body"].value.rsplit("/", 1)[-1], r["member"].value.rsplit("/", 1)[-1], r["role"].value) for r in rows
        }
        kept = snapshot(index, date.fromisoformat(day))["statements"]
        want = {(s["body"], s["member"], s["role"].replace("-", " ")) for s in kept if "member" in s and "body" in s}
        assert got == want, day


# --- bad input 11: user text never reaches SPARQL ------------------------------------


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_hostile_id_is_not_found_on_every_backend(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    with pytest.raises(NotFound, match="no entity"):
        queries.run(datasets["mini"][backend], queries.get("chairs"), {"body": HOSTILE})


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
@pytest.mark.parametrize("text", [HOSTILE, 'a"^^<x> } ; DROP ALL #', 'back\\slash "quote" \n newline', "' } #"])
def test_hostile_text_is_bound_as_a_literal(datasets: dict[str, dict[str, Store]], backend: str, text: str) -> None:
    """Through the VALUES binding (endpoint) as through substitution: no rows, no error."""
    result = queries.run(datasets["mini"][backend], queries.get("find"), {"name": text})
    assert isinstance(result, Solutions) and result.rows == []


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_bound_literal_keeps_every_character(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    text = 'Zoë "Ó" Briain\\ \n\t } #'
    result = datasets["mini"][backend].query("SELECT ?x WHERE { BIND(?x AS ?y) }", {"x": literal(text)})
    assert isinstance(result, Solutions) and result.rows == [(literal(text),)]


def test_a_query_term_is_spelled_as_the_build_spells_it() -> None:
    """One N-Triples writer: a bound value and the same value in govgraph.nt read alike."""
    from graph.build import ntriples
    from graph.sparql.store.terms import n3

    text = 'Zoë "Ó" Briain\\ \n\t\r\b\f } #'
    year = "http://www.w3.org/2001/XMLSchema#gYear"
    assert n3(literal(text)) == ntriples.literal(text)
    assert (
        n3(literal("2018", year))
        == ntriples.literal("2018", year)
        == '"2018"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    )
    assert n3(literal("chair", lang="EN")) == ntriples.literal("chair", lang="en")
    assert n3(iri("urn:a")) == ntriples.iri("urn:a")


def test_bad_iri_cannot_be_bound() -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        iri("https://x> } ; <y")


# --- the query forms and the refusals, on every backend --------------------------------


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_ask_construct_describe(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    store = datasets["mini"][backend]
    assert store.query("ASK { id:cdrp org:reportsTo+ id:ascp }") == Boolean(True)
    assert store.query("ASK { id:ascp org:reportsTo+ id:cdrp }") == Boolean(False)
    built = store.query("CONSTRUCT { ?p gg:chairOf ?b } WHERE { ?p gg:chairOf ?b }")
    assert isinstance(built, Triples) and len(built) == 2
    described = store.query("DESCRIBE id:cdrp")
    assert isinstance(described, Triples) and any(
        t[0] == iri("https://w3id.org/govgraph/id/cdrp") for t in described.triples
    )


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("SELECT * WHERE { ?s ?p }", "syntax error at line 1, column 25"),
        ("SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(\n}", "syntax error at line 5, column"),
        ("SELECT * WHERE {\n  ?s ex:p ?o }", "line 2, column 6: unknown prefix 'ex:'"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT is an update"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE is an update"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ],
)
def test_bad_queries_are_one_line_errors(
    datasets: dict[str, dict[str, Store]], backend: str, query: str, expect: str
) -> None:
    with pytest.raises(QueryError) as caught:
        datasets["mini"][backend].query(query)
    assert expect in str(caught.value) and "\n" not in str(caught.value)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_runaway_query_is_stopped(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    import time

    started = time.monotonic()
    with pytest.raises(QueryError, match="stopped after the 1 s timeout"):
        datasets["mini"][backend].query(RUNAWAY, timeout=1)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_query_with_timeout_gives_the_same_answer(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    store = datasets["mini"][backend]
    bindings = {"body": iri("https://w3id.org/govgraph/id/cdrp")}
    text = queries.get("chairs").text
    assert store.query(text, bindings, timeout=10) == store.query(text, bindings)


# --- bad input 22: threads --------------------------------------------------------------


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_many_threads_at_once(datasets: dict[str, dict[str, Store]], backend: str) -> None:
    store = datasets["mini"][backend]
    names = ["chairs", "chain", "coverage", "as-of", "find"]
    params = {
        "chairs": {"body": "ascp"},
        "chain": {"body": "cdrp"},
        "as-of": {"body": "ascp", "date": "2019-01-01"},
        "find": {"name": "ASCP"},
    }
    expected = {n: queries.run(store, queries.get(n), params.get(n, {})) for n in names}
    failures: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for i in range(6):
                name = names[(k + i) % len(names)]
                # a fresh text each time, so rdflib parses (its parser is the unsafe part)
                query = queries.get(name)
                text = query.text + f"\n# thread {k} round {i}\n"
                result = store.query(text, query.bind(params.get(name, {})))
                assert len(result) == len(expected[name])
        except BaseException as exc:  # every failure is collected
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# --- bad input 23: no network but loopback ------------------------------------------------


def test_rdflib_never_loads_from_graphs(datasets: dict[str, dict[str, Store]], no_network: list[object]) -> None:  # noqa: F811
    result = datasets["mini"]["memory"].query(
        "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o } LIMIT 1"
    )
    assert isinstance(result, Solutions)
    assert no_network == []


def test_unreachable_endpoint_is_a_clear_error() -> None:
    from graph.sparql.serve import free_port

    store = open_store(Path("."), endpoint=f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(EndpointError, match="Connection refused"):
        store.query("ASK { ?s ?p ?o }")


def test_missing_build_says_to_build(tmp_path: Path) -> None:
    from graph.errors import InputError

    with pytest.raises(InputError, match="govgraph build"):
        open_store(tmp_path).query("ASK { ?s ?p ?o }")
    with pytest.raises(InputError, match="govgraph build"):
        open_store(tmp_path, "memory")
