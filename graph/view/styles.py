"""How each kind of node and line looks, in one table shared by the graph and the legend.

The page draws its legend from these tables, so a colour or a label can never differ
between what is drawn and what the legend says. Colours are chosen to stay apart for
the common forms of colour blindness, and every line kind also has a label.
"""

from __future__ import annotations

from typing import Any

# Node types, in legend order: label, vis-network shape, fill, border.
NODE_TYPES: dict[str, dict[str, str]] = {
    "organisation": {"label": "Organisation", "shape": "box", "fill": "#dbe9f6", "border": "#1f4e79"},
    "body": {"label": "Body (board, panel, group)", "shape": "ellipse", "fill": "#d8f3dc", "border": "#2d6a4f"},
    "person": {"label": "Person", "shape": "dot", "fill": "#ffd8a8", "border": "#b35c00"},
    "post": {"label": "Post", "shape": "diamond", "fill": "#f3d9fa", "border": "#862e9c"},
    "document": {"label": "Source document", "shape": "box", "fill": "#eeeeee", "border": "#666666"},
}

# Line kinds: label (read "subject LABEL object"), colour, width, and whether the kind
# belongs to the accountability network (who answers to whom).
_ACCOUNTABILITY = "#c92a2a"
_STRUCTURE = "#1f4e79"
_MONEY = "#2b8a3e"
_PEOPLE = "#b35c00"
_OTHER = "#5c5f66"

EDGE_KINDS: dict[str, dict[str, Any]] = {
    "reports-to": {"label": "reports to", "color": _ACCOUNTABILITY, "width": 2.5, "accountability": True},
    "accountable-to": {"label": "accountable to", "color": _ACCOUNTABILITY, "width": 2.5, "accountability": True},
    "holds-to-account": {"label": "holds to account", "color": _ACCOUNTABILITY, "width": 2, "accountability": True},
    "oversees": {"label": "oversees", "color": _ACCOUNTABILITY, "width": 1.5, "accountability": True},
    "scrutinises": {"label": "scrutinises", "color": _ACCOUNTABILITY, "width": 1.5, "accountability": True},
    "inspects": {"label": "inspects", "color": _ACCOUNTABILITY, "width": 1.5, "accountability": True},
    "presents-to": {"label": "presents to", "color": _ACCOUNTABILITY, "width": 1.5, "accountability": True},
    "line-manages": {"label": "line-manages", "color": _ACCOUNTABILITY, "width": 1.5, "accountability": True},
    "part-of": {"label": "part of", "color": _STRUCTURE, "width": 1.5, "accountability": False},
    "hosts": {"label": "hosts", "color": _STRUCTURE, "width": 1.5, "accountability": False},
    "owns": {"label": "owns", "color": _STRUCTURE, "width": 1.5, "accountability": False},
    "delivers": {"label": "delivers", "color": _STRUCTURE, "width": 1.5, "accountability": False},
    "post-of": {"label": "post in", "color": _STRUCTURE, "width": 1, "accountability": False},
    "funds": {"label": "funds", "color": _MONEY, "width": 2, "accountability": False},
    "commissions": {"label": "commissions", "color": _MONEY, "width": 1.5, "accountability": False},
    "membership": {"label": "member / chair / role", "color": _PEOPLE, "width": 1.5, "accountability": False},
    "appointment": {"label": "holds post", "color": _PEOPLE, "width": 1.5, "accountability": False},
    "supports": {"label": "supports", "color": _OTHER, "width": 1, "accountability": False},
    "advises": {"label": "advises", "color": _OTHER, "width": 1, "accountability": False},
    "safeguarding-partner-of": {"label": "safeguarding partner of", "color": _OTHER, "width": 1.5, "accountability": False},
    "succeeded-by": {"label": "succeeded by", "color": "#e8590c", "width": 2, "accountability": False},
    "change": {"label": "change event (merged, replaced ...)", "color": "#e8590c", "width": 2, "accountability": False},
    "source": {"label": "source of", "color": "#adb5bd", "width": 0.5, "accountability": False},
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
    }
