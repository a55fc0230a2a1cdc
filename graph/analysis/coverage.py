"""Coverage of a build: how many entities and facts of each kind, from which documents."""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.analysis.conflicts import conflicts, difference, expansions_of
from graph.model.schema import RECORD_TYPES

KINDS = RECORD_TYPES


def coverage(index: dict[str, Any]) -> dict[str, Any]:
    """Counts by kind, records and quotes per document, and the number of conflicts."""
    records = [*index["entities"].values(), *index["statements"]]
    expansions = expansions_of(index)
    kinds = [difference(prop, [c["value"] for c in claims], expansions) for _, prop, claims in conflicts(index)]
    by_kind = Counter(r["type"] for r in records)
    per_doc: dict[str, Counter[str]] = {doc: Counter() for doc in index["documents"]}
    for record in records:
        for source in {e["source"] for e in record["evidence"]}:
            per_doc[source][record["type"]] += 1
    return {
        "counts": {k: by_kind.get(k, 0) for k in KINDS},
        "roles": by_kind.get("membership", 0) + by_kind.get("appointment", 0),
        "evidence": sum(len(r["evidence"]) for r in records),
        "documents": [
            {
                "id": doc,
                "title": meta["title"],
                "date": meta["date"],
                "records": sum(per_doc[doc].values()),
                **{k: per_doc[doc].get(k, 0) for k in KINDS},
            }
            for doc, meta in index["documents"].items()
        ],
        "conflicts": kinds.count("disagreement"),
        "wording_variants": kinds.count("wording"),
    }
