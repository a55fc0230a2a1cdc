"""The structure around a body, worded for people: what sits directly below it, and
the whole tree beneath (or above) it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.model.schema import ANSWERING, DOWNWARD, LINE_KINDS, UPWARD
from graph.questions.answer import ENTITIES, Answer

if TYPE_CHECKING:
    from graph.questions.governance import Governance


# Groups that inform a body's work (its work streams, an advisory panel) are below it as
# people draw it, though no accountability runs along the line: listed last.
ADVISING = ("advises",)


def downward_lines(gov: Governance, eid: str) -> list[dict[str, Any]]:
    """Direct lines downwards to ``eid``: ``{kind, source, fact}`` with ``kind`` read from
    the lower entity ("reports-to", "part-of", "overseen by", "line-managed by", "advises")."""
    out = []
    for r in gov.statements:
        if r["type"] != "relation" or r["kind"] not in (*ANSWERING, *ADVISING):
            continue
        if r["object"] == eid and r["kind"] in (*UPWARD, *ADVISING):
            out.append({"kind": r["kind"], "source": r["subject"], "fact": r})
        elif r["subject"] == eid and r["kind"] in DOWNWARD:
            out.append({"kind": LINE_KINDS[r["kind"]].inverse, "source": r["object"], "fact": r})
    order = [*UPWARD, *(LINE_KINDS[k].inverse for k in DOWNWARD), *ADVISING]
    return sorted(out, key=lambda x: (order.index(x["kind"]), gov.name(x["source"])))


def below(gov: Governance, name: str) -> Answer:
    """What reports to, is accountable to, is part of, presents to, is overseen or is held to
    account by a body, and what advises it."""
    subject = gov.entity(name, ENTITIES)
    rows = [
        {
            "below": gov.name(x["source"]),
            "below_id": x["source"],
            "line": x["kind"].replace("-", " "),
            **gov.dates(x["fact"]),
            "citations": gov.cite(x["fact"]),
        }
        for x in downward_lines(gov, subject["id"])
    ]
    return gov.found(Answer("below", subject, rows), f"the documents record nothing below {subject['name']}")


def tree(gov: Governance, name: str, depth: int = 6, up: bool = False) -> Answer:
    """The whole structure beneath (or above) a body, as rows of an indented tree; the
    nested tree itself is the answer's ``tree``."""
    from graph.analysis.trees import structure

    subject = gov.entity(name, ENTITIES)
    root = structure(gov.index, subject["id"], depth, up)
    rows: list[dict[str, Any]] = []

    def walk(node: dict[str, Any], level: int) -> dict[str, Any]:
        out = {"id": node["id"], "name": gov.name(node["id"]), "line": node["kind"], "repeated": node["repeated"]}
        if node["fact"] is not None:
            out["citations"] = gov.cite(node["fact"])
            rows.append(
                {
                    "depth": level,
                    "line": node["kind"].replace("-", " "),
                    "entity": gov.name(node["id"]),
                    "id": node["id"],
                    "repeated": node["repeated"],
                    "citations": out["citations"],
                }
            )
        out["children"] = [walk(child, level + 1) for child in node["children"]]
        return out

    nested = walk(root, 0)
    where = "above" if up else "below"
    answer = gov.found(Answer("tree", subject, rows), f"the documents record nothing {where} {subject['name']}")
    answer.extra["tree"] = nested
    answer.extra["direction"] = "up" if up else "down"
    return answer
