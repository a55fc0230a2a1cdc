"""``govgraph serve``: a read-only SPARQL 1.1 endpoint that checks every query first.

Oxigraph's own server runs SERVICE calls (anyone who can reach the port can make it
fetch any URL), accepts any ``Host`` header (so a web page can reach it by DNS
rebinding), does not stop an aggregate when its timeout passes, and streams results
without limit. So ``govgraph serve`` answers the SPARQL 1.1 Protocol itself:

* a request whose ``Host`` is not loopback is refused (403), unless ``--public``;
* each query is checked as every backend checks it (``text.check_query``): an update
  or SERVICE is refused (403), a malformed query is a 400 naming line and column;
* the query runs in a worker process (``graph.sparql.workers``) that is killed when
  the timeout passes (503), and whose results are cut at the size limit (422);
* it serves the current generation of the build, and moves to the next one when a
  build publishes it; every answer names its generation (``X-Govgraph-Generation``).

Only ``/query`` exists (GET, or POST as a form or as ``application/sparql-query``);
updates and the Graph Store are refused.
"""

from __future__ import annotations

import errno
import socket
import threading
import urllib.parse
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from graph.build.generations import Generation, current, reading
from graph.errors import InputError, QueryError
from graph.sparql.serve import LOOPBACK_HOSTS, check_host
from graph.sparql.store.base import syntax_message
from graph.sparql.store.text import check_query
from graph.sparql.workers import Job, Pool

DRAIN = 16 * 1024 * 1024  # a refused body is read up to this much, then the connection closes
MAX_REQUEST = 1024 * 1024
MAX_CONNECTIONS = 64
RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
GRAPH_TYPES = ("application/n-triples", "text/turtle", "application/rdf+xml", "application/n-quads", "application/trig")
_ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml"}


def loopback_host(header: str | None) -> bool:
    """Whether a ``Host`` header names this machine's loopback (any port).

    >>> [loopback_host(h) for h in ("127.0.0.1:7878", "localhost", "[::1]:80", "evil.example:7878", None)]
    [True, True, True, False, False]
    """
    if not header:
        return False
    host = header.strip().lower()
    if host.startswith("["):
        name = host[1 : host.find("]")] if "]" in host else ""
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name in LOOPBACK_HOSTS


def choose_type(accept: str | None, form: str) -> str | None:
    """The media type to answer with, from the ``Accept`` header; None if none fits.

    >>> choose_type("text/csv;q=0.5, application/sparql-results+xml", "select")
    'application/sparql-results+xml'
    >>> choose_type(None, "construct"), choose_type("text/html", "ask")
    ('application/n-triples', None)
    """
    offered = GRAPH_TYPES if form in ("construct", "describe") else RESULT_TYPES
    wanted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept or "*/*").split(",")):
        kind, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        wanted.append((-quality, i, _ALIASES.get(kind.lower(), kind.lower())))
    for negative, _, kind in sorted(wanted):
        if negative >= 0:
            break
        if kind in offered:
            return kind
        if kind in ("*/*", "application/*", "text/*"):
            return next((t for t in offered if kind == "*/*" or t.startswith(kind[:-1])), None)
    return None


class Followed:
    """The generation being served, held against removal, followed when a build publishes.

    A request holds its generation until it is answered; a generation no request
    holds any more, once another is current, is let go (a later build removes it).
    """

    def __init__(self, out: Path):
        self.out = out
        self._lock = threading.Lock()
        self._held: dict[Path, tuple[ExitStack, list[int]]] = {}
        self.current = self._hold()

    def _hold(self) -> Generation:
        stack = ExitStack()
        generation = stack.enter_context(reading(self.out))
        if generation.path in self._held:
            stack.close()
        else:
            self._held[generation.path] = (stack, [0])
        return generation

    def acquire(self) -> Generation:
        with self._lock:
            try:
                if current(self.out) != self.current:
                    previous, self.current = self.current, self._hold()
                    self._let_go(previous)
            except InputError:  # the build folder is gone or broken: keep serving what is held
                pass
            self._held[self.current.path][1][0] += 1
            return self.current

    def release(self, generation: Generation) -> None:
        with self._lock:
            self._held[generation.path][1][0] -= 1
            self._let_go(generation)

    def _let_go(self, generation: Generation) -> None:
        stack, users = self._held[generation.path]
        if generation != self.current and users[0] == 0:
            stack.close()
            del self._held[generation.path]

    def close(self) -> None:
        with self._lock:
            for stack, _ in self._held.values():
                stack.close()
            self._held.clear()


class Endpoint:
    """The HTTP server, its workers and the generation it serves."""

    def __init__(
        self,
        out: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        public: bool = False,
        timeout: float = 30.0,
        max_bytes: int = 64 * 1024 * 1024,
        workers: int = 2,
    ):
        check_host(host, public)
        self.public, self.timeout, self.max_bytes = public, timeout, max_bytes
        self.generations = Followed(out)
        try:
            self.server = _bind(host, port)
        except InputError:
            self.generations.close()
            raise
        self.server.endpoint = self  # type: ignore[attr-defined]
        self.pool = Pool(workers)
        self.host, self.port = host, int(self.server.server_address[1])

    @property
    def query_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/query"

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread or a signal handler's thread)."""
        threading.Thread(target=self.server.shutdown, daemon=True).start()

    def close(self) -> None:
        self.server.server_close()
        self.pool.close()
        self.generations.close()

    def answer(self, text: str, accept: str | None) -> tuple[int, str, bytes, Generation | None]:
        """(status, media type, body, generation) for one query text."""
        try:
            checked = check_query(text)
        except QueryError as exc:
            return (400 if exc.rule == "syntax" else 403), "text/plain", _line(exc.message), None
        media = choose_type(accept, checked.form)
        if media is None:
            offered = GRAPH_TYPES if checked.form in ("construct", "describe") else RESULT_TYPES
            return 406, "text/plain", _line(f"cannot answer in {accept}; one of: {', '.join(offered)}"), None
        generation = self.generations.acquire()
        try:
            job = Job(str(generation.path / "store"), checked.source.text, media, self.max_bytes)
            reply = self.pool.run(job, self.timeout)
        finally:
            self.generations.release(generation)
        if reply.status == "ok":
            return 200, media, reply.body, generation
        status, message = {
            "syntax": (400, syntax_message(reply.message, checked.source)),
            "too-large": (422, f"the result is larger than {self.max_bytes:,} bytes: add LIMIT"),
            "timeout": (503, f"query stopped after the {self.timeout:g} s timeout (add LIMIT, or simplify it)"),
            "busy": (503, f"no query worker was free within {self.timeout:g} s; try again"),
        }.get(reply.status, (500, f"the query failed: {reply.message}"))
        return status, "text/plain", _line(message), generation


def _line(message: str) -> bytes:
    return (" ".join(message.split()) + "\n").encode("utf-8")


class _Server(ThreadingHTTPServer):
    """A thread per connection, at most ``MAX_CONNECTIONS`` at once."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: int):
        self.address_family = family
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):  # too many open connections: drop this one
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up or trickles its request is dropped, without a traceback."""
        return None


def _bind(host: str, port: int) -> _Server:
    """A listening server on host:port; one-line errors for a busy port or a bad host."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else "not a host name"
        raise InputError(f"cannot listen on {host!r}: {reason}", rule="bad-host") from None
    try:
        return _Server((host, port), family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} on {host} is busy (another server?); choose one with --port", rule="port-busy"
            ) from None
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", rule="bad-host") from None


class _Handler(BaseHTTPRequestHandler):
    server_version = "govgraph"
    timeout = 30  # seconds to send a request: a client that trickles bytes is dropped

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _handle(self) -> None:
        endpoint: Endpoint = self.server.endpoint  # type: ignore[attr-defined]
        if not endpoint.public and not loopback_host(self.headers.get("Host")):
            return self._send(403, "text/plain", _line("Host not allowed: this endpoint answers loopback names only"))
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            if self.command != "GET" and url.path.rstrip("/") in ("/update", "/store"):
                return self._send(403, "text/plain", _line("this endpoint is read-only: updates are refused"))
            return self._send(404, "text/plain", _line("not found: queries go to /query"))
        if self.command not in ("GET", "POST"):
            return self._send(405, "text/plain", _line("use GET or POST"), {"Allow": "GET, POST"})
        query, problem = self._query(url.query)
        if problem:
            status, message = problem
            return self._send(status, "text/plain", _line(message))
        status, media, body, generation = endpoint.answer(query, self.headers.get("Accept"))
        extra = {"X-Govgraph-Generation": str(generation.number)} if generation else {}
        self._send(status, media, body, extra)

    def _drain(self, length: int) -> None:
        """Read and drop a refused body (up to DRAIN bytes), so that a client still
        sending it gets the 413 rather than a broken pipe."""
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                return
            length -= len(chunk)

    def _query(self, url_query: str) -> tuple[str, tuple[int, str] | None]:
        """The query text of a GET or POST, or (status, message) saying why there is none."""
        params = urllib.parse.parse_qs(url_query, keep_blank_values=True)
        if self.command == "POST":
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                return "", (411, "a POST needs a Content-Length")
            if length < 0 or length > MAX_REQUEST:
                self._drain(min(max(length, 0), DRAIN))
                return "", (413, f"the request is larger than {MAX_REQUEST:,} bytes")
            body = self.rfile.read(length)
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return "", (400, "the request is not UTF-8")
            if kind == "application/sparql-query":
                params["query"] = [text]
            elif kind == "application/x-www-form-urlencoded":
                params.update(urllib.parse.parse_qs(text, keep_blank_values=True))
            elif kind == "application/sparql-update":
                return "", (403, "this endpoint is read-only: updates are refused")
            else:
                return "", (415, "send the query as application/sparql-query or as a form")
        if "update" in params:
            return "", (403, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return "", (400, "default-graph-uri and named-graph-uri are not supported here")
        found = params.get("query", [])
        if len(found) != 1:
            return "", (400, "give exactly one 'query' parameter")
        return found[0], None

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media or "xml" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
