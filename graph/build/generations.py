"""One publication per build: generation folders, one atomic switch, readers' locks.

A build writes everything (the Turtle, the N-Triples, the answer index and the Oxigraph
store) into a temporary folder, renames it to the next generation, ``build/gen-000007``,
and then makes it current by replacing one symbolic link, ``build/current``, with
``os.replace``: a reader sees the old graph or the new one, never a mix. The stable
names ``build/govgraph.ttl``, ``build/store`` ... are links through ``current`` for
people and other tools; govgraph itself opens one generation by its own name.

A reader holds a shared lock on its generation (``reading``) for as long as it reads,
so the build that replaced it removes it only once no reader holds it (or at a later
build). Builds take an exclusive lock, ``build/build.lock``, that says who holds it;
the folders of a build that was killed are removed by the next one.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, Place
from graph.files import folder_mode

CURRENT = "current"
LOCK = "build.lock"
READERS = ".readers"  # in each generation: the file readers lock (shared) and builds test
STAGING = ".tmp-build-"
TRASH = ".trash-"
OUTPUTS = ("govgraph.nt", "govgraph.ttl", "index.json", "store")
_GENERATION = re.compile(r"gen-(\d{6,})")


@dataclass(frozen=True)
class Generation:
    """One published build: its folder (``build/gen-000007``) and its number."""

    path: Path

    @property
    def number(self) -> int:
        match = _GENERATION.fullmatch(self.path.name)
        return int(match.group(1)) if match else 0

    def __str__(self) -> str:
        return f"generation {self.number} ({self.path})"


def _cannot(what: str, path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot {what}: {exc.strerror or exc}", place=Place(str(path)), rule="build-folder")


def current(out: Path) -> Generation:
    """The generation ``build/current`` points to; InputError if there is none.

    A build folder of the layout before generations (the files themselves in
    ``build/``, as older versions and some tests write it) is read as it stands.
    """
    try:
        target = os.readlink(out / CURRENT)
    except FileNotFoundError:
        if (out / "index.json").is_file() and not (out / "index.json").is_symlink():
            return Generation(out)
        raise InputError("no built graph: run `govgraph build` first", place=Place(str(out)), rule="no-build") from None
    except OSError as exc:
        raise _cannot("read the current build", out / CURRENT, exc) from None
    return Generation(out / target)


@contextmanager
def reading(out: Path) -> Iterator[Generation]:
    """The current generation, held (a shared lock) until the block ends.

    A build may switch ``current`` and remove the old generation between our reading
    the link and locking it; so the lock is taken and then checked to be on the file
    still in place, and the whole is tried again if not.
    """
    for _ in range(100):
        generation = current(out)
        if generation.path == out:  # the layout before generations: nothing to hold
            yield generation
            return
        marker = generation.path / READERS
        try:
            fd = os.open(marker, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            if current(out) == generation:
                raise InputError(
                    f"the current build, {generation.path.name}, is missing: run `govgraph build`",
                    place=Place(str(out)),
                    rule="no-build",
                ) from None
            continue  # switched and removed meanwhile: read the link again
        except OSError as exc:
            raise _cannot("read the build", marker, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            if _same_file(fd, marker):
                yield generation
                return
        finally:
            os.close(fd)
    raise InputError("the build keeps changing; try again", place=Place(str(out)), rule="no-build")


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


@contextmanager
def build_lock(out: Path) -> Iterator[int]:
    """Hold ``build/build.lock`` for one build; InputError naming the holder if it is taken.

    Yields the lock's file descriptor, which a forked helper process must close (a
    copy of it would keep the lock after the build itself was killed).
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise _cannot("write the build folder", out, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                f"another build is running ({_holder(fd)}); wait for it to finish",
                place=Place(str(out / LOCK)),
                rule="build-locked",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_me()).encode("utf-8"), 0)
        try:
            yield fd
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _me() -> dict[str, object]:
    import getpass  # deferred with socket: only a writer takes the lock, and readers start faster (5 ms)
    import socket

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    return {"pid": os.getpid(), "host": socket.gethostname(), "user": user, "started": started, "argv": sys.argv}


def _holder(fd: int) -> str:
    """Who holds the lock, as the holder wrote it."""
    try:
        info = json.loads(os.pread(fd, 65536, 0) or b"{}")
        return f"pid {info['pid']} of {info['user']} on {info['host']}, since {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "holder unknown"


def staging(out: Path) -> Path:
    """A new private folder beside the generations, for one build to write into."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
        folder.chmod(folder_mode())  # mkdtemp's folder is private; a build is not
        (folder / READERS).touch()
    except OSError as exc:
        raise _cannot("write the build folder", out, exc) from None
    return folder


def publish(out: Path, staged: Path) -> Generation:
    """Make a finished staging folder the current generation, in one atomic switch.

    The caller holds the build lock. Everything written is flushed to disk first, so
    a crash cannot publish a generation with missing data.
    """
    number = max((g.number for g in generations(out)), default=0) + 1
    generation = Generation(out / f"gen-{number:06d}")
    link = out / f".{CURRENT}-{os.getpid()}.tmp"
    try:
        _sync_tree(staged)
        os.rename(staged, generation.path)
        link.unlink(missing_ok=True)
        os.symlink(generation.path.name, link)
        os.replace(link, out / CURRENT)
        _sync_dir(out)
        _stable_names(out)
    except OSError as exc:
        raise _cannot("publish the build", out, exc) from None
    return generation


def generations(out: Path) -> list[Generation]:
    """Every published generation in ``out``, oldest first."""
    try:
        names = sorted(p.name for p in out.iterdir() if _GENERATION.fullmatch(p.name))
    except FileNotFoundError:
        return []
    return [Generation(out / name) for name in names]


def collect(out: Path) -> list[str]:
    """Remove what no one needs: old generations no reader holds, and killed builds' folders.

    The caller holds the build lock, so any staging folder left is abandoned. Returns
    the names removed.
    """
    removed = []
    try:
        keep = current(out).path.name
    except InputError:
        keep = ""
    for generation in generations(out):
        if generation.path.name != keep and _retire(generation.path, out):
            removed.append(generation.path.name)
    for path in out.iterdir():
        if path.name.startswith((STAGING, TRASH)) or (path.name.endswith(".tmp") and path.is_symlink()):
            _remove(path)
            removed.append(path.name)
    return removed


def _retire(folder: Path, out: Path) -> bool:
    """Move a generation aside and delete it, if no reader holds it; False if one does."""
    try:
        fd = os.open(folder / READERS, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        fd = -1
    try:
        if fd >= 0:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        trash = out / f"{TRASH}{folder.name}-{os.getpid()}"
        os.rename(folder, trash)
    finally:
        if fd >= 0:
            os.close(fd)
    _remove(trash)
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _stable_names(out: Path) -> None:
    """``build/govgraph.ttl`` and the others as links through ``current`` (made once).

    A folder of the old layout, where the files themselves stood in ``build/``, is
    replaced by the links after the first publication.
    """
    for name in OUTPUTS:
        path = out / name
        if path.is_symlink() and os.readlink(path) == f"{CURRENT}/{name}":
            continue
        link = out / f".{name}-{os.getpid()}.tmp"
        link.unlink(missing_ok=True)
        os.symlink(f"{CURRENT}/{name}", link)
        if path.is_dir() and not path.is_symlink():
            trash = out / f"{TRASH}{name}-{os.getpid()}"
            os.rename(path, trash)
            os.replace(link, path)
            _remove(trash)
        else:
            os.replace(link, path)


def _sync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(root))


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
