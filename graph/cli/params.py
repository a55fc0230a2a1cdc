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


def area_option(func: Any) -> Any:
    """``--area``: names resolve within one area and the national bodies. Kept in the
    context (not a parameter of each command), since every question command takes it."""

    def remember(ctx: click.Context, _: Any, value: str | None) -> str | None:
        if value is not None:
            ctx.meta["govgraph.area"] = value
        return value

    return click.option(
        "--area",
        metavar="AREA",
        expose_value=False,
        callback=remember,
        is_eager=True,
        help="Only this area's entities (and the national ones), e.g. Birmingham.",
    )(func)


def area_of(ctx: click.Context) -> str | None:
    """The ``--area`` given to the current command, if any."""
    value = ctx.meta.get("govgraph.area")
    return str(value) if value is not None else None
