"""The governance questions, answered from the build's index as plain data with citations.

Every row carries ``citations``: the document id, title and date, the verbatim quote
and its line, so a scrutiny officer can check each answer against the pack. Nothing
here prints; ``graph.cli.answers`` formats the result.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from graph.analysis.conflicts import conflicts, difference, expansions_of
from graph.analysis.diff import around_change, diff_snapshots
from graph.analysis.timeline import mentions, snapshot
from graph.build.index import load_index
from graph.dates import first_day, last_day
from graph.errors import Ambiguous, InputError, NotFound
from graph.model.schema import CAPACITIES, DOWNWARD, LEAD_ROLES, LINE_KINDS, NATIONAL, UPWARD, WITHOUT_SEAT
from graph.questions import profile, structure
from graph.questions.answer import AGENTS, ENTITIES, Answer
from graph.questions.resolve import FUZZY_MIN, Match, Resolver

TYPE_ORDER = {"organisation": 0, "body": 1, "person": 2, "post": 3, "plan": 4, "change": 5}


class Governance:
    """Questions over one built index (optionally as it stood on a date)."""

    def __init__(self, index: dict[str, Any], as_of: date | None = None, area: str | None = None):
        self.full = index
        self.as_of = as_of
        self.area = area
        self.index = snapshot(index, as_of) if as_of else index
        self.documents = index["documents"]
        # Names resolve against every entity, so a body that did not yet exist on the
        # as-of date is reported as "no facts on that date", not as an unknown name;
        # with an area, against that area's entities and the national ones only.
        entities = {**in_area(index, area), **_changes(index)}
        self.resolver = Resolver(entities, [k for k in index.get("names", []) if k[1] in entities])
        self.entities = self.index["entities"]
        self.statements = self.index["statements"]

    @classmethod
    def from_build(cls, build_dir: Path, as_of: date | None = None) -> Governance:
        return cls(load_index(build_dir), as_of)

    def mentioning(self, eid: str, full: bool = False) -> list[dict[str, Any]]:
        """The statements that name ``eid``, in index order: those in force (on the as-of
        date), or with ``full`` all of them. A card reads these, not every statement, so
        that a card for each of thousands of entities stays cheap."""
        return (self._mentioned_full if full else self._mentioned).get(eid, [])

    @cached_property
    def _mentioned(self) -> dict[str, list[dict[str, Any]]]:
        return _by_entity(self.statements)

    @cached_property
    def _mentioned_full(self) -> dict[str, list[dict[str, Any]]]:
        return _by_entity(self.full["statements"])

    # --- helpers -------------------------------------------------------------

    def name(self, eid: str | None) -> str:
        if eid is None:
            return ""
        entity = self.full["entities"].get(eid) or _changes(self.full).get(eid)
        return (entity.get("name") or entity.get("label") or eid) if entity else eid

    def cite(self, fact: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for ev in fact["evidence"]:
            doc = self.documents.get(ev["source"], {})
            out.append(
                {
                    "document": ev["source"],
                    "title": doc.get("title", ""),
                    "date": doc.get("date", ""),
                    "quote": ev["quote"],
                    "line": ev["line"],
                    "pack_line": ev.get("pack_line"),
                }
            )
        return out

    def entity(self, text: str, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
        match = self.resolver.resolve(text, kinds)
        return self.describe(match.id)

    def describe(self, eid: str) -> dict[str, Any]:
        e = self.full["entities"].get(eid) or _changes(self.full)[eid]
        return {"id": eid, "type": e["type"], "kind": e.get("kind"), "name": self.name(eid)}

    def _of(self, kind: str, **where: str) -> list[dict[str, Any]]:
        return [s for s in self.statements if s["type"] == kind and all(s.get(k) == v for k, v in where.items())]

    def dates(self, fact: dict[str, Any]) -> dict[str, Any]:
        return {"start": fact.get("start"), "end": fact.get("end"), "status": fact.get("status", "in-force")}

    def holders(self, post_id: str) -> list[str]:
        return sorted({a["person"] for a in self._of("appointment", post=post_id)})

    def _holder_row(self, member: str) -> dict[str, Any]:
        kind = self.full["entities"].get(member, {}).get("type", "")
        row = {"holder": self.name(member), "holder_id": member, "holder_type": kind}
        if kind == "post":
            people = self.holders(member)
            row["held_by"] = [self.name(p) for p in people]
        return row

    # --- questions -----------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> Answer:
        matches: list[Match] = [m for m in self.resolver.search(text, limit=limit) if m.score >= FUZZY_MIN]
        rows = [
            {
                "id": m.id,
                "type": m.type,
                "kind": self.describe(m.id)["kind"],
                "name": m.name,
                "matched": m.matched,
                "on": m.on,
                "score": round(min(m.score, 100.0), 1),
                "held_by": [self.name(p) for p in self.holders(m.id)] if m.type == "post" else [],
            }
            for m in matches
        ]
        return self.found(Answer("search", None, rows), f"nothing matches '{text}'")

    def chairs(self, body: str, role: str | None = None, before: str | None = None, after: str | None = None) -> Answer:
        """Who chairs, co-chairs, vice-chairs, deputises or leads, by person and/or post;
        with ``role``, only that role ("vice-chair" and "deputy-chair" are one role); with
        ``before`` or ``after``, only who held it before or after that person."""
        subject = self.entity(body, AGENTS)
        wanted = _role_family(role) if role else LEAD_ROLES
        rows = []
        for m in self._of("membership", body=subject["id"]):
            if m["role"] in wanted:
                rows.append(
                    {
                        "role": m["role"],
                        **self._holder_row(m["member"]),
                        "represents": self.name(m.get("represents")),
                        **self.dates(m),
                        "citations": self.cite(m),
                    }
                )
        for eid, post in self.entities.items():
            if post["type"] == "post" and post.get("organisation") == subject["id"] and post.get("role") in wanted:
                if any(r["holder_id"] == eid for r in rows):
                    continue
                rows.append(
                    {
                        "role": post["role"],
                        **self._holder_row(eid),
                        "represents": "",
                        **self.dates(post),
                        "citations": self.cite(post),
                    }
                )
        # "the Chair of the Partnership" with no holder named says nothing of who chairs it
        rows = [
            r for r in rows if not (r["holder_type"] == "post" and not r.get("held_by") and _bare_seat(r["holder"]))
        ]
        what = f"who is {role.replace('-', ' ')} of" if role not in (None, "chair") else "who chairs"
        rows, when = self._succession(rows, before, after)
        return self.found(
            Answer("chairs", subject, _sorted(rows, "role", "holder")),
            f"the documents do not say {what} {subject['name']}{when}",
        )

    def members(
        self,
        body: str,
        role: str | None = None,
        represents: str | None = None,
        seated: bool = False,
        before: str | None = None,
        after: str | None = None,
    ) -> Answer:
        """Every member of a body with their role and the organisation they represent;
        ``role`` and ``represents`` narrow the list, ``seated`` leaves out those who
        attend or support it without a seat, and ``before`` or ``after`` keep who held a
        place before or after that person."""
        subject = self.entity(body, AGENTS)
        org = self.entity(represents, AGENTS)["id"] if represents else None
        rows = [
            {
                "role": m["role"],
                **self._holder_row(m["member"]),
                "represents": self.name(m.get("represents")),
                **self.dates(m),
                "citations": self.cite(m),
            }
            for m in self._of("membership", body=subject["id"])
            if (role is None or m["role"] in _role_family(role))
            and (org is None or org in (m.get("represents"), m["member"], *self._with(m["member"])))
            and not (seated and m["role"] in WITHOUT_SEAT)
        ]
        # Who a body is made of beside its members: the safeguarding partners of
        # arrangements, and the organisations that run a service ("the partners running
        # the service").
        made_of = {"safeguarding-partner-of": "safeguarding-partner"}
        if subject.get("kind") == "service":
            made_of["delivers"] = "delivers"
        partners: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in self._of("relation", object=subject["id"]):
            part = made_of.get(r["kind"])
            if part and role in (None, part) and org in (None, r["subject"]):
                partners[(part, r["subject"])].append(r)
        rows += [
            {
                "role": part,
                **self._holder_row(eid),
                "represents": "",
                **self.dates(said[0]),
                "citations": [c for r in said for c in self.cite(r)],
            }
            for (part, eid), said in partners.items()
        ]
        rows, when = self._succession(rows, before, after)
        answer = Answer("members", subject, _sorted(rows, "role", "holder"))
        if role is None and org is None and not when:
            # "nine LSCBs": how many members the documents say it has, beside those it names
            stated = [c for c in self.numbers_stated(subject["id"]) if re.search(r"member|partner|seat", c["property"])]
            if stated:
                answer.extra["stated"] = stated
                answer.notes += [f"the documents say: {c['property']} = {c['value']}" for c in stated]
        return self.found(
            answer,
            f"the documents do not say who sits on {subject['name']}"
            + (f" for {self.name(org)}" if org else "")
            + when,
        )

    def _with(self, member: str) -> set[str]:
        """The organisations a member is with: those they are a member of ("Jane Middleton
        (Barnardo's)"), a post's own organisation, and those of the posts a person holds,
        each with the organisations it is a unit of; so "who sits on the board for
        Barnardo's" finds her, whatever seat she has, and "for West Midlands Police" finds
        the head of its Public Protection Unit."""
        entities = self.full["entities"]
        own = {m["body"] for m in self._of("membership", member=member) if m["role"] == "member"}
        posts = [member, *(a["post"] for a in self._of("appointment", person=member))]
        todo = [
            o for p in posts for o in (entities.get(p, {}).get("organisation"), entities.get(p, {}).get("parent")) if o
        ]
        while todo:
            unit = todo.pop()
            if unit not in own:
                own.add(unit)
                todo += [
                    o for o in (entities.get(unit, {}).get("parent"), entities.get(unit, {}).get("organisation")) if o
                ]
        return own

    def _succession(
        self, rows: list[dict[str, Any]], before: str | None, after: str | None, key: str = "holder_id"
    ) -> tuple[list[dict[str, Any]], str]:
        """The rows of those who held a place before (or after) a person did: recorded as
        succeeded by them (or succeeding them), or gone by the day they started (or begun
        once they left). Where the documents say neither, nobody is: the answer is "not
        stated", never the person themselves."""
        if before is None and after is None:
            return rows, ""
        subject = self.entity(before or after or "", ("person", "post"))
        pid = subject["id"]
        lines = [r for r in self.statements if r["type"] == "relation" and r["kind"] == "succeeded-by"]
        theirs = [r for r in rows if r[key] == pid]
        if before:
            linked = {r["subject"] for r in lines if r["object"] == pid}
            began = min((str(r["start"]) for r in theirs if r.get("start")), default=None)

            def fits(r: dict[str, Any]) -> bool:
                return bool(began and r.get("end") and str(r["end"]) <= began)
        else:
            linked = {r["object"] for r in lines if r["subject"] == pid}
            ended = max((str(r["end"]) for r in theirs if r.get("end")), default=None)

            def fits(r: dict[str, Any]) -> bool:
                return bool(ended and r.get("start") and str(r["start"]) >= ended)

        kept = [r for r in rows if r[key] != pid and (r[key] in linked or fits(r))]
        return kept, f" {'before' if before else 'after'} {subject['name']}"

    def roles(
        self,
        person: str,
        holders: bool = False,
        before: str | None = None,
        after: str | None = None,
        role: str | None = None,
    ) -> Answer:
        """Every post, membership and role a person (or post) holds, with dates. A post
        typed with a capacity ("interim Director of Children's Services") is asked for
        its holders in that capacity only: a substantive holder is not the interim one;
        with ``holders``, a post is asked only for who holds it ("who is the Head of
        Birmingham Probation?" is not answered by the post's seats), and ``before`` or
        ``after`` keep who held it before or after that person; with ``role``, only the
        seats of that role and the posts that carry it ("what does she chair?")."""
        if role:
            return self._in_role(self.roles(person, holders, before, after), role)
        typed = re.match(rf"\s*(?:the\s+)?(?:new\s+)?({'|'.join(CAPACITIES)})\s+(?=\w)", person, re.I)
        try:
            subject = self.entity(person, ("person", "post"))
        except (Ambiguous, NotFound):
            if not typed:
                raise
            subject = self.entity(person[typed.end() :], ("person", "post"))
        pid = subject["id"]
        rows = []
        posts: list[str] = []
        if subject["type"] == "post" and typed and typed.group(1).lower() not in subject["name"].lower():
            capacity = typed.group(1).lower()
            held = [a for a in self._of("appointment", post=pid) if a.get("capacity") == capacity]
            rows = [self._held_row(a) for a in held]
            return self.found(
                Answer("roles", subject, rows), f"the documents name no {capacity} holder of {subject['name']}"
            )
        if subject["type"] == "post":
            rows = [self._held_row(a) for a in self._of("appointment", post=pid)]
            if holders or before or after:
                rows, when = self._succession(rows, before, after, key="of_id")  # a held row names its holder in "of"
                missing = f"the documents name no holder of {subject['name']}{when}"
                return self.found(Answer("roles", subject, rows), missing)
        for a in self._of("appointment", person=pid):
            posts.append(a["post"])
            post = self.full["entities"][a["post"]]
            capacity, title = a.get("capacity"), self.name(a["post"])
            rows.append(
                {
                    "role": "holds post" + (f" ({capacity})" if capacity else ""),
                    # "Acting Assistant Director for SEND": the title as the capacity makes it
                    "of": f"{capacity.capitalize()} {title}" if capacity and capacity != "substantive" else title,
                    "of_id": a["post"],
                    "in": self.name(post.get("organisation")),
                    "in_id": post.get("organisation"),
                    "via": "",
                    **self.dates(a),
                    "citations": self.cite(a),
                }
            )
        for member in [pid, *posts]:
            via = "" if member == pid else self.name(member)
            for m in self._of("membership", member=member):
                rows.append(
                    {
                        "role": m["role"],
                        "of": self.name(m["body"]),
                        "of_id": m["body"],
                        "in": self.name(m.get("represents")),
                        "in_id": m.get("represents"),
                        "via": via,
                        **self.dates(m),
                        "citations": self.cite(m),
                    }
                )
        for r in self._of("relation", subject=pid):
            rows.append(
                {
                    "role": r["kind"],
                    "of": self.name(r["object"]),
                    "of_id": r["object"],
                    "in": "",
                    "via": "",
                    **self.dates(r),
                    "citations": self.cite(r),
                }
            )
        # What the documents call them ("Chief Superintendent", "Board Vice-Chair"): a rank or title
        for c in self.statements:
            if c["type"] == "claim" and c["subject"] == pid and c["property"] in PERSON_TITLES:
                rows.append(
                    {
                        "role": c["property"],
                        "of": str(c["value"]),
                        "in": "",
                        "via": "",
                        **self.dates(c),
                        "citations": self.cite(c),
                    }
                )
        # Lines that put someone over this person or their posts (who line-manages them),
        # who appointed them, and whom they took over from.
        for r in self.statements:
            if (
                r["type"] == "relation"
                and r["object"] in (pid, *posts)
                and r["kind"] in (*DOWNWARD, "succeeded-by", "appoints")
            ):
                rows.append(
                    {
                        "role": LINE_KINDS[r["kind"]].inverse,
                        "of": self.name(r["subject"]),
                        "of_id": r["subject"],
                        "in": "",
                        "via": "" if r["object"] == pid else self.name(r["object"]),
                        **self.dates(r),
                        "citations": self.cite(r),
                    }
                )
        return self.found(Answer("roles", subject, rows), f"the documents record no post or role of {subject['name']}")

    def _in_role(self, answer: Answer, role: str) -> Answer:
        """The rows of a person's answer in one role (its family: a chair's co-chairs too)."""
        wanted = _role_family(role)
        rows = [
            r
            for r in answer.rows
            if r["role"] in wanted
            or (r["role"].startswith("holds post") and self.full["entities"][r["of_id"]].get("role") in wanted)
        ]
        name = (answer.subject or {}).get("name", "")
        return self.found(
            replace(answer, rows=rows), f"the documents record no {role.replace('-', ' ')} seat of {name}"
        )

    def _held_row(self, a: dict[str, Any]) -> dict[str, Any]:
        """A post's row for one holder, with the capacity they hold it in."""
        return {
            "role": "held by" + (f" ({a['capacity']})" if a.get("capacity") else ""),
            "of": self.name(a["person"]),
            "of_id": a["person"],
            "in": "",
            "via": "",
            **self.dates(a),
            "citations": self.cite(a),
        }

    def upward_lines(self, eid: str) -> list[dict[str, Any]]:
        """Direct lines upwards from ``eid``: (kind, target, fact)."""
        out = []
        for r in self.statements:
            if r["type"] != "relation":
                continue
            if r["subject"] == eid and r["kind"] in UPWARD:
                out.append({"kind": r["kind"], "target": r["object"], "fact": r})
            elif r["object"] == eid and r["kind"] in DOWNWARD:
                out.append({"kind": LINE_KINDS[r["kind"]].inverse, "target": r["subject"], "fact": r})
        return sorted(out, key=lambda x: (UPWARD.index(x["kind"]) if x["kind"] in UPWARD else 9, x["target"]))

    def reports_to(self, body: str) -> Answer:
        """The direct lines upwards: reports to, accountable to, overseen by, presents to."""
        subject = self.entity(body, ENTITIES)
        eid = subject["id"]
        # A post answers through whoever holds it, and a person through their posts:
        # "Simon's line manager is Debbie Currie" answers for the Business Manager too.
        if subject["type"] == "post":
            through = self.holders(eid)
        elif subject["type"] == "person":
            through = sorted({a["post"] for a in self._of("appointment", person=eid)})
        else:
            through = []
        rows = [
            {
                "line": x["kind"],
                "to": self.name(x["target"]),
                "to_id": x["target"],
                "via": "" if via == eid else self.name(via),
                **self.dates(x["fact"]),
                "citations": self.cite(x["fact"]),
            }
            for via in [eid, *through]
            for x in self.upward_lines(via)
            if x["target"] != eid
        ]
        return self.found(
            Answer("reports-to", subject, rows),
            f"the documents do not say whom {subject['name']} reports or answers to",
        )

    def chain(self, body: str, max_paths: int = 20) -> Answer:
        """The whole accountability chain upwards, as every path to a top."""
        from graph.analysis.chains import upward_paths  # networkx: imported only when needed

        subject = self.entity(body, ENTITIES)
        paths = upward_paths(self.index, subject["id"], max_paths)
        rows = [{"path": i + 1, "hops": [self._hop(h) for h in path]} for i, path in enumerate(paths)]
        return self.found(
            Answer("chain", subject, rows), f"the documents do not say whom {subject['name']} reports or answers to"
        )

    def _hop(self, hop: dict[str, Any]) -> dict[str, Any]:
        return {
            "from": self.name(hop["from"]),
            "from_id": hop["from"],
            "line": hop["kind"],
            "to": self.name(hop["to"]),
            "to_id": hop["to"],
            "citations": [c for fact in hop["facts"] for c in self.cite(fact)],
        }

    def explain(self, a: str, b: str, max_paths: int = 3) -> Answer:
        """The shortest path(s) between two entities, every hop cited."""
        from graph.analysis.paths import shortest_paths  # networkx: imported only when needed

        first, second = self.entity(a, ENTITIES), self.entity(b, ENTITIES)
        paths = shortest_paths(self.index, first["id"], second["id"], max_paths)
        rows = [{"path": i + 1, "hops": [self._hop(h) for h in path]} for i, path in enumerate(paths)]
        if not rows:
            raise NotFound(f"no path between {first['name']} and {second['name']}")
        return Answer("explain", {"from": first, "to": second}, rows, self._as_of())

    def changes(
        self,
        start: date | None = None,
        end: date | None = None,
        of: str | None = None,
        result: bool = False,
        kind: str | None = None,
    ) -> Answer:
        """Change events (planned or in force) whose date falls in [start, end] (an undated
        one is known by ``end`` when a document of that day or earlier states it); with
        ``of``, only those an entity takes part in (created, merged, moved...); with
        ``result``, only those whose result (what comes after) the documents name, so
        "where is X moving to?" is not answered by a move whose destination is unsaid;
        with ``kind``, only changes of that kind ("which CCGs merged?")."""
        subject = self.entity(of, ENTITIES) if of else None
        rows = []
        for c in self.full["statements"]:
            if c["type"] != "change" or (kind and c["kind"] != kind):
                continue
            if result and not c.get("after"):
                continue
            if subject and subject["id"] not in (*c.get("before", []), *c.get("after", []), *c.get("moves", [])):
                continue
            if not c.get("date"):
                # undated: known by the day a document said it, but not when it fell
                if start or (end and not (c.get("stated_on") and first_day(c["stated_on"]) <= end)):
                    continue
            elif (start and last_day(c["date"]) < start) or (end and first_day(c["date"]) > end):
                continue
            done_to = self._of("relation", object=c["id"])  # "approved by NHS England": lines to the change itself
            rows.append(
                {
                    "date": c.get("date") or "",
                    "change": c["kind"],
                    "label": c["label"],
                    "status": c.get("status", "in-force"),
                    "before": [self.name(x) for x in c.get("before", [])],
                    "after": [self.name(x) for x in c.get("after", [])],
                    "moves": [self.name(x) for x in c.get("moves", [])],
                    "said": self.dates_said(c["id"]),
                    "by": [f"{LINE_KINDS[r['kind']].inverse} {self.name(r['subject'])}" for r in done_to],
                    "id": c["id"],
                    "citations": _unique([*self.cite(c), *(q for r in done_to for q in self.cite(r))]),
                }
            )
        rows.sort(key=lambda r: (r["date"] or "9999", r["label"]))
        missing = (
            f"the documents record no change to {subject['name']}"
            if subject
            else f"no change events of kind {kind}"
            if kind
            else "no change events in that period"
        )
        if result:
            missing = (
                f"the documents do not say what {subject['name'] if subject else 'the changes'} became or moved to"
            )
        return self.found(Answer("changes", subject, rows), missing)

    def diff(self, first: date | None = None, second: date | None = None, change: str | None = None) -> Answer:
        """What was in force on one date and not the other (entities and facts); or,
        with ``change``, the lines of accountability before and after a change event."""
        if change is not None:
            return self.around(change)
        if first is None or second is None:
            raise InputError("give two dates, or --change CHANGE", rule="bad-argument")
        rows = [
            {
                "change": r["change"],
                "type": r["record"]["type"],
                "what": self.describe_fact(r["record"]),
                "id": r["record"]["id"],
                "citations": self.cite(r["record"]),
            }
            for r in diff_snapshots(self.full, first, second)
        ]
        rows.sort(key=lambda r: (r["change"] != "removed", TYPE_ORDER.get(r["type"], 6), r["what"]))
        answer = Answer("diff", {"from": first.isoformat(), "to": second.isoformat()}, rows)
        return self.found(answer, f"nothing changed between {first} and {second}")

    def around(self, change: str) -> Answer:
        """Lines and memberships of what a change event ended and of what it created."""
        subject = self.change_event(change)
        fact = _changes(self.full)[subject["id"]]
        rows = [
            {
                "side": r["side"],
                "type": r["record"]["type"],
                "what": self.describe_fact(r["record"]),
                "status": r["record"].get("status", "in-force"),
                "id": r["record"]["id"],
                "citations": self.cite(r["record"]),
            }
            for r in around_change(self.full, fact)
        ]
        rows.sort(key=lambda r: (r["side"] != "before", r["type"] != "relation", r["what"]))
        # The change itself first, with its date: "when was X set up?" is answered here too.
        event = {
            "side": "change",
            "type": "change",
            "what": f"{fact['date']}: {fact['label']}"
            if fact.get("date")
            else f"{fact['label']} (undated; the documents say {'; '.join(self.dates_said(fact['id'])) or 'nothing'})",
            "status": fact.get("status", "in-force"),
            # what it ended and what it began, by name, as `changes` gives them
            **{side: [self.name(x) for x in fact.get(side, [])] for side in ("before", "after", "moves")},
            "id": fact["id"],
            "citations": self.cite(fact),
        }
        return self.found(Answer("diff", subject, [event, *rows]), f"no lines recorded around {subject['name']}")

    def change_event(self, text: str) -> dict[str, Any]:
        """A change event named by its label, or by the one entity it creates, ends or moves."""
        try:
            return self.entity(text, ("change",))
        except NotFound as first_try:
            try:
                eid = self.resolver.resolve(text, ENTITIES).id
            except NotFound:
                raise first_try from None
            found = [
                c
                for c in _changes(self.full).values()
                if eid in (*c.get("before", []), *c.get("after", []), *c.get("moves", []))
            ]
            if len(found) == 1:
                return self.describe(found[0]["id"])
            if not found:
                raise NotFound(f"no change event involves {self.name(eid)}") from None
            raise Ambiguous(
                f"{len(found)} change events involve {self.name(eid)}; say which",
                candidates=[f"{c['label']} [{c['id']}]" for c in found],
            ) from None

    def conflicts(self, all: bool = False) -> Answer:
        """Claims about the same thing that disagree, each with its own evidence; with
        ``all``, names and titles that differ only in wording too."""
        expansions = expansions_of(self.full)
        rows = []
        for subject, prop, claims in conflicts(self.full):
            kind = difference(prop, [c["value"] for c in claims], expansions)
            if kind == "wording" and not all:
                continue
            rows += [
                {
                    "subject": self.name(subject),
                    "subject_id": subject,
                    "property": prop,
                    "value": c["value"],
                    "difference": kind,
                    "citations": self.cite(c),
                }
                for c in claims
            ]
        return self.found(Answer("conflicts", None, rows), "no conflicts recorded")

    def dates_said(self, eid: str) -> list[str]:
        """What the documents say of a change's timing ("deadline: 2019-09-29", "deadline:
        2020"): every claim, so that where they disagree each date is shown."""
        return [
            f"{c['property']}: {c['value']}"
            for c in self.full["statements"]
            if c["type"] == "claim" and c["subject"] == eid and re.search(r"date|deadline|when|by$", c["property"])
        ]

    def numbers_stated(self, eid: str, words: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """Claims about an entity that give a number or a frequency ("meetings-2017-18: 9"),
        which answer "how many" and "how often" when no list does; ``words`` are what is
        counted ("deaths"), which a claim's property may name."""
        wanted = re.compile(  # at a word's start: "accountability" counts nothing
            "(?<![a-z])(?:"
            + "|".join(["meet|size|number|count|member|frequen|times|seat|posts|total", *map(re.escape, words)])
            + ")"
        )
        return [
            {"property": c["property"], "value": c["value"], "citations": self.cite(c)}
            for c in self.full["statements"]
            if c["type"] == "claim" and c["subject"] == eid and wanted.search(c["property"])
        ]

    def below(self, body: str) -> Answer:
        """What reports to, is part of, presents to or is overseen by a body."""
        return structure.below(self, body)

    def tree(self, body: str, depth: int = 6, up: bool = False) -> Answer:
        """The whole structure beneath (or, with ``up``, above) a body."""
        return structure.tree(self, body, depth, up)

    def about(self, entity: str, line: str | None = None) -> Answer:
        """Everything the documents say about one entity, on one card."""
        return profile.about(self, entity, line)

    def define(self, acronym: str) -> Answer:
        """Every expansion of an acronym, each with its quote."""
        return profile.define(self, acronym)

    def describe_fact(self, s: dict[str, Any]) -> str:
        """A record in plain words, for diffs and paths."""
        t = s["type"]
        if t in ENTITIES:
            return self.name(s["id"])
        if t == "membership":
            extra = f" (representing {self.name(s['represents'])})" if s.get("represents") else ""
            return f"{self.name(s['member'])} is {s['role']} of {self.name(s['body'])}{extra}"
        if t == "appointment":
            return f"{self.name(s['person'])} holds {self.name(s['post'])}"
        if t == "relation":
            return f"{self.name(s['subject'])} {s['kind'].replace('-', ' ')} {self.name(s['object'])}"
        if t == "change":
            return f"{s['kind']}: {s['label']}"
        if t == "claim":
            return f"{self.name(s['subject'])}: {s['property']} = {s['value']}"
        return self.name(s.get("id"))

    def _as_of(self) -> str | None:
        return self.as_of.isoformat() if self.as_of else None

    def found(self, answer: Answer, message: str) -> Answer:
        answer.as_of = self._as_of()
        if not answer.rows:
            raise NotFound(message + (f" as of {answer.as_of}" if answer.as_of else ""))
        return answer


def areas_of(index: dict[str, Any]) -> list[str]:
    """The areas the documents describe."""
    return sorted({d["area"] for d in index["documents"].values() if d.get("area")})


def in_area(index: dict[str, Any], area: str | None) -> dict[str, dict[str, Any]]:
    """The entities of an area and the national ones (all entities without an area)."""
    if area is None:
        return dict(index["entities"])
    known = {a.lower(): a for a in areas_of(index)}
    if area.lower() not in known:
        raise InputError(
            f"unknown area '{area}'; the documents describe: {', '.join(known.values())}", rule="bad-argument"
        )
    wanted = {known[area.lower()], NATIONAL}
    return {eid: e for eid, e in index["entities"].items() if e.get("area", NATIONAL) in wanted}


def _bare_seat(title: str) -> bool:
    """ "Chair", "Chair of the Community Safety Partnership": a post that is only the seat."""
    return bool(
        re.fullmatch(r"(?:the\s+)?(?:co-|vice[- ]|deputy\s+)?chair(?:man|person|woman)?(?:\s+of\b.*)?", title, re.I)
    )


# A person's claims that say what they are, shown with their roles.
PERSON_TITLES = ("rank", "title")


def _role_family(role: str) -> tuple[str, ...]:
    """A role and those that mean the same ("vice-chair" and "deputy-chair")."""
    deputies = ("vice-chair", "deputy-chair")
    return deputies if role in deputies else ("chair", "co-chair") if role == "chair" else (role,)


def _by_entity(statements: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in statements:
        for eid in dict.fromkeys(mentions(s)):
            out[eid].append(s)
    return out


def _changes(index: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Change events by id, so claims about them can name them."""
    return {s["id"]: s for s in index["statements"] if s["type"] == "change"}


def _sorted(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: tuple(str(r.get(k, "")) for k in keys))


def _unique(citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote once, in order (a change and a line to it may rest on one sentence)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in citations:
        key = (str(c.get("document")), str(c.get("quote")))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
