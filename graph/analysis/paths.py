"""How two entities are connected: shortest paths through the whole network."""

from __future__ import annotations

from itertools import islice
from typing import Any

import networkx as nx

from graph.analysis.networks import network


def shortest_paths(index: dict[str, Any], a: str, b: str, max_paths: int = 3) -> list[list[dict[str, Any]]]:
    """Up to ``max_paths`` shortest paths from ``a`` to ``b``; each hop names its fact.

    Where two entities are linked by several facts, the hop uses the first in a
    stable order, so answers do not change between runs.
    """
    graph = network(index)
    if a not in graph or b not in graph:
        return []
    try:
        paths = list(islice(nx.all_shortest_paths(graph, a, b), max_paths))
    except nx.NetworkXNoPath:
        return []
    return [[_hop(graph, u, v) for u, v in zip(p, p[1:])] for p in sorted(paths)]


def _hop(graph: nx.MultiGraph, u: str, v: str) -> dict[str, Any]:
    """Every line joining u and v (a company may be owned, commissioned and held to
    account by the same council), each read in the direction of its fact."""
    edges = sorted(graph.get_edge_data(u, v).values(), key=lambda d: (d["kind"], _fact_id(d["fact"])))
    kinds: list[str] = []
    facts: list[dict[str, Any]] = []
    for edge in edges:
        kind = edge["kind"] if edge["source"] == u else f"(inverse) {edge['kind']}"
        if kind not in kinds:
            kinds.append(kind)
        if not any(f is edge["fact"] for f in facts):
            facts.append(edge["fact"])
    return {"from": u, "to": v, "kind": "; ".join(kinds), "facts": facts}


def _fact_id(fact: dict[str, Any]) -> str:
    return str(fact.get("id", ""))
