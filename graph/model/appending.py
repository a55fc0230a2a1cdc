"""Appending list items to a hand-edited YAML file without disturbing it.

Curators' files carry comments and their own layout, so nothing is re-serialised: new
items are inserted as text at the end of their section (with the section's own
indentation), a missing section is added at the end, and the result is parsed again
and checked before it atomically replaces the file. A file this cannot append to
safely (a flow-style list, say) is refused rather than rewritten.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import InputError, Place
from graph.files import atomic_file
from graph.model.yamlsafe import MAX_BYTES, load_yaml

_ITEM = re.compile(r"^( *)- ")


def append_items(path: Path, additions: dict[str, list[str]], header: str = "", max_bytes: int = MAX_BYTES) -> None:
    """Append pre-rendered items (each a block starting with ``  - ``) to sections of
    ``path``, creating the file (with ``header``) or sections as needed."""
    additions = {k: v for k, v in additions.items() if v}
    if not additions:
        return
    if not path.exists():
        text = header
        for section, items in additions.items():
            text += f"{section}:\n" + "".join(_indent(i, "  ") for i in items)
        _write_checked(path, text, additions, before={}, max_bytes=max_bytes)
        return
    loaded = load_yaml(path, max_bytes=max_bytes)
    value = loaded.value if loaded.value is not None else {}
    if not isinstance(value, dict):
        raise InputError(
            "cannot append: the file is not a mapping of sections", place=Place(str(path), 1), rule="append"
        )
    before = {k: len(v) if isinstance(v, list) else 0 for k, v in value.items()}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    key_lines = dict(getattr(value, "key_lines", {}))
    tail: list[str] = []
    # insert from the bottom up so earlier line numbers stay valid
    for section in sorted(additions, key=lambda s: -key_lines.get(s, 10**9)):
        items = additions[section]
        if section not in key_lines:
            tail += [f"{section}:\n", *(_indent(i, "  ") for i in items)]
            continue
        current = value[section]
        if current is not None and not isinstance(current, list):
            raise InputError(
                f"cannot append to '{section}': it is not a list",
                place=Place(str(path), key_lines[section]),
                rule="append",
            )
        start = key_lines[section] - 1
        if not re.fullmatch(rf"{re.escape(section)}:\s*(#.*)?\n?", lines[start]):
            raise InputError(
                f"cannot append to '{section}': write it as a block list (one '- ' item a line)",
                place=Place(str(path), key_lines[section]),
                rule="append",
            )
        later = [n - 1 for n in key_lines.values() if n - 1 > start]
        stop = min(later) if later else len(lines)
        indent = next((m.group(1) for line in lines[start + 1 : stop] if (m := _ITEM.match(line))), "  ")
        at = stop
        while at > start + 1 and (
            not lines[at - 1].strip() or (lines[at - 1].lstrip().startswith("#") and _top_comment(lines[at - 1]))
        ):
            at -= 1
        lines[at:at] = [_indent(i, indent) for i in items]
    if tail:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines += tail
    _write_checked(path, "".join(lines), additions, before, max_bytes)


def _top_comment(line: str) -> bool:
    """A comment in column 0: it introduces what follows, so new items go above it."""
    return line.startswith("#")


def _indent(item: str, indent: str) -> str:
    """Re-indent an item rendered with two spaces before its dash."""
    out = []
    for line in item.splitlines(keepends=True):
        out.append(indent + line[2:] if line.startswith("  ") else indent + line)
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"


def _write_checked(
    path: Path, text: str, additions: dict[str, list[str]], before: dict[str, int], max_bytes: int
) -> None:
    """Write atomically, but only after the new text parses with every item in place."""
    with atomic_file(path) as handle:
        handle.write(text)
        handle.flush()
        try:
            value = load_yaml(Path(handle.name), max_bytes=max_bytes).value or {}
        except InputError as exc:
            raise InputError(
                f"appending would make the file invalid ({exc.message}); file left unchanged",
                place=Place(str(path)),
                rule="append",
            ) from None
        for section, items in additions.items():
            got = value.get(section) if isinstance(value, dict) else None
            if not isinstance(got, list) or len(got) != before.get(section, 0) + len(items):
                raise InputError(
                    f"appending to '{section}' would not give the expected items; file left unchanged",
                    place=Place(str(path)),
                    rule="append",
                )
