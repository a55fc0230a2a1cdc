"""govgraph review: batch and interactive, safe writing into data/facts/, then check."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from graph.build.pipeline import validate
from graph.cli import cli
from graph.extract.candidates import Candidate, dump, load
from graph.project import Project


def run(project: Project, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--project", str(project.root), *args], input=input)


@pytest.fixture
def candidates(mini_project: Project) -> Path:
    out = mini_project.root / "candidates.yaml"
    assert run(mini_project, "extract", "minutes", "-o", str(out)).exit_code == 0
    return out


def written(project: Project) -> dict:
    return yaml.safe_load((project.facts / "extracted-minutes.yaml").read_text(encoding="utf-8"))


def test_batch_accept_writes_facts_that_pass_check(mini_project: Project, candidates: Path) -> None:
    total = len(load(candidates)[1])
    result = run(mini_project, "review", str(candidates), "--accept-all-above", "0.7")
    assert result.exit_code == 0, result.output
    assert "check: 0 error(s)" in result.stderr
    facts = written(mini_project)
    items = [i for section in facts.values() for i in section]
    assert items and all(not {"confidence", "link", "rule"} & set(i) for i in items)
    assert any(
        m["member"] == "sam-patel" and m["body"] == "cdrp" and m["role"] == "chair" for m in facts["memberships"]
    )
    check = validate(mini_project, shacl=False)
    assert not check.errors
    left = load(candidates)[1]
    assert len(left) < total and all(c.confidence < 0.7 or c.link == "linked" for c in left)


def test_nothing_above_threshold_leaves_facts_alone(mini_project: Project, candidates: Path) -> None:
    before = sorted(p.name for p in mini_project.facts.iterdir())
    result = run(mini_project, "review", str(candidates), "--accept-all-above", "1.0")
    assert result.exit_code == 0
    assert "Nothing accepted" in result.stderr
    assert sorted(p.name for p in mini_project.facts.iterdir()) == before


def _one(project: Project, items: list[Candidate]) -> Path:
    path = project.root / "c.yaml"
    path.write_text(dump("minutes", "Minutes", items), encoding="utf-8")
    return path


def test_a_new_entity_already_curated_is_linked_not_defined_twice(mini_project: Project) -> None:
    quote = "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel"
    items = [
        Candidate(
            "bodies",
            {"id": "child-death-review-panel", "name": "Child Death Review Panel", "kind": "panel"},
            [quote],
            0.9,
            source="minutes",
        ),
        Candidate(
            "bodies",
            {"id": "executive-group", "name": "Some Other Group", "kind": "group"},
            [quote],
            0.9,
            source="minutes",
        ),
        Candidate(
            "relations",
            {"subject": "child-death-review-panel", "kind": "reports-to", "object": "executive-group"},
            ["reports to the Executive Group"],
            0.9,
            source="minutes",
        ),
    ]
    result = run(mini_project, "review", str(_one(mini_project, items)), "--accept-all-above", "0.5")
    assert "child-death-review-panel is curated already as cdrp" in result.output
    assert "executive-group renamed executive-group-2" in result.output
    facts = written(mini_project)
    assert [b["id"] for b in facts["bodies"]] == ["executive-group-2"]
    assert facts["relations"][0]["subject"] == "cdrp" and facts["relations"][0]["object"] == "executive-group-2"
    assert not validate(mini_project, shacl=False).errors


def test_an_entity_under_its_curated_id_is_never_defined_twice(mini_project: Project) -> None:
    """Regression: two extractions minted the same id; the second review defined it again."""
    quote = "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel"
    items = [
        Candidate(
            "bodies",
            {"id": "cdrp", "name": "Child Death Review Panel", "kind": "panel"},
            [quote],
            0.9,
            source="minutes",
        ),
        Candidate(
            "memberships", {"member": "zoe-o-briain", "body": "cdrp", "role": "member"}, [quote], 0.9, source="minutes"
        ),
    ]
    result = run(mini_project, "review", str(_one(mini_project, items)), "--accept-all-above", "0.5")
    assert "cdrp is curated already: not defined again" in result.output
    assert "bodies" not in written(mini_project)
    assert not validate(mini_project, shacl=False).errors


def test_a_fact_curated_with_the_same_quote_is_not_written_again(mini_project: Project) -> None:
    same = Candidate(
        "relations",
        {"subject": "cdrp", "kind": "reports-to", "object": "executive-group"},
        ["reports to the Executive Group"],
        0.9,
        link="linked",
        source="minutes",
    )
    result = run(mini_project, "review", str(_one(mini_project, [same])), "--accept-all-above", "0.5")
    assert "already curated with the same quote" in result.output
    assert not (mini_project.facts / "extracted-minutes.yaml").exists() or "relations" not in written(mini_project)


def test_reviewing_twice_appends_to_the_same_file(mini_project: Project, candidates: Path) -> None:
    first = load(candidates)[1]
    assert run(mini_project, "review", str(candidates), "--accept-all-above", "0.8").exit_code == 0
    count = sum(len(v) for v in written(mini_project).values())
    assert run(mini_project, "review", str(candidates), "--accept-all-above", "0.5").exit_code == 0
    assert sum(len(v) for v in written(mini_project).values()) > count
    assert not validate(mini_project, shacl=False).errors
    assert len(load(candidates)[1]) < len(first)


def test_interactive_loop_accept_reject_skip_quit(mini_project: Project) -> None:
    quotes = [
        "The Executive Group reports to the Anytown Safeguarding Children Partnership.",
        "The Council funds the Partnership with a contribution of £120,000.",
        "The Partnership is accountable to the three safeguarding partners: Anytown Borough Council",
        "reports to the Executive Group",
    ]
    items = [
        Candidate(
            "relations",
            {"subject": "executive-group", "kind": "oversees", "object": "ascp"},
            [quotes[0]],
            0.7,
            source="minutes",
        ),
        Candidate(
            "relations",
            {"subject": "anytown-council", "kind": "owns", "object": "ascp"},
            [quotes[1]],
            0.7,
            source="minutes",
        ),
        Candidate(
            "relations",
            {"subject": "ascp", "kind": "reports-to", "object": "anytown-council"},
            [quotes[2]],
            0.7,
            source="minutes",
        ),
        Candidate(
            "relations",
            {"subject": "cdrp", "kind": "oversees", "object": "executive-group"},
            [quotes[3]],
            0.7,
            source="minutes",
        ),
    ]
    path = _one(mini_project, items)
    result = run(mini_project, "review", str(path), input="a\nr\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert "[1/4] relation" in result.output and "Accept, edit, reject, skip, quit?" in result.output
    assert "minutes, line 8:" in result.output and f"»{quotes[0]}«" in result.output
    assert "subject: executive-group  (Executive Group)" in result.output
    assert written(mini_project)["relations"] == [
        {
            "subject": "executive-group",
            "kind": "oversees",
            "object": "ascp",
            "evidence": [{"source": "minutes", "quote": quotes[0]}],
        }
    ]
    left = load(path)[1]
    assert [c.quotes[0] for c in left] == [quotes[2], quotes[3]]  # skipped and not reached: still to decide


def test_rejecting_an_entity_leaves_out_facts_that_need_it(mini_project: Project) -> None:
    quote = "Present: Zoë Ó Briain, Independent Chair; Dr Sam Patel, Director of Public Health."
    items = [
        Candidate(
            "posts",
            {"id": "ascp-chair", "name": "Independent Chair", "organisation": "ascp", "role": "chair"},
            [quote],
            0.8,
            source="minutes",
        ),
        Candidate("appointments", {"person": "zoe-o-briain", "post": "ascp-chair"}, [quote], 0.8, source="minutes"),
    ]
    result = run(mini_project, "review", str(_one(mini_project, items)), input="r\n")
    assert result.exit_code == 0
    assert "left out, it needs ascp-chair, which you rejected" in result.output
    assert "Nothing accepted" in result.output


def test_accepting_a_fact_accepts_the_new_entity_it_needs(mini_project: Project) -> None:
    quote = "Present: Zoë Ó Briain, Independent Chair; Dr Sam Patel, Director of Public Health."
    items = [
        Candidate("appointments", {"person": "zoe-o-briain", "post": "ascp-chair"}, [quote], 0.8, source="minutes"),
        Candidate(
            "posts",
            {"id": "ascp-chair", "name": "Independent Chair", "organisation": "ascp", "role": "chair"},
            [quote],
            0.8,
            source="minutes",
        ),
    ]
    result = run(
        mini_project, "review", str(_one(mini_project, items)), input="s\na\n"
    )  # the post comes first: skip it
    assert "also accepted post 'ascp-chair'" in result.output
    facts = written(mini_project)
    assert facts["posts"][0]["id"] == "ascp-chair" and facts["appointments"][0]["post"] == "ascp-chair"
    assert not validate(mini_project, shacl=False).errors


def test_edit_changes_what_is_written_and_bad_edits_are_refused(
    mini_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel and reports to the Executive Group."
    items = [
        Candidate(
            "memberships", {"member": "sam-patel", "body": "cdrp", "role": "member"}, [quote], 0.6, source="minutes"
        )
    ]
    edits = iter(
        [
            lambda t: t.replace(quote, "a quote that is not in the minutes"),
            lambda t: t.replace("role: member", "role: chair"),
        ]
    )
    monkeypatch.setattr(click, "edit", lambda text, **_: next(edits)(text))
    result = run(mini_project, "review", str(_one(mini_project, items)), input="e\ne\na\n")
    assert "not taken:" in result.output and "occur in it exactly" in result.output
    assert written(mini_project)["memberships"][0]["role"] == "chair"


def test_not_a_candidates_file(mini_project: Project) -> None:
    path = mini_project.facts / "mini.yaml"
    result = run(mini_project, "review", str(path), "--accept-all-above", "0.5")
    assert result.exit_code == 2 and "not a candidates file" in result.stderr
    result = run(mini_project, "review", str(mini_project.root / "missing.yaml"))
    assert result.exit_code == 1 and "no candidates file" in result.stderr
