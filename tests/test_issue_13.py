"""Issue 13, "Hardening": every reproducer in the issue, kept as a regression test.

Sections follow the issue's list: publication, network, empty facts, bounded work,
tracebacks, ``-o``, and the smaller findings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
def test_bad_input_26_service_hidden_by_escapes_refused_on_every_backend(
    stores: dict[str, Store],
    canary: tuple[str, list[str]],  # noqa: F811
    backend: str,
    query: str,
) -> None:
    host, hits = canary
    with pytest.raises(QueryError, match="(refused|syntax error) at line 1, column") as caught:
        stores[backend].query(query.replace("HOST", host))
    assert "\n" not in str(caught.value)
    assert hits == []


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_bad_input_26_service_hidden_by_escapes_refused_with_a_timeout_too(
    stores: dict[str, Store],
    canary: tuple[str, list[str]],  # noqa: F811
    backend: str,
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
def test_bad_input_26_refusals_name_the_place_as_written(stores: dict[str, Store], query: str, expect: str) -> None:
    with pytest.raises(QueryError, match=expect):
        stores["oxigraph"].query(query)


@pytest.mark.parametrize("backend", ["memory", "oxigraph", "endpoint"])
def test_escapes_in_a_query_mean_the_same_on_every_backend(stores: dict[str, Store], backend: str) -> None:
    query = r"SELECT ?name WHERE { ?p gg:chairOf ?b ; rdfs:label ?name FILTER(CONTAINS(?name, '\u0053am')) }"
    result = stores[backend].query(query)
    assert [row[0].value for row in result.rows] == ["Sam Patel"]  # type: ignore[union-attr]


# --- 3. an empty or unreadable data/facts passes ------------------------------------------


def _run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from graph.cli import cli

    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def test_bad_input_25_empty_facts_is_an_error_and_build_keeps_the_graph(mini_project: Project) -> None:
    from graph.build.pipeline import build

    build(mini_project, shacl=False)
    before = (mini_project.out / "index.json").read_bytes()
    (mini_project.facts / "mini.yaml").unlink()
    check = _run(mini_project, "check", "--no-shacl")
    assert check.exit_code == 1 and "no-facts: no facts to build from" in check.output
    assert "1 error(s), 0 warning(s) in 0 records" in check.output
    result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code == 1 and "--allow-empty" in result.output
    assert (mini_project.out / "index.json").read_bytes() == before
    assert _run(mini_project, "build", "--no-shacl", "--allow-empty").exit_code == 0
    assert (mini_project.out / "index.json").read_bytes() != before


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("extra.yml", "extra.yml: unread-file: not read: facts files must end in .yaml (lower case)"),
        ("extra.YAML", "extra.YAML: unread-file: not read: facts files must end in .yaml (lower case)"),
        ("notes.txt", "notes.txt: unread-file: not read: only *.yaml files hold facts"),
    ],
)
def test_bad_input_25_files_the_loader_would_skip_are_errors(mini_project: Project, name: str, expect: str) -> None:
    (mini_project.facts / name).write_text("people: []\n", encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 1 and expect in result.output


def test_bad_input_25_a_sub_folder_of_facts_is_an_error(mini_project: Project) -> None:
    (mini_project.facts / "more").mkdir()
    (mini_project.facts / "more" / "people.yaml").write_text("people: []\n", encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 1 and "more: unread-file: a sub-folder is not read" in result.output


def test_the_folder_readme_and_hidden_files_are_left_alone(mini_project: Project) -> None:
    (mini_project.facts / "README.md").write_text("# notes\n", encoding="utf-8")
    (mini_project.facts / ".mini.yaml.swp").write_bytes(b"\x00\x01")
    assert _run(mini_project, "check", "--no-shacl").exit_code == 0


def test_bad_input_25_unreadable_facts_folder_is_one_line(
    mini_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    from pathlib import Path

    if os.geteuid() != 0:
        mini_project.facts.chmod(0)
    else:  # root reads any folder: make listing this one fail as it would for a user
        real = Path.iterdir

        def iterdir(self: Path):  # type: ignore[no-untyped-def]
            if self == mini_project.facts:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "iterdir", iterdir)
    try:
        result = _run(mini_project, "check", "--no-shacl")
    finally:
        mini_project.facts.chmod(0o755)
    assert result.exit_code == 2
    assert (
        result.output == f"Error: {mini_project.facts}: unreadable: cannot read the facts folder: Permission denied\n"
    )


# --- 5. tracebacks: every path is one line naming the file and line, exit 2 ---------------

YAML_CASES = [
    ("people:\n  - id: a\n    start: !!timestamp 2018-13-40\n", 3, "the tag !!timestamp is not allowed"),
    ("people:\n  - !!set\n", 2, "the tag !!set is not allowed"),
    ("people:\n  - name: !!map [1]\n", 2, "the tag !!map is not allowed"),
    ("people:\n  - id: a\n    name: !custom x\n", 3, "the tag !custom is not allowed"),
    ("people:\n  - id: a\n    start: " + "1" * 5000 + "\n", 3, "cannot read this value as int: Exceeds the limit"),
    ("a: " + "[" * 900 + "]" * 900 + "\n", None, "nested too deeply to read"),
]


@pytest.mark.parametrize(("text", "line", "expect"), YAML_CASES)
def test_yaml_that_cannot_be_built_is_one_line(mini_project: Project, text: str, line: int | None, expect: str) -> None:
    (mini_project.facts / "bad.yaml").write_text(text, encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2, result.output
    where = f"bad.yaml:{line}: yaml: " if line else "bad.yaml: yaml: "
    assert result.output.count("\n") == 1 and where in result.output and expect in result.output


def test_a_folder_named_like_a_facts_file_is_one_line(mini_project: Project) -> None:
    (mini_project.facts / "x.yaml").mkdir()
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2
    assert result.output == f"Error: {mini_project.facts / 'x.yaml'}: not-a-file: not a regular file\n"


@pytest.mark.parametrize("which", ["facts", "manifest", "source"])
def test_an_unreadable_file_is_one_line(mini_project: Project, which: str) -> None:
    from tests.support.files import make_unreadable

    path = {
        "facts": mini_project.facts / "mini.yaml",
        "manifest": mini_project.sources / "manifest.yaml",
        "source": mini_project.sources / "minutes.txt",
    }[which]
    make_unreadable(path)
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "cannot read: Input/output error" in result.output
    assert str(path) in result.output


MANIFEST_CASES = [
    ('  - id: "Leeds Minutes"\n', "invalid-id: document invalid id 'Leeds Minutes'"),
    ("  - id: minutes\n    lines: [a, b]\n", "'lines' must be [first, last]"),
    ("  - id: minutes\n    lines: [5]\n", "'lines' must be [first, last]"),
    ("  - id: minutes\n    lines: [9, 3]\n", "'lines' must be [first, last]"),
    ("  - id: minutes\n    lines: 7\n", "'lines' must be [first, last]"),
    ("  - id: minutes\n    file: " + "x" * 5000 + ".txt\n", "cannot read: File name too long"),
    ('  - id: minutes\n    file: "a\\0b.txt"\n', "not a valid file name"),
    ("  - id: minutes\n    title: [a, b]\n", "'title' expected text, got ['a', 'b']"),
    ("  - id: minutes\n    file: .\n", "not a regular file"),
]


@pytest.mark.parametrize(("entry", "expect"), MANIFEST_CASES)
def test_a_bad_manifest_entry_is_one_line_naming_its_line(mini_project: Project, entry: str, expect: str) -> None:
    manifest = mini_project.sources / "manifest.yaml"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("  - id: minutes"))
    fields = {line.split(":", 1)[0].strip(): line for line in lines[start + 1 :] if line.startswith("    ")}
    new = entry.splitlines(keepends=True)
    for line in new[1:]:
        fields[line.split(":", 1)[0].strip()] = line
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    lines[start:end] = [new[0], *fields.values()]
    manifest.write_text("".join(lines), encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and f"manifest.yaml:{start + 1}: " in result.output
    assert expect in result.output


@pytest.mark.parametrize("content", ["[]", "{}", '{"version": 3, "entities": []}', "[" * 100_000, "\x00"])
def test_a_damaged_index_is_one_line(mini_project: Project, content: str) -> None:
    from graph.build.pipeline import build

    build(mini_project, shacl=False)
    index = mini_project.out / "current" / "index.json"
    index.write_text(content, encoding="utf-8")
    result = _run(mini_project, "chairs", "cdrp")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "run `govgraph build`" in result.output


@pytest.mark.parametrize("limit", ["99999999999999999999", "-5", "0"])
def test_search_limit_out_of_range_is_a_usage_error(mini_built: Project, limit: str) -> None:
    result = _run(mini_built, "search", "cdrp", "--limit", limit)
    assert result.exit_code == 2 and "Invalid value for '--limit'" in result.output


def test_an_id_with_a_trailing_newline_is_not_an_id(mini_built: Project) -> None:
    result = _run(mini_built, "sparql", "chairs", "-p", "body=cdrp\n")
    assert result.exit_code == 1 and "no entity 'cdrp\\n'" in result.output


def test_an_unwritable_output_folder_is_one_line(mini_built: Project, tmp_path: Path) -> None:
    from tests.support.files import unwritable

    folder = tmp_path / "out"
    folder.mkdir()
    with unwritable(folder):
        result = _run(mini_built, "export", "--format", "nt", "-o", str(folder / "graph.nt"))
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert f"{folder / 'graph.nt'}: output: cannot write here:" in result.output


class _NotHttp(BaseHTTPRequestHandler):
    """An 'endpoint' that answers with a garbled status line, or a body cut short."""

    cut = False

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.cut:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n")
            self.wfile.write(b'Content-Length: 900\r\n\r\n{"head":')
        else:
            self.wfile.write(b"SPARQL/9 OK\r\n\r\n")
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        return None


@pytest.mark.parametrize("cut", [False, True])
@pytest.mark.parametrize("timeout", ["0", "5"])
def test_an_endpoint_that_does_not_speak_http_is_an_endpoint_error(
    mini_built: Project, cut: bool, timeout: str
) -> None:
    _NotHttp.cut = cut
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotHttp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        result = _run(mini_built, "sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", url, "--timeout", timeout)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2, result.output  # the server's fault, named, and not retried
    assert result.output.startswith("Error: endpoint: POST") and "the answer is not valid HTTP" in result.output
    assert result.output.count("\n") == 1


def test_a_store_that_cannot_be_written_does_not_stop_a_build(mini_project: Project) -> None:
    """The old build wrote into build/store in place; a build now writes a new generation."""
    from graph.build.pipeline import build
    from tests.support.files import set_writable

    build(mini_project, shacl=False)
    facts = mini_project.facts / "mini.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("name: Sam Patel", "name: Sam Patil"), encoding="utf-8")
    set_writable(mini_project.out / "gen-000001" / "store", False)
    try:
        result = _run(mini_project, "build", "--no-shacl")
    finally:  # the old generation was moved aside to be removed, and could not be wholly
        for store in mini_project.out.glob("*gen-000001*/store"):
            set_writable(store, True)
    assert result.exit_code == 0, result.output
    assert "Sam Patil" in _run(mini_project, "search", "Sam").output
    assert "Sam Patil" in _run(mini_project, "sparql", "SELECT ?n WHERE { ?p gg:chairOf ?b ; rdfs:label ?n }").output


def test_queries_running_during_rebuilds_never_fail(mini_project: Project) -> None:
    from graph.build.generations import reading
    from graph.build.pipeline import build
    from graph.sparql.store.oxigraph import OxigraphStore

    build(mini_project, shacl=False)
    stop, errors, reads = threading.Event(), [], [0]

    def read() -> None:
        while not stop.is_set():
            try:
                with reading(mini_project.out) as generation:
                    store = OxigraphStore(generation.path / "store")
                    assert len(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 5")) == 5
                    store.close()
                reads[0] += 1
            except Exception as exc:  # reported to the test
                errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(4):
            build(mini_project, shacl=False)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == [] and reads[0] > 0
