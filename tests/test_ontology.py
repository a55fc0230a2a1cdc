"""Every project term the build writes is declared, labelled, commented and aligned."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from graph.project import Project

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "govgraph.ttl"
GG = "https://w3id.org/govgraph/def#"


def _terms_used(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    used = set()
    for _s, p, o in graph:
        used.add(p)
        if p == RDF.type:
            used.add(o)
    return {t for t in used if str(t).startswith(GG)}


def test_every_term_used_is_declared(corpus_built: Project, mini_built: Project) -> None:
    onto = rdflib.Graph().parse(ONTOLOGY)
    for project in (corpus_built, mini_built):
        built = rdflib.Graph().parse(project.out / "govgraph.nt")
        for term in sorted(_terms_used(built)):
            assert (term, RDFS.label, None) in onto, term
            assert (term, RDFS.comment, None) in onto, term


def test_every_class_and_property_is_aligned() -> None:
    onto = rdflib.Graph().parse(ONTOLOGY)
    for cls in onto.subjects(RDF.type, OWL.Class):
        assert list(onto.objects(cls, RDFS.subClassOf)), cls
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        assert (prop, RDFS.label, None) in onto and (prop, RDFS.comment, None) in onto
