"""A private Virtuoso (Debian's ``virtuoso-opensource-7-bin``) for the tests and benchmarks.

Each instance has its own ``virtuoso.ini`` and database in a folder of its own, listens
on free loopback ports only, and gets a fresh random password for ``dba`` before it is
used, so writes need real authentication (HTTP Digest, as Virtuoso asks for it).
``scripts/test`` installs the package where it is missing.

Its URLs are Virtuoso's own: SPARQL queries at ``/sparql`` (anonymous, read-only),
SPARQL Update at ``/sparql-auth`` and the Graph Store Protocol at
``/sparql-graph-crud-auth`` (both behind Digest authentication).
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.sparql.serve import free_port

SERVER = "virtuoso-t"
ISQL = "isql-vt"
PACKAGE = "virtuoso-opensource-7-bin"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
INITIAL_PASSWORD = "dba"  # a new Virtuoso database's, for dba


class Virtuoso:
    """One Virtuoso server process with its database in ``folder``; stop it when done."""

    def __init__(self, folder: Path, buffers: int = 20_000):
        self.folder = folder
        self.buffers = buffers  # 8 KB pages of cache: 20,000 is 160 MB
        self.sql_port = free_port()
        self.http_port = free_port()
        self.user = "dba"
        self.password = INITIAL_PASSWORD  # replaced by start()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        return self.base + "/sparql"

    @property
    def update_url(self) -> str:
        return self.base + "/sparql-auth"

    @property
    def store_url(self) -> str:
        return self.base + "/sparql-graph-crud-auth"

    def ini(self) -> str:
        f = self.folder
        return "\n".join(
            [
                "[Database]",
                f"DatabaseFile = {f}/virtuoso.db",
                f"ErrorLogFile = {f}/virtuoso.log",
                f"LockFile = {f}/virtuoso.lck",
                f"TransactionFile = {f}/virtuoso.trx",
                f"xa_persistent_file = {f}/virtuoso.pxa",
                "[TempDatabase]",
                f"DatabaseFile = {f}/virtuoso-temp.db",
                f"TransactionFile = {f}/virtuoso-temp.trx",
                "[Parameters]",
                f"ServerPort = 127.0.0.1:{self.sql_port}",
                f"NumberOfBuffers = {self.buffers}",
                f"MaxDirtyBuffers = {self.buffers * 3 // 4}",
                f"DirsAllowed = ., {f}",
                # A MOVE of a whole graph is one transaction: its log (the "after image")
                # must hold every quad moved; without this, ten million triples failed (SR325).
                "TransactionAfterImageLimit = 2000000000",
                "[HTTPServer]",
                f"ServerPort = 127.0.0.1:{self.http_port}",
                "[SPARQL]",
                "ResultSetMaxRows = 1000000",
                "MaxQueryExecutionTime = 600",
                "",
            ]
        )

    def start(self, timeout: float = 180.0) -> Virtuoso:
        """Write the ini, start the server, wait for SPARQL, and set a random password.

        Starting it again after :meth:`stop` reopens the same database.
        """
        binary = shutil.which(SERVER)
        if binary is None:
            raise RuntimeError(f"{SERVER} not found: scripts/test installs it (apt-get install {PACKAGE})")
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "virtuoso.ini").write_text(self.ini(), encoding="utf-8")
        log = (self.folder / "server.out").open("wb")
        self.process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso stopped (exit {self.process.returncode}): {self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"virtuoso did not answer within {timeout:.0f} s: {self.log_tail()}")
            time.sleep(0.25)
        if self.password == INITIAL_PASSWORD:  # a new database (a restart keeps its password)
            password = secrets.token_hex(12)
            self.sql(f"USER_SET_PASSWORD('{self.user}', '{password}');")
            self.password = password
        return self

    def _answers(self) -> bool:
        try:
            with NO_PROXY.open(self.query_url + "?query=ASK%7B%7D", timeout=2) as reply:
                return bool(reply.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def sql(self, statement: str, timeout: float = 600) -> str:
        """Run SQL through isql (as dba); raises RuntimeError with its output if it fails."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", self.user, self.password, f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed: {statement}: {(done.stdout + done.stderr).strip()[-500:]}")
        return done.stdout

    def log_tail(self) -> str:
        path = self.folder / "server.out"
        return path.read_text(encoding="utf-8", errors="replace")[-800:] if path.exists() else ""

    def stop(self) -> None:
        """Stop the server (a clean shutdown, then a kill if it hangs)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One private Virtuoso for the whole session (it takes about 20 s to create its database)."""
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    yield server
    server.stop()
