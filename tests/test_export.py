"""``govgraph export``: every format deterministic, UTF-8 and faithful (bad inputs 18, 23).

JSON-LD and TriG are read back with pyoxigraph: rdflib 7's own parsers of those two
formats go through its deprecated ConjunctiveGraph, which warns on every read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.cli import cli
from graph.project import Project
from graph.sparql.export import DEFAULT_GRAPH, FORMATS, export
from tests.support.sparql import no_network  # noqa: F401

GOVGRAPH = str(Path(sys.executable).parent / "govgraph")
ZOE = "Zoë Ó Briain"


def built_graph(project: Project) -> rdflib.Graph:
    return rdflib.Graph().parse(str(project.out / "govgraph.nt"), format="nt")


def as_rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    """Triples read by pyoxigraph as an rdflib graph (through N-Triples), to compare."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")


def parsed(text: str, fmt: str) -> rdflib.Graph:
    """An export read back: Turtle and N-Triples by rdflib, JSON-LD by pyoxigraph.

    pyoxigraph's JSON-LD parser loads no remote context (it fails instead), so a
    successful read also shows that the context is inline.
    """
    if fmt == "jsonld":
        return as_rdflib(list(ox.parse(text, format=ox.RdfFormat.JSON_LD)))
    return rdflib.Graph().parse(data=text, format={"ttl": "turtle", "nt": "nt"}[fmt])


def exported(project: Project, fmt: str, seed: str) -> bytes:
    """The export as a separate process would write it, with a given hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [GOVGRAPH, "--project", str(project.root), "export", "--format", fmt], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_deterministic_and_utf8(mini_built: Project, fmt: str) -> None:
    first, second = exported(mini_built, fmt, "1"), exported(mini_built, fmt, "2")
    assert first == second
    assert ZOE in first.decode("utf-8")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_formats_hold_every_triple(mini_built: Project, fmt: str, no_network: list[object]) -> None:  # noqa: F811
    text = export(mini_built.out, fmt)[f"govgraph.{fmt}"]
    graph = parsed(text, fmt)
    assert isomorphic(graph, built_graph(mini_built))
    assert no_network == []


def test_trig_is_one_named_graph(mini_built: Project) -> None:
    text = export(mini_built.out, "trig", "https://example.org/g")["govgraph.trig"]
    quads = list(ox.parse(text, format=ox.RdfFormat.TRIG))
    graph = as_rdflib([q for q in quads if q.graph_name == ox.NamedNode("https://example.org/g")])
    assert isomorphic(graph, built_graph(mini_built))
    assert len([q for q in quads if q.graph_name == ox.DefaultGraph()]) == 0
    assert "<https://w3id.org/govgraph/graph> {" in export(mini_built.out, "trig")["govgraph.trig"] and DEFAULT_GRAPH


def test_jsonld_context_is_inline(mini_built: Project) -> None:
    doc = json.loads(export(mini_built.out, "jsonld")["govgraph.jsonld"])
    assert isinstance(doc["@context"], dict) and doc["@context"]["id"] == "https://w3id.org/govgraph/id/"
    zoe = next(n for n in doc["@graph"] if n["@id"] == "id:zoe-o-briain")
    assert zoe["foaf:name"] == ZOE and zoe["@type"] == "foaf:Person" and zoe["gg:chairOf"] == {"@id": "id:ascp"}


def test_the_network_guard_sees_a_remote_context(no_network: list[object]) -> None:  # noqa: F811
    """A remote JSON-LD context is refused without a fetch (so reading the export back
    shows its context is inline), and the guard above does catch a fetch (rdflib's)."""
    doc = '{"@context": "https://schema.org/", "@id": "https://example.org/x", "name": "x"}'
    with pytest.raises(SyntaxError, match="remote context"):
        list(ox.parse(doc, format=ox.RdfFormat.JSON_LD))
    assert no_network == []
    with pytest.raises(OSError):
        rdflib.Graph().parse("https://schema.org/version/latest/schemaorg-current-https.ttl", format="turtle")
    assert no_network == ["schema.org"]


def test_graphml_for_gephi_and_yed(mini_built: Project) -> None:
    import networkx as nx

    text = export(mini_built.out, "graphml")["govgraph.graphml"]
    graph = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert graph.nodes["zoe-o-briain"]["label"] == ZOE and graph.nodes["zoe-o-briain"]["type"] == "person"
    assert graph.nodes["ccg-merger"]["kind"] == "merged"
    edges = {(a, b, d["relation"]) for a, b, d in graph.edges(data=True)}
    assert ("cdrp", "executive-group", "org:reportsTo") in edges and ("zoe-o-briain", "ascp", "gg:chairOf") in edges
    chair = next(d for a, b, d in graph.edges(data=True) if (a, b) == ("zoe-o-briain", "ascp"))
    assert (
        chair["quotes"] == "Zoë Ó Briain, Chair of the Anytown Safeguarding Children Partnership."
        and chair["status"] == "in-force"
    )


def test_csv_nodes_and_edges(mini_built: Project, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "export", "--format", "csv", "-o", str(tmp_path / "sheet")]
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "sheet" / "nodes.csv").open(encoding="utf-8", newline="") as stream:
        nodes = list(csv.DictReader(stream))
    with (tmp_path / "sheet" / "edges.csv").open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    assert {"id": "zoe-o-briain", "label": ZOE, "type": "person"}.items() <= next(
        n for n in nodes if n["id"] == "zoe-o-briain"
    ).items()
    funds = next(e for e in edges if e["relation"] == "gg:funds")
    assert (funds["source"], funds["target"], funds["sources"]) == ("anytown-council", "ascp", "minutes")
    assert "£120,000" in funds["quotes"]
    assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
    again = export(mini_built.out, "csv")
    assert (tmp_path / "sheet" / "edges.csv").read_text(encoding="utf-8") == again["edges.csv"]


def test_csv_needs_a_folder(mini_built: Project) -> None:
    result = CliRunner().invoke(cli, ["--project", str(mini_built.root), "export", "--format", "csv"])
    assert result.exit_code == 2 and "give a folder with -o" in result.output


def test_output_file_is_written_whole(mini_built: Project, tmp_path: Path) -> None:
    target = tmp_path / "out" / "g.jsonld"
    result = CliRunner().invoke(
        cli, ["--project", str(mini_built.root), "export", "--format", "jsonld", "-o", str(target)]
    )
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == export(mini_built.out, "jsonld")["govgraph.jsonld"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["g.jsonld"]


def test_export_without_build(tmp_path: Path) -> None:
    for fmt in ("ttl", "graphml"):
        result = CliRunner().invoke(cli, ["--project", str(tmp_path), "export", "--format", fmt])
        assert result.exit_code == 2 and "govgraph build" in result.output
