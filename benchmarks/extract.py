"""Speed of `govgraph extract`: medians of fresh processes on the largest corpus
document, against `python -c pass` measured in the same run, and seconds per 100 KB.

Usage: .venv/bin/python -m benchmarks.extract [--runs N] [--source ID]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks import timing


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", default="bscb-annual-report")
    args = parser.parse_args()
    size = (timing.ROOT / "data" / "sources" / f"{args.source}.txt").stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        baseline = timing.baseline(args.runs)
        extract = timing.median_run(
            [timing.GOVGRAPH, "extract", args.source, "-o", str(Path(tmp) / "c.yaml")], args.runs
        )
    print(f"{'baseline python -c pass':<40} {baseline * 1000:8.0f} ms")
    print(
        f"{'govgraph extract ' + args.source:<40} {extract * 1000:8.0f} ms  {timing.ratio(extract, baseline):>6}"
        f"  ({size / 1024:.0f} KB: {extract / size * 100 * 1024:.3f} s per 100 KB, start-up included)"
    )


if __name__ == "__main__":
    timing.main(main)
