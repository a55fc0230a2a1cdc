"""Scale benchmark of the SPARQL layer on synthetic national data (benchmarks/synth.py).

For each size (~10k, ~100k, ~1M triples) it writes a synthetic project, then measures,
each in a fresh process so that peak memory is its own:

* build: ``govgraph build`` (validate, RDF, index, store) with and without SHACL, wall
  time, peak memory and where the time goes;
* store load: Oxigraph's bulk load of govgraph.nt, and rdflib parsing it;
* query latency (median of warm runs) of three named queries, on the default backend
  (the on-disk Oxigraph store), on plain rdflib in memory, and on a local Oxigraph
  server over HTTP: ``chain`` (transitive property path), ``as-of`` (memberships of a
  body on a date) and ``coverage`` (COUNT over the whole graph).

Every time is also given as a ratio to a baseline measured in the same run (starting
``python -c pass``), so runs on different machines can be compared. A measured process
that fails stops the benchmark; one that runs out of time is reported as such.

    .venv/bin/python -m benchmarks.sparql                 # ~10k and ~100k
    .venv/bin/python -m benchmarks.sparql --sizes 10k,100k,1m
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import timing
from benchmarks.synth import write_project
from graph.sparql.serve import Server, free_port

TRIPLES_PER_AREA = 7_400
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
QUERIES = {
    "chain": {"body": "a0001-cdop"},
    "as-of": {"body": "a0001-sg-2", "date": "2018-06-01"},
    "coverage": {},
}
SHACL_LIMIT = 200_000  # above this, SHACL is measured only with --shacl-all (pySHACL is slow)


def run_child(args: list[str], timeout: float) -> tuple[dict[str, Any], float, float]:
    """Run this benchmark as a child; returns (its JSON answer, wall seconds, its peak MB).

    A child still running after ``timeout`` is killed and reported as ``{"error": ...}``
    (the largest sizes may not fit); a child that fails raises CommandFailed.
    """
    cmd = [sys.executable, "-m", "benchmarks.sparql", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=timing.ROOT, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory, unlike RUSAGE_CHILDREN
        killed = not timer.is_alive()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall, peak = time.perf_counter() - started, usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        text, problem = out.read().decode(), err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        if killed:
            return {"error": f"killed after {timeout:.0f} s"}, wall, peak
        raise timing.CommandFailed(cmd, proc.returncode, problem)
    return json.loads(text), wall, peak


def median_ms(fn: Any, repeat: int, budget: float) -> float:
    """Median of warm runs (the first run is discarded), within a time budget."""
    return timing.median_call(fn, repeat, warmup=1, budget=budget) * 1000


# --- workers (each runs in its own process) --------------------------------------------


def worker_build(project: str, shacl: bool) -> dict[str, Any]:
    from graph.build.pipeline import Project, build

    summary = build(Project(Path(project)), shacl=shacl)
    return {"triples": summary.triples, "laps": summary.seconds}


def worker_queries(build_dir: str, backend: str, repeat: int, endpoint: str | None = None) -> dict[str, Any]:
    from graph.sparql import queries
    from graph.sparql.store import open_store

    out: dict[str, Any] = {}
    if backend == "oxigraph":
        import pyoxigraph

        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            fresh = pyoxigraph.Store(tmp)
            fresh.bulk_load(path=str(Path(build_dir) / "govgraph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
            fresh.flush()
            out["load_s"] = time.perf_counter() - started
            del fresh
    started = time.perf_counter()
    store = open_store(Path(build_dir), "endpoint" if endpoint else backend, endpoint)
    if backend == "memory":
        out["load_s"] = time.perf_counter() - started
    for name, params in QUERIES.items():
        query = queries.get(name)
        rows = len(queries.run(store, query, params))
        out[name] = {"ms": median_ms(lambda q=query, p=params: queries.run(store, q, p), repeat, 20.0), "rows": rows}
    return out


# --- the driver -----------------------------------------------------------------------------


def bench_size(label: str, target: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    areas = max(1, round(target / TRIPLES_PER_AREA))
    project = work / label
    started = time.perf_counter()
    write_project(project, areas)
    row: dict[str, Any] = {"size": label, "areas": areas, "synth_s": time.perf_counter() - started}
    print(f"[{label}] {areas} areas written in {row['synth_s']:.1f}s", file=sys.stderr, flush=True)
    result, wall, peak = run_child(["--worker", "build", project.as_posix(), "--no-shacl"], args.timeout)
    row["build_noshacl"] = {**result, "wall_s": wall, "peak_mb": peak}
    print(
        f"[{label}] build --no-shacl: {wall:.1f}s, {peak:.0f} MB {result.get('laps', result)}",
        file=sys.stderr,
        flush=True,
    )
    if target <= SHACL_LIMIT or args.shacl_all:
        result, wall, peak = run_child(["--worker", "build", project.as_posix()], args.timeout)
        row["build"] = {**result, "wall_s": wall, "peak_mb": peak}
        print(f"[{label}] build: {wall:.1f}s, {peak:.0f} MB {result.get('laps', result)}", file=sys.stderr, flush=True)
    build_dir = (project / "build").as_posix()
    for backend in ("oxigraph", "memory"):
        result, wall, peak = run_child(
            ["--worker", "queries", build_dir, "--backend", backend, "--repeat", str(args.repeat)], args.timeout
        )
        row[backend] = {**result, "peak_mb": peak}
        print(f"[{label}] {backend}: {result}", file=sys.stderr, flush=True)
    with Server(project / "build" / "store", port=free_port()) as server:
        result, _, _ = run_child(
            [
                "--worker",
                "queries",
                build_dir,
                "--backend",
                "endpoint",
                "--endpoint",
                server.query_url,
                "--repeat",
                str(args.repeat),
            ],
            args.timeout,
        )
    row["server"] = result
    print(f"[{label}] server: {result}", file=sys.stderr, flush=True)
    return row


def table(rows: list[dict[str, Any]], base: float) -> str:
    def ms(part: dict[str, Any], name: str) -> str:
        return f"{part[name]['ms']:.1f}" if name in part else "-"

    def ratio(row: dict[str, Any], name: str) -> str:
        try:
            return f"{row['memory'][name]['ms'] / row['oxigraph'][name]['ms']:.0f}x"
        except (KeyError, ZeroDivisionError):
            return "-"

    lines = [
        "| triples | build (s) | build --no-shacl (s) | peak MB | store load (s) | rdflib load (s) "
        "| chain ms: oxigraph / server / rdflib | as-of ms | coverage ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        nos = row["build_noshacl"]
        full = row.get("build", {})
        cells = [
            f"{nos.get('triples', 0):,}",
            f"{full['wall_s']:.1f}" if "wall_s" in full and "error" not in full else "not run",
            f"{nos['wall_s']:.1f}",
            f"{max(full.get('peak_mb', 0) or 0, nos['peak_mb'] or 0):.0f}",
            f"{row['oxigraph'].get('load_s', float('nan')):.1f}",
            f"{row['memory'].get('load_s', float('nan')):.1f}",
        ]
        for name in QUERIES:
            cells.append(
                f"{ms(row['oxigraph'], name)} / {ms(row['server'], name)} / {ms(row['memory'], name)} ({ratio(row, name)})"
            )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"\nBaseline (`python -c pass`): {base:.1f} ms.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated among 10k, 100k, 1m")
    parser.add_argument("--repeat", type=int, default=20, help="warm runs per query (rdflib: fewer if slow)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for each measured process")
    parser.add_argument("--shacl-all", action="store_true", help=f"also run SHACL above {SHACL_LIMIT:,} triples")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--no-shacl", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, path = args.worker
        answer = (
            worker_build(path, not args.no_shacl)
            if kind == "build"
            else worker_queries(path, args.backend, args.repeat, args.endpoint)
        )
        print(json.dumps(answer))
        return
    sizes = [s.strip().lower() for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: use {', '.join(SIZES)}")
    base = timing.baseline(7) * 1000
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        for size in sizes:
            rows.append(bench_size(size, SIZES[size], Path(tmp), args))
    print(table(rows, base))
    if args.json:
        args.json.write_text(json.dumps({"baseline_ms": base, "rows": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    timing.main(main)
