"""Dates inside a question: when it asks about, wherever the date sits in the sentence.

"in 2017/18" (a financial year), "early 2018", "between July and October 2018",
"before April 2018", "after 1 April 2018", "on 25 July 2018", "at the time of the
inspection letter" (that document's date), "now" (the date of the newest document). A period asked about as a whole ("during
2017/18", "in 2018") is read on its middle day; "before X" on the day before X begins
and "after X" on the day after it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from graph.dates import find_dates, parse_date
from graph.errors import InputError

_YEAR = r"((?:19|20)\d{2})"
FINANCIAL = re.compile(rf"\b{_YEAR}\s*([/-])\s*(\d{{4}}|\d{{2}})\b(?!-\d)")
PART = re.compile(
    rf"\b(early|mid|late|the\s+start\s+of|the\s+beginning\s+of|the\s+end\s+of|spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
    re.I,
)
PARTS = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
RELATIVE = re.compile(
    r"\b(before|prior\s+to|until|till|up\s+to|by|after|since|following|from|during|in|on|at|as\s+(?:of|at)|between|throughout|within)\s+(?:the\s+(?:year|month|financial\s+year)\s+)?$",
    re.I,
)
DOCUMENT = re.compile(
    r"\b(?:at\s+the\s+time\s+of|as\s+of|when(?:\s+\w+){0,3}\s+(?:wrote|sent|published|issued|received|written))\s+(?:the\s+)?((?:[\w'’-]+\s+){0,5}(?:letter|report|programme|notes|minutes|agenda|paper|strategy|inspection))\b",
    re.I,
)


@dataclass(frozen=True)
class When:
    """What the date phrase of a question asks: a day to answer on, and a period."""

    as_of: date
    start: date
    end: date
    phrase: str  # the words it was read from, cut out of the question


def find_when(text: str, documents: dict[str, Any]) -> tuple[str, When | None]:
    """The question without its date phrase, and what that phrase means (or None)."""
    for finder in (_document, _range, _financial, _part, _dated, _now):
        found = finder(text, documents)
        if found is not None:
            start, end, when = found
            rest = (text[:start] + " " + text[end:]).strip()
            return re.sub(r"\s+", " ", rest), when
    return text, None


def _safe(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise InputError(f"the date {day.isoformat()} is at the edge of the calendar", rule="bad-date") from None


def _relative(text: str, start: int, end: int, first: date, last: date) -> tuple[int, int, When]:
    """Apply the word before a date ("before", "after", "in"...) and return the whole phrase."""
    m = RELATIVE.search(text[:start])
    word = m.group(1).lower().split()[0] if m else ""
    begin = m.start() if m else start
    if word in ("before", "prior", "until", "till", "up", "by"):
        day = _safe(first, -1) if word in ("before", "prior") else last
        return begin, end, When(day, date.min, day, text[begin:end])
    if word in ("after", "since", "following", "from"):
        day = _safe(last, 1) if word in ("after", "following") else first
        return begin, end, When(day, day, date.max, text[begin:end])
    middle = first + (last - first) // 2
    return begin, end, When(middle, first, last, text[begin:end])


def _financial(text: str, _: dict[str, Any]) -> tuple[int, int, When] | None:
    m = FINANCIAL.search(text)
    if not m:
        return None
    year, separator, tail = int(m.group(1)), m.group(2), m.group(3)
    second = int(tail) if len(tail) == 4 else (year // 100) * 100 + int(tail)
    if second != year + 1 and separator == "-" and len(tail) == 2:
        return None  # an ISO month such as 2018-04
    if second != year + 1:
        raise InputError(
            f"'{m.group()}' is not a financial year: it must span one year, as in {year}/{(year + 1) % 100:02d}",
            rule="bad-date",
        )
    return _relative(text, m.start(), m.end(), date(year, 4, 1), date(year + 1, 3, 31))


def _part(text: str, _: dict[str, Any]) -> tuple[int, int, When] | None:
    m = PART.search(text)
    if not m:
        return None
    word, year = m.group(1).lower().split()[-1], int(m.group(2))
    word = {"start": "early", "beginning": "early", "end": "late"}.get(word, word)
    a, b = PARTS[word]
    first = date(year, a, 1)
    last = date(year + (b - 1) // 12, (b - 1) % 12 + 1, 1)
    last = _safe(date(last.year + (last.month == 12), last.month % 12 + 1, 1), -1)
    return _relative(text, m.start(), m.end(), first, last)


def _range(text: str, _: dict[str, Any]) -> tuple[int, int, When] | None:
    """ "between July and October 2018", "from 2017 to 2019": a period."""
    m = re.search(r"\b(?:between|from)\s+(.{3,30}?)\s+(?:and|to|until)\s+", text, re.I)
    if not m:
        return None
    right = find_dates(text[m.end() :])
    if not right or right[0].start != 0:
        return None
    year = right[0].iso[:4]
    left = find_dates(m.group(1)) or find_dates(f"{m.group(1)} {year}")
    a, b = (parse_date(left[0].iso) if left else None), parse_date(right[0].iso)
    if a is None or b is None:
        return None
    end = m.end() + right[0].end
    return m.start(), end, When(b[1], a[0], b[1], text[m.start() : end])


def _dated(text: str, _: dict[str, Any]) -> tuple[int, int, When] | None:
    for iso in re.findall(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])", text):
        if parse_date(iso) is None:
            raise InputError(f"'{iso}' is not a date", rule="bad-date")
    found = find_dates(text)
    if not found:
        return None
    d = found[0]
    span = parse_date(d.iso)
    if span is None:
        return None
    return _relative(text, d.start, d.end, *span)


def _document(text: str, documents: dict[str, Any]) -> tuple[int, int, When] | None:
    """ "at the time of the inspection letter": the date of the document it names."""
    m = DOCUMENT.search(text)
    if not m:
        return None
    words = {w.lower() for w in re.findall(r"\w+", m.group(1))}
    scored = []
    for doc_id, doc in documents.items():
        title = {w.lower() for w in re.findall(r"\w+", f"{doc['title']} {doc.get('kind', '')}")}
        scored.append((len(words & title), doc_id))
    scored.sort(reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    span = parse_date(documents[scored[0][1]]["date"])
    if span is None:
        return None
    return m.start(), m.end(), When(span[0], span[0], span[1], m.group())


NOW = re.compile(r"\b(?:now|currently|at\s+present|presently|today|these\s+days)\b", re.I)


def _now(text: str, documents: dict[str, Any]) -> tuple[int, int, When] | None:
    """ "who now represents ...": as the newest document has it, so what ended before
    it is left out (the documents cannot speak for a later day)."""
    m = NOW.search(text)
    day = newest_day(documents) if m else None
    if m is None or day is None:
        return None
    return m.start(), m.end(), When(day, day, day, m.group())


def newest_day(documents: dict[str, Any], area: str | None = None) -> date | None:
    """The day of the newest document (of ``area``, when one is given, and national ones):
    the "now" a question means, since the documents cannot speak for a later day."""
    days = [
        span[0]
        for doc in documents.values()
        if area in (None, "national", doc.get("area")) and (span := parse_date(str(doc.get("date") or "")))
    ]
    return max(days) if days else None
