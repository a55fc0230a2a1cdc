"""Dates as documents print them ("1 April 2018", "April 1st 2018", "September 2019",
"2016") -> the reduced-precision ISO strings of the curated format."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.dates import parse_date

MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
         ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
         ("October", "Oct"), ("November", "Nov"), ("December", "Dec")],
        start=1,
    )
    for m in names
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d{2})"
_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 1 April 2018
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # April 1st 2018
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),  # April 2018
    re.compile(rf"(?<![/\d£-]){_YEAR}(?![/\d-])"),  # 2018 (not 2017/18, not £2018)
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str


def find_dates(text: str, base: int = 0) -> list[FoundDate]:
    """Every date in ``text``, most precise reading first where readings overlap."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso = _iso(kind, m.groups())
            if iso and parse_date(iso):
                found.append(FoundDate(base + m.start(), base + m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


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
