"""``govgraph export``: every format deterministic, UTF-8 and faithful (bad inputs 18, 23)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

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


def exported(project: Project, fmt: str, seed: str) -> bytes:
    """The export as a separate process would write it, with a given hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([GOVGRAPH, "--project", str(project.root), "export", "--format", fmt],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_deterministic_and_utf8(mini_built: Project, fmt: str) -> None:
    first, second = exported(mini_built, fmt, "1"), exported(mini_built, fmt, "2")
    assert first == second
    assert ZOE in first.decode("utf-8")


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_hold_every_triple(mini_built: Project, fmt: str, parser: str, no_network: list[object]) -> None:  # noqa: F811
    text = export(mini_built.out, fmt)[f"govgraph.{fmt}"]
    graph = rdflib.Graph().parse(data=text, format=parser)
    assert isomorphic(graph, built_graph(mini_built))
    assert no_network == []


def test_trig_is_one_named_graph(mini_built: Project) -> None:
    text = export(mini_built.out, "trig", "https://example.org/g")["govgraph.trig"]
    dataset = rdflib.Dataset().parse(data=text, format="trig")
    graph = dataset.graph(rdflib.URIRef("https://example.org/g"))
    assert isomorphic(graph, built_graph(mini_built))
    assert len(dataset.default_graph) == 0
    assert "<https://w3id.org/govgraph/graph> {" in export(mini_built.out, "trig")["govgraph.trig"] and DEFAULT_GRAPH


def test_jsonld_context_is_inline(mini_built: Project) -> None:
    doc = json.loads(export(mini_built.out, "jsonld")["govgraph.jsonld"])
    assert isinstance(doc["@context"], dict) and doc["@context"]["id"] == "https://w3id.org/govgraph/id/"
    zoe = next(n for n in doc["@graph"] if n["@id"] == "id:zoe-o-briain")
    assert zoe["foaf:name"] == ZOE and zoe["@type"] == "foaf:Person" and zoe["gg:chairOf"] == {"@id": "id:ascp"}


def test_the_network_guard_sees_a_remote_context(no_network: list[object]) -> None:  # noqa: F811
    """rdflib would fetch a remote JSON-LD context: the guard above would have caught it."""
    doc = '{"@context": "https://schema.org/", "@id": "https://example.org/x", "name": "x"}'
    with pytest.raises(OSError):
        rdflib.Graph().parse(data=doc, format="json-ld")
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
    assert chair["quotes"] == "Zoë Ó Briain, Chair of the Anytown Safeguarding Children Partnership." and chair["status"] == "in-force"


def test_csv_nodes_and_edges(mini_built: Project, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(mini_built.root), "export", "--format", "csv", "-o", str(tmp_path / "sheet")])
    assert result.exit_code == 0, result.output
    nodes = list(csv.DictReader((tmp_path / "sheet" / "nodes.csv").open(encoding="utf-8", newline="")))
    edges = list(csv.DictReader((tmp_path / "sheet" / "edges.csv").open(encoding="utf-8", newline="")))
    assert {"id": "zoe-o-briain", "label": ZOE, "type": "person"}.items() <= next(n for n in nodes if n["id"] == "zoe-o-briain").items()
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
    result = CliRunner().invoke(cli, ["--project", str(mini_built.root), "export", "--format", "jsonld", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == export(mini_built.out, "jsonld")["govgraph.jsonld"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["g.jsonld"]


def test_export_without_build(tmp_path: Path) -> None:
    for fmt in ("ttl", "graphml"):
        result = CliRunner().invoke(cli, ["--project", str(tmp_path), "export", "--format", fmt])
        assert result.exit_code == 2 and "govgraph build" in result.output
