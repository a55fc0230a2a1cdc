"""Listening safely, and running the real Oxigraph server (``oxigraph`` on PyPI).

Every server listens on 127.0.0.1 by default: a public address must be asked for
(``check_host``), and a busy port is a clear error rather than a Rust backtrace.
:class:`Server` runs ``oxigraph serve`` or ``serve-read-only`` over a store: the
endpoint the tests and benchmarks compare the other backends with, and the writable
Graph Store that ``push`` is tested against. ``govgraph serve`` itself answers through
its own front (``graph.sparql.front``), since Oxigraph's server runs SERVICE calls.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from graph.errors import EndpointError, GovgraphError, InputError, Place

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed beside this Python, else the one on PATH."""
    sibling = Path(sys.executable).parent / "oxigraph"
    if sibling.is_file():
        return str(sibling)
    found = shutil.which("oxigraph")
    if not found:
        raise InputError("the Oxigraph server is not installed: pip install oxigraph", rule="no-oxigraph")
    return found


def check_host(host: str, public: bool) -> None:
    """Loopback only, unless the user explicitly asked for a public endpoint."""
    if host not in LOOPBACK_HOSTS and not public:
        raise InputError(
            f"refusing to listen on {host}: other machines could reach the endpoint; add --public if that is intended",
            rule="public-host",
        )


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def port_is_free(host: str, port: int) -> bool:
    """Whether nothing listens on host:port (checked by binding it briefly)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nothing listens on now (for tests and throwaway servers)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class Server:
    """An ``oxigraph serve`` or ``serve-read-only`` process, started and stopped cleanly.

    >>> # with Server(Path("build/store"), port=7878) as server: server.query_url
    """

    def __init__(
        self,
        location: Path,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        read_only: bool = True,
        public: bool = False,
        timeout: float | None = None,
    ):
        check_host(host, public)
        if read_only and not (location / "CURRENT").is_file():
            raise InputError("no built store: run `govgraph build` first", place=Place(str(location)), rule="no-build")
        self.location, self.host, self.port, self.read_only = location, host, port, read_only
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None  # opened by start(), closed by stop()

    @property
    def url(self) -> str:
        return f"http://{_address('localhost' if self.host == '::1' else self.host, self.port)}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    def command(self) -> list[str]:
        mode = "serve-read-only" if self.read_only else "serve"
        cmd = [oxigraph_binary(), mode, "--location", str(self.location), "--bind", _address(self.host, self.port)]
        if self.timeout:
            cmd += ["--timeout-s", str(max(1, round(self.timeout)))]
        return cmd

    def start(self, wait: float = 15.0) -> Server:
        """Start the server and return once it accepts connections."""
        if not port_is_free(self.host, self.port):
            raise InputError(
                f"port {self.port} on {self.host} is busy (another server?); choose one with --port", rule="port-busy"
            )
        self._log = tempfile.TemporaryFile()  # not a pipe: a full pipe would block the server
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=self._log)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self._failure()
                self.stop()
                raise error
            try:
                with socket.create_connection((self.host, self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise EndpointError(f"the Oxigraph server did not start within {wait:g} s")

    def _failure(self) -> GovgraphError:
        assert self.process is not None and self._log is not None
        self._log.seek(0)
        message = self._log.read().decode("utf-8", "replace").strip()
        first = message.splitlines()[0] if message else f"exit code {self.process.returncode}"
        if "Address already in use" in message:
            return InputError(
                f"port {self.port} on {self.host} is busy (another server?); choose one with --port", rule="port-busy"
            )
        return EndpointError(f"the Oxigraph server stopped: {first.removeprefix('Error: ')}")

    def wait(self) -> int:
        """Block until the server exits (Ctrl-C stops it); returns its exit code."""
        assert self.process is not None
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            self.stop()
            return 0

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
