"""The README's tour, generated from real runs with cog, so it cannot drift.

A block in README.md such as::

    <!-- [[[cog show("chairs", "CDOP") ]]] -->
    <!-- [[[end]]] -->

is filled with a console block of ``govgraph chairs CDOP`` run on the tour project:
``GOVGRAPH_TOUR`` (the test sets it to a fresh build of the corpus), else the
repository itself. ``scripts/tour`` rewrites the README; ``tests/test_readme.py``
fails when what the README shows is not what the commands print.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from click.testing import CliRunner

from graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent


def run(*argv: str, head: int | None = None) -> str:
    """``$ govgraph ARGV`` and its output (stdout and stderr), the first ``head`` lines
    only when asked, with a marked cut."""
    project = os.environ.get("GOVGRAPH_TOUR", str(ROOT))
    result = CliRunner().invoke(cli, ["--project", project, *argv], catch_exceptions=False)
    lines = result.output.rstrip("\n").splitlines()
    if head is not None and len(lines) > head:
        lines = [*lines[:head], f"… ({len(lines) - head} more lines)"]
    return "\n".join([f"$ govgraph {' '.join(_quoted(a) for a in argv)}", *lines])


def _quoted(arg: str) -> str:
    """An argument as a person types it: double quotes where it holds an apostrophe."""
    if "'" in arg and not any(c in arg for c in '"$`\\'):
        return f'"{arg}"'
    return shlex.quote(arg)


def show(*argv: str, head: int | None = None) -> None:
    """Write a console block of ``govgraph ARGV`` into the README (inside cog)."""
    import cog  # type: ignore[import-not-found]

    cog.outl("```console\n" + run(*argv, head=head) + "\n```")


def show_second_council() -> None:
    """Write the README's walk-through of adding another council's document, run for real
    on a scratch copy of the project (paths and timings made neutral)."""
    import re
    import shutil
    import tempfile

    import cog  # type: ignore[import-not-found]

    project = Path(os.environ.get("GOVGRAPH_TOUR", str(ROOT)))
    fixture = ROOT / "tests" / "fixtures" / "councils" / "westmere-annual-report.txt"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(project / "data", work / "data")
        shutil.copy(fixture, work / fixture.name)
        steps = [
            [
                "add-source",
                fixture.name,
                "--title",
                "Westmere Safeguarding Partnership Annual Report 2019/20",
                "--date",
                "2020-06",
                "--area",
                "Westmere",
            ],
            ["extract", "westmere-annual-report", "-o", "westmere.yaml"],
            ["review", "westmere.yaml", "--accept-all-above", "0.8"],
            ["build"],
            ["about", "CDOP", "--area", "Westmere", "--no-cite"],
            ["chairs", "CDOP", "--no-cite"],
        ]
        blocks = []
        cwd = os.getcwd()
        os.chdir(work)
        try:
            for argv in steps:
                result = CliRunner().invoke(cli, ["--project", ".", *argv], catch_exceptions=False)
                out = re.sub(r"\(\d+\.\d+s\)| in \d+\.\d+s", " (…s)", result.output)
                blocks.append(
                    "\n".join([f"$ govgraph {' '.join(_quoted(a) for a in argv)}", *out.rstrip().splitlines()])
                )
        finally:
            os.chdir(cwd)
    cog.outl("```console\n" + "\n\n".join(blocks) + "\n```")
