"""The build: deterministic, atomic, both layers, standard types, conforming to the shapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from graph.build.pipeline import build, validate
from graph.cli import cli
from graph.project import Project

GOLDEN = Path(__file__).parent / "fixtures" / "mini" / "expected.ttl"
GG = "https://w3id.org/govgraph/def#"


def test_two_builds_are_byte_identical(mini_project: Project, tmp_path: Path) -> None:
    build(mini_project, shacl=False)
    first = {n: (mini_project.out / n).read_bytes() for n in ("govgraph.ttl", "govgraph.nt", "index.json")}
    shutil.rmtree(mini_project.out)
    build(mini_project, shacl=False)
    for name, data in first.items():
        assert (mini_project.out / name).read_bytes() == data, name


def test_mini_graph_matches_golden_turtle(mini_built: Project) -> None:
    built = rdflib.Graph().parse(mini_built.out / "govgraph.ttl")
    golden = rdflib.Graph().parse(GOLDEN)
    assert isomorphic(built, golden)


def test_turtle_parses_in_rdflib_and_oxigraph(mini_built: Project) -> None:
    text = (mini_built.out / "govgraph.ttl").read_bytes()
    g = rdflib.Graph().parse(data=text, format="turtle")
    ox = list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(g) == len(ox) > 300
    store = pyoxigraph.Store.read_only(str(mini_built.out / "store"))
    assert len(store) == len(g)


def test_both_layers_for_a_chair(mini_built: Project) -> None:
    g = rdflib.Graph().parse(mini_built.out / "govgraph.nt")
    q = """
    PREFIX org: <http://www.w3.org/ns/org#>  PREFIX gg: <https://w3id.org/govgraph/def#>
    PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?person ?quote ?doc WHERE {
      ?person gg:chairOf <https://w3id.org/govgraph/id/cdrp> .
      ?m a org:Membership ; org:member ?person ; org:organization <https://w3id.org/govgraph/id/cdrp> ;
         org:role gg:ChairRole ; gg:status gg:InForce ; prov:wasDerivedFrom ?ev .
      ?ev gg:quote ?quote ; dcterms:source ?doc .
    }"""
    rows = list(g.query(q))
    assert [(str(r.person), str(r.doc)) for r in rows] == [
        ("https://w3id.org/govgraph/id/sam-patel", "https://w3id.org/govgraph/source/minutes")
    ]
    assert "chaired by Dr Sam Patel" in str(rows[0].quote)


@pytest.mark.parametrize(
    ("entity", "standard"),
    [
        ("anytown-council", "http://www.w3.org/ns/org#FormalOrganization"),
        ("ascp", "http://www.w3.org/ns/org#OrganizationalCollaboration"),
        ("cdrp", "http://www.w3.org/ns/org#OrganizationalUnit"),
        ("sam-patel", "http://xmlns.com/foaf/0.1/Person"),
        ("anytown-dph", "http://www.w3.org/ns/org#Post"),
        ("ccg-merger", "http://www.w3.org/ns/org#ChangeEvent"),
    ],
)
def test_entities_have_standard_types(mini_built: Project, entity: str, standard: str) -> None:
    g = rdflib.Graph().parse(mini_built.out / "govgraph.nt")
    node = rdflib.URIRef("https://w3id.org/govgraph/id/" + entity)
    assert rdflib.URIRef(standard) in set(g.objects(node, rdflib.RDF.type))


def test_every_statement_has_evidence_found_in_its_source(corpus_built: Project) -> None:
    g = rdflib.Graph().parse(corpus_built.out / "govgraph.nt")
    missing = list(
        g.query(f"""
        SELECT ?s WHERE {{ ?s a <{GG}Statement> .
          FILTER NOT EXISTS {{ ?s <http://www.w3.org/ns/prov#wasDerivedFrom>/<{GG}quote> ?q }} }}""")
    )
    assert missing == []
    texts = {
        str(doc): (corpus_built.sources / f"{str(doc).rsplit('/', 1)[1]}.txt").read_text(encoding="utf-8")
        for doc in g.subjects(rdflib.RDF.type, rdflib.URIRef("http://xmlns.com/foaf/0.1/Document"))
    }
    rows = list(
        g.query(f"""SELECT ?q ?doc ?offset WHERE {{ ?ev a <{GG}Evidence> ; <{GG}quote> ?q ;
        <http://purl.org/dc/terms/source> ?doc ; <{GG}offset> ?offset }}""")
    )
    assert len(rows) > 100
    for quote, doc, offset in rows:
        assert texts[str(doc)][int(offset) : int(offset) + len(str(quote))] == str(quote)


def test_corpus_conforms_to_shapes(corpus_built: Project) -> None:
    result = validate(corpus_built, shacl=True)
    assert result.findings == [] or all(f.severity == "warning" for f in result.findings)


def test_corrupted_quote_fails_naming_file_and_line(corpus_built: Project, tmp_path: Path) -> None:
    project = Project(tmp_path / "copy")
    shutil.copytree(corpus_built.root, project.root)
    before = (project.out / "govgraph.nt").read_bytes()
    core = project.facts / "core.yaml"
    lines = core.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if "quote:" in line)
    lines[n] = lines[n].replace('quote: "', 'quote: "Corrupted ', 1)
    core.write_text("".join(lines), encoding="utf-8")
    runner = CliRunner()
    for command in ("check", "build"):
        result = runner.invoke(cli, ["--project", str(project.root), command, "--no-shacl"])
        assert result.exit_code == 1, result.output
        assert f"core.yaml:{n}: quote-not-found:" in result.output
    assert (project.out / "govgraph.nt").read_bytes() == before


def test_build_summary(mini_project: Project) -> None:
    result = CliRunner().invoke(cli, ["--project", str(mini_project.root), "build"])
    assert result.exit_code == 0, result.output
    assert "organisations      5" in result.output
    assert "evidence          24 quotes, all found in their sources" in result.output
    assert "findings: 0 errors, 0 warning(s)" in result.output


def test_shacl_violation_fails_the_build_and_keeps_the_old_one(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    before = (mini_project.out / "govgraph.nt").read_bytes()
    strict = mini_project.root / "ontology" / "shapes.ttl"
    strict.write_text(
        strict.read_text(encoding="utf-8") + "\ngg:EveryPersonHasAMailbox a sh:NodeShape ; sh:targetClass foaf:Person ;"
        " sh:property [ sh:path foaf:mbox ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--project", str(mini_project.root), "build"])
    assert result.exit_code == 1, result.output
    assert "shacl: <https://w3id.org/govgraph/id/sam-patel> foaf:mbox" in result.output
    assert (mini_project.out / "govgraph.nt").read_bytes() == before
    assert [p.name for p in mini_project.out.iterdir() if p.name.startswith(".tmp")] == []
