"""govgraph add-source: registering documents, byte for byte, and refusing bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph.cli import cli
from graph.errors import InputError
from graph.model.appending import append_items
from graph.project import Project
from graph.sources.corpus import load_corpus

TEXT = "ANYTOWN BOROUGH COUNCIL\n\nThe Youth Panel (YP) is chaired by Cllr Ann Lee.\n"


def add(project: Project, file: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli,
        [
            "--project",
            str(project.root),
            "add-source",
            str(file),
            "--title",
            "Youth Panel notes",
            "--date",
            "2019-06-01",
            *args,
        ],
    )


def test_added_text_is_byte_for_byte_and_manifest_only_grows(mini_project: Project, tmp_path: Path) -> None:
    manifest = mini_project.sources / "manifest.yaml"
    before = manifest.read_text(encoding="utf-8")
    src = tmp_path / "Youth Panel notes.txt"
    src.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8") + "Zoë\t£\n".encode())
    result = add(mini_project, src, "--author", "Anytown Borough Council", "--kind", "minutes")
    assert result.exit_code == 0, result.output
    assert (mini_project.sources / "youth-panel-notes.txt").read_bytes() == src.read_bytes()
    after = manifest.read_text(encoding="utf-8")
    assert after.startswith(before)
    corpus = load_corpus(mini_project.sources)
    doc = corpus["youth-panel-notes"]
    assert (doc.title, doc.date, doc.author, doc.kind) == (
        "Youth Panel notes",
        "2019-06-01",
        "Anytown Borough Council",
        "minutes",
    )
    assert {"minutes", "letter"} <= set(corpus.documents)


def test_manifest_comments_and_layout_survive(mini_project: Project, tmp_path: Path) -> None:
    manifest = mini_project.sources / "manifest.yaml"
    manifest.write_text(
        "# curated by hand\n" + manifest.read_text(encoding="utf-8") + "# trailing note\n", encoding="utf-8"
    )
    src = tmp_path / "notes.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert add(mini_project, src).exit_code == 0
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith("# curated by hand\n") and "# trailing note" in text
    assert text.index("id: notes") < text.index("# trailing note")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (codecs.BOM_UTF16_LE + "Council".encode("utf-16-le"), "UTF-16"),
        ("The Council\u2019s report costs \u00a3100.".encode("cp1252"), "pass --encoding cp1252"),
        (b"caf\xc3 au lait", "not UTF-8"),
    ],
)
def test_bad_files_are_refused_with_one_line(mini_project: Project, tmp_path: Path, data: bytes, message: str) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(data)
    manifest_before = (mini_project.sources / "manifest.yaml").read_bytes()
    result = add(mini_project, src)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert (mini_project.sources / "manifest.yaml").read_bytes() == manifest_before
    assert sorted(p.name for p in mini_project.sources.iterdir()) == ["letter.txt", "manifest.yaml", "minutes.txt"]


def test_windows_1252_is_converted_when_asked(mini_project: Project, tmp_path: Path) -> None:
    src = tmp_path / "cp.txt"
    src.write_bytes("The Council\u2019s report costs \u00a3100.\n".encode("cp1252"))
    result = add(mini_project, src, "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert "converted from cp1252" in result.stderr
    assert (mini_project.sources / "cp.txt").read_text(
        encoding="utf-8"
    ) == "The Council\u2019s report costs \u00a3100.\n"


def test_utf8_byte_order_mark_is_dropped(mini_project: Project, tmp_path: Path) -> None:
    src = tmp_path / "bom.txt"
    src.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    result = add(mini_project, src)
    assert result.exit_code == 0
    assert "byte-order mark" in result.stderr
    assert (mini_project.sources / "bom.txt").read_bytes() == TEXT.encode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "12 March 2019"], "invalid date"),
        (["--id", "Youth Panel"], "invalid id"),
        (["--id", "minutes"], "already registered"),
        (["--encoding", "klingon"], "unknown encoding"),
    ],
)
def test_bad_options_are_refused(mini_project: Project, tmp_path: Path, args: list[str], message: str) -> None:
    src = tmp_path / "notes.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = add(mini_project, src, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_same_text_twice_is_refused(mini_project: Project, tmp_path: Path) -> None:
    src = tmp_path / "copy.txt"
    src.write_bytes((mini_project.sources / "letter.txt").read_bytes())
    result = add(mini_project, src)
    assert result.exit_code == 2
    assert "already registered as 'letter'" in result.stderr


def test_missing_file_is_an_error(mini_project: Project, tmp_path: Path) -> None:
    result = add(mini_project, tmp_path / "nope.txt")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_split_on_a_marker_gives_parts_that_concatenate_back(mini_project: Project, tmp_path: Path) -> None:
    text = "Cover page\n\n--- page 1 ---\nAgenda\n\n--- page 2 ---\nMinutes\nend\n"
    src = tmp_path / "pack.txt"
    src.write_text(text, encoding="utf-8")
    result = add(mini_project, src, "--split-on", "--- page")
    assert result.exit_code == 0, result.output
    parts = [mini_project.sources / f"pack-{n}.txt" for n in (1, 2, 3)]
    assert "".join(p.read_text(encoding="utf-8") for p in parts) == text
    assert parts[1].read_text(encoding="utf-8").startswith("--- page 1 ---")
    corpus = load_corpus(mini_project.sources)
    assert corpus["pack-2"].title == "Youth Panel notes (part 2)"


def test_a_20_mb_file_streams_with_progress(mini_project: Project, tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    line = "The Child Death Review Panel (CDRP) reports to the Executive Group.\n"
    with src.open("w", encoding="utf-8") as handle:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    result = add(mini_project, src)
    assert result.exit_code == 0, result.output
    assert "Copying big.txt" in result.stderr
    assert (mini_project.sources / "big.txt").stat().st_size == src.stat().st_size > 20 * 1024 * 1024


def test_append_keeps_indentation_style_and_refuses_flow_lists(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("# mine\nbodies:\n- id: a\n  name: A\n\n# people next\npeople: []\n", encoding="utf-8")
    append_items(path, {"bodies": ["  - id: b\n    name: B\n"]})
    text = path.read_text(encoding="utf-8")
    assert "- id: a\n  name: A\n- id: b\n  name: B\n" in text and text.startswith("# mine\n")
    assert text.index("id: b") < text.index("# people next")
    with pytest.raises(InputError, match="block list"):
        append_items(path, {"people": ["  - id: c\n    name: C\n"]})
    assert "id: c" not in path.read_text(encoding="utf-8")
    append_items(path, {"posts": ["  - id: d\n    name: D\n"]})
    assert path.read_text(encoding="utf-8").endswith("posts:\n  - id: d\n    name: D\n")
