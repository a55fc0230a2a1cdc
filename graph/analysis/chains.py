"""Accountability chains: every path upwards from a body to the top of the structure."""

from __future__ import annotations

from itertools import islice
from typing import Any

import networkx as nx

from graph.analysis.networks import accountability


def upward_paths(index: dict[str, Any], start: str, max_paths: int = 20) -> list[list[dict[str, Any]]]:
    """Paths from ``start`` to each top (a node with no line upwards), shortest first.

    Each path is a list of hops ``{from, to, kind, facts}``. Reporting cycles are
    refused by ``govgraph check``, but simple paths keep this safe if one slips in.
    """
    graph = accountability(index)
    if start not in graph or graph.out_degree(start) == 0:
        return []
    reachable = nx.descendants(graph, start)
    tops = sorted(n for n in reachable if graph.out_degree(n) == 0) or sorted(reachable)
    paths: list[list[str]] = []
    for top in tops:
        paths += islice(nx.all_simple_paths(graph, start, top), max_paths)
    paths.sort(key=lambda p: (len(p), p))
    return [_hops(graph, p) for p in paths[:max_paths]]


def _hops(graph: nx.DiGraph, path: list[str]) -> list[dict[str, Any]]:
    return [
        {"from": u, "to": v, "kind": graph.edges[u, v]["kind"], "facts": [graph.edges[u, v]["fact"]]}
        for u, v in zip(path, path[1:])
    ]
