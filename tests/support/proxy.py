"""A loopback HTTP proxy that injects faults between ``push`` and a real server.

Used against Oxigraph's server and Virtuoso alike: whatever the proxy does to a
request, the target graph must stay as it was and the temporary graph must go.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
FORWARDED = ("content-type", "accept", "authorization")  # request headers passed upstream
RETURNED = ("content-type", "www-authenticate")  # answer headers passed back

# What the proxy does with request number n (method, path): None forwards it.
Fault = Callable[[int, str, str], "str | None"]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up on a faulty answer is expected here, not an error."""


class FaultyProxy:
    """A loopback HTTP proxy that forwards to ``upstream`` unless ``fault`` says otherwise.

    Faults: "fail" (503, not forwarded), "refuse" (403), "drop" (connection closed, not
    forwarded), "lost" (forwarded, then the answer is dropped), "slow" (3 s, then 503),
    "garble" (forwarded, then a status line that is not HTTP), "cut" (forwarded, then
    the answer is cut off before its announced length), or any other text: forwarded,
    then answered 200 with that text as SPARQL JSON results (a well-formed HTTP answer
    whose content is wrong).
    """

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.fault: Fault = lambda n, method, path: None
        self.log: list[tuple[int, str, str]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def handle_one(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                n = len(proxy.log) + 1
                proxy.log.append((n, self.command, self.path))
                fault = proxy.fault(n, self.command, self.path)
                if fault == "drop":
                    self.close_connection = True
                    return
                if fault == "slow":
                    time.sleep(3)
                if fault in ("fail", "slow", "refuse"):
                    self.send_response(403 if fault == "refuse" else 503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED}
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=body or None, headers=headers, method=self.command
                )
                try:
                    with NO_PROXY.open(request, timeout=60) as reply:
                        status, answer_headers, answer = reply.status, reply.headers, reply.read()
                except urllib.error.HTTPError as exc:
                    status, answer_headers, answer = exc.code, exc.headers, exc.read()
                self.close_connection = fault in ("lost", "garble", "cut")
                if fault == "lost":
                    return
                if fault == "garble":
                    self.wfile.write(b"HTTX/9.9 \x1b[31mOK\r\n\r\n")
                    return
                if fault not in (None, "cut"):
                    status, answer = 200, fault.encode("utf-8")
                    answer_headers = Message()
                    answer_headers["Content-Type"] = "application/sparql-results+json"
                self.send_response(status)
                for name, value in answer_headers.items():
                    if name.lower() in RETURNED:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer) + (100 if fault == "cut" else 0)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PUT = do_DELETE = handle_one

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
