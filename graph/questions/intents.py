"""A question as data: which governance question, about what, on which date.

The structured commands build an ``Intent`` directly and ``ask`` builds them from
English; both run them the same way, so "not found", dates and the command line shown
to the user mean the same thing in each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from graph.errors import NotFound
from graph.questions.answer import count_of
from graph.questions.governance import Answer, Governance

# Command name -> the Governance method that answers it.
METHODS = {
    "search": "search",
    "chairs": "chairs",
    "members": "members",
    "roles": "roles",
    "reports-to": "reports_to",
    "chain": "chain",
    "explain": "explain",
    "changes": "changes",
    "diff": "diff",
    "conflicts": "conflicts",
    "below": "below",
    "tree": "tree",
    "about": "about",
    "define": "define",
}


@dataclass(frozen=True)
class Intent:
    """One governance question: a command, its arguments, typed options and a date.

    ``args`` are names (or, for ``diff``, two dates); ``options`` are keyword
    arguments of the answering method (``change=``, ``start=``, ``end=``, ``limit=``).
    """

    command: str
    args: tuple[Any, ...] = ()
    as_of: date | None = None
    options: dict[str, Any] = field(default_factory=dict)
    count: bool = False  # "how many ...": the answer also says how many
    counting: tuple[str, ...] = ()  # the words counted ("child deaths"), for numbers the documents state
    only: str | None = None  # "bodies" or "people": keep rows about those only
    area: str | None = None  # names resolve within this area (and the national bodies)
    # "that manager": the part may ask about the one person ("people") or body ("bodies")
    # the part before answered.
    follows: str | None = None
    besides: tuple[str, ...] = ()  # "besides X, who else ...?": rows about X (or X's holders) left out
    kinds: tuple[str, ...] = ()  # "which sub-groups ...": only rows about things of that kind, where some are
    present: bool = False  # asked in the present: as of the newest document of its area, if someone had left by then

    def run(self, index: dict[str, Any]) -> Answer:
        """The answer from a built index; raises NotFound when there is none."""
        gov = Governance(index, self.as_of, self.area)
        options = {k: v for k, v in self.options.items() if v is not None}
        answer: Answer = getattr(gov, METHODS[self.command])(*self.args, **options)
        if self.only:
            answer = only(answer, self.only, index)
        if self.besides:
            answer = _besides(answer, self.besides, gov)
        answer = _of_kind(answer, self.kinds, index)
        if self.count:
            answer.extra["count"] = count_of(answer.rows)
            name = answer.subject.get("name") if answer.subject else None
            joined = [r for r in answer.rows if r.get("change") in ("merged", "acquired")]
            if name is None and self.counting:  # only the mergers of the things counted
                joined = [r for r in joined if any(_names_all(b, self.counting) for b in r.get("before", []))]
            if name is None and len(joined) == 1:  # "how many CCGs merged in April 2018?": the one merger
                name = next(iter(joined[0].get("after", [])), None)
            merged = {x for r in joined if name in r.get("after", []) for x in r.get("before", [])}
            if merged:  # "how many CCGs merged into X": what came together
                answer.extra["count"] = len(merged)
            subject = answer.subject["id"] if answer.subject and "id" in answer.subject else None
            stated = gov.numbers_stated(subject, tuple(map(_stem, self.counting))) if subject else []
            # "how many child deaths did the CDOP review?": a number the documents give for
            # what is counted is the answer, not the length of the list shown with it
            own = [s for s in stated if any(_stem(w) in s["property"] for w in self.counting) and _whole(s["value"])]
            if own:
                answer.extra["count"] = own[0]["value"]
                answer.notes.append(f"count: {own[0]['value']} ({own[0]['property']}, as the documents state)")
            else:
                answer.notes.append(f"count: {answer.extra['count']}")
            if stated:
                answer.extra["stated"] = stated
                answer.notes += [
                    f"the documents also say: {s['property']} = {s['value']}" for s in stated if s not in own
                ]
        return answer

    def as_command(self) -> str:
        """The equivalent structured command line, to teach the CLI."""
        parts = ["govgraph", self.command, *(_quote(_text(a)) for a in self.args)]
        flags = {"start": "from", "end": "to", "result": "with-result"}
        for name, value in self.options.items():
            if value is True:  # a flag: "--up", not "--up True"
                parts.append(f"--{flags.get(name, name)}")
            elif value is not None and value is not False:
                parts.append(f"--{flags.get(name, name)} {_quote(_text(value))}")
        if self.as_of:
            parts.append(f"--as-of {self.as_of.isoformat()}")
        if self.area:
            parts.append(f"--area {_quote(self.area)}")
        if self.only:
            parts.append(f"--only {self.only}")
        parts += [f"--kind {kind}" for kind in self.kinds]
        return " ".join(parts)


ONLY = {"bodies": ("organisation", "body"), "people": ("person", "post"), "named": ("person", "post")}
ONLY_WORDS = {"bodies": "bodies", "people": "people", "named": "one by name"}


def only(answer: Answer, which: str, index: dict[str, Any]) -> Answer:
    """The answer's rows about bodies (organisations and bodies) or people (and posts)
    only: "which sub-groups report to X" lists no posts; "named" people only, a person or
    a post whose holder the documents name ("which named person represents X?")."""
    types = ONLY[which]
    kept = [
        r
        for r in answer.rows
        if index["entities"].get(row_entity(r) or "", {}).get("type") in types
        and (which != "named" or r.get("holder_type") != "post" or r.get("held_by"))
    ]
    if not kept:
        raise NotFound(f"the documents record no {ONLY_WORDS[which]} in that answer")
    return replace(answer, rows=kept)


# What a board's "sub-groups" are, by kind: "key BSCB Sub-Groups: the Child Death Overview Panel; ..."
SUB_GROUPS = {"sub-group", "panel", "group", "steering-group", "working-group", "task-group"}


def _of_kind(answer: Answer, kinds: tuple[str, ...], index: dict[str, Any]) -> Answer:
    """ "how many sub-groups ...", "which panels ...": only the rows about things of the
    kind asked (by their kind, or a name that says it), when some are; else the answer
    as it is."""
    words = {_stem(w) for w in kinds}
    if not words:
        return answer
    grouped = bool(words & {"sub-group", "subgroup", "sub group"})
    if grouped:  # a board's panels and groups are its sub-groups too (bodies, not a "... Group" NHS body)
        words |= SUB_GROUPS

    def said(row: dict[str, Any]) -> bool:
        e = index["entities"].get(row_entity(row) or "", {})
        own = {_stem(w) for w in re.split(r"[^a-z-]+", f"{e.get('kind') or ''} {e.get('name', '')}".lower()) if w}
        return bool(words & own) and (not grouped or e.get("type") == "body")

    kept = [r for r in answer.rows if said(r)]
    return replace(answer, rows=kept) if kept and len(kept) < len(answer.rows) else answer


def _whole(value: Any) -> bool:
    """Whether a stated value is a count ("9", "nine"), not a share or an amount ("22%")."""
    return bool(re.fullmatch(r"\d+|[a-z]+", str(value).strip().lower()))


def _besides(answer: Answer, aside: tuple[str, ...], gov: Governance) -> Answer:
    """The answer without the rows about what the question set aside, a post's holders
    with the post; NotFound when nothing else is left."""
    left_out = {*aside, *(h for eid in aside for h in gov.holders(eid))}
    kept = [r for r in answer.rows if row_entity(r) not in left_out]
    names = ", ".join(gov.name(eid) for eid in aside)
    if not kept:
        subject = f" for {answer.subject['name']}" if answer.subject else ""
        raise NotFound(f"besides {names}, the documents name no one{subject}")
    return replace(answer, rows=kept, notes=[*answer.notes, f"left out, as asked: {names}"])


def row_entity(row: dict[str, Any]) -> str | None:
    """The entity a row of an answer is about (a holder, what is below, what a line goes
    to, what a person's role is of)."""
    return next((row[k] for k in ("holder_id", "below_id", "to_id", "what_id", "of_id") if row.get(k)), None)


def _stem(word: str) -> str:
    """ "deaths" -> "death", to find the word in a claim's property ("deaths-reviewed")."""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _quote(text: str) -> str:
    return f'"{text}"' if re.search(r"\s|['\"]", text) else text


def _names_all(name: str, words: tuple[str, ...]) -> bool:
    """Whether a name holds every counted word ("clinical commissioning groups")."""
    own = {_stem(w) for w in name.lower().split()}
    return all(_stem(w) in own for w in words)
