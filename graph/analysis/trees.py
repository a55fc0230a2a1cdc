"""The structure beneath (or above) a body: the org chart people draw by hand."""

from __future__ import annotations

from typing import Any

from graph.analysis.lines import upward_edges
from graph.model.schema import ANSWERING


def structure(index: dict[str, Any], root: str, depth: int = 6, up: bool = False) -> dict[str, Any]:
    """A nested tree ``{id, kind, fact, children, repeated}`` of the lines below ``root``
    (or, with ``up``, above it), at most ``depth`` lines deep.

    ``kind`` is the line between a node and its parent in the tree, read from the lower
    entity ("reports-to", "overseen by"). An entity reached a second time is listed
    with ``repeated`` and not expanded again, so a lattice stays a readable tree.
    """
    # Each node's neighbours in the direction walked: those below it, or those above.
    near: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for (u, v), (kind, fact) in upward_edges(index, ANSWERING).items():
        node, other = (u, v) if up else (v, u)
        near.setdefault(node, []).append((other, kind, fact))
    seen = {root}

    def grow(node: str, level: int) -> list[dict[str, Any]]:
        if level >= depth:
            return []
        children = []
        for other, kind, fact in sorted(near.get(node, []), key=lambda x: x[0]):
            child = {"id": other, "kind": kind, "fact": fact, "repeated": other in seen, "children": []}
            if not child["repeated"]:
                seen.add(other)
                child["children"] = grow(other, level + 1)
            children.append(child)
        return children

    return {"id": root, "kind": None, "fact": None, "repeated": False, "children": grow(root, 0)}
