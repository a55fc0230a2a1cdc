"""Benchmark the HTML view: generation time and size, and time to interactive.

For the real corpus and for a synthetic 2,000-node index: the median time to make the
page in-process, the median `govgraph view` as a fresh process, the page size, and the
median time from navigation to interactive in headless Chromium, once in each of its
three modes: the structure chart it opens on (laid out and fitted), the network
(layout settled and frozen) and the before and after of a change event. Each is
printed beside a baseline (`python -c pass`, measured in the same run) and as a ratio
to it, so numbers from different machines can be compared.
Usage: .venv/bin/python -m benchmarks.view [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import timing
from benchmarks.view_synth import synthetic_index
from graph.build.index import load_index
from graph.build.pipeline import Project, build
from graph.view import make_view
from graph.view.html import render
from tests.support.chromium import ARGS, CHROMIUM

INTERACTIVE_TARGET_S = 5.0
ROW = "{:<16} {:>6} {:>10} {:>14} {:>7} {:>9}"
MODE_ROW = "{:<16} {:<10} {:>12} {:>7}"
MODES = ("structure", "network", "change")


def time_to_interactive(page_file: Path, runs: int, mode: str, change: str | None = None) -> float:
    """Median seconds from navigation to the page's ready mark in ``mode`` (opened by its
    address), each in a fresh context."""
    from playwright.sync_api import sync_playwright

    fragment = f"#mode={mode}" + (f"&change={change}" if change else "")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.set_offline(True)
            page = context.new_page()
            page.goto(page_file.as_uri() + fragment)
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            times.append(page.evaluate("() => window.govgraph.readyMs") / 1000)
            context.close()
        browser.close()
    return statistics.median(times)


def page(index: dict[str, Any]) -> str:
    """The whole page for an index, as `govgraph view` makes it."""
    return render(make_view(index))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory(prefix="bench-view-") as tmp:
        work = Path(tmp)
        corpus = Project(work / "corpus")
        shutil.copytree(timing.ROOT / "data", corpus.root / "data")
        build(corpus, shacl=False)
        synth = Project(work / "synth")
        (synth.root / "build").mkdir(parents=True)
        (synth.root / "build" / "index.json").write_text(json.dumps(synthetic_index(2000)), encoding="utf-8")

        baseline = timing.baseline(max(runs, 5))
        print(f"baseline  python -c pass: {baseline * 1000:.1f} ms")
        print(ROW.format("case", "nodes", "make page", "govgraph view", "x pass", "size"))
        pages = []
        for label, project in (("corpus", corpus), ("synthetic 2,000", synth)):
            index = load_index(project.out)
            data = make_view(index)
            nodes = sum(n["type"] != "document" for n in data["nodes"])
            make = timing.median_call(partial(page, index), runs)
            out = work / f"{project.root.name}.html"
            cli = timing.median_run([timing.GOVGRAPH, "--project", str(project.root), "view", "-o", str(out)], runs)
            size = out.stat().st_size / 1_000_000
            print(
                ROW.format(
                    label,
                    nodes,
                    f"{make * 1000:.0f} ms",
                    f"{cli * 1000:.0f} ms",
                    timing.ratio(cli, baseline),
                    f"{size:.2f} MB",
                )
            )
            # The change with the most lines to draw: the heaviest before-and-after.
            change = max(data["changes"], key=lambda c: len(c["lines"]))["id"] if data["changes"] else None
            pages.append((label, out, change))
        print(MODE_ROW.format("case", "mode", "interactive", "x pass"))
        for label, out, change in pages:
            for mode in MODES:
                if mode == "change" and not change:
                    continue
                ready = time_to_interactive(out, runs, mode, change if mode == "change" else None)
                flag = "ok" if ready < INTERACTIVE_TARGET_S else "OVER"
                print(
                    MODE_ROW.format(label, mode, f"{ready * 1000:.0f} ms", timing.ratio(ready, baseline)),
                    f" {flag} (target {INTERACTIVE_TARGET_S:.0f} s)",
                )
    sys.stdout.flush()


if __name__ == "__main__":
    timing.main(main)
