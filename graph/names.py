"""Names as keys: the one normaliser, ids from names, and an index of entity names.

Resolution of a user's question, linking of a new document's mentions and the build's
name keys must agree on when two spellings are the same name ("Children's Trust" and
"Childrens Trust", "&" and "and", "Dr." and "Dr"), so all of them use ``normalise``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import InputError

MAX_TEXT = 300
# A word: letters or digits, with apostrophes, hyphens and dots inside it; or "&".
WORD = re.compile(r"[^\W_](?:[\w'’\-\.]*[^\W_])?|&")


def norm_word(word: str) -> str:
    """Lower-case, without apostrophes or dots, '&' as 'and'.

    >>> norm_word("Children's"), norm_word("&"), norm_word("Dr.")
    ('childrens', 'and', 'dr')
    """
    w = word.lower().replace("’", "").replace("'", "").replace(".", "")
    return "and" if w == "&" else w


def normalise(text: str) -> str:
    """A name as a key: normalised words, single spaces, no leading 'the'.

    >>> normalise("The Children’s  Trust & Partners")
    'childrens trust and partners'
    """
    words = [norm_word(w) for w in WORD.findall(unicodedata.normalize("NFKC", text))]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def slug(text: str, limit: int = 60) -> str:
    """A valid id from a name.

    >>> slug("Children's Trust"), slug("Wiśniewski")
    ('childrens-trust', 'wisniewski')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower().replace("'", "")) if w]
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "entity"


def check_text(text: str, what: str = "name", limit: int = MAX_TEXT) -> str:
    """Refuse text no person would type: empty, too long or with control characters."""
    if len(text) > limit:
        raise InputError(f"{what} is {len(text)} characters long; the limit is {limit}", rule="bad-argument")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in text):
        raise InputError(f"{what} contains control characters", rule="bad-argument")
    if not text.strip():
        raise InputError(f"{what} is empty", rule="bad-argument")
    return text


def acronym_key(text: str) -> str:
    """An acronym compared without case, hyphens, dots or apostrophes: CP-IS = cpis.

    >>> acronym_key("CP-IS") == acronym_key("cpis"), acronym_key("IDVA's")
    (True, 'idvas')
    """
    return re.sub(r"[^0-9a-z&]", "", text.lower())


NameKey = tuple[str, str, str]  # (normalised form, entity id, what it is: id, name, acronym or alias)


def name_keys(entities: Mapping[str, Mapping[str, Any]]) -> list[NameKey]:
    """Every normalised name of every entity; the build stores these in the index."""
    keys: list[NameKey] = []
    for eid, e in sorted(entities.items()):
        keys.append((normalise(eid), eid, "id"))
        keys.append((normalise(eid.replace("-", " ")), eid, "id"))
        name = e.get("name") or e.get("label") or eid
        keys.append((normalise(name), eid, "name"))
        if "(" in name:  # "Steering Group (SWBHT)" is also found as "Steering Group"
            keys.append((normalise(re.sub(r"\s*\([^)]*\)", " ", name)), eid, "alias"))
        for acronym in e.get("acronyms", []):
            keys.append((normalise(acronym), eid, "acronym"))
        for alias in e.get("aliases", []):
            keys.append((normalise(alias), eid, "alias"))
    return [k for k in keys if k[0]]


@dataclass(frozen=True)
class Hit:
    """One key an entity was found by, and how well it matched (100 = exactly)."""

    id: str
    key: str
    on: str
    score: float


Scorer = Callable[..., float]


class NameIndex:
    """Entities by every normalised form of their names, for exact and fuzzy lookup.

    Question resolution and document linking both sit on this; each adds its own
    policy (ties, generic words, confidence) on top. ``printed`` keys are matched as
    printed, case and all, and only exactly: a document's "CAS" is an acronym, its
    "Cas" a name. A text that is a printed key is looked up among those alone.
    """

    def __init__(self, keys: Iterable[NameKey], printed: Iterable[NameKey] = ()):
        self.keys: list[NameKey] = [tuple(k) for k in keys]  # type: ignore[misc]
        self.exact_keys: dict[str, list[tuple[str, str]]] = {}
        for key, eid, on in self.keys:
            self.exact_keys.setdefault(key, []).append((eid, on))
        self.printed_keys: dict[str, list[tuple[str, str]]] = {}
        for key, eid, on in printed:
            self.printed_keys.setdefault(key, []).append((eid, on))

    def exact(self, text: str, allow: Callable[[str], bool] | None = None, *, key: str | None = None) -> list[Hit]:
        """Entities with a name that is ``text`` once normalised (``key``: the
        normalised form, when the caller has it already)."""
        printed = text.strip()
        if printed in self.printed_keys:
            key, found = printed, self.printed_keys[printed]
        else:
            key = normalise(text) if key is None else key
            found = self.exact_keys.get(key, [])
        return [Hit(eid, key, on, 100.0) for eid, on in found if allow is None or allow(eid)]

    def fuzzy(
        self,
        text: str,
        scorer: Scorer,
        *,
        limit: int = 10,
        cutoff: float = 0,
        allow: Callable[[str], bool] | None = None,
        short: Scorer | None = None,
    ) -> list[Hit]:
        """The keys closest to ``text`` by ``scorer`` (a rapidfuzz scorer), best first.

        ``short`` scores the keys under 0.6 of the query's length instead: a partial
        scorer would credit "Board" as fully as "YOS gangs Strategic Board". Both stay
        rapidfuzz's own functions, so the loop over every key runs in C, not Python.
        """
        from rapidfuzz import process  # deferred: a heavy import (25 ms), needed only for fuzzy lookup

        query = normalise(text)
        keys = self.keys if allow is None else [k for k in self.keys if allow(k[1])]
        groups = [(keys, scorer)]
        if short is not None:
            cut = 0.6 * len(query)
            groups = [([k for k in keys if len(k[0]) >= cut], scorer), ([k for k in keys if len(k[0]) < cut], short)]
        hits = []
        for group, score_with in groups:
            found = process.extract(query, [k[0] for k in group], scorer=score_with, limit=limit, score_cutoff=cutoff)
            hits += [Hit(group[i][1], key, group[i][2], float(score)) for key, score, i in found]
        return sorted(hits, key=lambda h: -h.score)[:limit]
