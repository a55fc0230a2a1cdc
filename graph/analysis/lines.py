"""Accountability lines as plain edges, pointing upwards: the one reading of which way
each line kind runs, shared by the tree (which needs no graph library, so it stays quick
as a fresh process) and the networkx views (which need paths)."""

from __future__ import annotations

from typing import Any

from graph.model.schema import DOWNWARD, LINE_KINDS, UPWARD

Edges = dict[tuple[str, str], tuple[str, dict[str, Any]]]


def upward_edges(index: dict[str, Any], kinds: tuple[str, ...] = (*UPWARD, *DOWNWARD)) -> Edges:
    """``{(u, v): (kind, fact)}`` for the lines of the given kinds, where u answers to v.

    "X oversees Y" becomes Y -> X ("overseen by"), so every edge points upwards. Where
    two lines join the same pair, the strongest is kept ("reports to" over "part of").
    """
    edges: Edges = {}
    for s in index["statements"]:
        if s["type"] != "relation" or s["kind"] not in kinds:
            continue
        if s["kind"] in UPWARD:
            u, v, kind = s["subject"], s["object"], s["kind"]
        elif s["kind"] in DOWNWARD:
            u, v, kind = s["object"], s["subject"], LINE_KINDS[s["kind"]].inverse
        else:
            continue
        if u != v and ((u, v) not in edges or _rank(kind) < _rank(edges[u, v][0])):
            edges[u, v] = (kind, s)
    return edges


def _rank(kind: str) -> int:
    return UPWARD.index(kind) if kind in UPWARD else len(UPWARD)
