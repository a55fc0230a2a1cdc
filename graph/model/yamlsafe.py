"""Strict, safe YAML: the only way curated files are read.

PyYAML's defaults are wrong for hand-edited facts: it keeps the last of two repeated
keys, expands alias bombs, and turns ``2018-13-40`` into an exception and ``yes`` into
True. This loader is a SafeLoader subclass that refuses anchors, aliases and tags
(``!!timestamp``, ``!!set``, ``!!python/...``: facts never need them), reports repeated
keys with both lines, leaves dates as text for our own checks, and records the line of
every mapping so errors can name it. It reads at most the size cap (plus one byte) of
a regular file, and any value it cannot build (an integer of 5,000 digits, say) is one
error naming the line, never a Python exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode

from graph.errors import InputError, Place
from graph.files import read_capped

MAX_BYTES = 2 * 1024 * 1024


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the 1-based line it starts on and its keys' lines."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when present (seven times faster); our constructor either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[valid-type,misc]
    path = "<yaml>"

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise InputError(f"keys must be text, not {key!r}", place=Place(self.path, line), rule="yaml")
            if key in result.key_lines:
                raise InputError(
                    f"key '{key}' repeated (first on line {result.key_lines[key]})",
                    place=Place(self.path, line),
                    rule="duplicate-key",
                )
            result.key_lines[key] = line
            result[key] = self.construct_object(value_node, deep=True)
        return result

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Build one value; one that cannot be built is an error naming its line."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            reason = " ".join(str(exc).split(";")[0].split())[:100]
            kind = str(node.tag).rsplit(":", 1)[-1]
            raise InputError(
                f"cannot read this value as {kind}: {reason}",
                place=Place(self.path, node.start_mark.line + 1),
                rule="yaml",
            ) from None


# Dates stay text: our own parser gives "invalid date" rather than a Python exception.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse_anchors_and_tags(text: str, path: str) -> None:
    """Scan parser events (which never expand aliases, so a bomb costs nothing)."""
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise InputError(
                "anchors and aliases are not allowed", place=Place(path, event.start_mark.line + 1), rule="yaml"
            )
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise InputError(
                f"the tag {shown} is not allowed (only plain YAML is accepted; tags are refused)",
                place=Place(path, event.start_mark.line + 1),
                rule="yaml",
            )


_StrictLoader.add_constructor(  # every mapping, including the top level, keeps its line
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping
)


@dataclass
class Loaded:
    """A parsed YAML file and where it came from."""

    path: Path
    value: Any

    @staticmethod
    def line_of(obj: object) -> int | None:
        return getattr(obj, "line", None)


def load_yaml(path: Path, max_bytes: int = MAX_BYTES) -> Loaded:
    """Parse one YAML file strictly, raising InputError with file:line on any problem."""
    try:
        text = read_capped(path, max_bytes).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason})", place=Place(str(path)), rule="yaml") from None
    loader = _StrictLoader(text)
    loader.path = str(path)
    try:
        if "&" in text or "*" in text or "!" in text:  # no anchor, alias or tag without one of these
            _refuse_anchors_and_tags(text, str(path))
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "constructor" in problem or "tag" in problem:
            problem = f"{problem} (only plain YAML is accepted; tags are refused)"
        raise InputError(problem, place=Place(str(path), line), rule="yaml") from None
    except yaml.YAMLError as exc:
        raise InputError(str(exc).splitlines()[0], place=Place(str(path)), rule="yaml") from None
    except RecursionError:
        raise InputError("nested too deeply to read", place=Place(str(path)), rule="yaml") from None
    finally:
        loader.dispose()
    return Loaded(path=path, value=value)
