"""Files and folders a test makes unreadable or unwritable, for real, even as root.

Permissions do not stop root, so as root a folder is made immutable (``chattr +i``)
instead of read-only, and an unreadable file is a link to ``/proc/self/mem``, whose
first bytes no process can read (EIO).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

UNREADABLE = Path("/proc/self/mem")


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Nothing can be created, removed or renamed in ``folder`` until the block ends."""
    set_writable(folder, False)
    try:
        yield
    finally:
        set_writable(folder, True)


def set_writable(folder: Path, writable: bool) -> None:
    """chmod for a user; for root, which permissions do not stop, the immutable flag."""
    if os.geteuid() != 0:
        folder.chmod(0o755 if writable else 0o555)
    else:
        subprocess.run(["chattr", "-i" if writable else "+i", str(folder)], check=True)


def make_unreadable(path: Path) -> None:
    """Replace ``path`` by a regular file that cannot be read (a link to /proc/self/mem)."""
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(UNREADABLE)
