"""How the view's benchmark and browser tests launch Debian's Chromium.

Headless, no sandbox (we run as root), and no background networking: the page must
work offline, and Chromium's own connections would be refused here anyway.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
]
