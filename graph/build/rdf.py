"""Records -> RDF triples, in two layers like Wikidata.

1. Direct edges for easy SPARQL: ``?body org:reportsTo ?parent``,
   ``?person gg:chairOf ?body``, ``?person org:holds ?post``.
2. A statement node per fact (an ``org:Membership``, ``gg:Appointment``,
   ``gg:Relation``, ``gg:Claim`` or ``org:ChangeEvent``) with its qualifiers and
   ``prov:wasDerivedFrom`` evidence nodes (document, quote, offset, line).

Triples are produced as plain tuples of N-Triples terms (written by
``graph.build.ntriples``): this is fast, has no dependency, and sorting them gives
byte-identical output for the same input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from graph.build import ntriples
from graph.build.ntriples import iri, literal
from graph.dates import XSD as XSD_DATE_TYPES
from graph.dates import first_day, last_day, precision
from graph.model import ids
from graph.model.load import Evidence, Facts, Record
from graph.model.schema import DOWNWARD, UPWARD
from graph.model.vocab import (
    DCTERMS,
    FOAF,
    GG,
    ORG,
    PROV,
    RDF,
    RDFS,
    RELATION_PROPERTY,
    SKOS,
    XSD,
    camel,
    entity_classes,
    role_property,
)
from graph.sources.corpus import Corpus

Triple = tuple[str, str, str]
TYPE = RDF + "type"
ANSWERS_TO_IRI = GG + "answersTo"


def date_literal(text: str) -> str:
    return literal(text, XSD + XSD_DATE_TYPES[precision(text)])


def integer(n: int) -> str:
    return literal(str(n), XSD + "integer")


def _e(entity_id: str) -> str:
    return iri(ids.entity_iri(entity_id))


def evidence_triples(subject: str, evidence: list[Evidence]) -> Iterator[Triple]:
    """One evidence node per (source, quote); its IRI is a hash, so order doesn't matter."""
    base = subject[1:-1]
    for ev in evidence:
        digest = hashlib.sha1(f"{ev.source}\n{ev.quote}".encode()).hexdigest()[:12]
        node = iri(f"{base}/evidence/{digest}")
        yield subject, iri(PROV + "wasDerivedFrom"), node
        yield node, TYPE_, iri(GG + "Evidence")
        yield node, TYPE_, iri(PROV + "Entity")
        yield node, iri(DCTERMS + "source"), iri(ids.source_iri(ev.source))
        yield node, iri(GG + "quote"), literal(ev.quote)
        if ev.offset >= 0:
            yield node, iri(GG + "offset"), integer(ev.offset)
        if ev.line:
            yield node, iri(GG + "line"), integer(ev.line)
        if ev.pack_line:
            yield node, iri(GG + "packLine"), integer(ev.pack_line)


TYPE_ = iri(TYPE)
LABEL = iri(RDFS + "label")


def entity_triples(record: Record) -> Iterator[Triple]:
    s = _e(record.id)
    data = record.data
    for cls in entity_classes(record.type, data.get("kind", "")):
        yield s, TYPE_, iri(cls)
    yield s, LABEL, literal(data["name"])
    yield s, iri(SKOS + "prefLabel"), literal(data["name"])
    if record.type == "person":
        yield s, iri(FOAF + "name"), literal(data["name"])
        if data.get("honorific"):
            yield s, iri(GG + "honorific"), literal(data["honorific"])
    if record.type in ("organisation", "body", "plan"):
        yield s, iri(GG + "kind"), literal(data["kind"])
    if data.get("area"):
        yield from area_triples(s, data["area"])
    for acronym in data.get("acronyms", []):
        yield s, iri(GG + "acronym"), literal(acronym)
        yield s, iri(SKOS + "altLabel"), literal(acronym)
    for alias in data.get("aliases", []):
        yield s, iri(SKOS + "altLabel"), literal(alias)
    if record.type == "post":
        yield s, iri(ORG + "postIn"), _e(data["organisation"])
        if data.get("role"):
            yield from role_triples(s, data["role"])
    yield from _qualifiers(s, record)
    yield from evidence_triples(s, record.evidence)


def role_triples(subject: str, role: str) -> Iterator[Triple]:
    """``org:role`` with the role typed in the data, so tools need not load the ontology."""
    term = iri(GG + camel(role) + "Role")
    yield subject, iri(ORG + "role"), term
    yield term, TYPE_, iri(ORG + "Role")
    yield term, LABEL, literal(role.replace("-", " "))


def _qualifiers(s: str, record: Record) -> Iterator[Triple]:
    data = record.data
    for key in ("start", "end"):
        if data.get(key):
            yield s, iri(GG + key), date_literal(data[key])
    # Day-precision bounds, so SPARQL can compare dates of any precision directly.
    begin = data.get("start") or (data.get("date") if record.section == "changes" else None)
    if begin:
        yield s, iri(GG + "validFrom"), literal(first_day(begin).isoformat(), XSD + "date")
    if data.get("end"):
        yield s, iri(GG + "validUntil"), literal(last_day(data["end"]).isoformat(), XSD + "date")
    status = data.get("status", "in-force")
    if record.section != "claims" and (not record.is_entity or "status" in data):
        yield s, iri(GG + "status"), iri(GG + camel(status))


def _reified(node: str, subject: str, predicate: str, obj: str) -> Iterator[Triple]:
    yield node, iri(RDF + "subject"), subject
    yield node, iri(RDF + "predicate"), predicate
    yield node, iri(RDF + "object"), obj


def statement_triples(record: Record, stated_on: str | None) -> Iterator[Triple]:
    """Both layers for one statement: its direct edge(s) and its qualified node."""
    data = record.data
    node = _e(record.id) if record.section == "changes" else iri(ids.statement_iri(record.id))
    yield node, TYPE_, iri(GG + "Statement")
    if record.section == "memberships":
        member, body = _e(data["member"]), _e(data["body"])
        predicate = iri(role_property(data["role"]))
        yield member, predicate, body
        yield node, TYPE_, iri(ORG + "Membership")
        yield node, iri(ORG + "member"), member
        yield node, iri(ORG + "organization"), body
        yield from role_triples(node, data["role"])
        if data.get("represents"):
            yield node, iri(GG + "represents"), _e(data["represents"])
        yield from _reified(node, member, predicate, body)
    elif record.section == "appointments":
        person, post = _e(data["person"]), _e(data["post"])
        yield person, iri(ORG + "holds"), post
        yield node, TYPE_, iri(GG + "Appointment")
        yield node, iri(GG + "capacity"), iri(GG + camel(data.get("capacity", "substantive")))
        yield from _reified(node, person, iri(ORG + "holds"), post)
    elif record.section == "relations":
        s, o = _e(data["subject"]), _e(data["object"])
        predicate = iri(RELATION_PROPERTY[data["kind"]])
        yield s, predicate, o
        # One upward property for every line of accountability, whichever its direction.
        if data["kind"] in UPWARD:
            yield s, iri(ANSWERS_TO_IRI), o
        elif data["kind"] in DOWNWARD:
            yield o, iri(ANSWERS_TO_IRI), s
        yield node, TYPE_, iri(GG + "Relation")
        if data.get("amount"):
            yield node, iri(GG + "amount"), literal(data["amount"])
        yield from _reified(node, s, predicate, o)
    elif record.section == "claims":
        yield node, TYPE_, iri(GG + "Claim")
        yield node, iri(RDF + "subject"), _e(data["subject"])
        yield node, iri(GG + "property"), literal(data["property"])
        yield node, iri(RDF + "value"), literal(data["value"])
    elif record.section == "terms":
        yield node, TYPE_, iri(GG + "Term")
        yield node, iri(GG + "acronym"), literal(data["acronym"])
        yield node, iri(SKOS + "prefLabel"), literal(data["expansion"])
        if data.get("denotes"):
            yield node, iri(GG + "denotes"), _e(data["denotes"])
    elif record.section == "changes":
        yield node, TYPE_, iri(ORG + "ChangeEvent")
        yield node, TYPE_, iri(GG + camel(data["kind"]) + "Event")
        yield node, LABEL, literal(data["label"])
        if data.get("date"):
            yield node, iri(GG + "date"), date_literal(data["date"])
        for before in data.get("before", []):
            yield node, iri(ORG + "originalOrganization"), _e(before)
            yield _e(before), iri(ORG + "changedBy"), node
        for after in data.get("after", []):
            yield node, iri(ORG + "resultingOrganization"), _e(after)
            yield _e(after), iri(ORG + "resultedFrom"), node
        for moved in data.get("moves", []):
            yield node, iri(GG + "moves"), _e(moved)
    if stated_on:
        yield node, iri(GG + "statedOn"), date_literal(stated_on)
    for doc in sorted({e.source for e in record.evidence}):
        yield node, iri(GG + "statedIn"), iri(ids.source_iri(doc))
    yield from _qualifiers(node, record)
    yield from evidence_triples(node, record.evidence)


def area_triples(subject: str, area: str) -> Iterator[Triple]:
    """``dcterms:spatial`` to the area, which is typed and labelled where it is used."""
    node = iri(ids.area_iri(area))
    yield subject, iri(DCTERMS + "spatial"), node
    yield node, TYPE_, iri(GG + "Area")
    yield node, LABEL, literal(area)


def document_triples(corpus: Corpus) -> Iterator[Triple]:
    for doc in corpus.documents.values():
        s = iri(ids.source_iri(doc.id))
        yield s, TYPE_, iri(PROV + "Entity")
        yield s, TYPE_, iri(FOAF + "Document")
        yield s, LABEL, literal(doc.title)
        yield s, iri(DCTERMS + "title"), literal(doc.title)
        yield s, iri(DCTERMS + "date"), date_literal(doc.date)
        yield s, iri(GG + "kind"), literal(doc.kind)
        if doc.author:
            yield s, iri(DCTERMS + "creator"), literal(doc.author)
        if doc.area:
            yield from area_triples(s, doc.area)


def to_triples(facts: Facts, corpus: Corpus) -> list[Triple]:
    """Every triple of the graph, sorted and without duplicates (deterministic)."""
    doc_dates = {d.id: d.date for d in corpus.documents.values()}
    out: set[Triple] = set(document_triples(corpus))
    for record in facts.records():
        if record.is_entity:
            out.update(entity_triples(record))
        else:
            stated = sorted(doc_dates[e.source] for e in record.evidence if e.source in doc_dates)
            out.update(statement_triples(record, stated[0] if stated else None))
    return sorted(out)


def write_ntriples(triples: list[Triple], path: Path, block: int = 50_000) -> None:
    """The graph as N-Triples, in the (sorted) order of ``triples``, written block by block.

    The whole text is never held in memory at once (at ten million triples it would
    be 1.5 GB).
    """
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for start in range(0, len(triples), block):
            out.write(ntriples.document(triples[start : start + block]))


def write_turtle(nt_file: Path, path: Path) -> None:
    """Turtle with the project's prefixes, in the (sorted) order of the N-Triples file.

    Oxigraph streams one file into the other; its prefixes, which it writes in hash
    order, are then replaced by a sorted block, line by line.
    """
    import pyoxigraph

    from graph.model.vocab import PREFIXES

    raw = path.with_name(path.name + ".unsorted")
    try:
        quads = pyoxigraph.parse(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES)
        pyoxigraph.serialize(quads, str(raw), pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES)
        with raw.open(encoding="utf-8", newline="") as body, path.open("w", encoding="utf-8", newline="") as out:
            out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n")
            for line in body:
                if not line.startswith("@prefix"):
                    out.write(line)
    finally:
        raw.unlink(missing_ok=True)
