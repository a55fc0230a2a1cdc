"""Loading the built graph into a SPARQL 1.1 Graph Store, replacing the old copy safely.

The upload goes to a fresh temporary named graph, in chunks that are safe to retry
(RDF graphs are sets, so re-sending a chunk changes nothing). Only when the temporary
graph holds exactly the expected number of triples is it swapped into place with one
SPARQL Update ``MOVE``, which a store applies atomically. Any failure before the
swap drops the temporary graph and leaves the target graph as it was.
"""

from __future__ import annotations

import re
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import EndpointError, GovgraphError, InputError, Place
from graph.sparql.store import http
from graph.sparql.store.base import Solutions
from graph.sparql.store.endpoint import EndpointStore
from graph.sparql.store.terms import iri, n3

CHUNK = 50_000
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server: Graph Store, query and update."""

    store: str
    query: str
    update: str

    @classmethod
    def of(
        cls, endpoint: str, store: str | None = None, query: str | None = None, update: str | None = None
    ) -> Endpoints:
        """Oxigraph's layout (``/store``, ``/query``, ``/update``) unless given explicitly.

        ``endpoint`` may be the server's base URL or any of its three URLs.
        """
        http.check_url(endpoint)
        base = re.sub(r"/(store|query|update)?/?$", "", endpoint.split("?")[0])
        return cls(
            http.check_url(store or base + "/store"),
            http.check_url(query or base + "/query"),
            http.check_url(update or base + "/update"),
        )


@dataclass(frozen=True)
class Pushed:
    """What a push did, for the one-line report."""

    graph: str | None
    triples: int
    requests: int
    seconds: float


def check_graph_iri(value: str) -> str:
    """An absolute IRI for the target graph (or InputError)."""
    if not _SCHEME.match(value):
        raise InputError(
            f"--graph must be an absolute IRI such as https://example.org/govgraph, got {value!r}", rule="graph-iri"
        )
    try:
        return iri(value).value
    except GovgraphError:
        raise InputError(f"--graph is not a valid IRI: {value!r}", rule="graph-iri") from None


def _graph(name: str) -> str:
    """A graph name as SPARQL text (checked, so it cannot end the IRI early)."""
    return n3(iri(name))


class _Client:
    """Requests with the push's timeout and retry budget, counted for the report."""

    def __init__(self, urls: Endpoints, timeout: float, retries: int, backoff: float):
        self.urls, self.timeout, self.retries, self.backoff = urls, timeout, retries, backoff
        self.requests = 0

    def send(self, method: str, url: str, body: bytes, content_type: str, retries: int | None = None) -> None:
        self.requests += 1
        http.request(
            method,
            url,
            data=body,
            headers={"Content-Type": content_type},
            timeout=self.timeout,
            retries=self.retries if retries is None else retries,
            backoff=self.backoff,
        )

    def update(self, text: str, retries: int | None = None) -> None:
        self.send("POST", self.urls.update, text.encode("utf-8"), "application/sparql-update", retries)

    def count(self, graph: str | None) -> int:
        self.requests += 1
        where = f"GRAPH {_graph(graph)} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        store = EndpointStore(self.urls.query, timeout=self.timeout, retries=self.retries)
        result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        assert isinstance(result, Solutions)
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] else 0


def _chunks(nt_file: Path, size: int) -> Iterator[tuple[int, bytes]]:
    lines: list[str] = []
    with nt_file.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line)
                if len(lines) >= size:
                    yield len(lines), "".join(lines).encode("utf-8")
                    lines = []
    if lines:
        yield len(lines), "".join(lines).encode("utf-8")


def push(
    nt_file: Path,
    urls: Endpoints,
    graph: str | None = None,
    *,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 0.5,
    chunk: int = CHUNK,
) -> Pushed:
    """Replace ``graph`` (None: the default graph) at the endpoint with ``nt_file``."""
    started = time.perf_counter()
    if not nt_file.is_file():
        raise InputError("no built graph: run `govgraph build` first", place=Place(str(nt_file)), rule="no-build")
    target = check_graph_iri(graph) if graph else None
    temporary = f"urn:govgraph:push:{uuid.uuid4().hex}"
    client = _Client(urls, timeout, retries, backoff)
    where = f"<{target}>" if target else "the default graph"
    total = 0
    try:
        for n, (lines, body) in enumerate(_chunks(nt_file, chunk)):
            url = f"{urls.store}?{urllib.parse.urlencode({'graph': temporary})}"
            client.send("PUT" if n == 0 else "POST", url, body, "application/n-triples")
            total += lines
        loaded = client.count(temporary)
        if loaded != total:
            raise EndpointError(f"the endpoint holds {loaded} of the {total} triples sent")
    except GovgraphError as exc:
        left = _drop_quietly(client, temporary)
        raise EndpointError(f"push failed, {where} was left as it was: {exc.message}{left}") from None
    _swap(client, temporary, target, total, where)
    return Pushed(target, total, client.requests, time.perf_counter() - started)


def _swap(client: _Client, temporary: str, target: str | None, total: int, where: str) -> None:
    """MOVE the verified graph into place; if the answer was lost, check what happened."""
    destination = f"GRAPH {_graph(target)}" if target else "DEFAULT"
    try:
        client.update(f"MOVE GRAPH {_graph(temporary)} TO {destination}")
    except GovgraphError as exc:
        try:
            done = client.count(target) == total and client.count(temporary) == 0
        except GovgraphError:
            done = False
        if not done:
            left = _drop_quietly(client, temporary)
            raise EndpointError(f"push failed at the swap, {where} was left as it was: {exc.message}{left}") from None
    if client.count(target) != total:
        raise EndpointError(f"after the swap {where} does not hold the {total} triples pushed")


def _drop_quietly(client: _Client, temporary: str) -> str:
    """Best effort (a failing endpoint may not let us clean up); says what is left."""
    try:
        client.update(f"DROP SILENT GRAPH {_graph(temporary)}", retries=0)
    except GovgraphError:
        return f"; the temporary graph <{temporary}> may remain"
    return ""
