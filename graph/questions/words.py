"""The content words of names and questions: which words carry no meaning, and a crude
stem, shared by finding mentions in a question and by resolving a name typed in any
word order."""

from __future__ import annotations

from functools import cache

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
