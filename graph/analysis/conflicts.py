"""Where the documents disagree: claims about the same thing with different values."""

from __future__ import annotations

from typing import Any

from graph.dates import parse_date


def conflicts(index: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """``(subject, property, claims)`` for each property whose claimed values disagree,
    sorted by subject and property; the claims sorted by value."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in index["statements"]:
        if c["type"] == "claim":
            groups.setdefault((c["subject"], c["property"]), []).append(c)
    return [
        (subject, prop, sorted(claims, key=lambda c: (c["value"], c["id"])))
        for (subject, prop), claims in sorted(groups.items())
        if not agree([c["value"] for c in claims])
    ]


def agree(values: list[str]) -> bool:
    """Values agree if they are equal, or dates where one only adds precision.

    >>> agree(["2018-04", "2018-04-01"]), agree(["2019", "2020"])
    (True, False)
    """
    distinct = sorted(set(values))
    if len(distinct) < 2:
        return True
    spans = [parse_date(v) for v in distinct]
    if any(s is None for s in spans):
        return False
    return all(
        (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])  # type: ignore[index]
        for i, a in enumerate(spans) for b in spans[i + 1 :]
    )
