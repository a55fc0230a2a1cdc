"""Bad curated input (items 1-10, 19, 24, 25, 30 of shared/bad-inputs.md): one fixture per rule.

Each fixture is dropped into a fresh copy of the mini council; ``check`` and ``build``
must answer with one line naming the file and line, a non-zero exit, no traceback,
and leave the previous build untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build.pipeline import build
from graph.cli import cli
from graph.project import Project
from tests.support.projects import REPO
from tests.support.timeouts import deadline

BAD = Path(__file__).parent / "fixtures" / "bad"

# fixture: (exit code of check, text the user must see, line named)
CASES = {
    "python-tag.yaml": (2, "tags are refused", 1),
    "duplicate-key.yaml": (2, "key 'name' repeated (first on line 3)", 4),
    "alias-bomb.yaml": (2, "anchors and aliases are not allowed", 1),
    "yes-role.yaml": (1, "'role' expected a string, got True (YAML reads yes/no", 2),
    "no-name.yaml": (1, "'name' expected a string, got False", 2),
    "bad-date.yaml": (1, "'start' has invalid date '2018-13-40'", 2),
    "unknown-reference.yaml": (1, "unknown id 'sam-patell'; did you mean sam-patel?", 2),
    "duplicate-id.yaml": (1, "id 'anytown-police' is defined twice (first at", 2),
    "end-before-start.yaml": (1, "end-before-start: end 2018 is before start 2019-03", 2),
    "missing-evidence.yaml": (1, "missing-evidence: relation 'cdrp' has no evidence quote", 2),
    "quote-not-in-source.yaml": (1, "closest passage: 'The Child Death Review Panel", 6),
    "reporting-cycle.yaml": (1, "reporting-cycle: reporting cycle: ascp -> cdrp -> executive-group -> ascp", 2),
    "self-report.yaml": (1, "self-report: 'ascp' reports-to itself", 2),
    "hostile-id.yaml": (1, "invalid id 'x> } ;'", 2),
    "spaced-id.yaml": (1, "invalid id 'Leeds City Council'", 2),
    "unknown-key.yaml": (1, "unknown key(s) chiar", 2),
}


def _run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _expect(project: Project, fixture: str) -> None:
    """``check`` with the fixture added: its exit code, its message, the file and line, one line."""
    code, expect, line = CASES[fixture]
    shutil.copy(BAD / fixture, project.facts / fixture)
    result = _run(project, "check", "--no-shacl")
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert expect in result.output
    assert f"{fixture}:{line}" in result.output
    assert "Traceback" not in result.output
    (project.facts / fixture).unlink()


def test_bad_input_01_python_tag_refused_and_runs_nothing(
    mini_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini_project.root)
    _expect(mini_project, "python-tag.yaml")
    shutil.copy(BAD / "python-tag.yaml", mini_project.facts / "python-tag.yaml")
    _run(mini_project, "check")
    assert not (mini_project.root / "pwned.txt").exists()


def test_bad_input_02_repeated_key_names_both_lines(mini_project: Project) -> None:
    _expect(mini_project, "duplicate-key.yaml")


def test_bad_input_03_alias_bomb_refused_fast(mini_project: Project) -> None:
    started = time.perf_counter()
    _expect(mini_project, "alias-bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_bad_input_03_oversized_file_refused(mini_project: Project) -> None:
    (mini_project.facts / "huge.yaml").write_text("# padding\n" * 300_000, encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2
    assert "too-large: file is larger than the limit of 2,097,152 bytes" in result.output


@pytest.mark.parametrize("fixture", ["yes-role.yaml", "no-name.yaml", "bad-date.yaml"])
def test_bad_input_04_yes_no_and_impossible_dates(mini_project: Project, fixture: str) -> None:
    _expect(mini_project, fixture)


def test_bad_input_05_unknown_reference_names_close_ids(mini_project: Project) -> None:
    _expect(mini_project, "unknown-reference.yaml")
    text = (mini_project.facts / "mini.yaml").read_text(encoding="utf-8")
    (mini_project.facts / "mini.yaml").write_text(text.replace("source: letter", "source: leter", 1), encoding="utf-8")
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 1
    assert "unknown source 'leter'; did you mean letter?" in result.output


def test_bad_input_06_same_id_twice_names_both_places(mini_project: Project) -> None:
    _expect(mini_project, "duplicate-id.yaml")


def test_bad_input_07_end_before_start(mini_project: Project) -> None:
    _expect(mini_project, "end-before-start.yaml")


@pytest.mark.parametrize("fixture", ["missing-evidence.yaml", "quote-not-in-source.yaml"])
def test_bad_input_08_no_evidence_or_quote_not_in_source(mini_project: Project, fixture: str) -> None:
    _expect(mini_project, fixture)


@pytest.mark.parametrize("fixture", ["reporting-cycle.yaml", "self-report.yaml"])
def test_bad_input_09_reporting_cycle_and_self_report(mini_project: Project, fixture: str) -> None:
    _expect(mini_project, fixture)


def test_bad_input_09_overlapping_chairs_warning_unless_excepted(mini_project: Project) -> None:
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


@pytest.mark.parametrize("fixture", ["hostile-id.yaml", "spaced-id.yaml"])
def test_bad_input_10_ids_that_cannot_be_iris(mini_project: Project, fixture: str) -> None:
    _expect(mini_project, fixture)


def test_an_unknown_key_is_named(mini_project: Project) -> None:
    _expect(mini_project, "unknown-key.yaml")


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_bad_input_19_failed_build_leaves_previous_build_intact(mini_project: Project, fixture: str) -> None:
    build(mini_project, shacl=False)
    before = _snapshot(mini_project.out)
    shutil.copy(BAD / fixture, mini_project.facts / fixture)
    result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code != 0
    assert CASES[fixture][1] in result.output
    assert _snapshot(mini_project.out) == before


def test_warning_does_not_stop_a_build(mini_project: Project) -> None:
    shutil.copy(BAD / "overlapping-chairs.yaml", mini_project.facts / "overlap.yaml")
    result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code == 0, result.output
    assert "warning: overlapping-chairs" in result.output


def test_outside_a_project_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 2
    assert "run in a govgraph project or pass --project DIR" in result.output


# --- found since, by trying it ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "dev-zero"])
@pytest.mark.parametrize("where", ["facts", "source"])
def test_bad_input_24_special_files_refused_as_not_regular(mini_project: Project, kind: str, where: str) -> None:
    path = mini_project.facts / "special.yaml" if where == "facts" else mini_project.sources / "minutes.txt"
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null" if kind == "device" else "/dev/zero")
    with deadline(10):
        result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output and result.output.count("\n") == 1


def test_bad_input_24_no_file_is_read_past_the_cap(tmp_path: Path) -> None:
    from graph.errors import InputError
    from graph.files import read_capped

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # 50 GB, sparse: reading it all would take minutes
    started = time.perf_counter()
    with pytest.raises(InputError, match="larger than the limit of 1,000 bytes"):
        read_capped(huge, 1000)
    assert time.perf_counter() - started < 1


def test_bad_input_24_add_source_refuses_a_fifo(mini_project: Project, tmp_path: Path) -> None:
    fifo = tmp_path / "minutes.txt"
    os.mkfifo(fifo)
    with deadline(10):
        result = _run(mini_project, "add-source", str(fifo), "--title", "T", "--date", "2019")
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_bad_input_30_huge_near_miss_quote_is_judged_fast() -> None:
    from graph.sources.corpus import load_corpus

    doc = max(load_corpus(REPO / "data" / "sources").documents.values(), key=lambda d: len(d.text))
    text = (doc.text * 2)[:200_000]
    near_miss = text[:100_000] + "X" + text[100_001:]
    repeated = "the Board agreed that the Board " * 6000
    for quote in (near_miss, repeated):
        started = time.perf_counter()
        assert doc.find(quote) == -1
        hint = doc.closest(quote)
        assert time.perf_counter() - started < 1.0
        assert hint
    assert doc.closest(near_miss).startswith(doc.text[:40].strip(" \t.,;:"))


@pytest.mark.parametrize(
    "args",
    [
        ["chairs", "cdrp", "--as-of", "9999-12-31"],
        ["chairs", "cdrp", "--as-of", "0001-01-01"],
        ["diff", "0001-01-01", "9999-12-31"],
        ["changes", "--from", "9999-12-31", "--to", "0001-01-01"],
        ["explain", "cdrp", "ascp", "--as-of", "0001"],
        ["sparql", "as-of", "-p", "body=ascp", "-p", "date=9999-12-31"],
        ["sparql", "as-of", "-p", "body=ascp", "-p", "date=10000-01-01"],
        ["chairs", "cdrp", "--as-of", "2019-02-29"],
        ["chairs", "cdrp", "--as-of", "10000-01-01"],
        ["ask", "who chairs the CDRP after 9999-12-31?"],
        ["ask", "who chairs the CDRP before 0001?"],
        ["ask", "what changed on 2018-02-29?"],
        ["ask", "who chaired the CDRP in 2017/19?"],
    ],
)
def test_bad_input_31_dates_at_and_past_the_calendar_edges(mini_built: Project, args: list[str]) -> None:
    result = _run(mini_built, *args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        assert result.output.strip().splitlines()[-1].startswith("Error:")


@pytest.mark.parametrize(("start", "end"), [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001"), ("2019-02-29", None)])
def test_bad_input_31_curated_dates_at_the_calendar_edges(mini_project: Project, start: str, end: str | None) -> None:
    facts = mini_project.facts / "mini.yaml"
    extra = f"\n    end: {end}" if end else ""
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("start: 2018-04-01", f"start: {start}{extra}", 1), encoding="utf-8"
    )
    result = _run(mini_project, "check", "--no-shacl")
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if start == "2019-02-29":
        assert "'start' has invalid date '2019-02-29'" in result.output


def test_every_item_has_a_test_named_after_it_and_the_readme_lists_them() -> None:
    numbers = range(1, 32)  # the 31 items of shared/bad-inputs.md (kept outside the repository)
    named = {
        name: path.name
        for path in (REPO / "tests").glob("test_*.py")
        for name in re.findall(r"^def (test_bad_input_\d\d_\w+)\(", path.read_text(encoding="utf-8"), re.M)
    }
    assert {int(name.split("_")[3]) for name in named} >= set(numbers)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Reliability") :]
    for name, file in named.items():
        assert re.search(rf"`({re.escape(file)}::)?{name}`", section) and file in section, (
            f"README's Reliability section does not list {file}::{name}"
        )
