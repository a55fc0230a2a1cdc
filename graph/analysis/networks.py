"""networkx views of the facts: the accountability graph and the whole network.

Edges keep the statement they come from (``fact``), so every hop of a path can be
cited. Built from an index (``build/index.json``), or a snapshot of it on a date.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.analysis.lines import upward_edges
from graph.model.schema import DOWNWARD, UPWARD


def accountability(index: dict[str, Any], kinds: tuple[str, ...] = (*UPWARD, *DOWNWARD)) -> nx.DiGraph:
    """Directed graph of upward lines of the given kinds (``lines.upward_edges``): an
    edge u -> v means u answers to v."""
    graph = nx.DiGraph()
    for (u, v), (kind, fact) in upward_edges(index, kinds).items():
        graph.add_edge(u, v, kind=kind, fact=fact)
    return graph


def network(index: dict[str, Any]) -> nx.MultiGraph:
    """Undirected multigraph of every line, membership, appointment and change."""
    graph = nx.MultiGraph()
    for s in index["statements"]:
        for u, v, kind in _edges(s):
            if u != v:
                graph.add_edge(u, v, kind=kind, fact=s, source=u)
    for eid, e in index["entities"].items():
        if e["type"] == "post" and e.get("organisation"):
            graph.add_edge(eid, e["organisation"], kind="post in", fact=e, source=eid)
    return graph


def _edges(s: dict[str, Any]) -> list[tuple[str, str, str]]:
    t = s["type"]
    if t == "relation":
        return [(s["subject"], s["object"], s["kind"])]
    if t == "membership":
        out = [(s["member"], s["body"], s["role"])]
        if s.get("represents"):
            out.append((s["member"], s["represents"], "represents"))
        return out
    if t == "appointment":
        return [(s["person"], s["post"], "holds")]
    if t == "change":
        return [(b, a, s["kind"] + " into") for b in s.get("before", []) for a in s.get("after", [])]
    return []
