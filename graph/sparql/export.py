"""Exports of the built graph: ttl, nt, jsonld, trig, graphml and csv.

Every export is deterministic (same build, byte-identical file) and UTF-8. RDF
formats carry every triple (written by ``graph.sparql.rdf``); GraphML and CSV carry
the network a person looks at (entities as nodes, direct lines as edges, with each
line's dates, status and quotes) for Gephi, yEd and spreadsheets.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError, Place
from graph.files import csv_text
from graph.model import ids
from graph.model.vocab import DCTERMS, FOAF, GG, ORG, PROV, RDF, RDFS
from graph.sparql.rdf import DEFAULT_GRAPH, TYPE, Triple, jsonld, trig
from graph.sparql.store.terms import Term, compact, iri

FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "csv")

NODE_TYPES = {
    FOAF + "Person": "person",
    ORG + "Post": "post",
    ORG + "FormalOrganization": "organisation",
    ORG + "OrganizationalUnit": "body",
    ORG + "OrganizationalCollaboration": "body",
    PROV + "Plan": "plan",
    ORG + "ChangeEvent": "change",
}
# Inverse duplicates of other edges (org:changedBy mirrors org:originalOrganization).
SKIP_EDGES = {ORG + "changedBy", ORG + "resultedFrom"}
NODE_FIELDS = ["id", "label", "type", "kind", "start", "end", "status", "iri"]
EDGE_FIELDS = ["source", "target", "relation", "statement", "start", "end", "status", "sources", "quotes"]


def read_triples(nt_file: Path) -> list[Triple]:
    """The built graph's triples, in file order (the build sorts them)."""
    import pyoxigraph as ox

    from graph.sparql.store.oxigraph import to_term

    if not nt_file.is_file():
        raise InputError("no built graph: run `govgraph build` first", place=Place(str(nt_file)), rule="no-build")
    triples: list[Triple] = []
    for q in ox.parse(path=str(nt_file), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = to_term(q.subject), to_term(q.predicate), to_term(q.object)
        if s is not None and p is not None and o is not None:  # always so for a parsed triple
            triples.append((s, p, o))
    return triples


# --- the network: nodes and edges ----------------------------------------------


@dataclass
class Network:
    """Entities as nodes and direct lines as edges, with qualifiers and quotes."""

    nodes: list[dict[str, str]] = field(default_factory=list)
    edges: list[dict[str, str]] = field(default_factory=list)


def network(triples: list[Triple]) -> Network:
    """Nodes and edges from the two RDF layers (direct edges + statement nodes)."""
    props: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        props[s.value][p.value].append(o)
    node_ids = {}
    for subject, by_predicate in props.items():
        if not subject.startswith(ids.ID):
            continue
        kinds = sorted(NODE_TYPES[t.value] for t in by_predicate.get(TYPE, []) if t.value in NODE_TYPES)
        if kinds:
            node_ids[subject] = kinds[0]
    nodes = [_node(subject, kind, props[subject]) for subject, kind in sorted(node_ids.items())]
    statements = _statements_by_edge(props)
    edges = []
    for s, p, o in triples:
        if s.value in node_ids and o.value in node_ids and p.value != TYPE and p.value not in SKIP_EDGES:
            for statement in statements.get((s.value, p.value, o.value), [None]):
                edges.append(_edge(s.value, p.value, o.value, statement, props))
    edges.sort(key=lambda e: (e["source"], e["relation"], e["target"], e["statement"]))
    return Network(nodes, edges)


def _first(values: list[Term] | None) -> str:
    return compact(sorted(values)[0]) if values else ""


def _slug(camel_case: str) -> str:
    """``InForce`` -> ``in-force``: the curated words, not the ontology's."""
    return re.sub(r"(?<!^)([A-Z])", r"-\1", camel_case).lower()


def _status(p: dict[str, list[Term]]) -> str:
    return _slug(_first(p.get(GG + "status")).removeprefix("gg:"))


def _local(value: str) -> str:
    for namespace in (ids.ID, ids.STATEMENT):
        if value.startswith(namespace):
            return value[len(namespace) :]
    return value


def _node(subject: str, kind: str, p: dict[str, list[Term]]) -> dict[str, str]:
    subtype = _first(p.get(GG + "kind"))
    if kind == "change":
        events = [
            t.value[len(GG) : -len("Event")]
            for t in sorted(p.get(TYPE, []))
            if t.value.startswith(GG) and t.value.endswith("Event")
        ]
        subtype = _slug(events[0]) if events else ""
    return {
        "id": _local(subject),
        "label": _first(p.get(RDFS + "label")),
        "type": kind,
        "kind": subtype,
        "start": _first(p.get(GG + "start")) or _first(p.get(GG + "date")),
        "end": _first(p.get(GG + "end")),
        "status": _status(p),
        "iri": subject,
    }


def _statements_by_edge(props: dict[str, dict[str, list[Term]]]) -> dict[tuple[str, str, str], list[str]]:
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for subject, p in props.items():
        if p.get(RDF + "subject") and p.get(RDF + "predicate") and p.get(RDF + "object"):
            key = (p[RDF + "subject"][0].value, p[RDF + "predicate"][0].value, p[RDF + "object"][0].value)
            out[key].append(subject)
    return {k: sorted(v) for k, v in out.items()}


def _edge(s: str, p: str, o: str, statement: str | None, props: dict[str, dict[str, list[Term]]]) -> dict[str, str]:
    q = props.get(statement, {}) if statement else {}
    evidence = [props.get(e.value, {}) for e in q.get(PROV + "wasDerivedFrom", [])]
    sources = sorted({_local(t.value).rsplit("/", 1)[-1] for ev in evidence for t in ev.get(DCTERMS + "source", [])})
    quotes = sorted({t.value for ev in evidence for t in ev.get(GG + "quote", [])})
    return {
        "source": _local(s),
        "target": _local(o),
        "relation": compact(iri(p)),
        "statement": _local(statement or ""),
        "start": _first(q.get(GG + "start")),
        "end": _first(q.get(GG + "end")),
        "status": _status(q),
        "sources": ";".join(sources),
        "quotes": " | ".join(quotes),
    }


def graphml(net: Network) -> str:
    """GraphML for Gephi and yEd: every node and edge field as a string attribute."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in net.nodes:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id" and v})
    for n, edge in enumerate(net.edges):
        graph.add_edge(
            edge["source"],
            edge["target"],
            key=f"e{n}",
            **{k: v for k, v in edge.items() if k not in ("source", "target") and v},
        )
    buffer = io.BytesIO()
    nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def _csv(rows: list[dict[str, str]], fields: list[str]) -> str:
    """Nodes or edges as CSV, one column per field."""
    return csv_text(fields, [[row.get(f, "") for f in fields] for row in rows])


# --- the entry point ---------------------------------------------------------------


def export(build_dir: Path, fmt: str, graph_iri: str = DEFAULT_GRAPH) -> dict[str, str]:
    """The export as ``{file name: text}`` (csv gives nodes.csv and edges.csv)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}", rule="format")
    if fmt in ("ttl", "nt", "trig"):
        path = build_dir / ("govgraph.nt" if fmt == "nt" else "govgraph.ttl")
        if not path.is_file():
            raise InputError("no built graph: run `govgraph build` first", place=Place(str(path)), rule="no-build")
        text = path.read_text(encoding="utf-8")
        return {f"govgraph.{fmt}": trig(text, graph_iri) if fmt == "trig" else text}
    triples = read_triples(build_dir / "govgraph.nt")
    if fmt == "jsonld":
        return {"govgraph.jsonld": jsonld(triples)}
    net = network(triples)
    if fmt == "graphml":
        return {"govgraph.graphml": graphml(net)}
    return {"nodes.csv": _csv(net.nodes, NODE_FIELDS), "edges.csv": _csv(net.edges, EDGE_FIELDS)}
