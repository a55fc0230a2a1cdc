"""Bad input to the queries, answers, outputs and servers (items 11-18, 21-23, 27-29 of
shared/bad-inputs.md); items 20 and 26 are in test_serve.py and test_issue_13.py."""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.pipeline import build
from graph.cli import cli
from graph.errors import QueryError
from graph.project import Project
from graph.sparql import queries
from graph.sparql.store import open_store
from tests.support.projects import FIXTURES, copy_project
from tests.support.sparql import canary, no_network  # noqa: F401

HOSTILE = 'x" } UNION { ?s ?p ?o } #'


def _run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def test_bad_input_11_injection_text_is_not_found_on_every_backend(mini_built: Project) -> None:
    result = _run(mini_built, "chairs", HOSTILE)
    assert result.exit_code == 1 and "not-found" in result.output
    answers = [
        queries.run(open_store(mini_built.out, backend), queries.get("find"), {"name": HOSTILE}).rows
        for backend in ("memory", "oxigraph")
    ]
    assert answers == [[], []]
    assert _run(mini_built, "sparql", "chairs", "-p", f"body={HOSTILE}").exit_code == 1


@pytest.mark.parametrize(
    "body",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/x.ttl>",
        "CLEAR ALL",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_bad_input_12_named_query_files_with_updates_or_service_are_refused(tmp_path: Path, body: str) -> None:
    (tmp_path / "bad.rq").write_text(f"# title: Bad\n# answers: nothing good, this file must be refused\n{body}\n")
    with pytest.raises(QueryError, match="named query refused") as caught:
        queries.registry(tmp_path)
    assert "bad.rq" in str(caught.value)


def test_bad_input_13_syntax_error_is_one_line_with_line_and_column(mini_built: Project) -> None:
    result = _run(mini_built, "sparql", "SELECT *\nWHERE {\n  ?s ?p\n}")
    assert result.exit_code == 2
    assert re.fullmatch(r"Error: syntax: syntax error at line 4, column \d+: .*\n", result.output), result.output


def test_bad_input_14_runaway_query_is_stopped(mini_built: Project) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = _run(mini_built, "sparql", runaway, "--timeout", "1")
    assert result.exit_code == 2 and "query stopped after the 1 s timeout" in result.output


@pytest.mark.parametrize("name", ["Board", "CCG"])
def test_bad_input_15_ambiguous_names_list_candidates(corpus_built: Project, name: str) -> None:
    result = _run(corpus_built, "chairs", name)
    assert result.exit_code == 1 and "Candidates: " in result.output


@pytest.fixture(scope="module")
def xss_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(FIXTURES / "view" / "xss" / "data", tmp_path_factory.mktemp("xss"))
    build(project, shacl=False)
    return project


def test_bad_input_16_hostile_names_are_text_in_the_view(xss_built: Project, tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    assert _run(xss_built, "view", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html and "<b>bold</b>" not in html


def test_bad_input_17_the_view_loads_nothing_from_the_network(mini_built: Project, tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    assert _run(mini_built, "view", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_bad_input_18_non_ascii_names_round_trip(mini_built: Project, fmt: str) -> None:
    result = _run(mini_built, "roles", "Zoë Ó Briain", "--format", fmt)
    assert result.exit_code == 0 and "Zoë Ó Briain" in result.output
    for export in ("ttl", "nt", "jsonld", "trig", "graphml"):
        assert "Zoë Ó Briain" in _run(mini_built, "export", "--format", export).output


class _Broken(BaseHTTPRequestHandler):
    """A Graph Store that answers the upload with a garbled or cut-off reply."""

    requests: list[str] = []
    mode = "garbled"

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        type(self).requests.append(f"{self.command} {self.path} {body[:40]!r}")
        if self.command == "PUT" and self.mode == "garbled":
            self.wfile.write(b"HTTP/1.1 2oo OK-ish\r\n\r\n")
        elif self.command == "PUT":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\npartial")
        else:
            self.send_response(204)
            self.end_headers()
        self.close_connection = True

    do_PUT = do_POST = _reply

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def broken_store() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Broken.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("mode", ["garbled", "cut-off"])
def test_bad_input_21_push_to_a_failing_endpoint_is_one_line_and_cleans_up(
    mini_built: Project, broken_store: str, mode: str
) -> None:
    _Broken.mode = mode
    result = _run(mini_built, "push", "--endpoint", broken_store, "--retries", "1", "--timeout", "5")
    assert result.exit_code == 2, result.output  # the server's fault, named: not retried
    assert result.output.count("\n") == 1 and "push failed, the default graph was left as it was" in result.output
    assert "the answer is not valid HTTP" in result.output
    assert sum(r.startswith("PUT") for r in _Broken.requests) == 1
    assert any("DROP SILENT GRAPH" in r for r in _Broken.requests)  # the temporary graph is removed


def test_bad_input_21_push_to_an_unreachable_endpoint(mini_built: Project) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _run(mini_built, "push", "--endpoint", f"http://127.0.0.1:{port}", "--retries", "1")
    assert result.exit_code == 1 and "Connection refused (after 2 attempts)" in result.output


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_bad_input_22_threads_querying_at_once(mini_built: Project, backend: str) -> None:
    store = open_store(mini_built.out, backend)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                assert len(queries.run(store, queries.get("chairs"), {"body": "cdrp"})) == 1
        except BaseException as exc:  # reported to the test
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_bad_input_23_no_network_for_contexts_or_service(
    mini_built: Project,
    no_network: list[object],  # noqa: F811
    canary: tuple[str, list[str]],  # noqa: F811
) -> None:
    import pyoxigraph as ox

    jsonld = _run(mini_built, "export", "--format", "jsonld").output
    assert len(list(ox.parse(jsonld.encode(), ox.RdfFormat.JSON_LD))) > 0
    host, hits = canary
    for backend in ("memory", "oxigraph"):
        with pytest.raises(QueryError, match="SERVICE"):
            open_store(mini_built.out, backend).query(f"SELECT * WHERE {{ SERVICE <http://{host}/> {{ ?s ?p ?o }} }}")
    assert no_network == [] and hits == []


@pytest.mark.parametrize("command", [["view"], ["export", "--format", "ttl"]])
@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_bad_input_27_output_over_a_special_file_is_refused(
    mini_built: Project, tmp_path: Path, command: list[str], kind: str
) -> None:
    target = tmp_path / "out"
    if kind == "symlink":
        (tmp_path / "elsewhere").write_text("kept", encoding="utf-8")
        target.symlink_to(tmp_path / "elsewhere")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    result = _run(mini_built, *command, "-o", str(target))
    assert result.exit_code == 2 and "output: refusing to replace" in result.output
    assert result.output.count("\n") == 1
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "elsewhere").read_text(encoding="utf-8") == "kept"
    assert Path("/dev/null").is_char_device()


def test_bad_input_27_output_is_a_regular_file_written_whole(mini_built: Project, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    assert _run(mini_built, "export", "--format", "ttl", "-o", str(out)).exit_code == 0
    assert out.is_file() and not out.is_symlink() and os.listdir(tmp_path) == ["graph.ttl"]


@pytest.fixture(scope="module")
def control_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(FIXTURES / "mini" / "data", tmp_path_factory.mktemp("control"))
    facts = project.facts / "mini.yaml"
    text = facts.read_text(encoding="utf-8").replace("name: Sam Patel", 'name: "Sam\\e[2J\\a\\0\\rPatel"', 1)
    text = text.replace("name: Child Death Review Panel", 'name: "Child Death\\e]0;pwned\\a Review Panel"', 1)
    facts.write_text(text, encoding="utf-8")
    build(project, shacl=False)
    return project


NAME = "Sam\x1b[2J\x07\x00\rPatel"
ESCAPED = "Sam\\u001b[2J\\u0007\\u0000\\u000dPatel"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_bad_input_28_control_characters_are_escaped_for_a_terminal(
    control_built: Project, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graph.cli.output._is_terminal", lambda err: True)
    result = _run(control_built, "chairs", "cdrp", "--format", fmt)
    assert result.exit_code == 0
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.output.replace("\r\n", "\n")), repr(result.output)
    assert ESCAPED in result.output or "Sam\\u001b[2J\\u0007\\u0000\\rPatel" in result.output  # JSON's own \\r


def test_bad_input_28_data_sent_to_a_pipe_stays_exact_and_tables_are_escaped(control_built: Project) -> None:
    import csv
    import io
    import json

    rows = json.loads(_run(control_built, "chairs", "cdrp", "--format", "json").output)["rows"]
    assert NAME in {row.get("holder") for row in rows}
    cells = {
        c
        for row in csv.reader(io.StringIO(_run(control_built, "chairs", "cdrp", "--format", "csv").output))
        for c in row
    }
    assert NAME in cells
    table = _run(control_built, "chairs", "cdrp").output
    assert ESCAPED in table and "\x1b" not in table


def test_bad_input_28_control_characters_in_messages_are_escaped(control_built: Project) -> None:
    result = _run(control_built, "members", "Samm Pattel")
    assert result.exit_code == 1 and "Did you mean" in result.output
    assert "\x1b" not in result.output and "Child Death\\u001b]0;pwned\\u0007 Review Panel" in result.output


def test_bad_input_29_another_councils_independent_chair_is_its_own(corpus_built: Project, tmp_path: Path) -> None:
    """Northshire's minutes, added to Birmingham's corpus: its Independent Chair is Northshire's post.

    (Not yet true of every post: see the hardening report on the Cabinet Member.)
    """
    import shutil

    import yaml

    project = Project(tmp_path / "two-councils")
    shutil.copytree(corpus_built.root / "data", project.root / "data")
    minutes = FIXTURES / "extract" / "northshire" / "data" / "sources" / "partnership-minutes.txt"
    added = _run(
        project, "add-source", str(minutes), "--title", "Northshire minutes", "--date", "2019-03", "--id", "ns"
    )
    assert added.exit_code == 0, added.output
    assert _run(project, "extract", "ns", "-o", str(tmp_path / "c.yaml")).exit_code == 0
    found = yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))
    chairs = [p for p in found["posts"] if p["name"] == "Independent Chair"]
    assert chairs and all(p["link"] == "new" and p["organisation"].startswith("northshire") for p in chairs)
    whitcombe = [a for a in found["appointments"] if a["person"] == "eleanor-whitcombe"]
    assert whitcombe and all(a["post"] in {p["id"] for p in chairs} for a in whitcombe)
