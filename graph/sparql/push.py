"""Loading the built graph into a SPARQL 1.1 server, replacing the old copy safely.

The upload goes to a fresh temporary named graph, in chunks that are safe to retry
(RDF graphs are sets, so re-sending a chunk changes nothing): through the SPARQL 1.1
Graph Store Protocol where the server offers it, else as SPARQL Update ``INSERT
DATA``. Only when the temporary graph holds exactly the expected number of triples is
it swapped into place with one SPARQL Update ``MOVE``, which is never repeated blindly
(a lost answer is checked instead). Any failure before the swap leaves the target graph
as it was, and the temporary graph is dropped on every failure, or named when it could
not be.

Servers lay their URLs out differently: ``oxigraph`` (``/store``, ``/query``,
``/update``) and ``virtuoso`` (``/sparql-graph-crud-auth``, ``/sparql``,
``/sparql-auth``) are known and tested; any other server takes its three URLs
explicitly.
"""

from __future__ import annotations

import re
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import EndpointError, GovgraphError, InputError, Place
from graph.sparql.store import http
from graph.sparql.store.auth import Answerer, Credentials
from graph.sparql.store.base import Solutions
from graph.sparql.store.endpoint import EndpointStore
from graph.sparql.store.terms import iri, n3

CHUNK = 50_000  # lines per Graph Store request
UPDATE_CHUNK = 5_000  # lines per INSERT DATA (servers parse long updates slowly)
NOT_OFFERED = (404, 405, 501)  # a Graph Store answer that means "not here": use SPARQL Update
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# Graph Store, query and update paths under a server's base URL.
LAYOUTS = {
    "oxigraph": ("/store", "/query", "/update"),
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql", "/sparql-auth"),
}


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server: Graph Store (None: none offered), query, update."""

    store: str | None
    query: str
    update: str
    layout: str = "oxigraph"

    @classmethod
    def of(
        cls,
        endpoint: str,
        store: str | None = None,
        query: str | None = None,
        update: str | None = None,
        layout: str = "oxigraph",
        graph_store: bool = True,
    ) -> Endpoints:
        """A known ``layout``'s URLs under ``endpoint``, unless given explicitly.

        ``endpoint`` may be the server's base URL or any of its three URLs.
        """
        if layout not in LAYOUTS:
            raise InputError(f"unknown layout {layout!r}: one of {', '.join(LAYOUTS)}", rule="layout")
        http.check_url(endpoint)
        paths = LAYOUTS[layout]
        known = "|".join(re.escape(p.strip("/")) for p in sorted(paths, key=len, reverse=True))
        base = re.sub(rf"/({known})?/?$", "", endpoint.split("?")[0])
        return cls(
            http.check_url(store or base + paths[0]) if graph_store else None,
            http.check_url(query or base + paths[1]),
            http.check_url(update or base + paths[2]),
            layout,
        )


@dataclass(frozen=True)
class Pushed:
    """What a push did, for the one-line report."""

    graph: str | None
    triples: int
    requests: int
    seconds: float
    method: str = "graph store"


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


@dataclass
class _Client:
    """Requests with the push's timeout, retry budget and credentials, counted for the report."""

    urls: Endpoints
    timeout: float
    retries: int
    backoff: float
    credentials: Credentials | None
    requests: int = 0
    _answerers: dict[str, Answerer] = field(default_factory=dict)

    def _auth(self, url: str) -> Answerer | None:
        """One challenge answerer per URL path (a server may challenge each path apart)."""
        if self.credentials is None:
            return None
        path = url.split("?")[0]
        if path not in self._answerers:
            self._answerers[path] = Answerer(self.credentials)
        return self._answerers[path]

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
            auth=self._auth(url),
        )

    def update(self, text: str, retries: int | None = None) -> None:
        self.send("POST", self.urls.update, text.encode("utf-8"), "application/sparql-update", retries)

    def count(self, graph: str | None) -> int:
        self.requests += 1
        where = f"GRAPH {_graph(graph)} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        store = EndpointStore(
            self.urls.query, timeout=self.timeout, retries=self.retries, auth=self._auth(self.urls.query)
        )
        result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        if not isinstance(result, Solutions):
            raise EndpointError(f"the endpoint answered a count with {type(result).__name__.lower()}, not rows")
        value = result.rows[0][0] if result.rows and result.rows[0] else None
        if value is None:
            return 0
        try:
            return int(value.value)
        except ValueError:
            raise EndpointError(f"the endpoint answered a count with {value.value[:40]!r}, not a number") from None


def _chunks(nt_file: Path, size: int) -> Iterator[list[str]]:
    lines: list[str] = []
    with nt_file.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line)
                if len(lines) >= size:
                    yield lines
                    lines = []
    if lines:
        yield lines


def push(
    nt_file: Path,
    urls: Endpoints,
    graph: str | None = None,
    *,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 0.5,
    chunk: int = CHUNK,
    credentials: Credentials | None = None,
) -> Pushed:
    """Replace ``graph`` (None: the default graph) at the endpoint with ``nt_file``."""
    started = time.perf_counter()
    if not nt_file.is_file():
        raise InputError("no built graph: run `govgraph build` first", place=Place(str(nt_file)), rule="no-build")
    target = check_graph_iri(graph) if graph else None
    if target is None and urls.layout == "virtuoso":
        raise InputError("Virtuoso's default graph is the union of all its graphs: give --graph IRI", rule="graph-iri")
    temporary = f"urn:govgraph:push:{uuid.uuid4().hex}"
    client = _Client(urls, timeout, retries, backoff, credentials)
    where = f"<{target}>" if target else "the default graph"
    try:
        total, method = _upload(client, nt_file, temporary, chunk)
        loaded = client.count(temporary)
        if loaded != total:
            raise EndpointError(f"the endpoint holds {loaded} of the {total} triples sent")
    except GovgraphError as exc:
        raise _failed(
            exc, f"push failed, {where} was left as it was: {exc.message}{_drop(client, temporary)}"
        ) from None
    except BaseException:  # interrupted, or the file could not be read: still clean up
        _drop(client, temporary)
        raise
    _swap(client, temporary, target, total, where)
    return Pushed(target, total, client.requests, time.perf_counter() - started, method)


def _upload(client: _Client, nt_file: Path, temporary: str, chunk: int) -> tuple[int, str]:
    """Send every triple to the temporary graph; returns the count and the method used."""
    method = "graph store" if client.urls.store else "sparql update"
    total = 0
    for n, lines in enumerate(_chunks(nt_file, chunk)):
        if method == "graph store":
            assert client.urls.store is not None
            url = f"{client.urls.store}?{urllib.parse.urlencode({'graph': temporary})}"
            try:
                client.send("PUT" if n == 0 else "POST", url, "".join(lines).encode("utf-8"), "application/n-triples")
            except http.Refused as exc:
                if n or exc.status not in NOT_OFFERED:
                    raise
                method = "sparql update"  # no Graph Store at that URL
        if method == "sparql update":
            for start in range(0, len(lines), UPDATE_CHUNK):
                part = "".join(lines[start : start + UPDATE_CHUNK])
                client.update(f"INSERT DATA {{ GRAPH {_graph(temporary)} {{\n{part}}} }}")
        total += len(lines)
    return total, method


def _swap(client: _Client, temporary: str, target: str | None, total: int, where: str) -> None:
    """MOVE the verified graph into place, once; if the answer was lost, check what happened."""
    destination = f"GRAPH {_graph(target)}" if target else "DEFAULT"
    try:
        client.update(f"MOVE GRAPH {_graph(temporary)} TO {destination}", retries=0)
    except GovgraphError as exc:
        if _answered(exc):  # the server said the MOVE failed: nothing moved
            left = _drop(client, temporary)
            raise _failed(exc, f"push failed at the swap, {where} was left as it was: {exc.message}{left}") from None
        try:
            done = client.count(target) == total and client.count(temporary) == 0
        except GovgraphError as check:
            left = _drop(client, temporary)
            raise _failed(
                exc,
                f"push failed at the swap ({exc.message}) and could not be checked ({check.message}): "
                f"{where} holds either the old or the new graph{left}",
            ) from None
        if not done:
            left = _drop(client, temporary)
            raise _failed(exc, f"push failed at the swap, {where} was left as it was: {exc.message}{left}") from None
    try:
        held = client.count(target)
    except GovgraphError as exc:
        raise _failed(
            exc, f"the new graph was moved into place, but {where} could not be checked: {exc.message}"
        ) from None
    if held != total:
        raise EndpointError(f"after the swap {where} holds {held} triples, not the {total} pushed")


def _answered(exc: GovgraphError) -> bool:
    """Did the server answer the request with an error status (rather than no answer)?"""
    return isinstance(exc, http.Refused) or (isinstance(exc, http.Failed) and exc.status is not None)


def _failed(cause: GovgraphError, message: str) -> EndpointError:
    """The push's error, keeping the cause's exit status (2 for a garbled answer)."""
    error = EndpointError(message)
    error.exit_code = cause.exit_code
    return error


def _drop(client: _Client, temporary: str) -> str:
    """Drop the temporary graph (best effort: a failing endpoint may not let us); says what is left."""
    try:
        client.update(f"DROP SILENT GRAPH {_graph(temporary)}", retries=1)
    except GovgraphError as exc:
        return f"; the temporary graph <{temporary}> may remain (dropping it failed: {exc.message})"
    return "; the temporary graph was dropped"
