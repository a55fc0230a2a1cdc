"""``scripts/synth``: a synthetic national dataset the real pipeline builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synth import write_project
from graph.build.pipeline import build
from graph.project import Project

REPO = Path(__file__).resolve().parent.parent


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def synth_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("synth2")
    write_project(root, areas=2)
    return Project(root)


def test_the_real_pipeline_builds_it(synth_project: Project) -> None:
    summary = build(synth_project)  # with SHACL: every quote checked, every shape met
    assert summary.counts["organisation"] == 2 * 40 and summary.counts["person"] == 2 * 120
    assert summary.counts["body"] == 2 * 14 + 1 and summary.counts["change"] == 2 * 3
    assert summary.counts["membership"] > 2 * 150 and summary.evidence > 800
    assert summary.warnings == []
    assert 12_000 < summary.triples < 18_000


def test_quotes_are_sentences_of_the_sources(synth_project: Project) -> None:
    text = (synth_project.sources / "a0002-annual-report.txt").read_text(encoding="utf-8")
    facts = (synth_project.facts / "a0002.yaml").read_text(encoding="utf-8")
    assert "The Area 2 Child Death Overview Panel (CDOP) reports to the Case Review Sub-Group." in text
    assert 'quote: "The Area 2 Child Death Overview Panel (CDOP) reports to the Case Review Sub-Group."' in facts


def test_deterministic(tmp_path: Path, synth_project: Project) -> None:
    write_project(tmp_path, areas=2)
    assert tree(tmp_path / "data") == tree(synth_project.root / "data")
    write_project(tmp_path, areas=2, seed=7)
    assert tree(tmp_path / "data") != tree(synth_project.root / "data")


def test_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "synth"), "--areas", "1", "--out", str(tmp_path / "p")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "40 organisations" in result.stdout
    assert (tmp_path / "p" / "data" / "facts" / "a0001.yaml").is_file()
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "synth"), "--areas", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "at least 1" in result.stderr


def test_years_of_history(tmp_path: Path) -> None:
    """Each later year: its own documents, a task group set up and later closed, new chairs."""
    from datetime import date

    from graph.analysis.timeline import snapshot
    from graph.build.index import load_index

    write_project(tmp_path, areas=1, years=4)
    project = Project(tmp_path)
    summary = build(project)  # every quote found, every shape met, no overlapping chairs
    assert summary.warnings == [] and 24_000 < summary.triples < 30_000
    sources = {p.name for p in project.sources.glob("a0001-*.txt")}
    assert {"a0001-annual-report-2021.txt", "a0001-minutes-2019.txt"} <= sources and len(sources) == 8
    index = load_index(project.out)
    changes = {s["id"]: s for s in index["statements"] if s["type"] == "change"}
    assert changes["a0001-tg-2019-closed"]["kind"] == "dissolved" and "a0001-tg-2020-closed" not in changes

    def chairs(day: str, body: str) -> set[str]:
        kept = snapshot(index, date.fromisoformat(day))["statements"]
        return {s["member"] for s in kept if s.get("body") == body and s.get("role") == "chair"}

    years = [chairs(f"{y}-06-30", "a0001-sg-1") for y in (2018, 2019, 2020, 2021)]
    assert all(len(c) == 1 for c in years) and len(set().union(*years)) == 4  # one chair a year, each new
    assert chairs("2021-06-30", "a0001-tg-2019") == set()  # closed on 31 March 2021
    assert len(chairs("2020-06-30", "a0001-tg-2019")) == 1


def test_script_years(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "synth"), "--areas", "1", "--years", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--years must be at least 1" in result.stderr
