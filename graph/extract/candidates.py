"""Candidate facts and the file a reviewer reads.

A candidates file is written in the curated-fact format (the same sections and
fields as ``data/facts/*.yaml``) plus three keys per item that review strips before a
fact is written: ``confidence`` (0.0-1.0), ``link`` and ``rule``. ``link: new`` marks
an entity or fact that is not in ``data/facts/`` yet; ``link: linked`` one already
curated (an entity listed only because the document names it, or a fact the document
states again). The curated format already uses ``status`` for planned/in-force, so
the marker has its own key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import InputError, Place
from graph.model.dump import dump_item, scalar
from graph.model.schema import ENTITY_SECTIONS, FIELDS, SECTIONS
from graph.model.yamlsafe import load_yaml

MARKERS = ("confidence", "link", "rule")
# Sections in the order a candidates file lists them: entities first, as the schema does.
ORDER = tuple(SECTIONS)
MAX_CANDIDATE_BYTES = 256 * 1024 * 1024


@dataclass
class Candidate:
    """One proposed entity or fact: curated fields, evidence spans and a confidence."""

    section: str
    data: dict[str, Any]
    quotes: list[str]
    confidence: float
    link: str = "new"
    rule: str = ""
    source: str = ""
    offsets: list[int] = field(default_factory=list)

    @property
    def is_entity(self) -> bool:
        return self.section in ENTITY_SECTIONS

    @property
    def kind(self) -> str:
        return SECTIONS[self.section]

    def curated(self) -> dict[str, Any]:
        """The item as it belongs in ``data/facts/``: markers stripped, evidence attached."""
        out = {k: v for k, v in self.data.items() if v not in (None, "", [])}
        out["evidence"] = [{"source": self.source, "quote": q} for q in self.quotes]
        return out

    def refs(self) -> list[str]:
        """Every entity id this item refers to (for linking and dependency checks)."""
        out: list[str] = []
        for name, spec in FIELDS[self.section].items():
            value = self.data.get(name)
            if spec.type == "ref" and value:
                out.append(value)
            elif spec.type == "refs" and value:
                out.extend(value)
        return out


def ordered(section: str, data: dict[str, Any]) -> dict[str, Any]:
    """Fields in the order the schema lists them, evidence last."""
    keys = [k for k in FIELDS[section] if k in data and k != "evidence"]
    keys += [k for k in data if k not in keys and k != "evidence"]
    out = {k: data[k] for k in keys}
    if "evidence" in data:
        out["evidence"] = data["evidence"]
    return out


def sections(candidates: list[Candidate]) -> dict[str, list[dict[str, Any]]]:
    """The candidates as the sections of a facts file, each item with its markers."""
    out: dict[str, list[dict[str, Any]]] = {}
    for section in ORDER:
        items = [c for c in candidates if c.section == section]
        if items:
            out[section] = [
                ordered(
                    section,
                    {
                        **{k: v for k, v in c.data.items() if v not in (None, "", [])},
                        "confidence": round(c.confidence, 2),
                        "link": c.link,
                        "rule": c.rule,
                        "evidence": c.curated()["evidence"],
                    },
                )
                for c in items
            ]
    return out


def dump(source: str, title: str, candidates: list[Candidate]) -> str:
    """The candidates file: a header, ``source:``, then one block per section."""
    out = [
        f"# Candidate facts from '{source}' ({title}), proposed by `govgraph extract`.",
        "# Review them with `govgraph review FILE`: accepted items go to data/facts/.",
        "# confidence: how sure the rule is (0-1). link: new = not curated yet,",
        "# linked = already in data/facts/ (listed for context). rule: which rule proposed it.",
        f"source: {scalar(source)}",
    ]
    for section, items in sections(candidates).items():
        out.append(f"{section}:")
        out += [dump_item(item).rstrip("\n") for item in items]
    return "\n".join(out) + "\n"


def load(path: Path) -> tuple[str, list[Candidate]]:
    """Read a candidates file back (strictly: no tags, anchors or repeated keys)."""
    loaded = load_yaml(path, max_bytes=MAX_CANDIDATE_BYTES)
    value = loaded.value
    if not isinstance(value, dict) or not isinstance(value.get("source"), str):
        raise InputError(
            "not a candidates file (no 'source:' line); make one with `govgraph extract`",
            place=Place(str(path), 1),
            rule="candidates",
        )
    source = value["source"]
    out: list[Candidate] = []
    for section, items in value.items():
        if section == "source":
            continue
        if section not in SECTIONS or not isinstance(items, list):
            raise InputError(
                f"unknown section '{section}'",
                place=Place(str(path), getattr(value, "key_lines", {}).get(section)),
                rule="candidates",
            )
        for raw in items:
            place = Place(str(path), getattr(raw, "line", None))
            if not isinstance(raw, dict):
                raise InputError(f"each item of '{section}' must be a mapping", place=place, rule="candidates")
            data = {k: v for k, v in raw.items() if k not in (*MARKERS, "evidence")}
            evidence = raw.get("evidence") or []
            if not isinstance(evidence, list) or not all(isinstance(e, dict) for e in evidence):
                raise InputError("evidence must be a list of {source, quote}", place=place, rule="candidates")
            quotes = [e.get("quote") for e in evidence if e.get("source") == source]
            if not quotes or not all(isinstance(q, str) and q for q in quotes):
                raise InputError(f"item has no quote from '{source}'", place=place, rule="candidates")
            try:
                confidence = float(raw.get("confidence", 0.0))
            except (TypeError, ValueError):
                raise InputError("confidence must be a number from 0 to 1", place=place, rule="candidates") from None
            out.append(
                Candidate(
                    section=section,
                    data=data,
                    quotes=quotes,
                    confidence=confidence,
                    link=str(raw.get("link", "new")),
                    rule=str(raw.get("rule", "")),
                    source=source,
                )
            )
    return source, out
