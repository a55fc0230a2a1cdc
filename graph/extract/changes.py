"""Change events: mergers, acquisitions, transfers, replacements, creations,
dissolutions, restructures and renamings, with the date the sentence gives.

"A merger between X, Y and Z CCGs" shares its head word among the names ("X CCG",
"Y CCG", "Z CCG"). A change is planned when the sentence says so ("will replace",
"by September 2019") or its date is after the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from graph.dates import find_dates, first_day, last_day
from graph.extract.args import certainty, left_coordinated, left_of, resolve, right_of
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import CHANGES, PLANNED
from graph.extract.linking import Linker
from graph.extract.text import Sentence
from graph.extract.types import Mention

ANY = ("entity", "post")
LABELS = {
    "merged": "Merger of {before} into {after}",
    "acquired": "{after} acquires {before}",
    "transferred": "Transfer of {moves} from {before} to {after}",
    "replaced": "{after} replaces {before}",
    "created": "Creation of {after}",
    "dissolved": "End of {before}",
    "restructured": "Restructure of {before}",
    "renamed": "{before} renamed {after}",
}
_PLURAL_LIST = re.compile(
    r"((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*(?:\s*,\s*(?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)*\s*,?\s+and\s+"
    r"(?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)\s+([A-Z][A-Za-z]*s)\b"
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    return [(re.compile(p, re.IGNORECASE), k) for p, k in CHANGES], re.compile(PLANNED, re.IGNORECASE)


# "... the following subgroups have been created": what was made is the plural noun
_PLURAL_MADE = re.compile(r"\b(?:sub-?\s?groups|groups|panels|forums|committees|boards)\s*$", re.IGNORECASE)


def find(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """Every change the sentence states."""
    table, planned = _compiled()
    taken: list[tuple[int, int]] = []
    found: list[list[str]] = []
    for pattern, kind in table:
        for m in pattern.finditer(sentence.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            start, end = sentence.start + m.start(), sentence.start + m.end()
            parts = _parts(sentence, discourse, mentions, kind, start, end)
            if parts is None:
                continue
            kind_out, before, after, moves = parts
            used = [*before, *after, *moves]
            if not used:
                continue
            ids = {
                "before": _ids(linker, sentence, before),
                "after": _ids(linker, sentence, after),
                "moves": _ids(linker, sentence, moves),
            }
            if not any(ids.values()) or (kind_out == "created" and any(set(ids["after"]) & set(a) for a in found)):
                continue  # "formed ... by the merger of": the merger says it all
            found.append(ids["after"])
            date = _date(sentence, end)
            status = (
                "planned" if planned.search(sentence.text) or _after_document(date, discourse.doc.date) else "in-force"
            )
            main = (ids["after"] or ids["before"] or ids["moves"])[0]
            data = {
                "id": f"{main}-{kind_out}",
                "kind": kind_out,
                "date": date,
                "status": status,
                "label": _label(linker, kind_out, ids),
                **ids,
            }
            lo = min([start, *(u.start for u in used)])
            hi = max([end, *(u.end for u in used)])
            collector.propose("changes", data, sentence, lo, hi, 0.75 * certainty(*used), f"change-{kind_out}")
            if kind_out == "replaced" and len(ids["after"]) == 1:
                # "X, which replaced Y (and Z)": the lines as well as the event, as curated
                # facts record a successor ("Y succeeded by X") beside the change
                (new,) = ids["after"]
                for old in ids["before"]:
                    if old != new:
                        line = {"subject": old, "kind": "succeeded-by", "object": new, "start": date, "status": status}
                        collector.propose("relations", line, sentence, lo, hi, 0.7 * certainty(*used), "line-replaced")


def _parts(
    sentence: Sentence, discourse: Discourse, mentions: list[Mention], kind: str, start: int, end: int
) -> tuple[str, list[Mention], list[Mention], list[Mention]] | None:
    left = left_of(sentence, mentions, start, ANY)
    right = right_of(sentence, mentions, end, ANY, gap=60)
    subject = [left] if left else []
    if kind == "merged":
        before = _shared_head(sentence, discourse, end) or right
        first = [m for m in mentions if m.end <= start and m.kind == "entity"]
        after = [first[0]] if first and first[0] not in before else []
        trigger = sentence.text[start - sentence.start : end - sentence.start].lower()
        if trigger.startswith(("merged", "will merge", "merges")):
            joined = left_coordinated(sentence, mentions, left, ANY) if left else []
            if trigger.endswith("into"):  # "A and B merged into C"
                before, after = joined, right[:1]
            else:  # "A merged with B (to form C)"
                before, after = [*joined, *right[:1]], _formed(sentence, mentions, end)
        return "merged", before, after, []
    if kind == "merged-subject":
        return "merged", subject, right[:1], []
    if kind == "acquired":
        return "acquired", subject, right[:1], []
    if kind == "transferred":
        if "from" in sentence.text[start - sentence.start : end - sentence.start].lower():
            dest = _to(sentence, mentions, right[-1].end if right else end)
            return "transferred", right[:1], dest, subject
        return "transferred", [], right, subject
    if kind == "replaced":
        return "replaced", right, subject, []
    if kind == "replaced-by":
        return "replaced", subject, right, []
    if kind == "became":
        bodies = [m for m in (*subject, *right[:1]) if m.kind == "entity"]
        return ("replaced", bodies[:1], bodies[1:], []) if len(bodies) == 2 and subject else None
    if kind == "created":
        if _PLURAL_MADE.search(sentence.text[: start - sentence.start]):
            return None  # "the following subgroups have been created": unnamed groups, not the Board
        return "created", [], subject, []
    if kind == "created-object":
        return "created", [], right[:1], []
    if kind == "dissolved":
        if "decommissioning" in sentence.text[start - sentence.start : end - sentence.start].lower():
            return "dissolved", right[:1], [], []
        return "dissolved", subject, [], []
    if kind == "restructured":
        return "restructured", subject, subject, []
    if kind == "renamed":
        return "renamed", subject, right[:1], []
    if kind == "renamed-formerly":  # "CiCES (formerly LACES)": the old name after
        return "renamed", right[:1], subject[:1] if left and start - left.end <= 3 else [], []
    return None


def _shared_head(sentence: Sentence, discourse: Discourse, end: int) -> list[Mention]:
    """ "X, Y and Z CCGs" -> the entities X CCG, Y CCG and Z CCG."""
    text = sentence.text[end - sentence.start :]
    m = _PLURAL_LIST.match(text.lstrip())
    if not m:
        return []
    offset = end + len(text) - len(text.lstrip())
    head = m.group(2)[:-1]
    out = []
    for part in re.finditer(r"[^,]+?(?=\s*,|\s+and\s+|$)", m.group(1)):
        name = re.sub(r"^\s*(?:and\s+)?", "", part.group()).strip()
        if not name:
            continue
        s = offset + m.start(1) + part.start()
        found = discourse.entity(f"{name} {head}", sentence, s, offset + m.end(2))
        if found:
            out.append(found)
    return out


def _formed(sentence: Sentence, mentions: list[Mention], end: int) -> list[Mention]:
    return _first_after(
        sentence, mentions, end, r"\b(?:to\s+form|to\s+become|into|forming)\s+(?:the\s+|a\s+|an\s+)?", re.search
    )


def _to(sentence: Sentence, mentions: list[Mention], after: int) -> list[Mention]:
    return _first_after(
        sentence,
        mentions,
        after,
        r"\s*(?:,\s*)?to\s+(?:the\s+|a\s+|an\s+)?(?:separate\s+|new\s+)?(?:organisation,?\s*)?(?:\*\*)?",
        re.match,
    )


def _first_after(
    sentence: Sentence, mentions: list[Mention], pos: int, pattern: str, find: Callable[..., re.Match[str] | None]
) -> list[Mention]:
    """The first mention after ``pattern`` is found (``find``: re.search or re.match) from ``pos``."""
    m = find(pattern, sentence.text[pos - sentence.start :])
    if not m:
        return []
    at = pos + m.end()
    return [x for x in mentions if x.start >= at][:1]


def _ids(linker: Linker, sentence: Sentence, mentions: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        found = resolve(linker, sentence, m)
        if found and found not in out:
            out.append(found)
    return out


def _date(sentence: Sentence, near: int) -> str | None:
    dates = find_dates(sentence.text, sentence.start)
    if not dates:
        return None
    return min(dates, key=lambda d: abs(d.start - near)).iso


def _after_document(date: str | None, doc_date: str) -> bool:
    try:
        return bool(date) and first_day(str(date)) > last_day(doc_date)
    except ValueError:
        return False


def _label(linker: Linker, kind: str, ids: dict[str, list[str]]) -> str:
    def names(key: str) -> str:
        found = [linker.name_of(i) for i in ids[key]]
        return " and ".join(found) if found else "?"

    return LABELS[kind].format(before=names("before"), after=names("after"), moves=names("moves"))
