"""Registering a new source document: ``govgraph add-source``.

The text is copied byte for byte (quotes must match it exactly), in chunks so a very
large file streams, and the manifest gets new entries appended without its other
entries or comments being touched. What cannot be used as a source is refused with
one line saying why: an empty or binary file, UTF-16, or text that is not UTF-8 (with
the hint to pass ``--encoding`` when it looks like Windows-1252; the conversion is
then the only change made). A UTF-8 byte-order mark is dropped, since no quote could
ever contain it.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from graph.dates import parse_date
from graph.errors import InputError, Place
from graph.files import atomic_file
from graph.model import ids

CHUNK = 1024 * 1024
BOM = codecs.BOM_UTF8
_SNIFF = 64 * 1024


@dataclass
class Added:
    """One document written to ``data/sources`` and listed in the manifest."""

    id: str
    file: Path
    bytes: int
    lines: tuple[int, int]


@dataclass
class AddResult:
    documents: list[Added]
    notes: list[str]


def _sniff(path: Path, encoding: str | None) -> list[str]:
    """Refuse what is not text; return notes on what will be done to the bytes."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF)
    if not head.strip():
        raise InputError(
            "the file is empty (or only whitespace): nothing to extract", place=Place(str(path)), rule="empty"
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            "the file is UTF-16; convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)",
            place=Place(str(path)),
            rule="encoding",
        )
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or control > len(head) // 100 + 2:
        raise InputError(
            "this looks like a binary file, not text: export the document as plain text first",
            place=Place(str(path)),
            rule="binary",
        )
    notes = []
    if head.startswith(BOM):
        notes.append("dropped the UTF-8 byte-order mark at the start of the file")
    if encoding and codecs.lookup(encoding).name != "utf-8":
        notes.append(f"converted from {encoding} to UTF-8")
    return notes


def _decoder_error(path: Path, exc: UnicodeDecodeError, offset: int) -> InputError:
    """ "not UTF-8" with the byte and where it is, and a hint when the text reads as
    Windows-1252 (curly quotes and pound signs from Word are the usual culprits)."""
    bad = exc.object[exc.start : exc.start + 1]
    try:
        exc.object.decode("cp1252")
        hint = "; it looks like Windows-1252: pass --encoding cp1252 to convert it"
    except UnicodeDecodeError:
        hint = "; pass --encoding with the file's encoding to convert it"
    return InputError(
        f"not UTF-8: byte 0x{bad.hex()} at offset {offset + exc.start}{hint}", place=Place(str(path)), rule="encoding"
    )


def copy_text(
    src: Path, dest: Path, encoding: str | None = None, progress: Callable[[int], None] | None = None
) -> tuple[int, str]:
    """Copy ``src`` to ``dest`` as UTF-8, streaming; return (bytes written, sha256).

    Without ``encoding`` the bytes are copied unchanged (apart from a leading BOM) and
    must be valid UTF-8. The copy is written beside ``dest`` and moved into place only
    when complete, so a refused file leaves nothing behind.
    """
    decoder = codecs.getincrementaldecoder(encoding or "utf-8")(errors="strict")
    digest = hashlib.sha256()
    written = 0
    with src.open("rb") as reader, atomic_file(dest, "wb") as writer:
        offset = 0
        first = True
        while chunk := reader.read(CHUNK):
            if first and chunk.startswith(BOM):
                chunk, offset = chunk[len(BOM) :], len(BOM)
            first = False
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise _decoder_error(src, exc, offset) from None
            out = chunk if encoding is None else text.encode("utf-8")
            writer.write(out)
            digest.update(out)
            written += len(out)
            offset += len(chunk)
            if progress:
                progress(len(chunk))
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise _decoder_error(src, exc, offset) from None
    return written, digest.hexdigest()


def split_points(text: str, marker: str) -> list[int]:
    """Offsets where a new part starts: each line containing ``marker``."""
    out = [0]
    for m in re.finditer(r"^.*$", text, re.MULTILINE):
        if marker in m.group() and m.start() > 0:
            out.append(m.start())
    return out


def add_source(
    sources: Path,
    file: Path,
    title: str,
    date: str,
    doc_id: str | None = None,
    author: str = "",
    kind: str = "document",
    split_on: str | None = None,
    encoding: str | None = None,
    progress: Callable[[int], None] | None = None,
    area: str | None = None,
) -> AddResult:
    """Copy ``file`` into ``sources`` and list it (or its parts) in the manifest, as a
    document of ``area`` (default: the manifest's own ``area``)."""
    from graph.model.appending import append_items
    from graph.model.dump import dump_item
    from graph.sources.corpus import MANIFEST, MAX_SOURCE_BYTES, load_corpus

    _check_file(file, MAX_SOURCE_BYTES)
    if parse_date(date) is None:
        raise InputError(f"invalid date '{date}': use YYYY-MM-DD, YYYY-MM or YYYY", rule="invalid-date")
    if not title.strip():
        raise InputError("--title must not be empty", rule="add-source")
    doc_id = doc_id or _id_from(file)
    if not ids.is_valid_id(doc_id):
        raise InputError(
            f"invalid id '{doc_id}': use lower-case letters, digits and hyphens (pass --id)", rule="invalid-id"
        )
    notes = _sniff(file, encoding)
    manifest = sources / MANIFEST
    area = _area(manifest, area)
    existing = load_corpus(sources).documents if manifest.exists() else {}
    target = sources / f"{doc_id}.txt"
    if doc_id in existing or target.exists():
        raise InputError(f"a document '{doc_id}' is already registered (pass another --id)", rule="duplicate-id")
    tmp_dir = Path(tempfile.mkdtemp(prefix=".add-source-", dir=sources))
    try:
        staged = tmp_dir / "whole.txt"
        size, digest = copy_text(file, staged, encoding, progress)
        for other in existing.values():
            if other.file.stat().st_size == size and hashlib.sha256(other.file.read_bytes()).hexdigest() == digest:
                raise InputError(
                    f"this text is already registered as '{other.id}' ({other.file.name})", rule="duplicate-source"
                )
        text = staged.read_bytes().decode("utf-8")  # not read_text: keep "\r\n" as it is
        if not text.strip():
            raise InputError(
                "the file is empty (or only whitespace): nothing to extract", place=Place(str(file)), rule="empty"
            )
        parts = _parts(text, split_on) if split_on else [(0, len(text))]
        if split_on and len(parts) == 1:
            notes.append(f"marker {split_on!r} not found: registered as one document")
        added, entries = [], []
        for n, (a, b) in enumerate(parts, 1):
            part_id = f"{doc_id}-{n}" if len(parts) > 1 else doc_id
            if part_id in existing or (sources / f"{part_id}.txt").exists():
                raise InputError(
                    f"a document '{part_id}' is already registered (pass another --id)", rule="duplicate-id"
                )
            dest = sources / f"{part_id}.txt"
            first_line = text.count("\n", 0, a) + 1
            last_line = first_line + text.count("\n", a, max(a, b - 1))
            added.append(Added(part_id, dest, len(text[a:b].encode("utf-8")), (first_line, last_line)))
            entry = {
                "id": part_id,
                "title": title if len(parts) == 1 else f"{title} (part {n})",
                "date": date,
                "author": author,
                "kind": kind,
                "area": area,
                "file": dest.name,
            }
            entries.append(dump_item({k: v for k, v in entry.items() if v}))
        for (a, b), doc in zip(parts, added):
            (tmp_dir / doc.file.name).write_bytes(text[a:b].encode("utf-8"))
        for doc in added:
            os.replace(tmp_dir / doc.file.name, doc.file)
        try:
            append_items(
                manifest,
                {"documents": entries},
                header="# The documents of the corpus. One entry per document; `file` is relative to this folder.\n",
            )
        except Exception:
            for doc in added:
                doc.file.unlink(missing_ok=True)
            raise
    finally:
        for leftover in tmp_dir.iterdir():
            leftover.unlink()
        tmp_dir.rmdir()
    if len(added) > 1:
        notes.append(f"split on {split_on!r} into {len(added)} documents (they concatenate back to the file)")
    return AddResult(added, notes)


def _area(manifest: Path, area: str | None) -> str | None:
    """The area to record for the new document: the one given, else none if the
    manifest names a default; an InputError when neither says."""
    from graph.model.schema import NATIONAL
    from graph.model.yamlsafe import load_yaml

    if area is not None:
        if not area.strip() or area.strip().lower() == NATIONAL:
            raise InputError(
                "--area must name the council or partnership area the document describes", rule="add-source"
            )
        return area.strip()
    loaded = load_yaml(manifest).value if manifest.exists() else None
    if isinstance(loaded, dict) and isinstance(loaded.get("area"), str):
        return None
    raise InputError("say which area the document describes: --area NAME (e.g. --area Leeds)", rule="add-source")


def _check_file(file: Path, cap: int) -> None:
    """A regular file of at most ``cap`` bytes (a FIFO would block the copy forever)."""
    place = Place(str(file))
    try:
        info = os.stat(file)
    except (OSError, ValueError) as exc:
        reason = "no such file" if isinstance(exc, (FileNotFoundError, ValueError)) else f"cannot read: {exc.strerror}"
        raise InputError(reason, place=place, rule="add-source") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file", place=place, rule="not-a-file")
    if info.st_size > cap:
        raise InputError(f"file is larger than the limit of {cap:,} bytes", place=place, rule="too-large")


def _parts(text: str, marker: str) -> list[tuple[int, int]]:
    points = split_points(text, marker) + [len(text)]
    spans = [(a, b) for a, b in pairwise(points) if b > a]
    # a part of nothing but blank lines is glued to the next, so no byte is lost
    merged: list[tuple[int, int]] = []
    carry = None
    for a, b in spans:
        start = carry if carry is not None else a
        if not text[a:b].strip():
            carry = start
            continue
        merged.append((start, b))
        carry = None
    if carry is not None and merged:
        merged[-1] = (merged[-1][0], len(text))
    return merged or [(0, len(text))]


def _id_from(file: Path) -> str:
    from graph.names import slug

    return slug(file.stem)
