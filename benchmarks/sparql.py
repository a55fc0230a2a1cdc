"""Scale benchmark: the build and three SPARQL engines on synthetic national data.

For each size (``1m``: 150 areas over one year; ``5m``: five years; ``10m``: ten;
``10k`` and ``100k`` for quick runs) it writes a synthetic project
(benchmarks/synth.py), then measures, every figure in fresh processes:

* build: ``govgraph build`` with and without SHACL, wall time and the peak memory of
  the largest process (the build's SHACL process included), median of ``--runs``;
* load: Oxigraph's bulk load of govgraph.nt into a new embedded store, and ``push``
  into a private Virtuoso (Graph Store Protocol with Digest authentication, verified,
  swapped into place); rdflib parsing the file, at 1M and below only;
* queries: the named queries ``chairs``, ``chain``, ``as-of``, ``below`` and
  ``coverage`` (the aggregate: counts over the whole graph) on the embedded Oxigraph
  store, Oxigraph's server and Virtuoso (rdflib at 1M and below, as the baseline).
  *Cold* is the first run in a freshly started engine (a new process opening the
  store, or a server just started; the operating system's file cache is not
  dropped), median of ``--cold`` starts; *warm* is the median of repeated runs after
  that first one.

A baseline, starting ``python -c pass``, is measured in the same run, and every time
is also given as a ratio to it. A measured process that fails stops the benchmark; one
that runs out of time is reported as such. Writes a table (Markdown), the raw numbers
(``--json``) and a plot of time against size (``--plot``, needs matplotlib).

    .venv/bin/python -m benchmarks.sparql --sizes 10k,100k
    .venv/bin/python -m benchmarks.sparql --sizes 1m,5m,10m --json docs/scale.json --plot docs/scale.png
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import timing
from benchmarks.synth import write_project

SIZES = {"10k": (1, 1), "100k": (14, 1), "1m": (150, 1), "5m": (150, 5), "10m": (150, 10)}  # areas, years
RDFLIB_LIMIT = 1_200_000  # rdflib is measured up to about a million triples: the baseline
QUERIES = {
    "chairs": {"body": "a0001-cdop"},
    "chain": {"body": "a0001-cdop"},
    "as-of": {"body": "a0001-sg-2", "date": "2018-06-01"},
    "below": {"body": "a0001-executive"},
    "coverage": {},
}
ENGINES = ("oxigraph", "server", "virtuoso", "rdflib")
GRAPH = "https://example.org/govgraph"


def run_child(args: list[str], timeout: float) -> tuple[dict[str, Any], float, float]:
    """Run this benchmark as a child; returns (its JSON answer, wall seconds, peak MB).

    The peak is that of the largest process of the child's tree (Linux reports the
    largest waited-for descendant in ``ru_maxrss``); the answer gains ``cpu_s``, the
    CPU seconds of the whole tree, which a busy machine inflates less than the wall
    time. A child still running after
    ``timeout`` is killed and reported as ``{"error": ...}``; one that fails raises
    CommandFailed.
    """
    cmd = [sys.executable, "-m", "benchmarks.sparql", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=timing.ROOT, env=timing.ENV, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
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
    return {**json.loads(text), "cpu_s": usage.ru_utime + usage.ru_stime}, wall, peak


# --- workers (each runs in its own process) --------------------------------------------


def worker_build(project: str, shacl: bool) -> dict[str, Any]:
    from graph.build.pipeline import Project, build

    summary = build(Project(Path(project)), shacl=shacl)
    return {"triples": summary.triples, "laps": summary.seconds}


def worker_load(build_dir: str) -> dict[str, Any]:
    """Oxigraph's bulk load of govgraph.nt into a new store."""
    import pyoxigraph

    with tempfile.TemporaryDirectory(dir=build_dir) as tmp:
        started = time.perf_counter()
        store = pyoxigraph.Store(tmp)
        store.bulk_load(path=str(Path(build_dir) / "govgraph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        seconds = time.perf_counter() - started
        del store
    return {"load_s": seconds}


def worker_queries(build_dir: str, engine: str, warm: int, endpoint: str | None) -> dict[str, Any]:
    """Cold (first) and warm (median of later) runs of each query on one engine."""
    from graph.sparql import queries
    from graph.sparql.store import open_store

    out: dict[str, Any] = {}
    started = time.perf_counter()
    backend = {"oxigraph": "oxigraph", "rdflib": "memory"}.get(engine, "endpoint")
    store = open_store(Path(build_dir), backend, endpoint)
    if engine == "rdflib":
        out["load_s"] = time.perf_counter() - started
    for name, params in QUERIES.items():
        query = queries.get(name)
        first = time.perf_counter()
        rows = len(queries.run(store, query, params))
        cold = time.perf_counter() - first

        def again(q: Any = query, p: dict[str, str] = params) -> Any:
            return queries.run(store, q, p)

        seconds = timing.median_call(again, warm, budget=20.0)
        out[name] = {"cold_ms": cold * 1000, "warm_ms": seconds * 1000, "rows": rows}
    return out


def worker_cold(build_dir: str, engine: str, name: str, endpoint: str | None) -> dict[str, Any]:
    """One query's first run in a new process (embedded: the store opened just now)."""
    from graph.sparql import queries
    from graph.sparql.store import open_store

    backend = "oxigraph" if engine == "oxigraph" else "endpoint"
    started = time.perf_counter()
    store = open_store(Path(build_dir), backend, endpoint)
    queries.run(store, queries.get(name), QUERIES[name])
    return {"ms": (time.perf_counter() - started) * 1000}


# --- the driver -----------------------------------------------------------------------------


def progress(label: str, what: str) -> None:
    print(f"[{label}] {what}", file=sys.stderr, flush=True)


def measured_build(label: str, project: Path, shacl: bool, args: argparse.Namespace) -> dict[str, Any]:
    walls: list[float] = []
    peaks: list[float] = []
    cpus: list[float] = []
    result: dict[str, Any] = {}
    flag = [] if shacl else ["--no-shacl"]
    for _ in range(args.runs):
        result, wall, peak = run_child(["--worker", "build", project.as_posix(), *flag], args.timeout)
        if "error" in result:
            return {**result, "wall_s": wall, "peak_mb": peak, "runs": len(walls) + 1}
        walls.append(wall)
        peaks.append(peak)
        cpus.append(result["cpu_s"])
    out = {
        **result,
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "peak_mb": max(peaks),
        "runs": len(walls),
    }
    progress(
        label, f"build{'' if shacl else ' --no-shacl'}: {out['wall_s']:.1f} s, {out['peak_mb']:.0f} MB {out['laps']}"
    )
    return out


def engine_queries(
    label: str, engine: str, build_dir: str, args: argparse.Namespace, endpoint: str | None = None, restart: Any = None
) -> dict[str, Any]:
    """Warm runs in one process; cold runs in fresh processes (servers restarted first)."""
    extra = ["--endpoint", endpoint] if endpoint else []
    result, _, peak = run_child(
        ["--worker", "queries", build_dir, "--engine", engine, "--warm", str(args.warm), *extra], args.timeout
    )
    result["peak_mb"] = peak
    if engine != "rdflib" and "error" not in result:
        for name in QUERIES:
            colds = []
            for _ in range(args.cold):
                if restart is not None:
                    extra = ["--endpoint", restart()]
                cold, _, _ = run_child(
                    ["--worker", "cold", build_dir, "--engine", engine, "--query", name, *extra], args.timeout
                )
                colds.append(cold["ms"])
            result[name]["cold_ms"] = statistics.median(colds)
    progress(label, f"{engine}: " + json.dumps(result))
    return result


def bench_size(label: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    from graph.sparql.push import Endpoints, push
    from graph.sparql.serve import Server, free_port
    from graph.sparql.store.auth import Credentials
    from tests.support.virtuoso import Virtuoso

    areas, years = SIZES[label]
    project = work / label
    started = time.perf_counter()
    write_project(project, areas, years=years)
    row: dict[str, Any] = {"size": label, "areas": areas, "years": years, "synth_s": time.perf_counter() - started}
    progress(label, f"{areas} areas over {years} year(s) written in {row['synth_s']:.1f} s")
    row["build_noshacl"] = measured_build(label, project, False, args)
    row["build"] = measured_build(label, project, True, args)
    build_dir = (project / "build").as_posix()
    loads = [run_child(["--worker", "load", build_dir], args.timeout)[0]["load_s"] for _ in range(args.runs)]
    row["oxigraph_load_s"] = statistics.median(loads)
    progress(label, f"oxigraph bulk load: {row['oxigraph_load_s']:.1f} s")
    row["triples"] = row["build"].get("triples") or row["build_noshacl"].get("triples")
    row["oxigraph"] = engine_queries(label, "oxigraph", build_dir, args)
    servers = [Server(project / "build" / "store", port=free_port())]
    servers[0].start()

    def restart_server() -> str:
        """A new server (on a new port: the old one may still be closing) over the same store."""
        servers[-1].stop()
        servers.append(Server(project / "build" / "store", port=free_port()))
        servers[-1].start()
        return servers[-1].query_url

    try:
        row["server"] = engine_queries(label, "server", build_dir, args, servers[0].query_url, restart_server)
    finally:
        servers[-1].stop()
    with Virtuoso(work / f"virtuoso-{label}", buffers=args.virtuoso_buffers) as virtuoso:
        started = time.perf_counter()
        done = push(
            project / "build" / "govgraph.nt",
            Endpoints.of(virtuoso.query_url, layout="virtuoso"),
            GRAPH,
            timeout=3600,
            credentials=Credentials(virtuoso.user, virtuoso.password),
        )
        row["virtuoso_load_s"] = time.perf_counter() - started
        progress(label, f"virtuoso push: {row['virtuoso_load_s']:.1f} s, {done.requests} requests")
        virtuoso.sql("checkpoint;")
        endpoint = f"{virtuoso.query_url}?default-graph-uri={GRAPH}"

        def restart_virtuoso() -> str:
            virtuoso.stop()
            virtuoso.start()
            return endpoint

        row["virtuoso"] = engine_queries(label, "virtuoso", build_dir, args, endpoint, restart_virtuoso)
    if (row["triples"] or 0) <= RDFLIB_LIMIT:
        row["rdflib"] = engine_queries(label, "rdflib", build_dir, args)
    return row


# --- the report -------------------------------------------------------------------------------


def _s(part: dict[str, Any], key: str) -> str:
    if "error" in part:
        return part["error"]
    value = part.get(key)
    return "-" if value is None else f"{value:,.1f}"


def table(rows: list[dict[str, Any]], base: float) -> str:
    """Two Markdown tables: the build and loads, then query latency per engine."""
    lines = [
        "| triples | build (s) | × baseline | build CPU (s) | build --no-shacl (s) | peak MB (SHACL / no SHACL) "
        "| Oxigraph load (s) | Virtuoso push (s) | rdflib load (s) | runs |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        full, nos = row["build"], row["build_noshacl"]
        unit = row.get("baseline_ms", base)  # each run's own baseline
        times = f"{full['wall_s'] * 1000 / unit:,.0f}×" if "wall_s" in full and "error" not in full else "-"
        lines.append(
            f"| {row['triples']:,} | {_s(full, 'wall_s')} | {times} | {_s(full, 'cpu_s')} | {_s(nos, 'wall_s')} "
            f"| {full.get('peak_mb', 0):,.0f} / {nos.get('peak_mb', 0):,.0f} | {row['oxigraph_load_s']:.1f} "
            f"| {row['virtuoso_load_s']:.1f} | {_s(row.get('rdflib', {}), 'load_s')} | {full.get('runs', '-')} |"
        )
    lines += ["", "| triples | query | " + " | ".join(f"{e} cold / warm ms" for e in ENGINES) + " |"]
    lines.append("|---|---|" + "---|" * len(ENGINES))
    for row in rows:
        for name in QUERIES:
            cells = []
            local = row.get("oxigraph", {}).get(name, {}).get("warm_ms")
            for engine in ENGINES:
                got = row.get(engine, {}).get(name)
                ratio = f" ({_times(got['warm_ms'] / local)})" if got and local and engine != "oxigraph" else ""
                cells.append(f"{got['cold_ms']:,.1f} / {got['warm_ms']:,.1f}{ratio}" if got else "-")
            lines.append(f"| {row['triples']:,} | `{name}` | " + " | ".join(cells) + " |")
    lines.append("\nRatios in brackets: warm time over the embedded Oxigraph store's.")
    lines.append(f"\nBaseline (`python -c pass`, same run): {base:.1f} ms.")
    return "\n".join(lines)


def _times(ratio: float) -> str:
    return f"{ratio:.1f}×" if ratio < 10 else f"{ratio:,.0f}×"


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    """Time against size: the build and loads (left), warm query latency per engine (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullLocator

    sizes = [row["triples"] / 1e6 for row in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    series = {
        "build (wall)": [row["build"].get("wall_s") for row in rows],
        "build --no-shacl (wall)": [row["build_noshacl"].get("wall_s") for row in rows],
        "Oxigraph bulk load": [row.get("oxigraph_load_s") for row in rows],
        "push into Virtuoso": [row.get("virtuoso_load_s") for row in rows],
    }
    for label, values in series.items():
        points = [(s, v) for s, v in zip(sizes, values) if v is not None]
        if points:
            left.plot(*zip(*points), marker="o", label=label)
    left.set(xlabel="million triples", ylabel="seconds", title="Build and load", xscale="log", yscale="log")
    left.legend()
    for engine in ("oxigraph", "server", "virtuoso"):
        for name, style in (("chain", "-"), ("as-of", "--"), ("coverage", ":")):
            points = [(s, row[engine][name]["warm_ms"]) for s, row in zip(sizes, rows) if name in row.get(engine, {})]
            if points:
                right.plot(*zip(*points), style, marker="o", label=f"{engine} {name}")
    right.set(xlabel="million triples", ylabel="ms (warm, median)", title="Query latency", xscale="log", yscale="log")
    right.legend(fontsize="small", ncol=2)
    for axis in (left, right):  # the sizes measured as plain numbers, not powers of ten
        axis.set_xticks(sizes, [f"{s:.1f}" for s in sizes])
        axis.xaxis.set_minor_locator(NullLocator())
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help=f"comma-separated among {', '.join(SIZES)}")
    parser.add_argument("--runs", type=int, default=3, help="fresh runs of each build and load (median)")
    parser.add_argument("--cold", type=int, default=3, help="fresh starts for each cold query (median)")
    parser.add_argument("--warm", type=int, default=20, help="warm runs per query (fewer if slow)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed for each measured process")
    parser.add_argument("--virtuoso-buffers", type=int, default=250_000, help="Virtuoso's 8 KB buffers")
    parser.add_argument("--work", type=Path, help="folder for the projects (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--plot", type=Path, help="also draw time against size here (PNG)")
    parser.add_argument(
        "--report", type=Path, nargs="+", metavar="JSON", help="measure nothing: print the table and plot of saved runs"
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--no-shacl", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)
    parser.add_argument("--query", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, path = args.worker
        if kind == "build":
            answer = worker_build(path, not args.no_shacl)
        elif kind == "load":
            answer = worker_load(path)
        elif kind == "cold":
            answer = worker_cold(path, args.engine, args.query, args.endpoint)
        else:
            answer = worker_queries(path, args.engine, args.warm, args.endpoint)
        print(json.dumps(answer))
        return
    if args.report:
        saved = [json.loads(path.read_text(encoding="utf-8")) for path in args.report]
        rows = sorted(
            ({"baseline_ms": run["baseline_ms"], **row} for run in saved for row in run["rows"]),
            key=lambda row: row["triples"],
        )
        bases = ", ".join(f"{run['baseline_ms']:.1f}" for run in saved)
        print(table(rows, statistics.median(run["baseline_ms"] for run in saved)))
        print(f"Baselines of the runs: {bases} ms.")
        if args.plot:
            plot(rows, args.plot)
        return
    sizes = [s.strip().lower() for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: use {', '.join(SIZES)}")
    base = timing.baseline(7) * 1000
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-", dir=args.work) as tmp:
        for size in sizes:
            rows.append({**bench_size(size, Path(tmp), args), "baseline_ms": base})
            if args.json:  # after every size: long runs keep what they measured
                args.json.write_text(json.dumps({"baseline_ms": base, "rows": rows}, indent=1), encoding="utf-8")
    print(table(rows, base))
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    timing.main(main)
