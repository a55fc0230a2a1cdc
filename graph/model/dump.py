"""Writing curated-fact YAML by hand: block style, keys in order, scalars that read back
exactly under the strict loader (PyYAML's emitter is slow and quotes unpredictably)."""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\x85]")


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly ``value`` under the strict loader."""
    if isinstance(value, bool):
        raise TypeError("booleans are not used in the curated format")
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return json.dumps(str(value))
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return text
    out = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def dump_item(item: dict[str, Any], indent: str = "  ") -> str:
    """One list item in block style, keys in the schema's order."""
    lines: list[str] = []
    first = True
    for key, value in item.items():
        lead = f"{indent}- " if first else f"{indent}  "
        first = False
        if key == "evidence":
            lines.append(f"{lead}evidence:")
            for ev in value:
                lines.append(f"{indent}    - source: {scalar(ev['source'])}")
                lines.append(f"{indent}      quote: {scalar(ev['quote'])}")
        elif isinstance(value, list):
            lines.append(f"{lead}{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"
