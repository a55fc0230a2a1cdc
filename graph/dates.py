"""ISO 8601 dates of reduced precision: ``2018-04-01``, ``2019-09``, ``2019``.

Documents say "by September 2019" or "in 2016" as often as they give a day, so a date
is an interval: a start date is read as the first day of its period and an end date as
the last, which keeps as-of questions honest about what the document does not say.
"""

from __future__ import annotations

import calendar
import re
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
