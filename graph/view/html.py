"""One self-contained HTML page: the template, vis-network from the installed pyvis
package, the page's own CSS and JS, and the data as an inert JSON block.

pyvis's own HTML output links CDNs and writes ``lib/`` into the working directory, so
only its bundled vis-network files are used, read from the installed package and
inlined. Nothing here touches the network or writes anywhere but the output file.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from graph.errors import InputError, Place

ASSETS = Path(__file__).resolve().parent / "assets"
# Where pyvis keeps the vis-network it bundles (``lib/vis-9.1.2/`` in pyvis 0.3), by
# version, so that a pyvis release with a newer vis-network needs no change here.
VIS_FOLDERS = ("lib", "templates/lib")
VIS_FILES = ("vis-network.min.js", "vis-network.css")
_VIS_VERSION = re.compile(r"^vis-(\d+(?:\.\d+)*)$")
_SLOT = re.compile(r"@@(\w+)@@")
# The page's own script, in order: the layered layout, then the page that uses it.
JS_FILES = ("layout.js", "view.js")

# Characters that could end the <script> element or confuse an HTML parser, written
# as JSON escapes; they occur only inside JSON strings, so the data is unchanged.
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group(0)], text)


def vis_folder() -> Path:
    """The folder of the newest vis-network bundled in the installed pyvis package."""
    spec = importlib.util.find_spec("pyvis")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the pyvis package is not installed: pip install pyvis", rule="view-assets")
    package = Path(next(iter(spec.submodule_search_locations)))
    found = []
    for rank, where in enumerate(VIS_FOLDERS):
        for folder in (package / where).glob("vis-*"):
            version = _VIS_VERSION.match(folder.name)
            if version and all((folder / name).is_file() for name in VIS_FILES):
                found.append((tuple(int(n) for n in version.group(1).split(".")), -rank, folder))
    if not found:
        looked_for = " or ".join(f"{where}/vis-*/{{{','.join(VIS_FILES)}}}" for where in VIS_FOLDERS)
        raise InputError(
            f"vis-network not found in the installed pyvis: looked for {looked_for}",
            place=Place(str(package)),
            rule="view-assets",
        )
    return max(found)[2]


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled in the installed pyvis package."""
    folder = vis_folder()
    try:
        # The source-map comment would point at a file that is not shipped.
        js = re.sub(
            r"\n//# sourceMappingURL=\S*\s*$",
            "\n",
            (folder / "vis-network.min.js").read_text(encoding="utf-8"),
        )
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"vis-network not found in pyvis ({exc})", place=Place(str(folder)), rule="view-assets"
        ) from None
    return js, css


def _inline(text: str, element: str, origin: str) -> str:
    """Text to put inside <script> or <style>: it must not be able to close it."""
    if re.search(f"</{element}", text, re.IGNORECASE):
        raise InputError(f"{origin} contains </{element} and cannot be inlined", rule="view-assets")
    return text


def render(data: dict[str, Any]) -> str:
    """The whole page as one string (deterministic for the same data)."""
    vis_js, vis_css = vis_assets()
    parts = {
        "vis_js": _inline(vis_js, "script", "vis-network.min.js"),
        "vis_css": _inline(vis_css, "style", "vis-network.css"),
        "view_js": "\n".join(_inline((ASSETS / name).read_text(encoding="utf-8"), "script", name) for name in JS_FILES),
        "view_css": _inline((ASSETS / "view.css").read_text(encoding="utf-8"), "style", "view.css"),
        "data": script_json(data),
    }
    template = (ASSETS / "template.html").read_text(encoding="utf-8")
    # One pass over the template only: inserted text is never scanned for slots.
    return _SLOT.sub(lambda m: parts[m.group(1)], template)
