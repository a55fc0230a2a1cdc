"""``govgraph serve``: a read-only endpoint on loopback (bad inputs 20 and 26).

``Server`` (the real ``oxigraph`` server, for push and the endpoint backend) is tested
here too.
"""

from __future__ import annotations

import gc
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import InputError
from graph.project import Project
from graph.sparql.serve import Server, free_port
from tests.support.sparql import canary  # noqa: F401

GOVGRAPH = str(Path(sys.executable).parent / "govgraph")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with NO_PROXY.open(request, timeout=10) as reply:
            return reply.status, reply.headers.get_content_type(), reply.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def listening_address(port: int) -> str:
    """The local address a TCP socket listens on for ``port``, from /proc/net/tcp."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
            return ".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    return ""


@pytest.fixture(scope="module")
def served(mini_built: Project) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``govgraph serve`` running as a user would start it."""
    port = free_port()
    proc = subprocess.Popen(
        [GOVGRAPH, "--project", str(mini_built.root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, line + (
            proc.stderr.read() if proc.stderr and proc.poll() is not None else ""
        )
        yield proc, port
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[str]) -> None:
    """Stop a server started by a test, and close its pipes."""
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_answers_standard_protocol_requests(served: tuple[subprocess.Popen[str], int]) -> None:
    _, port = served
    query = "SELECT ?name WHERE { ?p <https://w3id.org/govgraph/def#chairOf> ?b ; <http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    url = f"http://127.0.0.1:{port}/query"
    status, kind, body = http(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
    )
    assert status == 200 and kind == "application/sparql-results+json"
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert names == ["Sam Patel", "Zoë Ó Briain"]
    status, kind, body = http(
        url, data=urllib.parse.urlencode({"query": query}).encode(), headers={"Accept": "text/csv"}
    )
    assert status == 200 and body.decode("utf-8") == "name\r\nSam Patel\r\nZoë Ó Briain\r\n"
    status, _, body = http(
        url,
        data=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+xml"},
    )
    assert status == 200 and "Zoë Ó Briain" in body.decode("utf-8")


def test_bad_input_20_listens_on_loopback_only(served: tuple[subprocess.Popen[str], int]) -> None:
    _, port = served
    assert listening_address(port) == "127.0.0.1"


@pytest.mark.parametrize(
    ("path", "content_type", "body", "method"),
    [
        ("/update", "application/sparql-update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "POST"),
        ("/update", "application/sparql-update", b"DROP ALL", "POST"),
        ("/store?default", "application/n-triples", b"<urn:a> <urn:b> <urn:c> .\n", "PUT"),
        ("/store?default", "application/n-triples", b"<urn:a> <urn:b> <urn:c> .\n", "POST"),
        ("/store?default", "", b"", "DELETE"),
    ],
)
def test_bad_input_20_rejects_updates(
    served: tuple[subprocess.Popen[str], int],
    mini_built: Project,
    path: str,
    content_type: str,
    body: bytes,
    method: str,
) -> None:
    _, port = served
    status, _, _ = http(
        f"http://127.0.0.1:{port}{path}",
        data=body or None,
        headers={"Content-Type": content_type} if content_type else {},
        method=method,
    )
    assert status in (403, 405)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, _, answer = http(
        f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": count}), headers={"Accept": "text/csv"}
    )
    triples = len((mini_built.out / "govgraph.nt").read_text(encoding="utf-8").splitlines())
    assert answer.decode().split() == ["n", str(triples)]


def test_bad_input_20_second_instance_on_busy_port(
    served: tuple[subprocess.Popen[str], int], mini_built: Project
) -> None:
    _, port = served
    result = subprocess.run(
        [GOVGRAPH, "--project", str(mini_built.root), "serve", "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == f"Error: port-busy: port {port} on 127.0.0.1 is busy (another server?); choose one with --port\n"
    )


def test_bad_input_20_public_address_needs_public_flag(mini_built: Project) -> None:
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "serve", "--host", "0.0.0.0", "--port", str(free_port())]
    )
    assert result.exit_code == 2 and "add --public" in result.output
    command = Server(mini_built.out / "store", host="0.0.0.0", port=7878, public=True, timeout=30).command()
    assert command[1:] == [
        "serve-read-only",
        "--location",
        str(mini_built.out / "store"),
        "--bind",
        "0.0.0.0:7878",
        "--timeout-s",
        "30",
    ]


def test_default_command_is_read_only_on_loopback(mini_built: Project) -> None:
    command = Server(mini_built.out / "store").command()
    assert command[1] == "serve-read-only" and command[command.index("--bind") + 1] == "127.0.0.1:7878"


def test_a_server_never_started_leaves_no_open_file(mini_built: Project) -> None:
    """Regression: Server() opened its log file at once, and leaked it if never started."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        Server(mini_built.out / "store").command()
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_missing_build(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="govgraph build"):
        Server(tmp_path / "build" / "store", port=free_port())
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "serve", "--port", str(free_port())])
    assert result.exit_code == 2 and "govgraph build" in result.output


def test_stopping_govgraph_stops_the_server(mini_built: Project) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [GOVGRAPH, "--project", str(mini_built.root), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and "/query" in proc.stdout.readline()
        assert listening_address(port) == "127.0.0.1"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        stop(proc)
    deadline = time.monotonic() + 5
    while listening_address(port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listening_address(port) == ""


# --- the front: what Oxigraph's own server did not do (issue 13) -----------------------


@pytest.fixture
def endpoint(mini_project: Project) -> Iterator[Any]:
    """``govgraph serve``'s endpoint, in this process, over a fresh build of the mini council."""
    import threading

    from graph.build.pipeline import build
    from graph.sparql.front import Endpoint

    build(mini_project, shacl=False)
    server = Endpoint(mini_project.out, port=0, timeout=2, max_bytes=200_000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(5)
        server.close()


def ask(server: Any, query: str, accept: str = "text/csv", host: str | None = None) -> tuple[int, dict[str, str], str]:
    url = server.query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": accept, **({"Host": host} if host else {})})
    try:
        with NO_PROXY.open(request, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


CHAIRS = "SELECT ?name WHERE { ?p gg:chairOf ?b ; rdfs:label ?name } ORDER BY ?name"


def test_the_front_answers_with_the_generation_it_served(endpoint: Any) -> None:
    status, headers, body = ask(endpoint, CHAIRS)
    assert status == 200 and body == "name\r\nSam Patel\r\nZoë Ó Briain\r\n"
    assert headers["X-Govgraph-Generation"] == "1"


def test_the_front_follows_a_new_build(endpoint: Any, mini_project: Project) -> None:
    from graph.build.pipeline import build

    assert ask(endpoint, CHAIRS)[1]["X-Govgraph-Generation"] == "1"
    facts = mini_project.facts / "mini.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("name: Sam Patel", "name: Sam Patil"), encoding="utf-8")
    build(mini_project, shacl=False)
    status, headers, body = ask(endpoint, CHAIRS)
    assert status == 200 and headers["X-Govgraph-Generation"] == "2" and "Sam Patil" in body
    build(mini_project, shacl=False)  # generation 1 is no longer held by the endpoint: removed
    assert not (mini_project.out / "gen-000001").exists()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:7878", "127.0.0.1.nip.io", "192.168.1.5:7878"])
def test_bad_input_26_serve_refuses_other_host_names(endpoint: Any, host: str) -> None:
    status, _, body = ask(endpoint, CHAIRS, host=host)
    assert status == 403 and "Host not allowed" in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:7878", "LOCALHOST", "[::1]:7878"])
def test_the_front_answers_loopback_host_names(endpoint: Any, host: str) -> None:
    assert ask(endpoint, CHAIRS, host=host)[0] == 200


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://HOST/sparql> { ?s ?p ?o } }",
        r"SELECT ?s WHERE { BIND('a\u0027 AS ?x) SERVICE <http://HOST/x> { ?s ?p ?o } BIND(\u0027b' AS ?y) }",
        r"SELECT * WHERE { \u0053ERVICE <http://HOST/sparql> { ?s ?p ?o } }",
    ],
)
def test_bad_input_26_serve_refuses_service(endpoint: Any, canary: tuple[str, list[str]], query: str) -> None:  # noqa: F811
    host, hits = canary
    status, _, body = ask(endpoint, query.replace("HOST", host))
    assert status == 403 and "SERVICE (federated queries) is not allowed" in body
    assert hits == []


def test_the_front_refuses_updates_in_every_form(endpoint: Any) -> None:
    assert ask(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")[0] == 403
    assert ask(endpoint, r"\u0044ROP ALL")[0] == 403
    url = endpoint.query_url
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert http(url, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert http(url, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})[0] == 403


def test_bad_input_26_serve_stops_a_runaway_query_with_an_error_status(endpoint: Any) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, _, body = ask(endpoint, runaway)
    assert status == 503 and "stopped after the 2 s timeout" in body
    assert time.monotonic() - started < 6
    assert ask(endpoint, CHAIRS)[0] == 200  # the killed worker was replaced


def test_bad_input_26_serve_caps_the_size_of_an_answer(endpoint: Any) -> None:
    status, _, body = ask(endpoint, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert status == 422 and "larger than 200,000 bytes: add LIMIT" in body
    assert ask(endpoint, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 10")[0] == 200


@pytest.mark.parametrize(
    ("query", "accept", "status", "expect"),
    [
        ("SELECT * WHERE { ?s ?p }", "text/csv", 400, "syntax error at line 1, column 25"),
        ("SELECT * WHERE {\n  ?s ex:p ?o }", "text/csv", 400, "line 2, column 6: unknown prefix 'ex:'"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/html", 406, "cannot answer in text/html"),
        ("ASK { ?s gg:chairOf ?b }", "application/sparql-results+json", 200, '"boolean":true'),
        ("CONSTRUCT WHERE { ?s gg:chairOf ?b }", "text/turtle", 200, "chairOf"),
        ("CONSTRUCT WHERE { ?s gg:chairOf ?b }", "*/*", 200, "<https://w3id.org/govgraph/def#chairOf>"),
    ],
)
def test_the_front_speaks_the_protocol(endpoint: Any, query: str, accept: str, status: int, expect: str) -> None:
    got, _, body = ask(endpoint, query, accept)
    assert got == status and expect in body


def test_the_front_refuses_what_it_does_not_serve(endpoint: Any) -> None:
    base = endpoint.query_url.removesuffix("/query")
    assert http(base + "/store?default")[0] == 404
    assert (
        http(base + "/query", data=b"x" * (2 * 1024 * 1024), headers={"Content-Type": "application/sparql-query"})[0]
        == 413
    )
    assert http(endpoint.query_url, method="PUT", data=b"x")[0] == 405
    assert http(endpoint.query_url)[0] == 400  # no query at all


def test_a_bad_host_name_is_not_a_busy_port(mini_built: Project) -> None:
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "serve", "--host", "not a host", "--public", "--port", "0"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("Error: bad-host: cannot listen on 'not a host'")
