"""The view's data: ``build/index.json`` turned into nodes, lines and cited facts.

Everything the page needs is computed here, in Python, so the page only draws and
filters: each node and line carries the interval over which it holds (the rules of
``graph.analysis.timeline``), each fact its quotes (kept once, in a table shared with
the entities' cards, ``cards``), each change event the structure on the day before
and after it (``changes``), each node and change its area (the page filters by area
when it holds more than one). A static snapshot (``--as-of``), a neighbourhood
(``--focus``) and the page of one area (``--area``) are cut here too.
"""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import date, timedelta
from typing import Any

from graph.analysis.conflicts import conflicts, difference, expansions_of
from graph.analysis.timeline import Span, fact_span, lifetimes, mentions, statement_span
from graph.dates import first_day
from graph.model.schema import NATIONAL
from graph.questions.governance import in_area
from graph.view.cards import Quotes, cards
from graph.view.changes import before_after, drawn
from graph.view.styles import CHANGE_LABELS, EDGE_KINDS, direction, styles

# Above this many visible nodes the page warns and suggests filters.
WARN_NODES = 750


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _meet(*spans: Span) -> Span:
    """The intersection of intervals (None is unbounded)."""
    starts = [s for s, _ in spans if s]
    ends = [e for _, e in spans if e]
    return (max(starts) if starts else None, min(ends) if ends else None)


class _Builder:
    """Accumulates nodes, lines and facts; one instance per page."""

    def __init__(self, index: dict[str, Any]):
        self.index = index
        self.entities: dict[str, dict[str, Any]] = index["entities"]
        self.spans = lifetimes(index)
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []
        self.facts: list[dict[str, Any]] = []
        self.quotes = Quotes()
        self.own: dict[str, int] = {}  # entity or document -> the fact of its own record
        self.claims: dict[str, list[int]] = defaultdict(list)
        self.terms: dict[str, list[int]] = defaultdict(list)
        self.change_facts: dict[str, int] = {}
        self.names = {eid: e["name"] for eid, e in self.entities.items()}
        self.names.update({s["id"]: s["label"] for s in index["statements"] if s["type"] == "change"})

    def name(self, eid: str) -> str:
        """An entity's name, or a change event's label (claims may be about either)."""
        return self.names.get(eid, eid)

    def fact(self, record: dict[str, Any], text: str, span: Span, planned: bool) -> int:
        """Store one fact with its evidence; return its index."""
        self.facts.append(
            {
                "id": record["id"],
                "text": text,
                "start": _iso(span[0]),
                "end": _iso(span[1]),
                "planned": planned,
                "stated_on": record.get("stated_on"),
                "quotes": [self.quotes.add(e["source"], e.get("line"), e["quote"]) for e in record["evidence"]],
            }
        )
        return len(self.facts) - 1

    def edge(
        self,
        eid: str,
        src: str,
        dst: str,
        kind: str,
        label: str,
        fact: int,
        span: Span,
        never: bool,
    ) -> None:
        self.edges.append(
            {
                "id": eid,
                "from": src,
                "to": dst,
                "kind": kind,
                "label": label,
                "fact": fact,
                "planned": self.facts[fact]["planned"],
                "start": _iso(span[0]),
                "end": _iso(span[1]),
                "never": never,
            }
        )

    # -- entities ---------------------------------------------------------------

    def add_entities(self) -> None:
        for eid, entity in self.entities.items():
            etype = entity["type"]
            label = f"{entity['honorific']} {entity['name']}" if entity.get("honorific") else entity["name"]
            planned = entity.get("status") == "planned"
            kind = entity.get("kind", etype)
            own = self.own[eid] = self.fact(entity, f"{label} ({kind.replace('-', ' ')})", self.spans[eid], planned)
            start, end = self.spans[eid]
            self.nodes[eid] = {
                "id": eid,
                "label": label,
                "type": etype,
                "kind": kind,
                "planned": planned,
                "start": _iso(start),
                "end": _iso(end),
                "names": [
                    entity["name"],
                    *entity.get("acronyms", []),
                    *entity.get("aliases", []),
                    eid,
                ],
                "acronym": (entity.get("acronyms") or [None])[0],
                "area": entity.get("area", NATIONAL),  # as ``in_area`` reads it
            }
            if etype == "post" and entity.get("organisation") in self.entities:
                span = _meet(self.spans[eid], self.spans[entity["organisation"]])
                self.edge(
                    f"{eid}:post-of",
                    eid,
                    entity["organisation"],
                    "post-of",
                    "post in",
                    own,
                    span,
                    False,
                )

    # -- statements -------------------------------------------------------------

    def add_statements(self) -> None:
        for statement in self.index["statements"]:
            stype = statement["type"]
            if stype == "claim":
                subject = self.name(statement["subject"])
                text = f"{subject}: {statement['property']} is {statement['value']}"
                self.claims[statement["subject"]].append(self.fact(statement, text, (None, None), False))
            elif stype == "change":
                self.add_change(statement)
            elif stype == "term":
                # A glossary term is a fact about the entity it names, if any.
                if statement.get("denotes"):
                    text = f"{statement['acronym']} stands for {statement['expansion']}"
                    self.terms[statement["denotes"]].append(self.fact(statement, text, (None, None), False))
            else:
                self.add_line(statement, stype)

    def add_line(self, s: dict[str, Any], stype: str) -> None:
        """A relation, membership or appointment: one line with its own interval."""
        if stype == "membership":
            src, dst, kind = s["member"], s["body"], "membership"
            label = s["role"].replace("-", " ")
            rep = f" (representing {self.name(s['represents'])})" if s.get("represents") else ""
            text = f"{self.name(src)} is {label} of {self.name(dst)}{rep}"
        elif stype == "appointment":
            src, dst, kind, label = s["person"], s["post"], "appointment", "holds post"
            capacity = f" ({s['capacity']})" if s.get("capacity") not in (None, "substantive") else ""
            text = f"{self.name(src)} holds the post of {self.name(dst)}{capacity}"
        else:
            src, dst, kind = s["subject"], s["object"], s["kind"]
            label = EDGE_KINDS.get(kind, {}).get("label", kind.replace("-", " "))
            amount = f" ({s['amount']})" if s.get("amount") else ""
            text = f"{self.name(src)} {label} {self.name(dst)}{amount}"
        planned = s.get("status") == "planned"
        own = fact_span(s)
        span = statement_span(s, self.spans)  # None: in force on no date (planned, no start)
        index = self.fact(s, text, own, planned)
        self.edge(s["id"], src, dst, kind, label, index, span or own, span is None)

    def add_change(self, s: dict[str, Any]) -> None:
        """A change event: one line from each entity before to each entity after."""
        when = first_day(s["date"]) if s.get("date") else None
        planned = s.get("status") == "planned"
        index = self.fact(s, f"{s['label']} ({s['kind']})", (when, None), planned)
        self.change_facts[s["id"]] = index
        label = CHANGE_LABELS.get(s["kind"], s["kind"])
        for i, (old, new) in enumerate((b, a) for b in s.get("before", []) for a in s.get("after", [])):
            span = _meet((when, None), self.spans.get(old, (None, None)), self.spans.get(new, (None, None)))
            self.edge(f"{s['id']}:{i}", old, new, "change", label, index, span, planned and when is None)

    def attach_claims(self) -> None:
        """Claims about a change event belong with the lines that draw it; where the
        documents disagree about the fact a line draws, the line says so."""
        disputed = disputes(self.index)
        for edge in self.edges:
            fact_id = self.facts[edge["fact"]]["id"]
            if edge["kind"] == "change":
                edge["facts"] = [edge["fact"], *self.claims.get(fact_id, [])]
            edge["disputed"] = disputed.get(fact_id, [])

    def changes(self) -> list[dict[str, Any]]:
        """Each change event with the structure on the day before and after it."""
        drawn_spans = {s["id"]: statement_span(s, self.spans) for s in self.index["statements"] if drawn(s)}
        out = []
        for s in self.index["statements"]:
            if s["type"] != "change":
                continue
            around = before_after(self.index, s, self.spans, drawn_spans)
            own = {e["id"]: "change" for e in self.edges if e["kind"] == "change" and e["id"].startswith(f"{s['id']}:")}
            areas = {self.entities[eid].get("area", NATIONAL) for eid in mentions(s) if eid in self.entities}
            out.append(
                {
                    **around,
                    "label": s["label"],
                    "kind": s["kind"],
                    "date": s.get("date"),
                    "planned": s.get("status") == "planned",
                    "facts": [self.change_facts[s["id"]], *self.claims.get(s["id"], [])],
                    "lines": {**around["lines"], **own},
                    "areas": sorted(areas - {NATIONAL}),  # none: a change of national bodies
                }
            )
        return sorted(out, key=lambda c: (c["date"] or "9999", c["label"], c["id"]))

    # -- documents --------------------------------------------------------------

    def add_documents(self) -> None:
        """Each source document, with a line to every entity it names (hidden at first)."""
        cited: dict[str, list[str]] = defaultdict(list)
        for eid, entity in self.entities.items():
            for doc in dict.fromkeys(e["source"] for e in entity["evidence"]):
                cited[doc].append(eid)
        for doc, meta in self.index["documents"].items():
            nid = f"document:{doc}"
            self.own[nid] = self.fact(
                {"id": doc, "evidence": []},
                f"{meta['title']} ({meta['date']})",
                (None, None),
                False,
            )
            self.nodes[nid] = {
                "id": nid,
                "label": meta["title"],
                "type": "document",
                "kind": meta.get("kind") or "document",
                "planned": False,
                "start": None,
                "end": None,
                "names": [meta["title"], doc],
                "acronym": None,
                "area": meta.get("area") or NATIONAL,
            }
            for eid in cited.get(doc, []):
                self.edge(
                    f"{nid}:{eid}",
                    nid,
                    eid,
                    "source",
                    "source of",
                    self.own[eid],
                    (None, None),
                    False,
                )


def disputes(index: dict[str, Any]) -> dict[str, list[str]]:
    """Subject id -> the properties the documents disagree about (not mere wording)."""
    expansions = expansions_of(index)
    out: dict[str, list[str]] = defaultdict(list)
    for subject, prop, claims in conflicts(index):
        if difference(prop, [c["value"] for c in claims], expansions) == "disagreement":
            out[subject].append(prop)
    return dict(out)


def view_data(index: dict[str, Any]) -> dict[str, Any]:
    """Nodes, lines, facts, cards, change events, documents, styles and date
    breakpoints for the page."""
    builder = _Builder(index)
    builder.add_entities()
    builder.add_statements()
    builder.attach_claims()
    changes = builder.changes()
    builder.add_documents()
    nodes = []
    for nid, node in sorted(builder.nodes.items()):
        # An entity's card comes from ``cards``; here only what a card lacks: a
        # document's own description, an entity's glossary terms.
        if node["type"] == "document":
            node["facts"] = [builder.own[nid]]
        else:
            node["glossary"] = builder.terms.get(nid, [])
        nodes.append(node)
    edges = sorted(builder.edges, key=lambda e: e["id"])
    for edge in edges:
        edge.setdefault("facts", [edge["fact"]])
        edge.setdefault("disputed", [])
        del edge["fact"]
    edge_styles = dict(EDGE_KINDS)
    for edge in edges:  # a kind added to the schema but not yet styled still gets a legend line
        edge_styles.setdefault(
            edge["kind"],
            {
                "label": edge["label"],
                "color": "#5c5f66",
                "width": 1,
                "accountability": False,
                **direction(edge["kind"]),
            },
        )
    # The local areas the page holds, from its entities (a document cited by a national
    # body may come from an area the page does not show): with two or more, it filters.
    areas = sorted({n["area"] for n in nodes if n["type"] != "document"} - {NATIONAL})
    return {
        "meta": {
            "as_of": None,
            "focus": None,
            "depth": None,
            "change": None,
            "area": None,
            "areas": areas,
            "national": NATIONAL,
            "warn_nodes": WARN_NODES,
        },
        "documents": {d: {"title": m["title"], "date": m["date"]} for d, m in sorted(index["documents"].items())},
        "styles": styles(edge_styles),
        "nodes": nodes,
        "edges": edges,
        "facts": builder.facts,
        "cards": cards(index, builder.quotes),
        "quotes": builder.quotes.rows,
        "changes": changes,
        "dates": breakpoints(nodes, edges),
    }


def breakpoints(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[str]:
    """The days on which the picture changes, plus the day before the first of them.

    A snapshot can only differ at a start or the day after an end, so the slider needs
    no other positions.
    """
    days: set[date] = set()
    for item in [*nodes, *edges]:
        if item["start"]:
            days.add(date.fromisoformat(item["start"]))
        if item["end"]:
            days.add(date.fromisoformat(item["end"]) + timedelta(days=1))
    if not days:
        return []
    return [d.isoformat() for d in sorted(days | {min(days) - timedelta(days=1)})]


def holds(item: dict[str, Any], day: str) -> bool:
    """Whether a node or line is shown on ``day`` (ISO): the page's rule, in Python."""
    if item.get("never"):
        return False
    return (item["start"] is None or item["start"] <= day) and (item["end"] is None or day <= item["end"])


def as_of(data: dict[str, Any], day: date) -> dict[str, Any]:
    """A static snapshot: only what holds on ``day`` (the date control is then fixed)."""
    iso = day.isoformat()
    nodes = [n for n in data["nodes"] if holds(n, iso)]
    kept = {n["id"] for n in nodes}
    edges = [e for e in data["edges"] if holds(e, iso) and e["from"] in kept and e["to"] in kept]
    return {
        **data,
        "meta": {**data["meta"], "as_of": iso},
        "nodes": nodes,
        "edges": edges,
        "changes": [],  # a page of one day has no before and after
        "dates": [iso],
    }


def focus(data: dict[str, Any], centre: str, depth: int) -> dict[str, Any]:
    """The neighbourhood of one entity (by id): nodes within ``depth`` lines of it."""
    links: dict[str, set[str]] = defaultdict(set)
    for e in data["edges"]:
        if e["kind"] != "source":
            links[e["from"]].add(e["to"])
            links[e["to"]].add(e["from"])
    seen = {centre: 0}
    queue = deque([centre])
    while queue:
        here = queue.popleft()
        if seen[here] < depth:
            for there in sorted(links[here] - seen.keys()):
                seen[there] = seen[here] + 1
                queue.append(there)
    nodes = [n for n in data["nodes"] if n["id"] in seen]
    edges = [e for e in data["edges"] if e["from"] in seen and e["to"] in seen and e["kind"] != "source"]
    meta = {**data["meta"], "focus": centre, "depth": depth}
    return {
        **data,
        "meta": meta,
        "nodes": nodes,
        "edges": edges,
        "changes": [],  # nor has a neighbourhood: a change's chart reaches beyond it
        "dates": breakpoints(nodes, edges),
    }


def of_area(index: dict[str, Any], area: str) -> dict[str, Any]:
    """The index cut to one area: its entities and the national ones (``in_area``: an
    unknown area raises, naming the areas there are) and the facts among them, each
    quoted from the area's own documents where it can be; a fact only other documents
    state (a national body no document of the area names) keeps their quotes, and the
    page keeps those documents, so that nothing it shows is unsourced."""
    own_docs = {d for d, m in index["documents"].items() if (m.get("area") or "").lower() == area.lower()}
    entities = in_area(index, area)
    changes = {s["id"] for s in index["statements"] if s["type"] == "change" and set(mentions(s)) <= entities.keys()}
    kept = entities.keys() | changes
    statements = [
        s
        for s in index["statements"]
        if set(mentions(s)) <= kept and (s["type"] != "term" or s.get("denotes") in (None, *kept))
    ]

    def own_quotes(record: dict[str, Any]) -> dict[str, Any]:
        own = [e for e in record["evidence"] if e["source"] in own_docs]
        return {**record, "evidence": own} if own else record

    entities = {eid: own_quotes(e) for eid, e in entities.items()}
    statements = [own_quotes(s) for s in statements]
    cited = {e["source"] for record in [*entities.values(), *statements] for e in record["evidence"]}
    return {
        **index,
        "documents": {d: m for d, m in index["documents"].items() if d in own_docs | cited},
        "entities": entities,
        "statements": statements,
        "names": [k for k in index.get("names", []) if k[1] in kept],
    }
