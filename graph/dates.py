"""Dates: ISO 8601 of reduced precision (``2018-04-01``, ``2019-09``, ``2019``) and
dates as English prints them ("1 April 2018", "April 1st 2018", "Sept. 2019").

Documents say "by September 2019" or "in 2016" as often as they give a day, so a date
is an interval: a start date is read as the first day of its period and an end date as
the last, which keeps as-of questions honest about what the document does not say.
Questions and extraction read English dates with the same reader, ``find_dates``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

XSD = {1: "gYear", 2: "gYearMonth", 3: "date"}


def parse_date(text: object) -> tuple[date, date] | None:
    """The first and last day a reduced-precision ISO date covers, or None if invalid.

    >>> parse_date("2019-09")
    (datetime.date(2019, 9, 1), datetime.date(2019, 9, 30))
    >>> parse_date("2018-13-40") is None
    True
    """
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        return None
    match = _ISO.match(str(text).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        exact = date(year, month, day)
    except ValueError:
        return None
    return exact, exact


def precision(text: str) -> int:
    """1 for a year, 2 for a month, 3 for a day (the number of ISO parts)."""
    return str(text).count("-") + 1


def first_day(text: str) -> date:
    """The first day of a valid reduced-precision date."""
    span = parse_date(text)
    if span is None:
        raise ValueError(f"invalid date {text!r}")
    return span[0]


def last_day(text: str) -> date:
    """The last day of a valid reduced-precision date."""
    span = parse_date(text)
    if span is None:
        raise ValueError(f"invalid date {text!r}")
    return span[1]


_MONTH_NAMES = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep", "Sept"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
# Month names and their abbreviations, lower-case, to the month's number.
MONTHS = {m.lower(): i for i, names in enumerate(_MONTH_NAMES, start=1) for m in names}
FULL_MONTHS = tuple(names[0].lower() for names in _MONTH_NAMES)
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
_ENGLISH = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 1 April 2018
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # April 1st 2018
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),  # April 2018
    re.compile(r"(?<![/\d£-])(\d{4}-\d{2}-\d{2}|\d{4}-\d{2})(?![/\d-])"),  # 2018-04-01, 2018-04
    re.compile(rf"(?<![/\d£-]){_YEAR}(?![/\d-])"),  # 2018 (not 2017/18, not £2018)
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: where it is, and its reduced-precision ISO form."""

    start: int
    end: int
    iso: str


def find_dates(text: str, base: int = 0) -> list[FoundDate]:
    """Every date in ``text``, in order; where readings overlap the most precise wins.

    >>> [d.iso for d in find_dates("from April 1st 2018 to 30 Sept. 2019, not 2017/18")]
    ['2018-04-01', '2019-09-30']
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in enumerate(_ENGLISH):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso = _iso(kind, m.groups())
            if iso and parse_date(iso):
                found.append(FoundDate(base + m.start(), base + m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def read_date(text: str) -> tuple[date, date] | None:
    """The span of a text that is one date and nothing else, or None.

    >>> read_date("April 1st 2018")
    (datetime.date(2018, 4, 1), datetime.date(2018, 4, 1))
    >>> read_date("2018-02-29") is None
    True
    """
    stripped = text.strip()
    found = find_dates(stripped)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return parse_date(found[0].iso)


def _iso(kind: int, groups: tuple[str, ...]) -> str | None:
    if kind == 0:
        day, month, year = groups
    elif kind == 1:
        month, day, year = groups
    elif kind == 2:
        month, year = groups
        return f"{year}-{MONTHS[month.lower()]:02d}"
    else:
        return groups[0]
    return f"{year}-{MONTHS[month.lower()]:02d}-{int(day):02d}"
