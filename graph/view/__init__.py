"""The interactive HTML view: one self-contained, offline page.

``data`` turns the built index into nodes, lines and cited facts with their validity,
``cards`` gives each entity the rows of ``govgraph about``, ``changes`` the structure
on the day before and after each change event; ``html`` puts them, vis-network and the
page's own script (``assets/``: a layered layout, then the page) into one file. The
page opens on the chart of the lines of accountability; the network of everything
and the before-and-after of a change are its other two modes. A page of several areas
filters by area; a page of one area (``--area``) holds only it and the national bodies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graph.build.index import load_index
from graph.errors import NotFound
from graph.files import write_atomic
from graph.questions.governance import Governance, areas_of
from graph.questions.resolve import Resolver
from graph.view.data import as_of, focus, of_area, view_data
from graph.view.html import render


@dataclass(frozen=True)
class ViewSummary:
    """What was written, for the CLI to report (entities and lines, not documents)."""

    path: Path
    nodes: int
    edges: int
    bytes: int
    warn_nodes: int
    change: str | None = None  # the label of the change event the page opens on
    area: str | None = None  # the one area the page holds (with the national bodies)


def make_view(
    index: dict[str, Any],
    *,
    centre: str | None = None,
    depth: int = 2,
    day: date | None = None,
    change: str | None = None,
    area: str | None = None,
) -> dict[str, Any]:
    """The page's data: the whole graph, or a snapshot on ``day``, or a neighbourhood;
    with ``change``, opening on the before and after of that change event; with
    ``area``, only that area and the national bodies (an unknown area raises).

    ``centre`` and ``change`` are resolved like every other name a user types
    (``graph.questions``), within ``area`` if given: an ambiguous or unknown name
    raises with the candidates, never a guess. A change is named by its label or id,
    or by the one entity it creates or ends.
    """
    if area is not None:
        index = of_area(index, area)
    data = view_data(index)
    if area is not None:
        data["meta"]["area"] = next(a for a in areas_of(index) if a.lower() == area.lower())
    if change:
        data["meta"]["change"] = Governance(index).change_event(change)["id"]
    if day:
        data = as_of(data, day)
    if centre:
        match = Resolver(index["entities"]).resolve(centre)
        if day and match.id not in {n["id"] for n in data["nodes"]}:
            raise NotFound(f"{match.name} [{match.id}] did not exist on {day.isoformat()}")
        data = focus(data, match.id, depth)
    return data


def write_view(build_dir: Path, out: Path, **options: Any) -> ViewSummary:
    """Read ``build_dir/index.json`` and write the page to ``out`` (atomically)."""
    data = make_view(load_index(build_dir), **options)
    page = render(data)
    write_atomic(out, page)
    # Count what the page first shows: source documents and their lines start hidden.
    nodes = sum(n["type"] != "document" for n in data["nodes"])
    edges = sum(e["kind"] != "source" for e in data["edges"])
    change = next((c["label"] for c in data["changes"] if c["id"] == data["meta"]["change"]), None)
    size = len(page.encode("utf-8"))
    return ViewSummary(out, nodes, edges, size, data["meta"]["warn_nodes"], change, data["meta"]["area"])
