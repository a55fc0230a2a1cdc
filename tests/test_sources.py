"""The corpus: eleven documents that concatenate back to the pack, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model.yamlsafe import load_yaml
from graph.sources.corpus import load_corpus

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


def test_documents_concatenate_to_the_pack() -> None:
    manifest = load_yaml(SOURCES / "manifest.yaml").value
    joined = b"".join((SOURCES / d["file"]).read_bytes() for d in manifest["documents"])
    assert joined == (SOURCES / manifest["pack"]["file"]).read_bytes()


def test_manifest_line_ranges_tile_the_pack() -> None:
    manifest = load_yaml(SOURCES / "manifest.yaml").value
    pack_lines = len((SOURCES / manifest["pack"]["file"]).read_bytes().splitlines())
    expected_start = 1
    for doc in manifest["documents"]:
        first, last = doc["lines"]
        assert first == expected_start
        assert len((SOURCES / doc["file"]).read_bytes().splitlines()) == last - first + 1
        expected_start = last + 1
    assert expected_start - 1 == pack_lines


def test_eleven_documents_with_metadata() -> None:
    corpus = load_corpus(SOURCES)
    assert len(corpus.documents) == 11
    for doc in corpus.documents.values():
        assert doc.title and doc.date and doc.kind and doc.author


def test_quote_positions() -> None:
    corpus = load_corpus(SOURCES)
    doc = corpus["bscb-annual-report"]
    offset = doc.find("An Assistant Director of Public Health chairs the Child Death Overview Panel")
    assert offset > 0
    pack_line = doc.pack_line_of(offset)
    assert pack_line is not None
    pack = (SOURCES / "pack-2018-10-17.txt").read_text(encoding="utf-8").splitlines()
    assert pack[pack_line - 1].startswith("An Assistant Director of Public Health chairs")


def test_manifest_errors_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  - id: a\n    title: A\n    date: 2018-02-30\n    file: a.txt\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value).endswith("manifest.yaml:2: invalid-date: invalid date '2018-02-30' for document 'a'")
