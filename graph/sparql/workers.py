"""Worker processes that run one query at a time on a store, and can be killed.

Oxigraph cannot cancel a query from outside (its own timeout is not checked while an
aggregate runs: a cartesian COUNT ran 87 s past a 5 s limit), so ``govgraph serve``
runs each query in a worker process and kills the worker when time is up. A worker
writes the results in the format asked for, and stops as soon as they pass the size
limit, so a ``SELECT *`` cannot stream gigabytes. Workers are forked from a fork
server (a single-threaded process started once), never from the threaded HTTP server.
"""

from __future__ import annotations

import io
import multiprocessing
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any


class TooLarge(Exception):
    """The results passed the size limit."""


class _Capped(io.BytesIO):
    """A byte buffer that refuses to grow past ``cap``."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap = cap

    def write(self, chunk: Any) -> int:
        if self.tell() + len(chunk) > self.cap:
            raise TooLarge
        return super().write(chunk)


@dataclass(frozen=True)
class Job:
    """One query for a worker: where the store is, the (checked) text, the answer's format."""

    store: str
    query: str
    media_type: str
    max_bytes: int


@dataclass(frozen=True)
class Reply:
    """An answer: ``ok`` with the body; or ``syntax``, ``too-large``, ``error``, ``timeout``
    (the worker was killed) or ``busy`` (no worker was free in time)."""

    status: str
    body: bytes = b""
    message: str = ""


def _serve_jobs(conn: Connection) -> None:
    """The worker's loop: one job in, one reply out, until the pipe closes."""
    import pyoxigraph as ox

    from graph.model.vocab import PREFIXES

    store: Any = None
    location = ""
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job.store != location:
                store, location = None, ""
                store, location = ox.Store.read_only(job.store), job.store
            result = store.query(job.query, prefixes=PREFIXES)
            out = _Capped(job.max_bytes)
            if isinstance(result, ox.QueryTriples):
                result.serialize(out, ox.RdfFormat.from_media_type(job.media_type))
            else:
                result.serialize(out, ox.QueryResultsFormat.from_media_type(job.media_type))
            reply = Reply("ok", out.getvalue())
        except TooLarge:
            reply = Reply("too-large")
        except SyntaxError as exc:
            reply = Reply("syntax", message=str(exc))
        except Exception as exc:  # the store's own errors: reported, the worker goes on
            reply = Reply("error", message=f"{type(exc).__name__}: {exc}".splitlines()[0])
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context: Any):
        self._conn, child = context.Pipe()
        self.process = context.Process(target=_serve_jobs, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def run(self, job: Job, timeout: float) -> Reply:
        """The reply; ``timeout`` if it took longer than ``timeout`` seconds (the worker is killed)."""
        try:
            self._conn.send(job)
            if self._conn.poll(timeout):
                reply: Reply = self._conn.recv()
                return reply
        except (EOFError, OSError):
            self.kill()
            return Reply("error", message="the query process died")
        self.kill()
        return Reply("timeout")

    @property
    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._conn.close()


class Pool:
    """A fixed number of workers; a killed or dead one is replaced by a fresh one."""

    def __init__(self, size: int):
        try:
            self._context: Any = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload(["pyoxigraph", "graph.sparql.workers"])
        except ValueError:  # no fork server on this platform
            self._context = multiprocessing.get_context("spawn")
        self._idle: list[Worker] = [Worker(self._context) for _ in range(size)]
        self._all = list(self._idle)
        self._ready = threading.Condition()

    def run(self, job: Job, timeout: float) -> Reply:
        """Run ``job`` on an idle worker within ``timeout`` seconds, waiting for one included."""
        deadline = time.monotonic() + timeout
        with self._ready:
            while not self._idle:
                left = deadline - time.monotonic()
                if left <= 0 or not self._ready.wait(left):
                    return Reply("busy")
            worker = self._idle.pop()
        reply = worker.run(job, max(0.0, deadline - time.monotonic()))
        if not worker.alive:
            fresh = Worker(self._context)
            with self._ready:
                self._all = [fresh if w is worker else w for w in self._all]
                worker = fresh
        with self._ready:
            self._idle.append(worker)
            self._ready.notify()
        return reply

    def close(self) -> None:
        with self._ready:
            for worker in self._all:
                worker.kill()
            self._idle = []
