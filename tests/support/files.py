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
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def make_unreadable(path: Path) -> None:
    """Replace ``path`` by a regular file that cannot be read (a link to /proc/self/mem)."""
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(UNREADABLE)
