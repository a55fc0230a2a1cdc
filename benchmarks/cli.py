"""Benchmark the build and the answering commands as fresh processes.

Prints medians beside a baseline (`python -c pass`) measured in the same run, and
the ratio, so numbers from different machines or loads can be compared. A command
that fails stops the benchmark (see benchmarks/timing.py).
Usage: .venv/bin/python -m benchmarks.cli [--runs N]   (scripts/bench runs it)
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import timing

LOOKUPS = [
    ("ask 'who chairs the CDOP?'", ["ask", "who chairs the CDOP?"], 0.150),
    ("chairs CDOP", ["chairs", "CDOP"], 0.150),
    ("members BSCB Executive Board", ["members", "BSCB Executive Board"], 0.150),
    ("roles 'Penny Thompson'", ["roles", "Penny Thompson"], 0.150),
    ("search 'Penny Thomson'", ["search", "Penny Thomson"], 0.150),
    ("chain CDOP", ["chain", "CDOP"], 0.250),
    ("explain CDOP 'West Midlands Police'", ["explain", "CDOP", "West Midlands Police"], 0.250),
    ("diff 2018-03-31 2018-04-01", ["diff", "2018-03-31", "2018-04-01"], 0.250),
    ("below 'BSCB Executive Board'", ["below", "BSCB Executive Board"], 0.150),
    ('about "Birmingham Children\'s Trust"', ["about", "Birmingham Children's Trust"], 0.200),
    ("tree BSCB", ["tree", "BSCB"], 0.200),
    ("define CP-IS", ["define", "CP-IS"], 0.150),
    ("ask: two parts and a pronoun", ["ask", "Who chairs the BSCB, and who is its vice-chair?"], 0.150),
    ("ask: a date and a description", ["ask", "who chaired the panel that reviews child deaths in 2017/18?"], 0.150),
    ("ask: transition to MASA", ["ask", "who reports to whom during the transition to MASA?"], 0.150),
    ("--help", ["--help"], 0.100),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    gg = timing.GOVGRAPH
    baseline = timing.baseline(args.runs)
    print(f"baseline  python -c pass                      {baseline * 1000:7.1f} ms")
    build = timing.median_run([gg, "build"], max(3, args.runs // 3))
    print(
        f"build     govgraph build (SHACL included)     {build * 1000:7.1f} ms  target 2000 ms"
        f"  {'ok' if build < 2 else 'OVER'}"
    )
    print(f"\n{'command':<40} {'median':>9} {'x pass':>7} {'target':>8}")
    for label, argv, target in LOOKUPS:
        m = timing.median_run([gg, *argv], args.runs)
        flag = "ok" if m < target else "OVER"
        print(f"{label:<40} {m * 1000:7.1f}ms {timing.ratio(m, baseline):>7} {target * 1000:6.0f}ms {flag}")
    print(f"\nparser cost (in process, index loaded): {parser_cost() * 1000:.1f} ms per question (median)")
    sys.stdout.flush()


def parser_cost(runs: int = 5) -> float:
    """The median time ``ask`` spends reading the questions of the blind development set,
    apart from start-up and answering: what the parser itself costs."""
    import statistics
    import time
    from pathlib import Path

    import yaml

    from graph.build.index import load_index
    from graph.errors import GovgraphError
    from graph.questions.ask import parse

    index = load_index(Path("build"))
    questions = [q["ask"] for q in yaml.safe_load(Path("tests/questions/dev.yaml").read_text(encoding="utf-8"))]
    times = []
    for question in questions * runs:
        started = time.perf_counter()
        try:
            parse(question, index)
        except GovgraphError:
            pass
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    timing.main(main)
