"""The content words of names and questions: which words carry no meaning, a crude
stem, and each name as its set of content words, shared by finding mentions in a
question and by resolving a name typed in any word order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache, cached_property

# Words that carry no meaning of their own in a name or a question.
STOP = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "in",
    "on",
    "at",
    "to",
    "by",
    "with",
    "from",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "who",
    "whom",
    "whose",
    "what",
    "which",
    "when",
    "where",
    "how",
    "does",
    "do",
    "did",
    "that",
    "this",
    "it",
    "its",
    "their",
    "his",
    "her",
    "s",
    "there",
    "as",
}

IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man"}


@cache
def stem(word: str) -> str:
    """A crude plural/verb stem so "deaths" meets "death", "reviews" meets "review" and
    "children" meets "child"."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content(words: Iterable[str]) -> frozenset[str]:
    """The stemmed words that carry meaning ("the Child Deaths Panel" -> child, death, panel)."""
    return frozenset(stem(w) for w in words if w and w not in STOP)


class NameForms:
    """Each entity's names and aliases as sets of content words, and the entities by word:
    which entities have one name that holds every word asked, in any order."""

    def __init__(self, keys: Iterable[tuple[str, str, str]]):
        """``keys``: (normalised name, entity id, what it is: name, alias, acronym...)."""
        self.forms: dict[str, list[frozenset[str]]] = defaultdict(list)
        for key, eid, on in keys:
            if on in ("name", "alias"):
                form = content(part for w in key.split() for part in w.split("-"))
                if form:
                    self.forms[eid].append(form)

    @cached_property
    def _by_word(self) -> dict[str, set[str]]:
        """The entities by each word of their names (made when first asked for)."""
        out: dict[str, set[str]] = defaultdict(set)
        for eid, forms in self.forms.items():
            for form in forms:
                for w in form:
                    out[w].add(eid)
        return out

    def holds(self, eid: str, words: frozenset[str]) -> bool:
        """Whether one of the entity's names holds every word of ``words``."""
        return any(words <= form for form in self.forms.get(eid, []))

    def owners(self, words: frozenset[str]) -> list[str]:
        """The entities with one name that holds every word of ``words``."""
        sets = [self._by_word.get(w, set()) for w in words]
        common = set.intersection(*sets) if sets else set()
        return sorted(eid for eid in common if self.holds(eid, words))
