"""Virtuoso as a second real SPARQL engine: push into it, and the same answers from it.

A private Virtuoso (tests/support/virtuoso.py) runs for the session. ``push`` loads
the mini council and one synthetic area into named graphs of it, through the Graph
Store Protocol and through SPARQL Update, with Digest authentication; every named
query then gives the same answer on the embedded Oxigraph store, Oxigraph's server and
Virtuoso (and tests/test_store.py shows rdflib's are the same as the store's).
Failures injected mid-push leave Virtuoso's graph as it was.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import EndpointError, InputError
from graph.project import Project
from graph.sparql import queries
from graph.sparql.push import Endpoints, push
from graph.sparql.store import Boolean, Solutions, Store, open_store
from graph.sparql.store.auth import Credentials
from tests.support.proxy import FaultyProxy
from tests.support.sparql import built_lines, graph_lines, graphs, running_server
from tests.support.virtuoso import Virtuoso, virtuoso  # noqa: F401
from tests.test_store import CASES

pytestmark = pytest.mark.virtuoso

GRAPH = "https://example.org/govgraph"
OLD = '<urn:old:a> <urn:old:b> "the old graph" .\n<urn:old:a> <urn:old:c> <urn:old:d> .\n'


def credentials(server: Virtuoso) -> Credentials:
    return Credentials(server.user, server.password)


def endpoints(server: Virtuoso, **kwargs: object) -> Endpoints:
    return Endpoints.of(server.query_url, layout="virtuoso", **kwargs)  # type: ignore[arg-type]


def put_old(server: Virtuoso, graph: str = GRAPH) -> None:
    """The 'old' graph a push must replace, or leave alone if it fails."""
    server.sql(f"SPARQL CLEAR GRAPH <{graph}>;")
    server.sql(f"SPARQL INSERT DATA {{ GRAPH <{graph}> {{ {OLD.replace(chr(10), ' ')} }} }};")


# --- the instance itself -----------------------------------------------------------------


def test_anonymous_writes_are_refused(virtuoso: Virtuoso, mini_built: Project) -> None:  # noqa: F811
    put_old(virtuoso)
    with pytest.raises(EndpointError, match="HTTP 401.*set GOVGRAPH_ENDPOINT_USER"):
        push(mini_built.out / "govgraph.nt", endpoints(virtuoso), GRAPH, retries=0)
    assert graph_lines(virtuoso.query_url, GRAPH) == set(OLD.splitlines())


def test_a_wrong_password_is_refused(virtuoso: Virtuoso, mini_built: Project) -> None:  # noqa: F811
    put_old(virtuoso)
    wrong = Credentials(virtuoso.user, virtuoso.password + "x", "a test")
    with pytest.raises(EndpointError, match="HTTP 401.*credentials of a test, user 'dba'") as caught:
        push(mini_built.out / "govgraph.nt", endpoints(virtuoso), GRAPH, retries=0, credentials=wrong)
    assert virtuoso.password not in str(caught.value)
    assert graph_lines(virtuoso.query_url, GRAPH) == set(OLD.splitlines())


# --- push -------------------------------------------------------------------------------


@pytest.mark.parametrize("graph_store", [True, False])
def test_push_replaces_a_graph_term_for_term(
    virtuoso: Virtuoso,  # noqa: F811
    mini_built: Project,
    graph_store: bool,
) -> None:
    put_old(virtuoso)
    before = graphs(virtuoso.query_url)
    urls = endpoints(virtuoso, graph_store=graph_store)
    done = push(mini_built.out / "govgraph.nt", urls, GRAPH, chunk=100, credentials=credentials(virtuoso))
    assert done.method == ("graph store" if graph_store else "sparql update")
    assert done.triples == len(built_lines(mini_built.out))
    assert graph_lines(virtuoso.query_url, GRAPH) == built_lines(mini_built.out)  # every term as written
    assert graphs(virtuoso.query_url) == before  # the temporary graph is gone


def test_push_falls_back_to_sparql_update(virtuoso: Virtuoso, mini_built: Project) -> None:  # noqa: F811
    """A Graph Store URL that is not there (404) means: upload by SPARQL Update instead."""
    put_old(virtuoso)
    urls = endpoints(virtuoso, store=virtuoso.base + "/no-graph-store-here")
    done = push(mini_built.out / "govgraph.nt", urls, GRAPH, credentials=credentials(virtuoso))
    assert done.method == "sparql update"
    assert graph_lines(virtuoso.query_url, GRAPH) == built_lines(mini_built.out)


def test_push_needs_a_named_graph_on_virtuoso(virtuoso: Virtuoso, mini_built: Project) -> None:  # noqa: F811
    with pytest.raises(InputError, match="union of all its graphs: give --graph"):
        push(mini_built.out / "govgraph.nt", endpoints(virtuoso), None, credentials=credentials(virtuoso))


def test_push_command_with_credentials_from_the_environment_and_netrc(
    virtuoso: Virtuoso,  # noqa: F811
    mini_built: Project,
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    args = ["--project", str(mini_built.root), "push", "--endpoint", virtuoso.query_url, "--layout", "virtuoso"]
    env = {"GOVGRAPH_ENDPOINT_USER": virtuoso.user, "GOVGRAPH_ENDPOINT_PASSWORD": virtuoso.password}
    result = runner.invoke(cli, [*args, "--graph", GRAPH], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Pushed {len(built_lines(mini_built.out))} triples to <{GRAPH}>")
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {virtuoso.user} password {virtuoso.password}\n", encoding="utf-8")
    netrc.chmod(0o600)
    other = GRAPH + "/netrc"
    no_env = {"GOVGRAPH_ENDPOINT_USER": None, "GOVGRAPH_ENDPOINT_PASSWORD": None, "NETRC": str(netrc)}
    result = runner.invoke(cli, [*args, "--graph", other], env=no_env)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert graph_lines(virtuoso.query_url, other) == built_lines(mini_built.out)
    result = runner.invoke(cli, [*args, "--graph", other, "--retries", "0"], env={**no_env, "NETRC": str(tmp_path)})  # type: ignore[arg-type]
    assert result.exit_code == 1 and "HTTP 401" in result.output and result.output.count("\n") == 1


@pytest.fixture
def proxy(virtuoso: Virtuoso) -> Iterator[FaultyProxy]:  # noqa: F811
    faulty = FaultyProxy(virtuoso.base)
    yield faulty
    faulty.close()


def test_failure_from_any_request_leaves_virtuoso_as_it_was(
    virtuoso: Virtuoso,  # noqa: F811
    proxy: FaultyProxy,
    mini_built: Project,
) -> None:
    urls = Endpoints.of(proxy.url, layout="virtuoso")
    nt, secret = mini_built.out / "govgraph.nt", credentials(virtuoso)
    push(nt, urls, GRAPH, chunk=100, credentials=secret)
    total = len(proxy.log)
    assert total >= 8  # challenges, upload chunks, count, MOVE, count
    for first_failure in range(1, total + 1):
        put_old(virtuoso)
        before = graphs(virtuoso.query_url)
        proxy.log.clear()
        proxy.fault = lambda n, method, path, first=first_failure: "fail" if n == first else None  # type: ignore[misc]
        try:
            push(nt, urls, GRAPH, chunk=100, retries=0, credentials=secret)
        except EndpointError as exc:
            if "moved into place" in str(exc):  # only the check after the swap failed
                assert graph_lines(virtuoso.query_url, GRAPH) == built_lines(mini_built.out), first_failure
            else:
                assert "left as it was" in str(exc), first_failure
                assert graph_lines(virtuoso.query_url, GRAPH) == set(OLD.splitlines()), first_failure
        else:  # a failed challenge only costs the Digest handshake; the push then goes on
            assert proxy.log[first_failure - 1][1] == "GET", first_failure
            assert graph_lines(virtuoso.query_url, GRAPH) == built_lines(mini_built.out)
        assert graphs(virtuoso.query_url) == before, first_failure  # no temporary graph left behind


@pytest.mark.parametrize("fault", ["garble", "cut", "lost"])
def test_a_broken_answer_mid_upload_cleans_up(
    virtuoso: Virtuoso,  # noqa: F811
    proxy: FaultyProxy,
    mini_built: Project,
    fault: str,
) -> None:
    put_old(virtuoso)
    before = graphs(virtuoso.query_url)
    posts: list[int] = []

    def on_second_upload(n: int, method: str, path: str) -> str | None:
        if method == "POST" and path.startswith("/sparql-graph-crud-auth"):
            posts.append(n)
            return fault if len(posts) == 1 else None
        return None

    proxy.fault = on_second_upload
    with pytest.raises(EndpointError, match="left as it was.*the temporary graph was dropped") as caught:
        push(
            mini_built.out / "govgraph.nt",
            Endpoints.of(proxy.url, layout="virtuoso"),
            GRAPH,
            chunk=100,
            retries=0,
            credentials=credentials(virtuoso),
        )
    assert caught.value.exit_code == (1 if fault == "lost" else 2)
    assert "\n" not in str(caught.value)
    assert graph_lines(virtuoso.query_url, GRAPH) == set(OLD.splitlines())
    assert graphs(virtuoso.query_url) == before


# --- the same answers on every engine -----------------------------------------------------


@pytest.fixture(scope="module")
def engines(
    virtuoso: Virtuoso,  # noqa: F811
    mini_built: Project,
    synth_built: Project,
) -> Iterator[dict[str, dict[str, Store]]]:
    """Per dataset: the Oxigraph store, Oxigraph's server and Virtuoso (pushed).

    rdflib is left out here: tests/test_store.py shows it agrees with the Oxigraph store.
    """
    servers = {name: running_server(p.out / "store") for name, p in (("mini", mini_built), ("synth", synth_built))}
    out = {}
    for name, project in (("mini", mini_built), ("synth", synth_built)):
        graph = f"https://example.org/govgraph/{name}"
        push(project.out / "govgraph.nt", endpoints(virtuoso), graph, credentials=credentials(virtuoso))
        out[name] = {
            "oxigraph": open_store(project.out, "oxigraph"),
            "oxigraph-server": open_store(project.out, endpoint=next(servers[name]).query_url),
            "virtuoso": open_store(
                project.out, endpoint=f"{virtuoso.query_url}?{urllib.parse.urlencode({'default-graph-uri': graph})}"
            ),
        }
    yield out
    for generator in servers.values():
        generator.close()


@pytest.mark.parametrize(
    ("dataset", "name", "params"),
    [(d, n, p) for d, cases in CASES.items() for n, sets in cases.items() for p in sets],
)
def test_same_answers_on_every_engine(
    engines: dict[str, dict[str, Store]], dataset: str, name: str, params: dict[str, str]
) -> None:
    query = queries.get(name)
    answers = {engine: queries.run(store, query, params) for engine, store in engines[dataset].items()}
    assert answers["virtuoso"] == answers["oxigraph"] == answers["oxigraph-server"]


def test_the_comparison_sees_real_answers(engines: dict[str, dict[str, Store]]) -> None:
    """Virtuoso answers from the pushed graph only (its system graphs stay out of it)."""
    store = engines["synth"]["virtuoso"]
    coverage = queries.run(store, queries.get("coverage"), {})
    assert isinstance(coverage, Solutions) and len(coverage) == 12
    counts = {row[0].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: int(row[1].value) for row in coverage.rows}  # type: ignore[union-attr]
    assert counts["Person"] == 120 and counts["Document"] == 3
    assert store.query("ASK { id:a0001-cdop org:reportsTo+ id:a0001-scp }") == Boolean(True)
    assert store.query("ASK { id:a0001-scp org:reportsTo+ id:a0001-cdop }") == Boolean(False)


def test_sparql_command_on_virtuoso(
    engines: dict[str, dict[str, Store]],
    virtuoso: Virtuoso,  # noqa: F811
    mini_built: Project,
) -> None:
    """`govgraph sparql --endpoint` with the pushed graph as the default graph."""
    graph = urllib.parse.quote("https://example.org/govgraph/mini", safe="")
    endpoint = f"{virtuoso.query_url}?default-graph-uri={graph}"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--project", str(mini_built.root), "sparql", "chairs", "-p", "body=ascp", "--endpoint", endpoint]
    )
    assert result.exit_code == 0, result.output
    assert "Zoë Ó Briain" in result.output
    result = runner.invoke(
        cli,
        ["--project", str(mini_built.root), "sparql", "ASK { id:cdrp org:reportsTo+ id:ascp }", "--endpoint", endpoint],
    )
    assert result.exit_code == 0 and result.output == "yes\n"
