"""Option types shared by every command, so a date means the same everywhere."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


class DateType(click.ParamType):
    """An ISO date (2018-04-01); 2018-04 and 2018 mean their first day."""

    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        from graph.dates import parse_date

        span = parse_date(value)
        if span is None:
            self.fail(f"invalid date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY", param, ctx)
        return span[0]


DATE = DateType()


def as_of_option(func: Any) -> Any:
    return click.option("--as-of", type=DATE, help="Answer as the documents describe this date.")(func)
