"""The structure beneath (or above) a body: the org chart people draw by hand."""

from __future__ import annotations

from typing import Any

from graph.analysis.networks import accountability
from graph.model.schema import STRUCTURE


def structure(index: dict[str, Any], root: str, depth: int = 6, up: bool = False) -> dict[str, Any]:
    """A nested tree ``{id, kind, fact, children, repeated}`` of the lines below ``root``
    (or, with ``up``, above it), at most ``depth`` lines deep.

    ``kind`` is the line between a node and its parent in the tree, read from the lower
    entity ("reports-to", "overseen by"). An entity reached a second time is listed
    with ``repeated`` and not expanded again, so a lattice stays a readable tree.
    """
    graph = accountability(index, STRUCTURE)
    seen = {root}

    def grow(node: str, level: int) -> list[dict[str, Any]]:
        if level >= depth or node not in graph:
            return []
        pairs = sorted(graph.out_edges(node) if up else graph.in_edges(node), key=lambda e: e[1] if up else e[0])
        children = []
        for u, v in pairs:
            other = v if up else u
            edge = graph.edges[u, v]
            child = {"id": other, "kind": edge["kind"], "fact": edge["fact"], "repeated": other in seen, "children": []}
            if not child["repeated"]:
                seen.add(other)
                child["children"] = grow(other, level + 1)
            children.append(child)
        return children

    return {"id": root, "kind": None, "fact": None, "repeated": False, "children": grow(root, 0)}
