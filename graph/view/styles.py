"""How each kind of node and line looks, in one table shared by the graph and the legend.

The page draws its legend from these tables, so a colour or a label can never differ
between what is drawn and what the legend says. Colours are chosen to stay apart for
the common forms of colour blindness, and every line kind also has a label.
"""

from __future__ import annotations

from typing import Any

from graph.model.schema import LINE_KINDS, STRUCTURE

# Node types, in legend order: label, vis-network shape, fill, border.
_NODE_ROWS = (
    ("organisation", "Organisation", "box", "#dbe9f6", "#1f4e79"),
    ("body", "Body (board, panel, group)", "ellipse", "#d8f3dc", "#2d6a4f"),
    ("person", "Person", "dot", "#ffd8a8", "#b35c00"),
    ("post", "Post", "diamond", "#f3d9fa", "#862e9c"),
    ("plan", "Plan (strategy, action plan)", "square", "#fff3bf", "#8f7300"),
    ("document", "Source document", "box", "#eeeeee", "#666666"),
)
NODE_TYPES: dict[str, dict[str, str]] = {
    key: {"label": label, "shape": shape, "fill": fill, "border": border}
    for key, label, shape, fill, border in _NODE_ROWS
}

# Line kinds, in legend order: label (read "subject LABEL object"), colour, width, and
# whether the kind belongs to the accountability network (who answers to whom).
_ACCOUNTABILITY = "#c92a2a"
_STRUCTURE = "#1f4e79"
_MONEY = "#2b8a3e"
_PEOPLE = "#b35c00"
_CHANGE = "#e8590c"
_OTHER = "#5c5f66"
_EDGE_ROWS = (
    ("reports-to", "reports to", _ACCOUNTABILITY, 2.5, True),
    ("accountable-to", "accountable to", _ACCOUNTABILITY, 2.5, True),
    ("holds-to-account", "holds to account", _ACCOUNTABILITY, 2, True),
    ("oversees", "oversees", _ACCOUNTABILITY, 1.5, True),
    ("scrutinises", "scrutinises", _ACCOUNTABILITY, 1.5, True),
    ("inspects", "inspects", _ACCOUNTABILITY, 1.5, True),
    ("presents-to", "presents to", _ACCOUNTABILITY, 1.5, True),
    ("line-manages", "line-manages", _ACCOUNTABILITY, 1.5, True),
    ("part-of", "part of", _STRUCTURE, 1.5, False),
    ("hosts", "hosts", _STRUCTURE, 1.5, False),
    ("owns", "owns", _STRUCTURE, 1.5, False),
    ("delivers", "delivers", _STRUCTURE, 1.5, False),
    ("post-of", "post in", _STRUCTURE, 1, False),
    ("funds", "funds", _MONEY, 2, False),
    ("commissions", "commissions", _MONEY, 1.5, False),
    ("membership", "member / chair / role", _PEOPLE, 1.5, False),
    ("appointment", "holds post", _PEOPLE, 1.5, False),
    ("supports", "supports", _OTHER, 1, False),
    ("advises", "advises", _OTHER, 1, False),
    ("recommends", "recommends", _OTHER, 1, False),
    ("approves", "approves", _OTHER, 1.5, False),
    ("submits", "submits", _OTHER, 1, False),
    ("appoints", "appoints", _PEOPLE, 1, False),
    ("safeguarding-partner-of", "safeguarding partner of", _OTHER, 1.5, False),
    ("succeeded-by", "succeeded by", _CHANGE, 2, False),
    ("change", "change event (merged, replaced ...)", _CHANGE, 2, False),
    ("source", "source of", "#adb5bd", 0.5, False),
)
# How a chart places the two ends of a line: "up" draws its target above its source,
# "down" below, "" leaves them to other lines. Org-chart lines place by the schema's
# direction of accountability; people and posts hang below what they sit on or belong
# to; an arrangement sits below the safeguarding partners who make it; what replaces
# or succeeds something sits below it. Scrutiny and holding to account cross
# structures, so they are drawn but do not place.
_PLACES_OTHER = {
    "membership": "up",
    "appointment": "up",
    "post-of": "up",
    "safeguarding-partner-of": "down",
    "succeeded-by": "down",
    "change": "down",
}


def direction(kind: str) -> dict[str, str]:
    """``answers`` and ``inverse`` from the schema, and ``place`` as above."""
    line = LINE_KINDS.get(kind)
    answers = line.answers if line else ""
    place = answers if kind in STRUCTURE else _PLACES_OTHER.get(kind, "")
    return {"answers": answers, "inverse": line.inverse if line else "", "place": place}


EDGE_KINDS: dict[str, dict[str, Any]] = {
    key: {"label": label, "color": color, "width": width, "accountability": accountability, **direction(key)}
    for key, label, color, width, accountability in _EDGE_ROWS
}

# How a before-and-after chart marks a line or an entity: kept, removed, added, and the
# change event's own line. Each has a dash pattern and a word, not only a colour.
CHANGE_STATES = {
    "kept": {"label": "unchanged", "color": "#868e96", "dashes": False, "width": 1.5},
    "removed": {"label": "removed (ended)", "color": "#c92a2a", "dashes": [8, 5], "width": 2.5},
    "added": {"label": "added (started)", "color": "#2b8a3e", "dashes": False, "width": 4},
    "change": {"label": "the change itself", "color": "#e8590c", "dashes": [2, 4], "width": 2.5},
}

# How a change event reads on the line from an old entity to a new one.
CHANGE_LABELS = {
    "created": "created",
    "merged": "merged into",
    "acquired": "acquired by",
    "transferred": "transferred to",
    "replaced": "replaced by",
    "dissolved": "dissolved into",
    "renamed": "renamed",
    "restructured": "restructured into",
}


def styles(edge_kinds: dict[str, dict[str, Any]] = EDGE_KINDS) -> dict[str, Any]:
    """The tables the page needs, as lists so that JSON keeps the legend's order."""
    return {
        "nodes": [{"id": k, **v} for k, v in NODE_TYPES.items()],
        "edges": [{"id": k, **v} for k, v in edge_kinds.items()],
        "changes": [{"id": k, **v} for k, v in CHANGE_STATES.items()],
    }
