"""Speed of `govgraph extract`: medians of fresh processes on the largest corpus
document, against `python -c pass` measured in the same run, and seconds per 100 KB.

Usage: .venv/bin/python scripts/bench_extract.py [--runs N] [--source ID]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", default="bscb-annual-report")
    args = parser.parse_args()
    govgraph = str(Path(sys.executable).parent / "govgraph")
    size = (ROOT / "data" / "sources" / f"{args.source}.txt").stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        baseline = median_seconds([sys.executable, "-c", "pass"], args.runs)
        extract = median_seconds([govgraph, "extract", args.source, "-o", str(Path(tmp) / "c.yaml")], args.runs)
    print(f"{'baseline python -c pass':<40} {baseline * 1000:8.0f} ms")
    print(f"{'govgraph extract ' + args.source:<40} {extract * 1000:8.0f} ms  {extract / baseline:5.1f}x"
          f"  ({size / 1024:.0f} KB: {extract / size * 100 * 1024:.3f} s per 100 KB, start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
