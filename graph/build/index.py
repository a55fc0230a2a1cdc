"""The compact answer index: ``build/index.json``.

Answering a question must be fast (no rdflib, no SPARQL engine start-up), so the build
also writes the validated facts as plain JSON: entities, statements, documents, each
with resolved evidence (document, quote, line). ``graph.questions.governance`` reads only this.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InputError, Place
from graph.files import read_capped

if TYPE_CHECKING:  # the answering path must not import the YAML loader
    from graph.model.load import Evidence, Facts, Record
    from graph.sources.corpus import Corpus

VERSION = 3
MAX_BYTES = 1024 * 1024 * 1024  # far above any real index; a FIFO or /dev/zero is refused anyway
_SHAPE: dict[str, type] = {"documents": dict, "entities": dict, "statements": list, "names": list}


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    return [
        {"source": e.source, "quote": e.quote, "line": e.line, "pack_line": e.pack_line, "offset": e.offset}
        for e in sorted(items, key=lambda e: (e.source, e.offset, e.quote))
    ]


def _record(record: Record, doc_dates: dict[str, str]) -> dict[str, Any]:
    # "type" is what the record is (organisation, body, person, post, appointment,
    # membership, relation, change, claim); "kind", where present, is its curated subtype.
    out: dict[str, Any] = {"id": record.id, "type": record.type, **record.data}
    out["evidence"] = _evidence(record.evidence)
    stated = sorted(doc_dates.get(e.source, "") for e in record.evidence)
    out["stated_on"] = stated[0] if stated else None
    out["stated_until"] = stated[-1] if stated else None
    return out


def _superseded(statements: list[dict[str, Any]]) -> dict[str, str]:
    """Undated holdings of a post or a seat whose holder is recorded as succeeded by
    someone, with the first date a document states the successor in the same place:
    the holding had ended by then ("firstly Cllr Brigid Jones and now Cllr Carl Rice",
    and a letter to Cllr Rice as Cabinet Member in January 2018)."""
    places = {"appointment": ("post",), "membership": ("body", "role")}

    def place(s: dict[str, Any]) -> tuple[Any, ...]:
        return (s["type"], *(s.get(k) for k in places[s["type"]]))

    held: dict[str, list[dict[str, Any]]] = {}
    for s in statements:
        if s["type"] in places:
            held.setdefault(s.get("person") or s.get("member") or "", []).append(s)
    out: dict[str, str] = {}
    for line in statements:
        if line["type"] != "relation" or line.get("kind") != "succeeded-by":
            continue
        for before in held.get(line["subject"], []):
            later = [
                s["stated_on"] for s in held.get(line["object"], []) if place(s) == place(before) and s["stated_on"]
            ]
            if later and not before.get("end"):
                out[before["id"]] = min(later)
    return out


def make_index(facts: Facts, corpus: Corpus) -> dict[str, Any]:
    """The index as a JSON-ready dict (sorted, so the file is deterministic)."""
    from graph.names import name_keys

    doc_dates = {d.id: d.date for d in corpus.documents.values()}
    entities = {r.id: _record(r, doc_dates) for r in sorted(facts.entities.values(), key=lambda r: r.id) if r.is_entity}
    statements = [_record(r, doc_dates) for r in sorted(facts.statements, key=lambda r: r.id)]
    ends = _superseded(statements)
    for s in statements:
        if s["id"] in ends:
            s["superseded_on"] = ends[s["id"]]
    changes = {s["id"]: s for s in statements if s["type"] == "change"}
    return {
        "version": VERSION,
        "documents": {
            d.id: {"title": d.title, "date": d.date, "author": d.author, "kind": d.kind, "area": d.area}
            for d in corpus.documents.values()
        },
        "entities": entities,
        "statements": statements,
        "names": name_keys({**entities, **changes}),
    }


def load_index(build_dir: Path) -> dict[str, Any]:
    """Read ``index.json``; a missing or stale index says to run ``govgraph build``."""
    path = build_dir / "index.json"
    if not path.exists():
        raise InputError("no built graph: run `govgraph build` first", place=Place(str(path)), rule="no-build")
    try:
        data = json.loads(read_capped(path, MAX_BYTES).decode("utf-8"))
    except InputError as exc:
        raise InputError(f"{exc.message}; run `govgraph build`", place=Place(str(path)), rule="no-build") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            f"unreadable index ({type(exc).__name__}); run `govgraph build`", place=Place(str(path)), rule="no-build"
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise InputError("index from another version; run `govgraph build`", place=Place(str(path)), rule="no-build")
    if not all(isinstance(data.get(key, kind()), kind) for key, kind in _SHAPE.items()):
        raise InputError("the index is damaged; run `govgraph build`", place=Place(str(path)), rule="no-build")
    return data
