"""The graph's RDF serialisations: Turtle, JSON-LD and TriG, from terms or from the build.

Used both by ``govgraph sparql`` (a CONSTRUCT or DESCRIBE answer as Turtle or JSON-LD)
and by ``govgraph export`` (the whole graph), so the two write RDF the same way. Every
serialisation is deterministic, and the JSON-LD context is inline: reading the file
never fetches anything.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from graph.build import ntriples
from graph.model.vocab import PREFIXES, RDF
from graph.sparql.store.terms import Term, compact, iri, n3

DEFAULT_GRAPH = "https://w3id.org/govgraph/graph"
TYPE = RDF + "type"

Triple = tuple[Term, Term, Term]


# --- Turtle -----------------------------------------------------------------------


def turtle(triples: Iterable[Triple]) -> str:
    """Pretty Turtle with the project's prefixes (rdflib sorts, so it is stable)."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.parse(data=ntriples.document((n3(s), n3(p), n3(o)) for s, p, o in triples), format="nt")
    return graph.serialize(format="turtle")


# --- JSON-LD ---------------------------------------------------------------------


def _jsonld_value(term: Term) -> object:
    if term.kind == "uri":
        return {"@id": compact_iri(term.value)}
    if term.kind == "bnode":
        return {"@id": f"_:{term.value}"}
    if term.lang:
        return {"@value": term.value, "@language": term.lang}
    if term.datatype:
        return {"@value": term.value, "@type": compact_iri(term.datatype)}
    return term.value


def compact_iri(value: str) -> str:
    """``id:cdop`` where a prefix of the inline context applies, else the full IRI."""
    short = compact(iri(value))
    return value if short.startswith("<") else short


def jsonld(triples: Iterable[Triple]) -> str:
    """Compact JSON-LD with an inline context; nodes and values sorted."""
    nodes: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        subject = compact_iri(s.value) if s.kind == "uri" else f"_:{s.value}"
        if p.value == TYPE and o.kind == "uri":
            nodes[subject]["@type"].append(compact_iri(o.value))
        else:
            nodes[subject][compact_iri(p.value)].append(_jsonld_value(o))
    graph = []
    for subject in sorted(nodes):
        node: dict[str, object] = {"@id": subject}
        for key in sorted(nodes[subject], key=lambda k: (k != "@type", k)):
            values = sorted(nodes[subject][key], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            node[key] = values[0] if len(values) == 1 else values
        graph.append(node)
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


# --- TriG -------------------------------------------------------------------------


def trig(turtle: str, graph_iri: str = DEFAULT_GRAPH) -> str:
    """The build's Turtle as one named graph: prefixes outside, statements inside."""
    name = n3(iri(graph_iri))
    head: list[str] = []
    body: list[str] = []
    for line in turtle.splitlines():
        (head if line.startswith("@prefix") or line.startswith("@base") else body).append(line)
    inner = "\n".join("    " + line if line else "" for line in body).strip("\n")
    return "\n".join(head) + f"\n\n{name} {{\n{inner}\n}}\n"
