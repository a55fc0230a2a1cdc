"""Fuzzing with hypothesis: no input a user can type or curate ends in a traceback.

Each test throws generated or mutated input at one entry point: the question commands,
``ask``, dates (``--as-of`` and the date readers), the SPARQL front (the query check,
and ``govgraph serve`` over HTTP), the YAML loader (mutated real fact files) and the
manifest (a mutated real manifest). Any exception that is not a one-line user error,
any exit status but 0, 1 or 2, and any case taking over 10 s fails the test.

The default profile keeps CI fast (about a minute); ``scripts/fuzz`` runs the long
profile (``GOVGRAPH_FUZZ=long``: 10,000 cases in all).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph.cli import cli
from graph.errors import GovgraphError
from graph.project import Project
from tests.support import timeouts
from tests.support.projects import REPO

# Cases per test: the long profile spreads 10,000 over the eight tests.
CASES = {"ci": 40, "long": 1250}[os.environ.get("GOVGRAPH_FUZZ", "ci")]
HANG = 10  # seconds
settings.register_profile(
    "govgraph",
    max_examples=CASES,
    deadline=None,
    database=None,
    derandomize=os.environ.get("GOVGRAPH_FUZZ", "ci") == "ci",  # CI: the same cases every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
fuzz = settings.get_profile("govgraph")


@contextmanager
def deadline(seconds: int = HANG) -> Iterator[None]:
    with timeouts.deadline(seconds):
        yield


def run_cli(project: Project, *args: str) -> Any:
    """Run a command in-process; fail on a traceback, a hang or an exit status but 0, 1, 2."""
    with deadline():
        result = CliRunner().invoke(cli, ["--project", str(project.root), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"govgraph {args!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    event(f"exit {result.exit_code}")
    return result


# --- what a user types ----------------------------------------------------------------------

NAMES = ["CDOP", "BSCB", "Penny Thompson", "Board", "CCG", "Executive Board", "Simon Cross", "MASH", "cdop"]
HOSTILE = ['x" } UNION { ?s ?p ?o } #', "<img src=x onerror=alert(1)>", "\x1b[2J", "Zoë Ó Briain", "'; DROP", "\u202e"]
DATES = [
    "2018-04-01",
    "2018-02-29",
    "2018-13-40",
    "9999-12-31",
    "0001-01-01",
    "0000",
    "2017/19",
    "2018/19",
    "1 April 2018",
    "99999999999999999999",
    "-1",
    "",
]
words = st.one_of(st.sampled_from(NAMES + HOSTILE + DATES), st.text(max_size=40))
typed = st.lists(words, min_size=1, max_size=4).map(" ".join) | st.text(max_size=400)
dates = st.one_of(st.sampled_from(DATES), st.text(alphabet="0123456789-/ ", max_size=14), st.text(max_size=20))


@fuzz
@given(
    command=st.sampled_from(
        ["chairs", "members", "roles", "reports-to", "chain", "below", "about", "define", "search"]
    ),
    name=typed,
    as_of=st.none() | dates,
    fmt=st.sampled_from(["table", "json", "csv"]),
)
def test_question_commands(corpus_built: Project, command: str, name: str, as_of: str | None, fmt: str) -> None:
    args = [command, name, "--format", fmt]
    if as_of is not None and command not in ("define", "search"):
        args += ["--as-of", as_of]
    run_cli(corpus_built, *args)


@fuzz
@given(
    command=st.sampled_from(["explain", "tree", "diff", "changes"]),
    a=typed,
    b=typed,
    first=dates,
    second=dates,
    depth=st.integers(-5, 99) | st.sampled_from([0, 10**20]),
)
def test_two_argument_commands(
    corpus_built: Project, command: str, a: str, b: str, first: str, second: str, depth: int
) -> None:
    args = {
        "explain": ["explain", a, b, "--as-of", first],
        "tree": ["tree", a, "--depth", str(depth), "--up"],
        "diff": ["diff", first, second],
        "changes": ["changes", "--from", first, "--to", second],
    }[command]
    run_cli(corpus_built, *args)


words_or_dates = st.one_of(
    st.sampled_from(NAMES + HOSTILE + DATES + ["before", "after", "on", "in", "between", "and", "who", "chairs", "?"]),
    st.text(max_size=12),
)
QUESTIONS = [q["ask"] for q in yaml.safe_load((REPO / "tests" / "questions" / "dev.yaml").read_text(encoding="utf-8"))]


@fuzz
@given(question=st.sampled_from(QUESTIONS), data=st.data())
def test_ask(corpus_built: Project, question: str, data: st.DataObject) -> None:
    words = question.split()
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(words)))
        words.insert(at, data.draw(words_or_dates))
    if data.draw(st.booleans()) and words:
        del words[data.draw(st.integers(0, len(words) - 1))]
    run_cli(corpus_built, "ask", " ".join(words), "--format", data.draw(st.sampled_from(["table", "json", "csv"])))


@fuzz
@given(text=st.text(max_size=60) | dates)
def test_date_readers(text: str) -> None:
    from graph.dates import find_dates, parse_date, read_date

    with deadline():
        span = parse_date(text)
        assert span is None or span[0] <= span[1]
        for found in find_dates(text):
            assert parse_date(found.iso) is not None
        read_date(text)


# --- SPARQL -----------------------------------------------------------------------------------

TOKENS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "SERVICE",
    "service",
    r"\u0053ERVICE",
    r"\U00000053ERVICE",
    "INSERT",
    "DATA",
    "LOAD",
    "DELETE",
    "DROP",
    "PREFIX",
    "ex:",
    "ex:a\\#b",
    "ex:a\\'",
    "gg:chairOf",
    "<http://CANARY/x>",
    "<urn:a>",
    "?s",
    "?p",
    "?o",
    "$v",
    "{",
    "}",
    "(",
    ")",
    ".",
    ";",
    ",",
    "*",
    "'",
    '"',
    "'''",
    "\\u0027",
    "\\u005Cu0027",
    "\\U0027",
    "#",
    "\n",
    "FILTER",
    "BIND",
    "AS",
    "LIMIT",
    "1",
    "VALUES",
    "OPTIONAL",
    "UNION",
    "GRAPH",
    "<",
    ">",
    "a",
]
QUERIES = [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
    "SELECT ?name WHERE { ?p gg:chairOf ?b ; rdfs:label ?name }",
    r"SELECT ?s WHERE { BIND('a\u0027 AS ?x) SERVICE <http://CANARY/x> { ?s ?p ?o } BIND(\u0027b' AS ?y) }",
    "ASK { id:cdop org:reportsTo+ ?top }",
    "CONSTRUCT WHERE { ?s gg:chairOf ?b }",
]
soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=30).map(" ".join)


@st.composite
def queries(draw: st.DrawFn) -> str:
    """Token soup; a real query spliced with tokens; or a real query rewritten so that it
    still means the same (letters as \\u escapes, comments, spaces, keyword case)."""
    mode = draw(st.sampled_from(["soup", "splice", "same"]))
    if mode == "soup":
        return str(draw(soup))
    text = draw(st.sampled_from(QUERIES))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if mode == "splice":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=4)) + text[at:]
        elif text[at : at + 1].isalpha():
            text = text[:at] + draw(st.sampled_from([f"\\u{ord(text[at]):04X}", text[at].swapcase()])) + text[at + 1 :]
        elif text[at : at + 1] == " ":
            text = text[:at] + draw(st.sampled_from(["  ", "\n", " # a comment\n", "\t"])) + text[at:]
    return text


@pytest.fixture(scope="module")
def canary_host() -> Iterator[tuple[str, list[str]]]:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@fuzz
@given(query=queries())
def test_query_check_and_backends(mini_built: Project, canary_host: tuple[str, list[str]], query: str) -> None:
    """The check refuses or passes; what passes, rdflib never reads as SERVICE; nothing is fetched."""
    from rdflib.plugins.sparql import prepareQuery

    from graph.errors import QueryError
    from graph.sparql.store import open_store
    from graph.sparql.store.base import prepare
    from graph.sparql.store.memory import _refuse_service

    host, hits = canary_host
    query = query.replace("CANARY", host)
    with deadline():
        try:
            prepared = prepare(query)
        except QueryError as exc:
            event(f"refused by the check ({exc.rule})")
            prepared = None
        if prepared is not None:
            try:
                compiled = prepareQuery(prepared.text)
            except Exception:  # rdflib cannot read it: it cannot run it either
                compiled = None
            if compiled is not None:
                _refuse_service(compiled.algebra)  # raises if rdflib sees a SERVICE the check missed
            for backend in ("oxigraph", "memory"):
                try:
                    open_store(mini_built.out, backend).query(query, timeout=5)
                    event(f"ran on {backend}")
                except GovgraphError as exc:
                    assert "\n" not in str(exc)
                    event(f"{backend}: {exc.rule}")
    assert hits == []


@pytest.fixture(scope="module")
def endpoint(mini_built: Project) -> Iterator[Any]:
    from graph.sparql.front import Endpoint

    server = Endpoint(mini_built.out, port=0, timeout=5, max_bytes=100_000)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join(5)
    server.close()


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@fuzz
@given(
    query=queries(),
    accept=st.sampled_from(["*/*", "text/csv", "application/sparql-results+json", "text/turtle", "x/y;q=abc", ""]),
    host=st.sampled_from(["127.0.0.1", "localhost", "evil.example", "", "[::1]:1"]),
    post=st.booleans(),
)
def test_serve(
    endpoint: Any, canary_host: tuple[str, list[str]], query: str, accept: str, host: str, post: bool
) -> None:
    canary, hits = canary_host
    body = urllib.parse.urlencode({"query": query.replace("CANARY", canary)})
    url = endpoint.query_url if post else f"{endpoint.query_url}?{body}"
    headers = {"Accept": accept, "Host": host, "Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(url, data=body.encode() if post else None, headers=headers)
    with deadline():
        try:
            with OPENER.open(request, timeout=HANG) as reply:
                status = reply.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
    assert status in (200, 400, 403, 406, 414, 422, 503), status
    event(f"HTTP {status}")
    assert hits == []


# --- curated files ----------------------------------------------------------------------------

FACT_FILES = sorted((REPO / "data" / "facts").glob("*.yaml"))
SNIPPETS = [
    "!!timestamp 2018-13-40",
    "&a [1]",
    "*a",
    "!!python/object:os.system",
    "yes",
    "~",
    "{",
    "[",
    ": :",
    "\t",
    "\x1b",
]
SNIPPETS += ["- ", "  ", "'", '"', "#", "1" * 5000, "2018-02-29", "9999-12-31", "x> } ;", "Leeds City Council", "\x00"]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few lines deleted, repeated, swapped, cut or salted."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "repeat", "swap", "cut", "salt", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "    ", "\t"])) + lines[i].lstrip(" ")
        else:
            at = draw(st.integers(0, len(lines[i])))
            salt = draw(st.sampled_from(SNIPPETS) | st.text(max_size=8))
            lines[i] = lines[i][:at] + salt + lines[i][at:]
    return "".join(lines)


@pytest.fixture(scope="module")
def corpus() -> Any:
    from graph.sources.corpus import load_corpus

    return load_corpus(REPO / "data" / "sources")


@fuzz
@given(data=st.data())
def test_yaml_loader_on_mutated_fact_files(corpus: Any, data: st.DataObject) -> None:
    from graph.model.load import load_facts
    from graph.model.rules import run_rules
    from graph.sources.areas import assign_areas
    from graph.sources.evidence import locate_evidence

    path = data.draw(st.sampled_from(FACT_FILES))
    folder = Path(tempfile.mkdtemp(prefix="govgraph-fuzz-"))
    try:
        (folder / path.name).write_text(data.draw(mutated(path.read_text(encoding="utf-8"))), encoding="utf-8")
        with deadline():
            try:
                facts, findings = load_facts(folder)
            except GovgraphError as exc:
                assert "\n" not in str(exc) and re.search(rf"{re.escape(path.name)}(:\d+)?: ", str(exc)), str(exc)
                event(f"refused: {exc.rule}")
                return
            event("loaded with findings" if findings else "loaded clean")
            locate_evidence(facts, corpus)
            assign_areas(facts, corpus)
            docs = corpus.documents.values()
            run_rules(facts, {d.id: d.date for d in docs}, {d.id: d.area for d in docs})
    finally:
        shutil.rmtree(folder)


@fuzz
@given(data=st.data())
def test_manifest(data: st.DataObject) -> None:
    from graph.sources.corpus import MANIFEST, load_corpus

    sources = REPO / "data" / "sources"
    folder = Path(tempfile.mkdtemp(prefix="govgraph-fuzz-"))
    try:
        for text in sources.glob("*.txt"):
            (folder / text.name).symlink_to(text)
        (folder / MANIFEST).write_text(
            data.draw(mutated((sources / MANIFEST).read_text(encoding="utf-8"))), encoding="utf-8"
        )
        with deadline():
            try:
                load_corpus(folder)
                event("loaded")
            except GovgraphError as exc:
                assert "\n" not in str(exc) and "manifest.yaml" in str(exc), str(exc)
                event(f"refused: {exc.rule}")
    finally:
        shutil.rmtree(folder)
