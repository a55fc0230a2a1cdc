"""Timing shared by the benchmarks: medians, and ratios to a baseline from the same run.

A number alone says little (machines and loads differ), so every benchmark also
measures starting ``python -c pass`` in the same run and prints its times as ratios
to that baseline. Commands are timed as fresh processes, as a user runs them.

Commands run with bytecode caching on, whatever ``PYTHONDONTWRITEBYTECODE`` says
here: an installed package has its ``.pyc`` files, and without them every run would
time Python compiling the package again.

A timed command that fails stops the benchmark with its command line and its error
output: a crash is not a fast run.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtual environment's bin: govgraph is beside python
GOVGRAPH = str(BIN / "govgraph")
BASELINE = [sys.executable, "-c", "pass"]
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


class CommandFailed(Exception):
    """A timed command exited non-zero."""

    def __init__(self, cmd: Sequence[str], code: int, stderr: str):
        self.cmd, self.code, self.stderr = list(cmd), code, stderr
        why = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        super().__init__(f"{shlex.join(self.cmd)}: {why}" + (f"\n{stderr.rstrip()}" if stderr.strip() else ""))


def run(cmd: Sequence[str], *, cwd: Path = ROOT, timeout: float | None = None) -> float:
    """Wall seconds of one run of ``cmd`` as a fresh process; CommandFailed if it fails."""
    started = time.perf_counter()
    done = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise CommandFailed(cmd, done.returncode, done.stderr.decode("utf-8", "replace"))
    return seconds


def median_run(cmd: Sequence[str], runs: int, *, cwd: Path = ROOT) -> float:
    """Median wall seconds of ``runs`` fresh runs of ``cmd`` (every one must succeed)."""
    return statistics.median(run(cmd, cwd=cwd) for _ in range(max(1, runs)))


def baseline(runs: int) -> float:
    """Median seconds to start and stop ``python -c pass``: the unit of every ratio."""
    return median_run(BASELINE, runs)


def ratio(seconds: float, base: float) -> str:
    """``seconds`` as a multiple of the baseline, e.g. ``3.2x``."""
    return f"{seconds / base:.1f}x"


def median_call(fn: Callable[[], Any], runs: int, *, warmup: int = 0, budget: float | None = None) -> float:
    """Median seconds of calling ``fn`` in this process, after ``warmup`` untimed calls.

    With a ``budget`` (seconds), stop early once it is spent and at least three runs
    are timed, so slow backends do not take all day.
    """
    for _ in range(warmup):
        fn()
    times: list[float] = []
    stop = None if budget is None else time.perf_counter() + budget
    while len(times) < max(1, runs) and (stop is None or len(times) < 3 or time.perf_counter() < stop):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(body: Callable[[], None]) -> None:
    """Run a benchmark; if a timed command fails, say which and how, and exit 1."""
    try:
        body()
    except CommandFailed as exc:
        sys.stdout.flush()
        print(f"benchmark failed: {exc}", file=sys.stderr)
        sys.exit(1)
