"""Curated YAML -> typed records that remember their file and line.

Schema problems become findings (not exceptions) so that ``govgraph check`` can list
them all at once; only a file that cannot be parsed at all stops the load.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.dates import parse_date
from graph.errors import Finding, InputError, Place
from graph.model import ids
from graph.model.schema import ENTITY_SECTIONS, FIELDS, NOT_IDENTITY, SECTIONS, Field
from graph.model.yamlsafe import load_yaml

EXCEPTIONS_FILE = "exceptions.yaml"


@dataclass
class Evidence:
    """A quote from a source; offset and lines are filled in when it is found."""

    source: str
    quote: str
    place: Place
    offset: int = -1
    line: int | None = None
    pack_line: int | None = None


@dataclass
class Record:
    """One entity or statement as curated: its section, fields and evidence."""

    section: str
    data: dict[str, Any]
    evidence: list[Evidence]
    place: Place
    id: str = ""

    @property
    def type(self) -> str:
        """What the record is: organisation, body, person, post, appointment, membership,
        relation, change or claim (``data["kind"]`` is its curated subtype)."""
        return SECTIONS[self.section]

    @property
    def is_entity(self) -> bool:
        return self.section in ENTITY_SECTIONS


@dataclass
class Exception_:
    """An accepted rule finding, with the curator's reason."""

    rule: str
    subject: str
    reason: str
    place: Place


@dataclass
class Facts:
    """Everything curated: entities and change events by id, and all statements."""

    entities: dict[str, Record] = field(default_factory=dict)
    statements: list[Record] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def records(self) -> list[Record]:
        """Every record once: entities (not change events), then statements."""
        return [*(r for r in self.entities.values() if r.is_entity), *self.statements]


def _bool_hint(value: object) -> str:
    return " (YAML reads yes/no/on/off/true/false as booleans: put it in quotes)" if isinstance(value, bool) else ""


def _read_field(name: str, spec: Field, value: Any, place: Place) -> tuple[Any, str | None]:
    """Coerce one field; return (value, None) or (None, problem)."""
    if spec.type in ("text", "id", "ref", "enum"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return None, f"'{name}' expected a string, got {value!r}{_bool_hint(value)}"
        text = str(value).strip()
        if not text:
            return None, f"'{name}' is empty"
        if spec.type == "id" and not ids.is_valid_id(text):
            return None, f"'{name}': " + _id_problem(text)
        if spec.type == "enum" and text not in spec.choices:
            close = difflib.get_close_matches(text, spec.choices, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; one of: {', '.join(spec.choices)}"
            return None, f"'{name}' has unknown value '{text}'{hint}"
        return text, None
    if spec.type in ("texts", "refs"):
        if value is None:
            return [], None
        if not isinstance(value, list):
            return None, f"'{name}' expected a list"
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                return None, f"'{name}' expected a list of strings, got {item!r}{_bool_hint(item)}"
            out.append(str(item).strip())
        return out, None
    if spec.type == "date":
        if parse_date(value) is None:
            return None, f"'{name}' has invalid date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY"
        return str(value).strip(), None
    raise AssertionError(spec.type)


def _id_problem(text: str) -> str:
    try:
        ids.check_id(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _read_evidence(value: Any, place: Place, path: str) -> tuple[list[Evidence], str | None]:
    if not isinstance(value, list) or not value:
        return [], "no evidence: every fact needs at least one {source, quote}"
    out = []
    for item in value:
        line = getattr(item, "line", None) or place.line
        if not isinstance(item, dict):
            return [], "each evidence item must be a mapping with 'source' and 'quote'"
        unknown = set(item) - {"source", "quote"}
        if unknown:
            return [], f"evidence has unknown key(s): {', '.join(sorted(unknown))}"
        source, quote = item.get("source"), item.get("quote")
        if not isinstance(source, str) or not source:
            return [], "evidence is missing 'source'"
        if not isinstance(quote, str) or not quote.strip():
            return [], f"evidence from '{source}' has no quote"
        out.append(Evidence(source=source, quote=quote, place=Place(path, line)))
    return out, None


def read_record(section: str, raw: Any, path: str) -> tuple[Record | None, list[Finding]]:
    """Turn one raw mapping into a Record, or into findings explaining why not."""
    place = Place(path, getattr(raw, "line", None))
    if not isinstance(raw, dict):
        return None, [Finding("schema", f"each item of '{section}' must be a mapping", place)]
    spec = FIELDS[section]
    problems: list[str] = []
    unknown = sorted(set(raw) - set(spec))
    if unknown:
        problems.append(f"unknown key(s) {', '.join(unknown)} in {section[:-1] if section != 'people' else 'person'}")
    data: dict[str, Any] = {}
    evidence: list[Evidence] = []
    for name, fspec in spec.items():
        value = raw.get(name)
        if value is None or value == "" or value == []:
            if fspec.required:
                rule_problem = "missing-evidence" if name == "evidence" else None
                if rule_problem:
                    label = raw.get("id") or raw.get("subject") or raw.get("member") or raw.get("person") or "?"
                    return None, [
                        Finding("missing-evidence", f"{SECTIONS[section]} '{label}' has no evidence quote", place)
                    ]
                problems.append(f"missing required '{name}'")
            continue
        if fspec.type == "evidence":
            evidence, problem = _read_evidence(value, place, path)
        else:
            data[name], problem = _read_field(name, fspec, value, place)
        if problem:
            problems.append(problem)
    if problems:
        return None, [Finding("schema", p, place) for p in problems]
    record = Record(section=section, data=data, evidence=evidence, place=place)
    if "id" in data:
        record.id = data["id"]
    else:
        identity = {k: v for k, v in data.items() if k not in NOT_IDENTITY}
        record.id = ids.statement_id(section, identity)
    return record, []


def _read_exceptions(raw: Any, path: str) -> tuple[list[Exception_], list[Finding]]:
    items = raw.get("exceptions") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        return [], [Finding("schema", "expected an 'exceptions:' list", Place(path, 1))]
    out, findings = [], []
    for item in items:
        place = Place(path, getattr(item, "line", None))
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("rule", "subject", "reason")
        ):
            findings.append(Finding("schema", "each exception needs 'rule', 'subject' and a 'reason'", place))
            continue
        out.append(Exception_(item["rule"], item["subject"], item["reason"], place))
    return out, findings


def fact_files(folder: Path) -> tuple[list[Path], list[Finding]]:
    """The ``*.yaml`` files of ``folder``, sorted, and an error for anything it would skip.

    A file named ``x.yml`` or ``x.YAML``, or facts put in a sub-folder, would silently go
    unread; so each is an error naming it. Hidden files and Markdown notes (the folder's
    README) are left alone. Anything named ``*.yaml`` is read, so a folder or a FIFO of
    that name is refused by the reader as "not a regular file".
    """
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(
            f"cannot read the facts folder: {exc.strerror or exc}", place=Place(str(folder)), rule="unreadable"
        ) from None
    files, findings = [], []
    for path in entries:
        if path.name.endswith(".yaml"):
            files.append(path)
        elif path.name.startswith(".") or path.suffix.lower() == ".md":
            continue
        elif path.is_dir():
            findings.append(
                Finding(
                    "unread-file",
                    "a sub-folder is not read: put its facts files in the folder itself",
                    Place(str(path)),
                )
            )
        elif path.suffix.lower() in (".yaml", ".yml"):
            findings.append(
                Finding("unread-file", "not read: facts files must end in .yaml (lower case)", Place(str(path)))
            )
        else:
            findings.append(Finding("unread-file", "not read: only *.yaml files hold facts", Place(str(path))))
    return files, findings


def load_facts(folder: Path) -> tuple[Facts, list[Finding]]:
    """Read every ``*.yaml`` in ``folder`` (sorted, so results are deterministic).

    Raises InputError for a file that is not YAML at all; everything else is a finding.
    """
    facts = Facts()
    files, findings = fact_files(folder)
    defined: dict[str, Record] = {}
    merged: dict[str, Record] = {}
    for path in files:
        loaded = load_yaml(path)
        name = str(path)
        facts.files.append(path)
        if path.name == EXCEPTIONS_FILE:
            exc, problems = _read_exceptions(loaded.value, name)
            facts.exceptions += exc
            findings += problems
            continue
        if loaded.value is None:
            continue
        if not isinstance(loaded.value, dict):
            findings.append(Finding("schema", "a facts file must be a mapping of sections", Place(name, 1)))
            continue
        for section, items in loaded.value.items():
            line = getattr(loaded.value, "key_lines", {}).get(section)
            if section not in SECTIONS:
                close = difflib.get_close_matches(section, SECTIONS, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                findings.append(Finding("schema", f"unknown section '{section}'{hint}", Place(name, line)))
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                findings.append(Finding("schema", f"section '{section}' must be a list", Place(name, line)))
                continue
            for raw in items:
                record, problems = read_record(section, raw, name)
                findings += problems
                if record is None:
                    continue
                if "id" in record.data:
                    first = defined.get(record.id)
                    if first is not None:
                        findings.append(
                            Finding(
                                "duplicate-id",
                                f"id '{record.id}' is defined twice (first at {first.place})",
                                record.place,
                            )
                        )
                        continue
                    defined[record.id] = record
                    facts.entities[record.id] = record
                    if section == "changes":
                        facts.statements.append(record)
                elif record.id in merged:
                    _merge_evidence(merged[record.id], record)
                else:
                    merged[record.id] = record
                    facts.statements.append(record)
    for record in _parent_relations(facts):
        if record.id in merged:
            _merge_evidence(merged[record.id], record)
        else:
            merged[record.id] = record
            facts.statements.append(record)
    return facts, findings


def _parent_relations(facts: Facts) -> list[Record]:
    """An entity's ``parent`` is a part-of line, evidenced by the entity's own quotes."""
    out = []
    for entity in facts.entities.values():
        parent = entity.data.get("parent")
        if parent:
            data = {"subject": entity.id, "kind": "part-of", "object": parent}
            out.append(
                Record("relations", data, list(entity.evidence), entity.place, ids.statement_id("relations", data))
            )
    return out


def _merge_evidence(into: Record, other: Record) -> None:
    """The same fact curated twice is one fact with the union of its evidence."""
    seen = {(e.source, e.quote) for e in into.evidence}
    into.evidence += [e for e in other.evidence if (e.source, e.quote) not in seen]
