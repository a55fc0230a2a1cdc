"""Reduced-precision dates: the docstring examples run, and the edge cases hold."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

import graph.dates
from graph.dates import first_day, last_day, parse_date


def test_docstring_examples() -> None:
    assert doctest.testmod(graph.dates).failed == 0


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2018", (date(2018, 1, 1), date(2018, 12, 31))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2018-04-01", (date(2018, 4, 1), date(2018, 4, 1))),
        (2019, (date(2019, 1, 1), date(2019, 12, 31))),
    ],
)
def test_spans(text: object, span: tuple[date, date]) -> None:
    assert parse_date(text) == span


@pytest.mark.parametrize("text", ["2018-13-40", "2018-02-30", "1 April 2018", "", True, None, "2018-4-1"])
def test_invalid(text: object) -> None:
    assert parse_date(text) is None


def test_first_and_last_day_refuse_invalid() -> None:
    with pytest.raises(ValueError):
        first_day("April")
    assert last_day("2019-09") == date(2019, 9, 30)
