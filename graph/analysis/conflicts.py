"""Where the documents disagree: claims about the same thing with different values.

Not every difference is a disagreement. "Cabinet Member for Children, Families and
Schools" and "Cabinet Member, Children, Families & Schools" are one title written two
ways; "Chief Superintendent" and "Detective Chief Superintendent" are two ranks. A
group of names or titles whose values differ only in wording (punctuation, "&",
an acronym spelt out, a qualifier added, a misspelling) is a *wording* variant; every
other difference (dates, ranks, holders, expansions, different words) is a
*disagreement*.
"""

from __future__ import annotations

from typing import Any

from graph.dates import parse_date
from graph.names import acronym_key, normalise

WORDED = ("name", "title")  # properties whose values are names, where wording can vary
STOP = {"of", "the", "and", "for", "at", "in", "on", "s", "to"}
# Common abbreviations and synonyms of titles, compared on normalised words.
STEMS = {
    "chairman": "chair",
    "chairperson": "chair",
    "chairwoman": "chair",
    "vice": "deputy",
    "cex": "chief executive",
    "ceo": "chief executive",
    "ad": "assistant director",
    "dcs": "director of childrens services",
}


def conflicts(index: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """``(subject, property, claims)`` for each property whose claimed values differ,
    sorted by subject and property; the claims sorted by value."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in index["statements"]:
        if c["type"] == "claim":
            groups.setdefault((c["subject"], c["property"]), []).append(c)
    return [
        (subject, prop, sorted(claims, key=lambda c: (c["value"], c["id"])))
        for (subject, prop), claims in sorted(groups.items())
        if not agree([c["value"] for c in claims])
    ]


def difference(prop: str, values: list[str], expansions: dict[str, str]) -> str:
    """ "wording" when every pair of values is the same name written differently, else
    "disagreement". ``expansions`` maps acronym keys to what they stand for."""
    if prop not in WORDED:
        return "disagreement"
    tokens = [_content(v, expansions) for v in sorted(set(values))]
    same = all(_same_name(a, b) for i, a in enumerate(tokens) for b in tokens[i + 1 :])
    return "wording" if same else "disagreement"


def expansions_of(index: dict[str, Any]) -> dict[str, str]:
    """Acronym key -> expansion, from entities' acronyms and glossary terms."""
    out = {acronym_key(a): e["name"] for e in index["entities"].values() for a in e.get("acronyms", [])}
    out.update({acronym_key(t["acronym"]): t["expansion"] for t in index["statements"] if t["type"] == "term"})
    return out


def _content(value: str, expansions: dict[str, str]) -> frozenset[str]:
    words: list[str] = []
    for word in normalise(value).replace("o and s", "overview and scrutiny").split():
        expanded = expansions.get(acronym_key(word), "") if word.isalpha() and len(word) <= 6 else ""
        words += normalise(expanded).split() if expanded else STEMS.get(word, word).split()
    return frozenset(w for w in words if w not in STOP)


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name's words within the other's, or the two spelt almost alike."""
    from rapidfuzz import fuzz

    if a <= b or b <= a:
        return True
    return fuzz.token_sort_ratio(" ".join(sorted(a)), " ".join(sorted(b))) >= 90


def agree(values: list[str]) -> bool:
    """Values agree if they are equal, or dates where one only adds precision.

    >>> agree(["2018-04", "2018-04-01"]), agree(["2019", "2020"])
    (True, False)
    """
    distinct = sorted(set(values))
    if len(distinct) < 2:
        return True
    spans = [parse_date(v) for v in distinct]
    if any(s is None for s in spans):
        return False
    return all(
        (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])  # type: ignore[index]
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
    )
