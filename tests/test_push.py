"""``govgraph push`` against a real, writable ``oxigraph serve`` on loopback (bad input 21).

Failures are injected by a small proxy in front of the server that fails, drops, delays
or refuses chosen requests; whatever happens before the swap, the old graph stays.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import EndpointError, InputError
from graph.project import Project
from graph.sparql.push import Endpoints, push
from graph.sparql.serve import Server, free_port
from graph.sparql.store.endpoint import EndpointStore
from tests.support.proxy import NO_PROXY, Fault, FaultyProxy
from tests.support.sparql import built_lines, graph_lines, graphs, running_server

GRAPH = "https://example.org/govgraph"
OLD = '<urn:old:a> <urn:old:b> "the old graph" .\n<urn:old:a> <urn:old:c> <urn:old:d> .\n'
CHUNK = 100  # small chunks, so a push makes several requests to fail in between


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A writable Oxigraph server with its own database, for this module."""
    server = running_server(tmp_path_factory.mktemp("remote") / "db", read_only=False)
    yield next(server)
    server.close()


@pytest.fixture
def proxy(oxigraph: Server) -> Iterator[FaultyProxy]:
    faulty = FaultyProxy(oxigraph.url)
    yield faulty
    faulty.close()


def remote(server: Server) -> Endpoints:
    return Endpoints.of(server.url)


def put_old(server: Server, graph: str | None = GRAPH) -> None:
    target = f"{server.store_url}?graph={graph}" if graph else f"{server.store_url}?default"
    request = urllib.request.Request(
        target, data=OLD.encode(), headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    NO_PROXY.open(request, timeout=10).close()


# --- success -------------------------------------------------------------------------------


def test_push_replaces_a_named_graph(oxigraph: Server, mini_built: Project) -> None:
    put_old(oxigraph)
    before = graphs(oxigraph.query_url)
    done = push(mini_built.out / "govgraph.nt", remote(oxigraph), GRAPH, chunk=CHUNK)
    assert done.triples == len(built_lines(mini_built.out)) and done.graph == GRAPH
    assert graph_lines(oxigraph.query_url, GRAPH) == built_lines(mini_built.out)
    assert graphs(oxigraph.query_url) == before  # the temporary graph is gone


def test_push_to_the_default_graph(oxigraph: Server, mini_built: Project) -> None:
    put_old(oxigraph, None)
    push(mini_built.out / "govgraph.nt", remote(oxigraph), None)
    assert graph_lines(oxigraph.query_url, None) == built_lines(mini_built.out)


def test_pushed_graph_answers_named_queries_like_the_local_store(oxigraph: Server, mini_built: Project) -> None:
    from graph.sparql import queries
    from graph.sparql.store import open_store

    push(mini_built.out / "govgraph.nt", remote(oxigraph), None)
    local, pushed = open_store(mini_built.out), EndpointStore(oxigraph.query_url)
    query = queries.get("chain")
    assert queries.run(local, query, {"body": "cdrp"}) == queries.run(pushed, query, {"body": "cdrp"})


# --- failures injected mid-push ---------------------------------------------------------------


def requests_in_a_push(proxy: FaultyProxy, project: Project) -> int:
    push(project.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, chunk=CHUNK)
    count = len(proxy.log)
    proxy.log.clear()
    return count


def failing_from(first: int, fault: str) -> Fault:
    return lambda n, method, path: fault if n >= first else None


@pytest.mark.parametrize("fault", ["fail", "drop"])
def test_failure_from_any_request_leaves_the_old_graph(
    oxigraph: Server, proxy: FaultyProxy, mini_built: Project, fault: str
) -> None:
    total = requests_in_a_push(proxy, mini_built)
    assert total >= 6  # upload chunks, count, MOVE, count
    for first_failure in range(1, total):
        put_old(oxigraph)
        proxy.fault = failing_from(first_failure, fault)
        # A swap whose answer never came cannot know its outcome; then it says so.
        with pytest.raises(EndpointError, match="left as it was|holds either the old or the new graph") as caught:
            push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, chunk=CHUNK, retries=2, backoff=0.01)
        # Uploads and checks are retried (the MOVE never is); the temporary graph is named.
        message = str(caught.value)
        assert "after 3 attempts" in message or "/update failed" in message.split("; the temporary")[0]
        assert "may remain" in message and "urn:govgraph:push:" in message
        assert graph_lines(oxigraph.query_url, GRAPH) == set(OLD.splitlines()), first_failure
        proxy.fault = lambda n, method, path: None
        proxy.log.clear()


def test_a_transient_failure_is_retried(oxigraph: Server, proxy: FaultyProxy, mini_built: Project) -> None:
    put_old(oxigraph)
    proxy.fault = lambda n, method, path: "fail" if n in (2, 3) else None
    done = push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, chunk=CHUNK, retries=2, backoff=0.01)
    assert graph_lines(oxigraph.query_url, GRAPH) == built_lines(mini_built.out)
    assert len(proxy.log) == done.requests + 2


def test_a_lost_answer_to_the_swap_is_checked_not_repeated_blindly(
    oxigraph: Server, proxy: FaultyProxy, mini_built: Project
) -> None:
    """The MOVE reached the server but its answer was lost: the push still succeeds."""
    put_old(oxigraph)
    moves: list[int] = []

    def fault(n: int, method: str, path: str) -> str | None:
        if path.startswith("/update") and not moves:
            moves.append(n)
            return "lost"
        return None

    proxy.fault = fault
    before = graphs(oxigraph.query_url)
    push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, chunk=CHUNK, retries=2, backoff=0.01)
    assert moves and graph_lines(oxigraph.query_url, GRAPH) == built_lines(mini_built.out)
    assert graphs(oxigraph.query_url) == before


def test_slow_endpoint_times_out(oxigraph: Server, proxy: FaultyProxy, mini_built: Project) -> None:
    put_old(oxigraph)
    proxy.fault = lambda n, method, path: "slow" if n == 1 else None
    started = time.monotonic()
    with pytest.raises(EndpointError, match="no answer within 1 s"):
        push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, timeout=1, retries=0, chunk=CHUNK)
    assert time.monotonic() - started < 4
    assert graph_lines(oxigraph.query_url, GRAPH) == set(OLD.splitlines())


def test_refusing_endpoint_is_not_retried(oxigraph: Server, proxy: FaultyProxy, mini_built: Project) -> None:
    put_old(oxigraph)
    proxy.fault = lambda n, method, path: "refuse" if method == "PUT" else None
    with pytest.raises(EndpointError, match="refused: HTTP 403"):
        push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, retries=3, backoff=0.01)
    assert [m for _, m, _ in proxy.log].count("PUT") == 1
    assert graph_lines(oxigraph.query_url, GRAPH) == set(OLD.splitlines())


def test_unreachable_endpoint(mini_built: Project) -> None:
    started = time.monotonic()
    with pytest.raises(EndpointError, match="Connection refused \\(after 3 attempts\\)"):
        push(
            mini_built.out / "govgraph.nt",
            Endpoints.of(f"http://127.0.0.1:{free_port()}"),
            GRAPH,
            retries=2,
            backoff=0.01,
        )
    assert time.monotonic() - started < 3


# --- URLs, IRIs and the command -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "store"),
    [
        ("http://127.0.0.1:7878", "http://127.0.0.1:7878/store"),
        ("http://h:1/store", "http://h:1/store"),
        ("http://h:1/query", "http://h:1/store"),
        ("http://h:1/ds/", "http://h:1/ds/store"),
    ],
)
def test_endpoint_urls(endpoint: str, store: str) -> None:
    urls = Endpoints.of(endpoint)
    assert urls.store == store and urls.query == store[: -len("store")] + "query"


@pytest.mark.parametrize("graph", ["not an iri", "relative/path", "https://x.org/a b", "https://x.org/<>"])
def test_bad_graph_iri(mini_built: Project, graph: str) -> None:
    with pytest.raises(InputError, match="--graph"):
        push(mini_built.out / "govgraph.nt", Endpoints.of("http://127.0.0.1:1"), graph)


def test_push_command(oxigraph: Server, mini_built: Project) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--project", str(mini_built.root), "push", "--endpoint", oxigraph.url, "--graph", GRAPH]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output.startswith(f"Pushed {len(built_lines(mini_built.out))} triples to <{GRAPH}>")
        and "verified" in result.output
    )
    result = runner.invoke(
        cli,
        ["--project", str(mini_built.root), "push", "--endpoint", f"http://127.0.0.1:{free_port()}", "--retries", "0"],
    )
    assert result.exit_code == 1 and result.output.startswith(
        "Error: endpoint: push failed, the default graph was left as it was"
    )
    assert result.output.count("\n") == 1
    result = runner.invoke(
        cli, ["--project", str(mini_built.root), "push", "--endpoint", oxigraph.url, "--graph", "nope"]
    )
    assert result.exit_code == 2 and "--graph must be an absolute IRI" in result.output


def test_push_without_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "push", "--endpoint", "http://127.0.0.1:1"])
    assert result.exit_code == 2 and "govgraph build" in result.output


# --- answers that are not HTTP (issue 13): one line, exit 2, nothing left behind -----------


@pytest.mark.parametrize("fault", ["garble", "cut"])
def test_a_garbled_or_cut_off_answer_is_one_line_and_cleaned_up(
    oxigraph: Server, proxy: FaultyProxy, mini_built: Project, fault: str
) -> None:
    put_old(oxigraph)
    before = graphs(oxigraph.query_url)
    proxy.fault = lambda n, method, path: fault if n == 2 else None  # the second upload chunk's answer
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "push", "--endpoint", proxy.url, "--graph", GRAPH]
    )
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "is not valid HTTP" in result.output and "the temporary graph was dropped" in result.output
    assert ("cut off" in result.output) == (fault == "cut") and "\x1b" not in result.output
    assert graph_lines(oxigraph.query_url, GRAPH) == set(OLD.splitlines())
    assert graphs(oxigraph.query_url) == before


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ('{"boolean": true}', "answered a count with boolean, not rows"),
        (
            '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "many"}}]}}',
            "answered a count with 'many', not a number",
        ),
    ],
)
def test_a_count_that_is_not_a_number_is_one_line_and_cleaned_up(
    oxigraph: Server, proxy: FaultyProxy, mini_built: Project, answer: str, said: str
) -> None:
    put_old(oxigraph)
    before = graphs(oxigraph.query_url)
    proxy.fault = lambda n, method, path: answer if path.startswith("/query") else None
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "push", "--endpoint", proxy.url, "--graph", GRAPH]
    )
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert said in result.output and "the temporary graph was dropped" in result.output
    assert graph_lines(oxigraph.query_url, GRAPH) == set(OLD.splitlines())
    assert graphs(oxigraph.query_url) == before


def test_a_temporary_graph_that_cannot_be_dropped_is_named(
    oxigraph: Server, proxy: FaultyProxy, mini_built: Project
) -> None:
    put_old(oxigraph)
    proxy.fault = lambda n, method, path: "cut" if n == 1 else ("fail" if path.startswith("/update") else None)
    with pytest.raises(EndpointError) as caught:
        push(mini_built.out / "govgraph.nt", Endpoints.of(proxy.url), GRAPH, chunk=CHUNK, backoff=0.01)
    message = str(caught.value)
    left = message.split("the temporary graph <", 1)[1].split(">", 1)[0]
    assert left.startswith("urn:govgraph:push:") and "may remain" in message
    assert left in graphs(oxigraph.query_url)  # it is really there, under the name given
    oxigraph_drop = urllib.request.Request(f"{oxigraph.store_url}?graph={left}", method="DELETE")
    NO_PROXY.open(oxigraph_drop, timeout=10).close()


@pytest.mark.parametrize("layout", ["oxigraph", "virtuoso"])
def test_layouts(layout: str) -> None:
    urls = Endpoints.of("http://h:1/sparql" if layout == "virtuoso" else "http://h:1/query", layout=layout)
    if layout == "virtuoso":
        assert (urls.store, urls.query, urls.update) == (
            "http://h:1/sparql-graph-crud-auth",
            "http://h:1/sparql",
            "http://h:1/sparql-auth",
        )
    else:
        assert (urls.store, urls.query, urls.update) == ("http://h:1/store", "http://h:1/query", "http://h:1/update")
    assert Endpoints.of("http://h:1", layout=layout, graph_store=False).store is None


def test_push_by_sparql_update(oxigraph: Server, mini_built: Project) -> None:
    put_old(oxigraph)
    done = push(mini_built.out / "govgraph.nt", Endpoints.of(oxigraph.url, graph_store=False), GRAPH)
    assert done.method == "sparql update" and graph_lines(oxigraph.query_url, GRAPH) == built_lines(mini_built.out)
