"""``govgraph queries`` and ``govgraph sparql``, and the named-query registry."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.errors import QueryError
from graph.project import Project
from graph.sparql import queries
from tests.support.sparql import running_server

REPO = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def run(project: Project, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--project", str(project.root), *args], input=stdin)
    # the bytes, because click's .stdout turns the CSV results' CRLF into LF
    return result.exit_code, result.stdout_bytes.decode("utf-8"), (result.stderr_bytes or b"").decode("utf-8")


# --- the registry ---------------------------------------------------------------------


def test_every_named_query_says_what_it_answers() -> None:
    found = queries.registry()
    assert {
        "chairs",
        "members",
        "roles",
        "lines-up",
        "chain",
        "changes",
        "as-of",
        "conflicts",
        "unevidenced",
        "coverage",
    } <= set(found)
    for query in found.values():
        assert query.title and len(query.answers) > 30, query.name
        for param in query.params:
            assert param.help and param.type in queries.TYPES


@pytest.mark.parametrize(
    "word", ["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "SERVICE", "insert", "Copy", "MOVE", "ADD", "CREATE"]
)
def test_registry_refuses_updates_and_service(tmp_path: Path, word: str) -> None:
    body = {
        "SERVICE": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "LOAD": "LOAD <http://example.org/data.ttl>",
    }.get(word.upper(), f"{word} DATA {{ <a:b> <a:c> <a:d> }}")
    (tmp_path / "bad.rq").write_text(
        f"# title: Bad\n# answers: nothing good, this file must be refused\n{body}\n", encoding="utf-8"
    )
    with pytest.raises(QueryError, match="refused") as caught:
        queries.registry(tmp_path)
    assert "bad.rq" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?s WHERE { ?s rdfs:label "INSERT DATA { <a:b> <a:c> <a:d> }" }',
        "SELECT ?s WHERE { ?s <http://example.org/delete> ?o }  # DROP it? no",
        "SELECT ?s WHERE { ?s ex:drop ?delete } ",
    ],
)
def test_keywords_inside_strings_iris_comments_and_names_are_not_updates(text: str) -> None:
    from graph.sparql.store.text import check_query

    assert check_query(text).form == "select"


def test_registry_checks_headers(tmp_path: Path) -> None:
    (tmp_path / "nohead.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="title"):
        queries.registry(tmp_path)
    (tmp_path / "nohead.rq").write_text(
        "# title: T\n# answers: something long enough to say what\n# param: body id the body\nSELECT ?s WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match="param 'body' is not a variable"):
        queries.registry(tmp_path)


# --- govgraph queries -------------------------------------------------------------------


def test_queries_lists_names_params_and_titles(mini_built: Project) -> None:
    code, out, _ = run(mini_built, "queries")
    assert code == 0
    assert "chairs" in out and "body=id" in out and "Who chairs a body" in out
    code, out, _ = run(mini_built, "queries", "--format", "json")
    data = json.loads(out)
    assert {q["name"] for q in data} == set(queries.registry())
    code, out, _ = run(mini_built, "queries", "--format", "csv")
    assert next(csv.reader(io.StringIO(out))) == ["name", "params", "title"]


# --- govgraph sparql ---------------------------------------------------------------------


def test_named_query_with_param(mini_built: Project) -> None:
    code, out, _ = run(mini_built, "sparql", "chairs", "--param", "body=ascp")
    assert code == 0
    assert "Zoë Ó Briain" in out and "id:zoe-o-briain" in out and "Chair of the Anytown" in out


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_hostile_body_is_not_found(mini_built: Project, backend: str) -> None:
    code, out, err = run(mini_built, "sparql", "chairs", "-p", 'body=x" } UNION { ?s ?p ?o } #', "--backend", backend)
    assert code == 1 and out == ""
    assert err.startswith("Error: not-found: no entity") and err.count("\n") == 1


def test_empty_answer_exits_1(mini_built: Project) -> None:
    code, out, err = run(mini_built, "sparql", "find", "-p", "name=nobody at all")
    assert code == 1 and "no results" in err


def test_check_query_exits_0_when_empty(mini_built: Project) -> None:
    code, _, err = run(mini_built, "sparql", "unevidenced")
    assert code == 0 and "as expected" in err


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["chairs"], "needs --param body="),
        (["chairs", "-p", "bodyx=cdrp"], "has no parameter 'bodyx'"),
        (["as-of", "-p", "body=ascp", "-p", "date=2019-13-45"], "invalid date"),
        (["chairs", "-p", "body"], "NAME=VALUE"),
        (["SELECT * WHERE { ?s ?p ?o }", "-p", "a=b"], "only with named queries"),
    ],
)
def test_bad_parameters_exit_2(mini_built: Project, args: list[str], expect: str) -> None:
    code, _, err = run(mini_built, "sparql", *args)
    assert code == 2 and expect in err


def test_unknown_name_suggests(mini_built: Project) -> None:
    code, _, err = run(mini_built, "sparql", "chair")
    assert code == 1 and "no named query or file 'chair'" in err and "chairs" in err


def test_select_formats(mini_built: Project) -> None:
    query = "SELECT ?who ?name WHERE { ?who gg:chairOf id:ascp ; rdfs:label ?name }"
    code, out, _ = run(mini_built, "sparql", query, "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["who", "name"]
    assert data["results"]["bindings"] == [
        {
            "who": {"type": "uri", "value": "https://w3id.org/govgraph/id/zoe-o-briain"},
            "name": {"type": "literal", "value": "Zoë Ó Briain"},
        }
    ]
    code, out, _ = run(mini_built, "sparql", query, "--format", "csv")
    assert out == "who,name\r\nhttps://w3id.org/govgraph/id/zoe-o-briain,Zoë Ó Briain\r\n"
    code, out, _ = run(mini_built, "sparql", query, "--format", "tsv")
    assert out == '?who\t?name\n<https://w3id.org/govgraph/id/zoe-o-briain>\t"Zoë Ó Briain"\n'
    code, out, _ = run(mini_built, "sparql", query)
    assert out.splitlines()[0].split() == ["who", "name"] and "id:zoe-o-briain  Zoë Ó Briain" in out
    code, _, err = run(mini_built, "sparql", query, "--format", "ttl")
    assert code == 2 and "CONSTRUCT" in err


def test_tsv_escapes_tabs_inside_terms(mini_built: Project) -> None:
    """A tab in a value would start a new column: TSV results write it as \\t."""
    code, out, _ = run(
        mini_built, "sparql", 'SELECT ?x ?y WHERE { BIND("a\\tb" AS ?x) BIND(<urn:y> AS ?y) }', "--format", "tsv"
    )
    assert code == 0 and out == '?x\t?y\n"a\\tb"\t<urn:y>\n'


def test_ask_and_construct_formats(mini_built: Project) -> None:
    code, out, _ = run(mini_built, "sparql", "ASK { id:cdrp org:reportsTo+ id:ascp }", "--format", "json")
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": True}
    code, out, _ = run(mini_built, "sparql", "ASK { id:ascp org:reportsTo id:cdrp }")
    assert code == 1 and out == "no\n"
    construct = "CONSTRUCT { ?p gg:chairOf ?b } WHERE { ?p gg:chairOf ?b }"
    code, out, _ = run(mini_built, "sparql", construct, "--format", "ttl")
    assert code == 0 and "id:zoe-o-briain gg:chairOf id:ascp ." in out
    import rdflib

    graph = rdflib.Graph().parse(data=out, format="turtle")
    assert len(graph) == 2
    code, out, _ = run(mini_built, "sparql", construct, "--format", "json")
    doc = json.loads(out)
    assert {n["@id"] for n in doc["@graph"]} == {"id:sam-patel", "id:zoe-o-briain"}
    code, out, _ = run(mini_built, "sparql", "DESCRIBE id:zoe-o-briain", "--format", "csv")
    assert "https://w3id.org/govgraph/id/zoe-o-briain,http://xmlns.com/foaf/0.1/name,Zoë Ó Briain" in out


def test_query_from_file_and_stdin(mini_built: Project, tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# who chairs what\nSELECT ?body WHERE { ?p gg:chairOf ?body }\n", encoding="utf-8")
    code, out, _ = run(mini_built, "sparql", str(path), "--format", "csv")
    assert code == 0 and sorted(out.split()[1:]) == [
        "https://w3id.org/govgraph/id/ascp",
        "https://w3id.org/govgraph/id/cdrp",
    ]
    code, out, _ = run(
        mini_built, "sparql", "-", "--format", "csv", stdin="SELECT ?b WHERE { id:sam-patel gg:chairOf ?b }"
    )
    assert out.split() == ["b", "https://w3id.org/govgraph/id/cdrp"]


# --- bad inputs 12-14 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("SELECT * WHERE { ?s ?p }", "Error: syntax: syntax error at line 1, column"),
        ("SELECT *\nWHERE {\n  ?s ex:p ?o\n}", "Error: syntax: syntax error at line 3, column 6: unknown prefix 'ex:'"),
        ("DELETE WHERE { ?s ?p ?o }", "Error: query: refused at line 1, column 1: DELETE is an update"),
        ("LOAD <http://example.org/x.ttl>", "Error: query: refused at line 1, column 1: LOAD is an update"),
        (
            "SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o }\n}",
            "Error: query: refused at line 2, column 3: SERVICE",
        ),
    ],
)
def test_bad_query_is_one_line_exit_2(mini_built: Project, query: str, expect: str) -> None:
    code, out, err = run(mini_built, "sparql", query)
    assert code == 2 and out == ""
    assert err.startswith(expect) and err.count("\n") == 1


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_runaway_query_is_stopped_by_timeout(mini_built: Project, backend: str) -> None:
    started = time.monotonic()
    code, _, err = run(mini_built, "sparql", RUNAWAY, "--timeout", "1", "--backend", backend)
    assert code == 2 and "stopped after the 1 s timeout" in err
    assert time.monotonic() - started < 5


def _children(pid: int) -> list[int]:
    """Child process ids, read from /proc (Linux)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


def test_timeout_stops_the_work_not_just_the_wait(mini_built: Project) -> None:
    """The real command in its own process: it ends, and leaves no query process behind."""
    govgraph = Path(sys.executable).parent / "govgraph"
    proc = subprocess.Popen(
        [str(govgraph), "--project", str(mini_built.root), "sparql", RUNAWAY, "--timeout", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 4.5  # start-up can be slow on a busy machine
    children: list[int] = []
    while not children and time.monotonic() < deadline:
        children = _children(proc.pid)
        time.sleep(0.05)
    assert children, "the query should run in a child process"
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 2 and b"stopped after the 5 s timeout" in err
    assert not any(Path(f"/proc/{c}").exists() for c in children)


def test_missing_build(tmp_path: Path) -> None:
    project = Project(tmp_path)
    code, _, err = run(project, "sparql", "coverage")
    assert code == 2 and "govgraph build" in err


# --- against an endpoint -------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(mini_built: Project) -> Iterator[str]:
    server = running_server(mini_built.out / "store")
    yield next(server).query_url
    server.close()


def test_endpoint_gives_the_same_output(mini_built: Project, endpoint: str) -> None:
    for args in (
        ["chairs", "-p", "body=cdrp"],
        ["coverage", "--format", "csv"],
        ["chain", "-p", "body=cdrp", "--format", "json"],
    ):
        local = run(mini_built, "sparql", *args)
        remote = run(mini_built, "sparql", *args, "--endpoint", endpoint)
        assert local == remote and local[0] == 0


def test_endpoint_syntax_error_and_unreachable(mini_built: Project, endpoint: str) -> None:
    from graph.sparql.serve import free_port

    code, _, err = run(mini_built, "sparql", "SELECT * WHERE { ?s ?p }", "--endpoint", endpoint)
    assert code == 2 and "line 1, column" in err
    code, _, err = run(mini_built, "sparql", "coverage", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert code == 1 and err.startswith("Error: endpoint:") and "Connection refused" in err
    code, _, err = run(mini_built, "sparql", "coverage", "--endpoint", "ftp://example.org/")
    assert code == 2 and "not an http(s) URL" in err


def test_help_has_examples() -> None:
    for command in ("queries", "sparql", "serve", "push", "export"):
        out = CliRunner().invoke(cli, [command, "--help"]).output
        assert "Example" in out and f"govgraph {command}" in out, command
