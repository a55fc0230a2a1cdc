"""The source documents and their manifest; finding a quote, its line and offset.

Quotes are matched exactly (the project's promise); a near miss is reported with the
closest passage so a curator can see what the document really says.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from graph.dates import parse_date
from graph.errors import InputError, Place
from graph.model.schema import NATIONAL
from graph.model.yamlsafe import load_yaml

MANIFEST = "manifest.yaml"


@dataclass
class Document:
    """One source document: manifest metadata plus its text."""

    id: str
    title: str
    date: str
    author: str
    kind: str
    file: Path
    lines: tuple[int, int] | None = None
    text: str = field(default="", repr=False)
    area: str = ""  # the council or partnership area the document describes

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def find(self, quote: str) -> int:
        """Character offset of the first exact occurrence of ``quote``, or -1."""
        return self.text.find(quote) if quote else -1

    def line_of(self, offset: int) -> int:
        """1-based line in this document of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def pack_line_of(self, offset: int) -> int | None:
        """1-based line in the original pack, when the document came from one."""
        return self.lines[0] + self.line_of(offset) - 1 if self.lines else None

    def closest(self, quote: str, width: int = 0) -> str:
        """The passage of this document most like ``quote`` (for error messages)."""
        from rapidfuzz import fuzz

        if not self.text or not quote:
            return ""
        hit = fuzz.partial_ratio_alignment(quote, self.text)
        if hit is None:
            return ""
        start, end = hit.dest_start, hit.dest_end
        pad = max(0, width - (end - start)) // 2
        return self.text[max(0, start - pad) : end + pad].strip(" \t.,;:")


@dataclass
class Corpus:
    """All documents of the manifest, by id."""

    root: Path
    documents: dict[str, Document]

    def __getitem__(self, doc_id: str) -> Document:
        return self.documents[doc_id]

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.documents


def load_corpus(root: Path) -> Corpus:
    """Read ``manifest.yaml`` in ``root`` and every document it lists.

    Raises InputError naming the manifest line for a missing field, a duplicate id,
    a bad date or a missing file: a build must not start on a half-described corpus.
    """
    path = root / MANIFEST
    if not path.is_file():
        raise InputError(f"no {MANIFEST} in {root}", place=Place(str(path)), rule="manifest")
    data = load_yaml(path)
    entries = data.value.get("documents") if isinstance(data.value, dict) else None
    if not isinstance(entries, list):
        raise InputError("expected a 'documents:' list", place=Place(str(path), 1), rule="manifest")
    default_area = data.value.get("area")
    documents: dict[str, Document] = {}
    for entry in entries:
        line = data.line_of(entry)
        place = Place(str(path), line)
        if not isinstance(entry, dict):
            raise InputError("each document must be a mapping", place=place, rule="manifest")
        for key in ("id", "title", "date", "file"):
            if not isinstance(entry.get(key), (str, int)) or entry.get(key) == "":
                raise InputError(f"document is missing '{key}'", place=place, rule="manifest")
        doc_id = str(entry["id"])
        if doc_id in documents:
            raise InputError(f"document id '{doc_id}' is listed twice", place=place, rule="duplicate-id")
        date = str(entry["date"])
        if parse_date(date) is None:
            raise InputError(f"invalid date '{date}' for document '{doc_id}'", place=place, rule="invalid-date")
        file = root / str(entry["file"])
        if not file.is_file():
            raise InputError(f"document file not found: {file}", place=place, rule="manifest")
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{file} is not UTF-8 ({exc.reason})", place=place, rule="encoding") from None
        lines = entry.get("lines")
        area = entry.get("area", default_area)
        if not isinstance(area, str) or not area.strip() or area.strip().lower() == NATIONAL:
            raise InputError(
                f"document '{doc_id}' has no area: give 'area:' (the council or partnership area it"
                " describes) for the document, or once at the top of the manifest",
                place=place,
                rule="manifest",
            )
        documents[doc_id] = Document(
            id=doc_id,
            title=str(entry["title"]),
            date=date,
            author=str(entry.get("author", "")),
            kind=str(entry.get("kind", "document")),
            file=file,
            lines=(int(lines[0]), int(lines[1])) if isinstance(lines, list) and len(lines) == 2 else None,
            text=text,
            area=area.strip(),
        )
    return Corpus(root=root, documents=documents)
