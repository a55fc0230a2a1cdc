"""Bad curated input (items 1-10 and 19 of shared/bad-inputs.md): one fixture per rule.

Each fixture is dropped into a fresh copy of the mini council; ``check`` and ``build``
must answer with one line naming the file and line, a non-zero exit, no traceback,
and leave the previous build untouched.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.pipeline import build
from graph.cli import cli
from graph.project import Project

BAD = Path(__file__).parent / "fixtures" / "bad"

# (fixture, exit code of check, text the user must see, line named)
CASES = [
    ("python-tag.yaml", 2, "tags are refused", 1),
    ("duplicate-key.yaml", 2, "key 'name' repeated (first on line 3)", 4),
    ("alias-bomb.yaml", 2, "anchors and aliases are not allowed", 1),
    ("yes-role.yaml", 1, "'role' expected a string, got True (YAML reads yes/no", 2),
    ("no-name.yaml", 1, "'name' expected a string, got False", 2),
    ("bad-date.yaml", 1, "'start' has invalid date '2018-13-40'", 2),
    ("unknown-reference.yaml", 1, "unknown id 'sam-patell'; did you mean sam-patel?", 2),
    ("duplicate-id.yaml", 1, "id 'anytown-police' is defined twice (first at", 2),
    ("end-before-start.yaml", 1, "end-before-start: end 2018 is before start 2019-03", 2),
    ("missing-evidence.yaml", 1, "missing-evidence: relation 'cdrp' has no evidence quote", 2),
    ("quote-not-in-source.yaml", 1, "closest passage: 'The Child Death Review Panel", 6),
    ("reporting-cycle.yaml", 1, "reporting-cycle: reporting cycle: ascp -> cdrp -> executive-group -> ascp", 2),
    ("self-report.yaml", 1, "self-report: 'ascp' reports-to itself", 2),
    ("hostile-id.yaml", 1, "invalid id 'x> } ;'", 2),
    ("spaced-id.yaml", 1, "invalid id 'Leeds City Council'", 2),
    ("unknown-key.yaml", 1, "unknown key(s) chiar", 2),
]


def _run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("fixture", "code", "expect", "line"), CASES)
def test_check_reports_bad_input(mini_project: Project, fixture: str, code: int, expect: str, line: int) -> None:
    shutil.copy(BAD / fixture, mini_project.facts / fixture)
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert expect in result.output
    assert f"{fixture}:{line}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("fixture", "code", "expect", "line"), CASES)
def test_failed_build_leaves_previous_build_intact(
    mini_project: Project, fixture: str, code: int, expect: str, line: int
) -> None:
    build(mini_project, shacl=False)
    before = _snapshot(mini_project.out)
    shutil.copy(BAD / fixture, mini_project.facts / fixture)
    result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code != 0
    assert expect in result.output
    assert _snapshot(mini_project.out) == before


def test_python_tag_runs_nothing(mini_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_project.root)
    shutil.copy(BAD / "python-tag.yaml", mini_project.facts / "python-tag.yaml")
    _run(mini_project, "check")
    assert not (mini_project.root / "pwned.txt").exists()


def test_alias_bomb_is_refused_fast(mini_project: Project) -> None:
    shutil.copy(BAD / "alias-bomb.yaml", mini_project.facts / "bomb.yaml")
    started = time.perf_counter()
    result = _run(mini_project, "check", "--no-shacl")
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 2


def test_oversized_file_is_refused(mini_project: Project) -> None:
    (mini_project.facts / "huge.yaml").write_text("# padding\n" * 300_000, encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2
    assert "over the 2097152-byte limit" in result.output


def test_overlapping_chairs_is_a_warning_unless_excepted(mini_project: Project) -> None:
    shutil.copy(BAD / "overlapping-chairs.yaml", mini_project.facts / "overlap.yaml")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 1
    assert "warning: overlapping-chairs: 'cdrp' has two chairs at once" in result.output
    assert "0 error(s), 1 warning(s)" in result.output
    (mini_project.facts / "exceptions.yaml").write_text(
        "exceptions:\n  - rule: overlapping-chairs\n    subject: cdrp\n    reason: handover month\n",
        encoding="utf-8",
    )
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 0, result.output
    assert "1 accepted by exceptions.yaml" in result.output


def test_warning_does_not_stop_a_build(mini_project: Project) -> None:
    shutil.copy(BAD / "overlapping-chairs.yaml", mini_project.facts / "overlap.yaml")
    result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code == 0, result.output
    assert "warning: overlapping-chairs" in result.output


def test_unknown_source_names_close_ids(mini_project: Project) -> None:
    text = (mini_project.facts / "mini.yaml").read_text(encoding="utf-8")
    (mini_project.facts / "mini.yaml").write_text(text.replace("source: letter", "source: leter", 1), encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 1
    assert "unknown source 'leter'; did you mean letter?" in result.output


def test_outside_a_project_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert "run in a govgraph project or pass --project DIR" in result.output
