"""The governance questions: search, chairs, members, roles, reports-to, chain, explain,
changes, diff, conflicts and ask. Each answers from build/index.json with citations."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from graph.cli.main import cli, project_of
from graph.cli.output import cite_option, format_option, render


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


def _gov(ctx: click.Context, as_of: date | None = None) -> Any:
    from graph.questions.answers import Governance

    return Governance.from_build(project_of(ctx).out, as_of)


def _emit(answer: Any, fmt: str, no_cite: bool) -> None:
    click.echo(render(answer.to_dict(), fmt, cite=not no_cite))


def _checked(text: str, what: str) -> str:
    from graph.names import check_text

    return check_text(text, what)


@cli.command()
@click.argument("text")
@click.option("--limit", default=10, show_default=True, help="How many matches at most.")
@format_option
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, fmt: str) -> None:
    """Find entities by name, acronym or alias, forgiving typos.

    \b
    Examples:
      govgraph search CDOP
      govgraph search "Penny Thomson"
      govgraph search "safeguarding in education" --format json
    """
    _emit(_gov(ctx).search(_checked(text, "TEXT"), limit=limit), fmt, True)


def _body_command(name: str, method: str, summary: str, example: str, metavar: str = "BODY") -> None:
    """Register a one-argument question (BODY or PERSON) with the shared options."""

    @click.pass_context
    def command(ctx: click.Context, target: str, as_of: date | None, fmt: str, no_cite: bool) -> None:
        answer = getattr(_gov(ctx, as_of), method)(_checked(target, "name"))
        _emit(answer, fmt, no_cite)

    command.__doc__ = f"{summary}\n\n\b\nExamples:\n{example}"
    command = click.argument("target", metavar=metavar)(command)
    cli.command(name)(cite_option(format_option(as_of_option(command))))


_body_command(
    "chairs", "chairs", "Who chairs, co-chairs, vice-chairs or deputises for a body, by person and post.",
    '      govgraph chairs CDOP\n      govgraph chairs "Executive Board" --as-of 2018-03-01\n      govgraph chairs BSCB --format json',
)
_body_command(
    "members", "members", "Members of a body with their roles and the organisation each represents.",
    '      govgraph members "BSCB Executive Board"\n      govgraph members cso-committee --format csv',
)
_body_command(
    "roles", "roles", "Every post, membership and role a person holds, with dates.",
    '      govgraph roles "Penny Thompson"\n      govgraph roles "Director of Children\'s Services"',
    metavar="PERSON",
)
_body_command(
    "reports-to", "reports_to", "The direct lines upwards: reports to, accountable to, overseen by, presents to.",
    '      govgraph reports-to CDOP\n      govgraph reports-to "YOS gangs Strategic Board"',
)
_body_command(
    "chain", "chain", "The whole accountability chain upwards, as every path to the top.",
    '      govgraph chain CDOP\n      govgraph chain "Child Death Overview Panel" --no-cite',
)


@cli.command()
@click.argument("a")
@click.argument("b")
@as_of_option
@format_option
@cite_option
@click.pass_context
def explain(ctx: click.Context, a: str, b: str, as_of: date | None, fmt: str, no_cite: bool) -> None:
    """The shortest path(s) between two entities, every hop cited.

    \b
    Examples:
      govgraph explain CDOP "West Midlands Police"
      govgraph explain "Penny Thompson" "Birmingham City Council"
    """
    _emit(_gov(ctx, as_of).explain(_checked(a, "A"), _checked(b, "B")), fmt, no_cite)


@cli.command()
@click.option("--from", "start", type=DATE, help="Only events on or after this date.")
@click.option("--to", "end", type=DATE, help="Only events on or before this date.")
@format_option
@cite_option
@click.pass_context
def changes(ctx: click.Context, start: date | None, end: date | None, fmt: str, no_cite: bool) -> None:
    """Change events (created, merged, acquired, transferred, replaced...), planned or in force.

    \b
    Examples:
      govgraph changes
      govgraph changes --from 2018-04-01 --to 2018-04-01
    """
    _emit(_gov(ctx).changes(start, end), fmt, no_cite)


@cli.command()
@click.argument("first", type=DATE, required=False)
@click.argument("second", type=DATE, required=False)
@click.option("--change", help="Instead of dates: lines and memberships before and after this change event.")
@format_option
@cite_option
@click.pass_context
def diff(
    ctx: click.Context, first: date | None, second: date | None, change: str | None, fmt: str, no_cite: bool
) -> None:
    """What changed in bodies, posts, memberships and lines between two dates.

    With --change, who was accountable to whom (and who sat where) before and after a
    change event, planned ones included.

    \b
    Examples:
      govgraph diff 2018-03-31 2018-04-01
      govgraph diff 2017-04-01 2018-10-17 --no-cite --format csv
      govgraph diff --change "Multi-Agency Safeguarding Arrangements replace"
    """
    from graph.errors import NotFound

    if change:
        _emit(_gov(ctx).around(_checked(change, "--change")), fmt, no_cite)
        return
    if first is None or second is None:
        raise click.UsageError("give two dates, or --change CHANGE")
    answer = _gov(ctx).diff(first, second)
    if not answer.rows:
        raise NotFound(f"nothing changed between {first} and {second}")
    _emit(answer, fmt, no_cite)


@cli.command()
@format_option
@cite_option
@click.pass_context
def conflicts(ctx: click.Context, fmt: str, no_cite: bool) -> None:
    """Where the sources disagree: each claim with its own evidence.

    \b
    Example:
      govgraph conflicts
    """
    _emit(_gov(ctx).conflicts(), fmt, no_cite)


@cli.command()
@click.argument("question")
@format_option
@cite_option
@click.pass_context
def ask(ctx: click.Context, question: str, fmt: str, no_cite: bool) -> None:
    """Ask in plain English; the answer says which command it ran.

    \b
    Examples:
      govgraph ask "who chairs the CDOP?"
      govgraph ask "who does the YOS gangs Strategic Board report to?"
      govgraph ask "what roles does Penny Thompson hold?"
      govgraph ask "what changed on 1 April 2018?"
      govgraph ask "how is the SCR sub-group accountable to the safeguarding partners?"
    """
    from graph.questions.ask import parse_question

    intent = parse_question(question)
    if fmt == "table":
        click.echo(f"→ {intent.as_command()}")
    gov = _gov(ctx, intent.as_of)
    if intent.command == "changes":
        start = DATE.convert(intent.options["from"], None, ctx) if "from" in intent.options else None
        end = DATE.convert(intent.options["to"], None, ctx) if "to" in intent.options else None
        answer = gov.changes(start, end)
    elif intent.command == "diff" and "change" in intent.options:
        answer = gov.around(intent.options["change"])
    elif intent.command == "diff":
        answer = gov.diff(*(DATE.convert(a, None, ctx) for a in intent.args))
    else:
        method = intent.command.replace("-", "_")
        answer = getattr(gov, method)(*intent.args)
    answer.notes.append(f"ran: {intent.as_command()}")
    _emit(answer, fmt, no_cite)
