"""The source documents and their manifest; finding a quote, its line and offset.

Quotes are matched exactly (the project's promise); a near miss is reported with the
closest passage so a curator can see what the document really says. Finding that
passage costs about as much as the exact search, however long the quote: a long quote
is placed by the runs of words it shares with the document (see ``Document.closest``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from graph.dates import parse_date
from graph.errors import InputError, Place
from graph.files import read_capped
from graph.model import ids
from graph.model.schema import NATIONAL
from graph.model.yamlsafe import load_yaml

MANIFEST = "manifest.yaml"
MAX_SOURCE_BYTES = 64 * 1024 * 1024
# Quotes up to this length are aligned character by character (rapidfuzz); longer ones
# by shared runs of words, which stays linear in the lengths of quote and document.
SHORT_QUOTE = 300
_RUN = 4  # words in a run
_COMMON = 20  # a run found more often than this in the document places nothing
_SAMPLES = 2000  # runs of a long quote looked up, evenly spaced: enough to place it
_WORD = re.compile(r"\S+")


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
        """The passage of this document most like ``quote`` (for error messages).

        A short quote is aligned character by character (rapidfuzz). A long one is
        placed by its runs of four words that the document has too: each shared run
        (of at most 2,000, evenly spaced) votes for where the quote would start, and the
        most voted start wins (runs the document repeats more than twenty times vote for
        nothing, so a repeated phrase cannot make this quadratic). With no run shared,
        the quote's first 300 characters are aligned instead.
        """
        if not self.text or not quote:
            return ""
        start, end = self._by_runs(quote) if len(quote) > SHORT_QUOTE else (-1, -1)
        if start < 0:
            start, end = self._aligned(quote[:SHORT_QUOTE])
        if start < 0:
            return ""
        pad = max(0, width - (end - start)) // 2
        return self.text[max(0, start - pad) : end + pad].strip(" \t.,;:")

    def _aligned(self, quote: str) -> tuple[int, int]:
        from rapidfuzz import fuzz

        hit = fuzz.partial_ratio_alignment(quote, self.text)
        return (hit.dest_start, hit.dest_end) if hit is not None else (-1, -1)

    @cached_property
    def _words(self) -> tuple[list[int], list[int], dict[tuple[str, ...], list[int]]]:
        """Where each word starts and ends, and where each run of words occurs."""
        starts, ends, words = [], [], []
        for m in _WORD.finditer(self.text):
            starts.append(m.start())
            ends.append(m.end())
            words.append(m.group(0))
        runs: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(words) - _RUN + 1):
            runs.setdefault(tuple(words[i : i + _RUN]), []).append(i)
        return starts, ends, runs

    def _by_runs(self, quote: str) -> tuple[int, int]:
        starts, ends, runs = self._words
        words = _WORD.findall(quote)
        step = max(1, (len(words) - _RUN + 1) // _SAMPLES)
        votes: dict[int, int] = {}
        for i in range(0, len(words) - _RUN + 1, step):
            where = runs.get(tuple(words[i : i + _RUN]), ())
            if len(where) <= _COMMON:
                for j in where:
                    votes[j - i] = votes.get(j - i, 0) + 1
        if not votes:
            return -1, -1
        first = max(0, max(votes, key=lambda shift: votes[shift]))
        last = min(len(starts), first + len(words)) - 1
        return starts[first], ends[max(first, last)]


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

    Raises InputError naming the manifest line for a missing field, an id that cannot
    be an IRI, a duplicate id, a bad date, ``lines`` of the wrong shape, or a file that
    is missing, unreadable, not a regular file, too large or not UTF-8: a build must not
    start on a half-described corpus.
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
        place = Place(str(path), data.line_of(entry))
        if not isinstance(entry, dict):
            raise InputError("each document must be a mapping", place=place, rule="manifest")
        for key in ("id", "title", "date", "file"):
            if _text(entry, key, place) == "":
                raise InputError(f"document is missing '{key}'", place=place, rule="manifest")
        doc_id = _text(entry, "id", place)
        if not ids.is_valid_id(doc_id):
            raise InputError(f"document {_problem(doc_id)}", place=place, rule="invalid-id")
        if doc_id in documents:
            raise InputError(f"document id '{doc_id}' is listed twice", place=place, rule="duplicate-id")
        date = _text(entry, "date", place)
        if parse_date(date) is None:
            raise InputError(f"invalid date '{date}' for document '{doc_id}'", place=place, rule="invalid-date")
        file = root / _text(entry, "file", place)
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
            title=_text(entry, "title", place),
            date=date,
            author=_text(entry, "author", place),
            kind=_text(entry, "kind", place) or "document",
            file=file,
            lines=_lines(entry.get("lines"), place),
            text=_read_document(file, place),
            area=area.strip(),
        )
    return Corpus(root=root, documents=documents)


def _text(entry: dict[str, Any], key: str, place: Place) -> str:
    """A field as text ("" when absent); a list, a mapping or yes/no is an error."""
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"'{key}' expected text, got {value!r}"[:200], place=place, rule="manifest")
    return str(value).strip()


def _problem(doc_id: str) -> str:
    try:
        ids.check_id(doc_id)
    except ValueError as exc:
        return str(exc)[:300]
    return ""


def _lines(value: object, place: Place) -> tuple[int, int] | None:
    """``lines: [first, last]``, two line numbers of the pack with first <= last."""
    if value is None:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value)
        and value[0] <= value[1]
    ):
        return value[0], value[1]
    raise InputError(
        f"'lines' must be [first, last], two line numbers with first <= last; got {value!r}"[:200],
        place=place,
        rule="manifest",
    )


def _read_document(file: Path, place: Place) -> str:
    try:
        return read_capped(file, MAX_SOURCE_BYTES).decode("utf-8")
    except InputError as exc:
        raise InputError(f"document file {file}: {exc.message}", place=place, rule=exc.rule) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{file} is not UTF-8 ({exc.reason})", place=place, rule="encoding") from None
