"""Areas: every source describes one area, local entities belong to one, national bodies
are shared, and adding other councils never changes Birmingham's answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from graph.build.index import load_index
from graph.build.pipeline import build, validate
from graph.cli import cli
from graph.errors import InputError
from graph.project import Project
from graph.sources.corpus import load_corpus
from tests.support.projects import FIXTURES, REPO, copy_project

QUESTIONS = yaml.safe_load((REPO / "tests" / "questions.yaml").read_text(encoding="utf-8"))
COUNCILS = FIXTURES / "councils"


def run(project: Project, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def add_document(project: Project, doc_id: str, area: str, text: str) -> None:
    """A second area's document in the mini project, by hand (no extraction)."""
    (project.sources / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    with (project.sources / "manifest.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write(
            f"  - id: {doc_id}\n    title: {doc_id}\n    date: 2019-06-01\n    area: {area}\n    file: {doc_id}.txt\n"
        )


def test_a_document_without_an_area_is_refused(mini_project: Project) -> None:
    manifest = mini_project.sources / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("area: Anytown\n", ""), encoding="utf-8")
    with pytest.raises(InputError, match="has no area"):
        validate(mini_project, shacl=False)


def test_entities_take_the_area_of_their_documents(mini_built: Project) -> None:
    index = load_index(mini_built.out)
    assert index["entities"]["cdrp"]["area"] == "Anytown"
    assert index["documents"]["minutes"]["area"] == "Anytown"
    ttl = (mini_built.out / "govgraph.ttl").read_text(encoding="utf-8")
    assert "dcterms:spatial" in ttl and "<https://w3id.org/govgraph/area/anytown>" in ttl


def test_an_entity_evidenced_in_two_areas_must_say_which(mini_project: Project) -> None:
    add_document(mini_project, "otherton", "Otherton", "The Child Death Review Panel (CDRP) met twice.\n")
    facts = mini_project.facts / "mini.yaml"
    text = facts.read_text(encoding="utf-8")
    quote = "The Child Death Review Panel (CDRP) met twice."
    facts.write_text(text.replace("  - id: cdrp\n", "  - id: cdrp\n", 1), encoding="utf-8")
    extra = mini_project.facts / "otherton.yaml"
    extra.write_text(
        f"claims:\n  - subject: cdrp\n    property: meetings\n    value: '2'\n"
        f'    evidence:\n      - source: otherton\n        quote: "{quote}"\n',
        encoding="utf-8",
    )
    # A claim is not evidence of the entity itself: still one area.
    assert not [f for f in validate(mini_project, shacl=False).findings if f.rule == "mixed-area"]
    extra.write_text(
        f"bodies:\n  - id: otherton-cdrp\n    name: Child Death Review Panel\n    kind: panel\n"
        f'    evidence:\n      - source: otherton\n        quote: "{quote}"\n'
        "relations:\n  - subject: otherton-cdrp\n    kind: reports-to\n    object: executive-group\n"
        f'    evidence:\n      - source: otherton\n        quote: "{quote}"\n',
        encoding="utf-8",
    )
    rules = {f.rule for f in validate(mini_project, shacl=False).findings}
    assert "cross-area" in rules  # Otherton's panel reporting to Anytown's group


def test_a_name_in_two_areas_is_ambiguous_until_an_area_is_given(mini_project: Project) -> None:
    add_document(
        mini_project,
        "otherton",
        "Otherton",
        "The Otherton Child Death Review Panel (CDRP) is chaired by Dr Ola Berg.\n",
    )
    (mini_project.facts / "otherton.yaml").write_text(
        "bodies:\n  - id: otherton-cdrp\n    name: Otherton Child Death Review Panel\n    kind: panel\n"
        "    acronyms: [CDRP]\n    evidence:\n      - source: otherton\n"
        '        quote: "The Otherton Child Death Review Panel (CDRP)"\n',
        encoding="utf-8",
    )
    build(mini_project, shacl=False)
    both = run(mini_project, "chairs", "CDRP")
    assert both.exit_code == 1 and "otherton-cdrp" in both.output and "[cdrp," in both.output
    anytown = run(mini_project, "chairs", "CDRP", "--area", "Anytown", "--no-cite")
    assert anytown.exit_code == 0 and "Sam Patel" in anytown.output
    unknown = run(mini_project, "chairs", "CDRP", "--area", "Leeds")
    assert unknown.exit_code == 2 and "unknown area 'Leeds'" in unknown.output


def test_add_source_needs_an_area_when_the_manifest_has_none(tmp_path: Path) -> None:
    project = tmp_path / "new"
    (project / "data" / "sources").mkdir(parents=True)
    (project / "data" / "facts").mkdir()
    doc = tmp_path / "minutes.txt"
    doc.write_text("The Board met.\n", encoding="utf-8")
    args = ["--project", str(project), "add-source", str(doc), "--title", "Minutes", "--date", "2019-01-01"]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2 and "--area NAME" in refused.output
    added = CliRunner().invoke(cli, [*args, "--area", "Leeds"])
    assert added.exit_code == 0, added.output
    assert load_corpus(project / "data" / "sources")["minutes"].area == "Leeds"


def _answers(project: Project, area: str | None) -> dict[str, Any]:
    """Every regression question's answer: its rows (the facts), keyed by the question."""
    out = {}
    for case in QUESTIONS:
        args = ["ask", case["ask"]] if "ask" in case else list(case["command"])
        extra = ["--area", area] if area else []
        result = CliRunner().invoke(cli, ["--project", str(project.root), *args, *extra, "--format", "json"])
        key = case.get("ask") or " ".join(case["command"])
        if result.exit_code != 0:
            out[key] = result.exit_code
            continue
        data = json.loads(result.output)
        parts = data["parts"] if "parts" in data else [data]
        out[key] = [(p["subject"], p["rows"]) for p in parts]
    return out


def test_adding_two_councils_leaves_every_birmingham_answer_unchanged(corpus_built: Project, tmp_path: Path) -> None:
    before = _answers(corpus_built, None)
    project = copy_project(REPO / "data", tmp_path / "three")
    for name, area, title in (
        ("otherton-partnership", "Otherton", "Otherton Safeguarding Children Partnership minutes, 14 November 2019"),
        ("westmere-annual-report", "Westmere", "Westmere Safeguarding Partnership Annual Report 2019/20"),
    ):
        file = tmp_path / f"{name}.txt"
        shutil.copy(COUNCILS / f"{name}.txt", file)
        steps = [
            ["add-source", str(file), "--title", title, "--date", "2019-11", "--area", area],
            ["extract", name, "-o", str(tmp_path / f"{name}.yaml")],
            ["review", str(tmp_path / f"{name}.yaml"), "--accept-all-above", "0.8"],
        ]
        for step in steps:
            result = run(project, *step)
            assert result.exit_code == 0, (step, result.output)
    build(project)
    assert {d["area"] for d in load_index(project.out)["documents"].values()} == {"Birmingham", "Otherton", "Westmere"}
    after = _answers(project, "Birmingham")
    changed = [k for k in before if before[k] != after[k]]
    assert not changed, changed[:5]


def test_extraction_never_links_to_another_areas_entity(mini_project: Project, tmp_path: Path) -> None:
    text = "The Child Death Review Panel (CDRP) is chaired by Dr Ola Berg. The CDRP reports to the Executive Group.\n"
    add_document(mini_project, "otherton", "Otherton", text)
    out = tmp_path / "candidates.yaml"
    result = run(mini_project, "extract", "otherton", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    linked = [
        item for items in data.values() if isinstance(items, list) for item in items if item.get("link") == "linked"
    ]
    assert not linked  # Anytown's CDRP and Executive Group are not Otherton's
    assert any(b.get("name") == "Child Death Review Panel" for b in data.get("bodies", []))
