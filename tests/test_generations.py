"""One publication per build: generations, the switch, readers' locks, the build lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import generations
from graph.build.generations import build_lock, current, reading
from graph.build.pipeline import build
from graph.cli import cli
from graph.errors import InputError
from graph.project import Project
from tests.support.files import unwritable

GOVGRAPH = str(Path(sys.executable).parent / "govgraph")


def _run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def _rename_person(project: Project, new: str) -> None:
    path = project.facts / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sam Patel", new, 1), encoding="utf-8")


def test_a_build_is_one_generation_made_current_by_one_link(mini_project: Project) -> None:
    summary = build(mini_project, shacl=False)
    out = mini_project.out
    assert summary.generation.path == out / "gen-000001"
    assert os.readlink(out / "current") == "gen-000001"
    for name in ("govgraph.nt", "govgraph.ttl", "index.json", "store"):
        assert os.readlink(out / name) == f"current/{name}"
        assert (out / "gen-000001" / name).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["build.lock", "current", "gen-000001", "govgraph.nt", "govgraph.ttl", "index.json", "store"]
    )


def test_the_next_build_replaces_the_generation_and_removes_the_old_one(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    _rename_person(mini_project, "Sam Patil")
    assert build(mini_project, shacl=False).generation.number == 2
    assert current(mini_project.out).path.name == "gen-000002"
    assert not (mini_project.out / "gen-000001").exists()
    assert "Sam Patil" in (mini_project.out / "index.json").read_text(encoding="utf-8")


def test_a_generation_is_kept_while_a_reader_holds_it(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    with reading(mini_project.out) as held:
        _rename_person(mini_project, "Sam Patil")
        build(mini_project, shacl=False)
        assert held.path.name == "gen-000001" and held.path.is_dir()
        assert "Sam Patil" not in (held.path / "index.json").read_text(encoding="utf-8")
        with reading(mini_project.out) as fresh:
            assert fresh.path.name == "gen-000002"
    build(mini_project, shacl=False)  # no one holds gen 1 or 2 now
    assert [g.path.name for g in generations.generations(mini_project.out)] == ["gen-000003"]


def test_a_reader_in_another_process_keeps_its_generation(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    code = (
        "import sys, time; from pathlib import Path; from graph.build.generations import reading\n"
        "with reading(Path(sys.argv[1])) as g:\n    print(g.path.name, flush=True); time.sleep(60)\n"
    )
    reader = subprocess.Popen([sys.executable, "-c", code, str(mini_project.out)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "gen-000001"
        build(mini_project, shacl=False)
        assert (mini_project.out / "gen-000001").is_dir()
    finally:
        reader.kill()
        reader.wait()
        if reader.stdout:
            reader.stdout.close()
    build(mini_project, shacl=False)
    assert not (mini_project.out / "gen-000001").exists()


def test_folders_of_a_killed_build_are_removed_by_the_next(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    left = mini_project.out / ".tmp-build-killed"
    (left / "store").mkdir(parents=True)
    (left / "govgraph.nt").write_text("half", encoding="utf-8")
    os.symlink("gen-000001", mini_project.out / ".current-999.tmp")
    build(mini_project, shacl=False)
    assert not left.exists() and not (mini_project.out / ".current-999.tmp").is_symlink()


def test_a_second_build_is_refused_naming_who_holds_the_lock(mini_project: Project) -> None:
    with build_lock(mini_project.out):
        result = _run(mini_project, "build", "--no-shacl")
        holder = json.loads((mini_project.out / "build.lock").read_text(encoding="utf-8"))
    assert result.exit_code == 2
    assert (
        f"another build is running (pid {os.getpid()} of {holder['user']} on {holder['host']}, since" in result.output
    )
    assert "Traceback" not in result.output
    assert _run(mini_project, "build", "--no-shacl").exit_code == 0


def test_the_lock_is_free_again_after_a_killed_build(mini_project: Project) -> None:
    code = (
        "import sys, time; from pathlib import Path; from graph.build.generations import build_lock\n"
        "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(mini_project.out)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert _run(mini_project, "build", "--no-shacl").exit_code == 2
    holder.kill()
    holder.wait()
    holder.stdout.close()
    assert _run(mini_project, "build", "--no-shacl").exit_code == 0


def test_readers_say_when_there_is_no_build(mini_project: Project) -> None:
    with pytest.raises(InputError, match="run `govgraph build` first"):
        current(mini_project.out)
    result = _run(mini_project, "chairs", "cdrp")
    assert result.exit_code == 2 and "run `govgraph build` first" in result.output


def test_a_build_folder_of_the_old_layout_is_replaced(mini_project: Project) -> None:
    out = mini_project.out
    (out / "store").mkdir(parents=True)
    (out / "store" / "CURRENT").write_text("old", encoding="utf-8")
    for name in ("govgraph.nt", "govgraph.ttl", "index.json"):
        (out / name).write_text("old", encoding="utf-8")
    assert current(out).path == out  # read as it stands until the next build
    build(mini_project, shacl=False)
    assert (out / "store").is_symlink() and (out / "store" / "CURRENT").read_text() != "old"
    assert _run(mini_project, "chairs", "cdrp").exit_code == 0


def test_an_unwritable_build_folder_is_one_line(mini_project: Project) -> None:
    build(mini_project, shacl=False)
    before = current(mini_project.out)
    _rename_person(mini_project, "Sam Patil")
    with unwritable(mini_project.out):
        result = _run(mini_project, "build", "--no-shacl")
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "cannot" in result.output and str(mini_project.out) in result.output
    assert current(mini_project.out) == before
    assert "Sam Patil" not in (mini_project.out / "index.json").read_text(encoding="utf-8")


def test_serve_of_the_store_sees_one_generation(mini_project: Project) -> None:
    """The on-disk store opened by a command is the generation's, not the link's."""
    from graph.sparql.store import open_store

    build(mini_project, shacl=False)
    with reading(mini_project.out) as held:
        store = open_store(held.path)
        _rename_person(mini_project, "Sam Patil")
        build(mini_project, shacl=False)
        rows = store.query("SELECT ?n WHERE { ?p gg:chairOf ?b ; rdfs:label ?n } ORDER BY ?n")
        assert [r[0].value for r in rows.rows] == ["Sam Patel", "Zoë Ó Briain"]  # type: ignore[union-attr]
