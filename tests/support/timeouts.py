"""A deadline for code that must not hang (a FIFO, a runaway query, a huge quote)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Hang(Exception):
    """The code under test took longer than its deadline."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Raise Hang in the block after ``seconds`` (SIGALRM: the main thread, POSIX only)."""

    def stop(*_: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
