"""Reading inputs with bounds, writing outputs atomically, and CSV text.

A failure or a crash never leaves half a file; a FIFO, a device or a link to
``/dev/zero`` is never read or written as if it were a file.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph.errors import InputError, Place


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write through a temporary file beside ``path``, moved into place on success.

    If the block raises, the temporary file is removed and ``path`` is untouched. The
    handle's ``name`` is the temporary file, so a caller can check what it wrote before
    it is published. The new file keeps the old one's permissions (or the umask's, for
    a new file): ``mkstemp`` alone would make it private. Only a regular file (or
    nothing) may stand at ``path``; a folder that cannot be written is an InputError
    naming the path.
    """
    refuse_special(path)
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)  # reopened by name, so that ``handle.name`` is the temporary file's path
        handle = open(tmp, mode, **kwargs)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    try:
        try:
            yield handle
        finally:
            try:
                handle.close()
            except OSError as exc:  # a full disk shows when the buffer is flushed
                raise _cannot_write(path, exc) from None
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else file_mode())
            os.replace(tmp, path)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    with atomic_file(path) as out:
        try:
            out.write(text)
        except OSError as exc:
            raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot write here: {exc.strerror or exc}", place=Place(str(path)), rule="output")


def refuse_special(path: Path) -> None:
    """Refuse an output path where something other than a regular file stands."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if not stat.S_ISREG(mode):
        what = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InputError(f"refusing to replace {what}", place=Place(str(path)), rule="output")


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes; never reads more than cap + 1.

    The size on disk is not trusted (it is 0 for a FIFO or ``/proc`` file), and a special
    file is refused before it is opened, so nothing here can block or run away.
    """
    place = Place(str(path))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError("not a regular file", place=place, rule="not-a-file")
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise InputError("no such file", place=place, rule="not-found") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", place=place, rule="unreadable") from None
    except ValueError:  # a NUL in the name
        raise InputError("not a valid file name", place=place, rule="not-found") from None
    if len(data) > cap:
        raise InputError(f"file is larger than the limit of {cap:,} bytes", place=place, rule="too-large")
    return data


def file_mode() -> int:
    """The mode a new file gets under the current umask."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode a new folder gets under the current umask."""
    return 0o777 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], end: str = "\n") -> str:
    r"""CSV: the header, then one line per row, every line ending with ``end``.

    The one CSV writer (exports, SPARQL results, answers). Cells are quoted only where
    they must be (a line break of either kind included); ``None`` is an empty cell.
    SPARQL 1.1 CSV results end lines with ``"\r\n"``.

    >>> csv_text(["name", "quote"], [["CDOP", 'says "hi", twice'], ["BSCB", None], ["a\rb", 1]])
    'name,quote\nCDOP,"says ""hi"", twice"\nBSCB,\n"a\rb",1\n'
    """
    # The csv module quotes a cell holding a character of the line ending only, so a lone
    # "\r" would go unquoted with "\n" endings: rows are written with "\r\n" (both are
    # then quoted) and given ``end`` after.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in (header, *rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2] + end)
    return "".join(lines)
