"""SHACL: the build's engine (pyrudof, shard by shard) reports exactly what pySHACL reports.

pySHACL, the reference engine, validates each graph whole, with the ontology mixed in
as the build used to; the build validates it with pyrudof in shards. On the project's
shapes both must give the same results (focus node, path, constraint, value, each as
often), on graphs that conform and on graphs broken on purpose, one break per shape
constraint, including breaks whose evidence lies in another shard.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.synth import write_project
from graph.build.pipeline import validate
from graph.build.shacl import Triple, shards, violations
from graph.project import Project

ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/def#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

Result = tuple[str, str, str, str]


def parse(lines: list[str]) -> list[Triple]:
    """Triples of canonical N-Triples lines (as the build writes them), sorted."""
    out = set()
    for line in lines:
        s, p, rest = line.rstrip("\n").split(" ", 2)
        out.add((s, p, rest[: -len(" .")]))
    return sorted(out)


def reference(triples: list[Triple], project: Project) -> Counter[Result]:
    """pySHACL's results on the whole graph, as the build ran it before."""
    import rdflib
    from pyshacl import validate as pyshacl_validate

    data = rdflib.Graph().parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    shapes = rdflib.Graph().parse(project.shapes, format="turtle")
    ontology = rdflib.Graph().parse(project.ontology, format="turtle")
    _, report, _ = pyshacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out: Counter[Result] = Counter()
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        value = report.value(result, sh.value)
        out[
            (
                report.value(result, sh.focusNode).n3(),
                str(report.value(result, sh.resultPath) or ""),
                str(report.value(result, sh.sourceConstraintComponent)),
                value.n3() if value is not None else "",
            )
        ] += 1
    return out


def ours(triples: list[Triple], project: Project, shard_size: int) -> Counter[Result]:
    found = violations(triples, project.shapes, project.ontology, shard_size=shard_size)
    return Counter((v.focus, v.path, v.component, v.value) for v in found)


# --- one break per constraint of ontology/shapes.ttl -----------------------------------


def _first(lines: list[str], pattern: str) -> str:
    return next(line.split(" ", 1)[0] for line in lines if re.search(pattern, line))


def _drop(pattern: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: [line for line in lines if not re.search(pattern, line)]


def _add(*made: Callable[[list[str]], str]) -> Callable[[list[str]], list[str]]:
    return lambda lines: lines + [make(lines) + "\n" for make in made]


def _statement(lines: list[str]) -> str:
    return _first(lines, f"<{RDF}type> <{GG}Statement>")


def _evidence(lines: list[str]) -> str:
    return _first(lines, f"<{GG}quote>")


def _membership(lines: list[str]) -> str:
    return _first(lines, f"<{RDF}type> <{ORG}Membership>")


BREAKS: dict[str, Callable[[list[str]], list[str]]] = {
    "entity without label": _drop(rf"^<{ID}ascp> <{RDFS}label>"),
    "label not a plain string": lambda lines: [
        re.sub(r'(<http://www.w3.org/2000/01/rdf-schema#label> "[^"]*")', r"\1@en", line)
        if line.startswith(f"<{ID}cdrp> <{RDFS}label>")
        else line
        for line in lines
    ],
    "label an integer": _add(lambda _: f'<{ID}ascp> <{RDFS}label> "5"^^<{XSD}integer> .'),
    "entity without evidence": _drop(rf"^<{ID}ascp> <{PROV}wasDerivedFrom>"),
    "evidence that is not evidence": _add(lambda _: f"<{ID}ascp> <{PROV}wasDerivedFrom> <{ID}cdrp> ."),
    "post in two organisations": _add(lambda _: f"<{ID}anytown-dph> <{ORG}postIn> <{ID}ascp> ."),
    "post in none": _drop(rf"^<{ID}anytown-dph> <{ORG}postIn>"),
    "start not a date": _add(lambda lines: f'{_statement(lines)} <{GG}start> "soon" .'),
    "two starts": _add(
        lambda lines: f'{_statement(lines)} <{GG}start> "2001-01-01"^^<{XSD}date> .',
        lambda lines: f'{_statement(lines)} <{GG}start> "2002"^^<{XSD}gYear> .',
    ),
    "ends before it starts": _add(
        lambda lines: f'{_statement(lines)} <{GG}validFrom> "2019-01-01"^^<{XSD}date> .',
        lambda lines: f'{_statement(lines)} <{GG}validUntil> "2018-01-01"^^<{XSD}date> .',
    ),
    "unknown status": lambda lines: [line.replace(f"<{GG}InForce> .", f"<{GG}Unknown> .", 1) for line in lines],
    "two statuses": _add(
        lambda lines: f"{_statement(lines)} <{GG}status> <{GG}Planned> .",
        lambda lines: f"{_statement(lines)} <{GG}status> <{GG}InForce> .",
    ),
    "status of something untargeted": _add(lambda _: f'<{ID}junk> <{GG}status> "x" .'),
    "empty quote": lambda lines: [
        re.sub(r'<https://w3id.org/govgraph/def#quote> ".*" \.$', f'<{GG}quote> "" .', line, count=1)
        if line.startswith(_evidence(lines)) and f"<{GG}quote>" in line
        else line
        for line in lines
    ],
    "evidence citing two documents": _add(
        lambda lines: f"{_evidence(lines)} <{DCT}source> <https://w3id.org/govgraph/source/letter> ."
    ),
    "evidence citing a non-document": _add(lambda lines: f"{_evidence(lines)} <{DCT}source> <{ID}ascp> ."),
    "line not an integer": _add(lambda lines: f'{_evidence(lines)} <{GG}line> "twelve" .'),
    "evidence without offset": lambda lines: [
        line for line in lines if not (line.startswith(_evidence(lines)) and f"<{GG}offset>" in line)
    ],
    "document without title": lambda lines: [
        line for line in lines if not (line.startswith(_first(lines, f"<{DCT}title>")) and f"<{DCT}title>" in line)
    ],
    "membership with two members": _add(lambda lines: f"{_membership(lines)} <{ORG}member> <{ID}ascp> ."),
    "role that is not a role": _add(lambda lines: f"{_membership(lines)} <{ORG}role> <{ID}ascp> ."),
    "typed by a subclass only": _add(lambda _: f"<{ID}new-council> <{RDF}type> <{GG}Council> ."),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_broken_graph_gets_pyshacls_violations(mini_built: Project, name: str) -> None:
    lines = (mini_built.out / "govgraph.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    triples = parse(BREAKS[name](lines))
    expected = reference(triples, mini_built)
    assert expected, f"{name}: the break must really break a shape"
    assert ours(triples, mini_built, shard_size=60) == expected  # several shards
    assert ours(triples, mini_built, shard_size=0) == expected  # the whole graph


def test_conforming_graphs_conform_on_both(corpus_built: Project, mini_built: Project) -> None:
    for project in (corpus_built, mini_built):
        triples = validate(project, shacl=False).triples
        assert reference(triples, project) == Counter() == ours(triples, project, shard_size=5_000)


@pytest.fixture(scope="module")
def synth3(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("synth3")
    write_project(root, areas=3)
    return Project(root)


def test_shards_cover_the_graph_once(synth3: Project) -> None:
    triples = validate(synth3, shacl=False).triples
    parts = shards(triples, 5_000)
    assert len(parts) > 1
    owned = [r for shard in parts for r in shard.roots]
    assert len(owned) == len(set(owned))  # every root decided by one shard
    assert sorted(t for shard in parts for t in shard.triples if shard.roots.__contains__(_root(t[0]))) == triples


def _root(subject: str) -> str:
    from graph.build.shacl import root

    return root(subject)


def test_breaks_across_shards_are_found_as_in_the_whole_graph(synth3: Project) -> None:
    """Evidence, roles and documents another shard owns are checked with their types."""
    triples = validate(synth3, shacl=False).triples
    lines = [f"{s} {p} {o} .\n" for s, p, o in triples]
    evidence = _first(lines, rf"^<{ID}a0003-[^ ]*/evidence/[^ ]* <{GG}quote>")
    membership = _first(lines, rf"<{RDF}type> <{ORG}Membership>")
    broken = parse(
        [
            *lines,
            f"{evidence} <{DCT}source> <{ID}a0001-council> .\n",  # a node of area 1 as area 3's document
            f"<{ID}a0002-council> <{PROV}wasDerivedFrom> {evidence} .\n",  # area 2 cites area 3's evidence (fine)
            f"<{ID}a0002-cdop> <{PROV}wasDerivedFrom> <{ID}a0001-cdop> .\n",  # not evidence
            f"{membership} <{ORG}role> <{ID}a0003-scp> .\n",  # not a role
        ]
    )
    expected = reference(broken, synth3)
    assert len(expected) >= 4
    assert ours(broken, synth3, shard_size=5_000) == expected == ours(broken, synth3, shard_size=0)


def test_a_failing_shape_fails_the_check(mini_project: Project, tmp_path: Path) -> None:
    """The findings name the focus node and path in the project's prefixes."""
    from graph.build.shacl import shacl_findings

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        mini_project.shapes.read_text(encoding="utf-8")
        + "\ngg:Mailbox a sh:NodeShape ; sh:targetClass foaf:Person ; sh:property [ sh:path foaf:mbox ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    triples = validate(mini_project, shacl=False).triples
    found = [str(f) for f in shacl_findings(triples, shapes, mini_project.ontology)]
    assert f"{shapes}: shacl: <{ID}sam-patel> foaf:mbox: MinCount(1) not satisfied" in found
    assert all(f.startswith(f"{shapes}: shacl: <{ID}") for f in found) and len(found) == 2
