"""The interactive HTML network view: one self-contained, offline page.

``data`` turns the built index into nodes, lines and cited facts with their validity;
``html`` puts them, vis-network and the page's own script into one file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import NotFound
from graph.index import load_index
from graph.view.data import as_of, focus, resolve, view_data
from graph.view.html import render, write_atomic


@dataclass(frozen=True)
class ViewSummary:
    """What was written, for the CLI to report."""

    path: Path
    nodes: int
    edges: int
    bytes: int
    warn_nodes: int


def make_view(index: dict[str, Any], *, centre: str | None = None, depth: int = 2, day: date | None = None) -> dict[str, Any]:
    """The page's data: the whole graph, or a snapshot on ``day``, or a neighbourhood."""
    data = view_data(index)
    if day:
        full, data = data, as_of(data, day)
    if centre:
        try:
            data = focus(data, centre, depth)
        except NotFound:
            if day:
                resolve(full, centre)  # raises its own error if the name is unknown anyway
                raise NotFound(f"'{centre}' did not exist on {day.isoformat()}") from None
            raise
    return data


def write_view(build_dir: Path, out: Path, **options: Any) -> ViewSummary:
    """Read ``build_dir/index.json`` and write the page to ``out`` (atomically)."""
    data = make_view(load_index(build_dir), **options)
    page = render(data)
    write_atomic(out, page)
    return ViewSummary(out, len(data["nodes"]), len(data["edges"]), len(page.encode("utf-8")), data["meta"]["warn_nodes"])
