"""The governance questions: search, chairs, members, roles, reports-to, chain, explain,
changes, diff, conflicts and ask. Each answers from build/index.json with citations."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from graph.cli.main import built, cli
from graph.cli.output import cite_option, echo, format_option, render
from graph.cli.params import DATE, area_of, area_option, as_of_option
from graph.model.schema import CHANGE_KINDS


def _answer(ctx: click.Context, intent: Any, fmt: str, no_cite: bool, note: bool = False) -> None:
    """Run one intent against the build and print its answer."""
    from graph.build.index import load_index

    with built(ctx) as folder:
        answer = intent.run(load_index(folder))
    if note:
        answer.notes.append(f"ran: {intent.as_command()}")
    echo(render(answer.to_dict(), fmt, cite=not no_cite))


def _intent(command: str, *args: Any, as_of: date | None = None, labels: tuple[str, ...] = (), **options: Any) -> Any:
    """The intent of a structured command, its text arguments checked (named by ``labels``)."""
    from graph.names import check_text
    from graph.questions.intents import Intent

    names = tuple(
        check_text(a, labels[i] if i < len(labels) else "name") if isinstance(a, str) else a for i, a in enumerate(args)
    )
    typed = {k: check_text(v, f"--{k}") if isinstance(v, str) else v for k, v in options.items()}
    only = typed.pop("only", None)
    kinds = tuple(check_text(k, "--kind") for k in typed.pop("kinds", ()) or ())
    return Intent(command, names, as_of, typed, area=area_of(click.get_current_context()), only=only, kinds=kinds)


@cli.command()
@click.argument("text")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many matches at most (1-1000)."
)
@area_option
@format_option
@cite_option
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, fmt: str, no_cite: bool) -> None:
    """Find entities by name, acronym or alias, forgiving typos.

    \b
    Examples:
      govgraph search CDOP
      govgraph search "Penny Thomson"
      govgraph search "safeguarding in education" --format json
    """
    _answer(ctx, _intent("search", text, limit=limit, labels=("TEXT",)), fmt, True)


ONLY = click.option(
    "--only",
    type=click.Choice(["bodies", "people", "named"]),
    help="Only rows about bodies (and organisations), or people (and posts), or people named (a person, or a"
    " post whose holder is named).",
)
KIND = click.option(
    "--kind",
    "kinds",
    metavar="KIND",
    multiple=True,
    help="Only rows about bodies of this kind, by kind or name (a board's 'sub-groups' are its panels and groups too).",
)
ROLE = click.option(
    "--role", metavar="ROLE", help="Only this role (chair, co-chair, vice-chair, deputy-chair, lead, member...)."
)
REPRESENTS = click.option("--represents", metavar="ORG", help="Only members representing this organisation.")
BEFORE = click.option(
    "--before",
    metavar="PERSON",
    help="Only who held the place before this person (recorded as succeeded by them, or gone when they began).",
)
AFTER = click.option(
    "--after",
    metavar="PERSON",
    help="Only who held the place after this person (recorded as succeeding them, or begun when they left).",
)
HOLDERS = click.option(
    "--holders", is_flag=True, help="For a post: only who holds it (exit 1 when the documents name no one)."
)
SEATED = click.option(
    "--seated", is_flag=True, help="Only those with a seat: not attendees, officer support, observers or advisers."
)


def _body_command(name: str, summary: str, example: str, metavar: str = "BODY", options: tuple[Any, ...] = ()) -> None:
    """Register a one-argument question (BODY or PERSON) with the shared options and
    any of its own (``--role``, ``--only``...), which go to the answer as keywords."""

    @click.pass_context
    def command(ctx: click.Context, target: str, as_of: date | None, fmt: str, no_cite: bool, **extra: Any) -> None:
        _answer(ctx, _intent(name, target, as_of=as_of, **extra), fmt, no_cite)

    command.__doc__ = f"{summary}\n\n\b\nExamples:\n{example}"
    command = click.argument("target", metavar=metavar)(command)
    for option in options:
        command = option(command)
    cli.command(name)(cite_option(format_option(area_option(as_of_option(command)))))


_body_command(
    "chairs",
    "Who chairs, co-chairs, vice-chairs or deputises for a body, by person and post.",
    '      govgraph chairs CDOP\n      govgraph chairs "Executive Board" --as-of 2018-03-01\n'
    "      govgraph chairs BSCB --role vice-chair --format json\n"
    '      govgraph chairs "L&D Sub-Group" --before "Michelle McLoughlin"',
    options=(ROLE, BEFORE, AFTER),
)
_body_command(
    "members",
    "Members of a body with their roles and the organisation each represents.",
    '      govgraph members "BSCB Executive Board"\n      govgraph members cso-committee --format csv\n'
    '      govgraph members "BSCB Executive Board" --represents "West Midlands Police"\n'
    "      govgraph members cso-committee --seated\n"
    '      govgraph members "BSCB Executive Board" --before "Jane Middleton"\n'
    '      govgraph members "BSCB Executive Board" --after "Rob Willoughby"',
    options=(ROLE, REPRESENTS, SEATED, BEFORE, AFTER, ONLY),
)
_body_command(
    "roles",
    "Every post, membership and role a person holds, with dates.",
    '      govgraph roles "Penny Thompson"\n      govgraph roles "Director of Children\'s Services"\n'
    '      govgraph roles "Head of Birmingham Probation" --holders\n'
    '      govgraph roles "Cabinet Member for Children, Families and Schools" --before "Carl Rice"\n'
    '      govgraph roles "Penny Thompson" --role chair',
    metavar="PERSON",
    options=(HOLDERS, BEFORE, AFTER, ROLE),
)
_body_command(
    "reports-to",
    "The direct lines upwards: reports to, accountable to, overseen by, presents to.",
    '      govgraph reports-to CDOP\n      govgraph reports-to "YOS gangs Strategic Board"',
    options=(ONLY, KIND),
)
_body_command(
    "chain",
    "The whole accountability chain upwards, as every path to the top.",
    '      govgraph chain CDOP\n      govgraph chain "Child Death Overview Panel" --no-cite',
)


_body_command(
    "below",
    "The direct lines downwards: what reports to, is accountable to, is part of, presents to, is overseen or is held"
    " to account by a body; then what advises it (its work streams, advisory groups).",
    '      govgraph below "BSCB Executive Board"\n      govgraph below BSCB --as-of 2018-03-31 --format json\n'
    "      govgraph below BSCB --only bodies\n      govgraph below BSCB --kind sub-groups",
    options=(ONLY, KIND),
)


@cli.command()
@click.argument("target", metavar="BODY")
@click.option("--depth", type=click.IntRange(1, 20), default=6, show_default=True, help="How many lines deep.")
@click.option("--up", is_flag=True, help="The structure above the body instead of below it.")
@as_of_option
@area_option
@format_option
@cite_option
@click.pass_context
def tree(ctx: click.Context, target: str, depth: int, up: bool, as_of: date | None, fmt: str, no_cite: bool) -> None:
    """The whole structure beneath a body (or above it, with --up), as an indented tree.

    Each line is labelled with its kind (reports to, part of, overseen by...); an entity
    reached twice is marked (see above) and not repeated. JSON nests the tree.

    \b
    Examples:
      govgraph tree BSCB
      govgraph tree CDOP --up
      govgraph tree "BSCB Executive Board" --depth 2 --format json
    """
    _answer(ctx, _intent("tree", target, as_of=as_of, depth=depth, up=up or None), fmt, no_cite)


@cli.command()
@click.argument("target", metavar="ENTITY")
@click.option(
    "--line",
    "line",
    metavar="KIND",
    help="Only lines of this kind (owns, hosts, funds, reports-to...), both ways; "
    "worded from the other end (owned-by, hosted-by, line-managed-by...), the lines coming in only.",
)
@as_of_option
@area_option
@format_option
@cite_option
@click.pass_context
def about(ctx: click.Context, target: str, line: str | None, as_of: date | None, fmt: str, no_cite: bool) -> None:
    """Everything about one entity on one card, each row with its quote.

    What it is, its names and acronyms, who chairs it and sits on it (or what a person
    holds), every line in both directions worded from its side (owns / owned by, hosts /
    hosted by, line-manages / line-managed by...), its changes and the claims about it.

    \b
    Examples:
      govgraph about "Birmingham Children's Trust"
      govgraph about "Simon Cross"
      govgraph about "Birmingham Children's Trust" --line owns
      govgraph about "Simon Cross" --line line-managed-by
    """
    _answer(ctx, _intent("about", target, as_of=as_of, line=line), fmt, no_cite)


@cli.command()
@click.argument("acronym")
@area_option
@format_option
@cite_option
@click.pass_context
def define(ctx: click.Context, acronym: str, fmt: str, no_cite: bool) -> None:
    """What an acronym stands for: every expansion the documents give, each with its quote.

    \b
    Examples:
      govgraph define CDOP
      govgraph define CP-IS
    """
    _answer(ctx, _intent("define", acronym, labels=("ACRONYM",)), fmt, no_cite)


@cli.command()
@click.argument("a")
@click.argument("b")
@as_of_option
@area_option
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
    _answer(ctx, _intent("explain", a, b, as_of=as_of, labels=("A", "B")), fmt, no_cite)


@cli.command()
@click.option("--from", "start", type=DATE, help="Only events on or after this date.")
@click.option("--to", "end", type=DATE, help="Only events on or before this date.")
@click.option("--of", "of", metavar="ENTITY", help="Only events this entity takes part in.")
@click.option(
    "--with-result",
    "result",
    is_flag=True,
    help="Only events whose result the documents name (what X became, where it moved): exit 1 when none do.",
)
@click.option("--kind", type=click.Choice(CHANGE_KINDS), help="Only changes of this kind (merged, created...).")
@area_option
@format_option
@cite_option
@click.pass_context
def changes(
    ctx: click.Context,
    start: date | None,
    end: date | None,
    of: str | None,
    result: bool,
    kind: str | None,
    fmt: str,
    no_cite: bool,
) -> None:
    """Change events (created, merged, acquired, transferred, replaced...), planned or in force.

    \b
    Examples:
      govgraph changes
      govgraph changes --from 2018-04-01 --to 2018-04-01
      govgraph changes --of "Heart of England NHS Foundation Trust"
      govgraph changes --of "Paediatric surgery at the ROH" --with-result
      govgraph changes --kind merged
    """
    _answer(ctx, _intent("changes", start=start, end=end, of=of, result=result or None, kind=kind), fmt, no_cite)


@cli.command()
@click.argument("first", type=DATE, required=False)
@click.argument("second", type=DATE, required=False)
@click.option("--change", help="Instead of dates: lines and memberships before and after this change event.")
@area_option
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
    _answer(ctx, _intent("diff", first, second, change=change), fmt, no_cite)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Also names and titles that differ only in wording.")
@area_option
@format_option
@cite_option
@click.pass_context
def conflicts(ctx: click.Context, show_all: bool, fmt: str, no_cite: bool) -> None:
    """Where the sources disagree: each claim with its own evidence.

    Real disagreements (different dates, ranks, holders, expansions or words) are
    listed; names and titles written two ways ("Cabinet Member for Children, Families
    and Schools" / "Cabinet Member, Children, Families & Schools") only with --all.

    \b
    Examples:
      govgraph conflicts
      govgraph conflicts --all --no-cite --format csv
    """
    _answer(ctx, _intent("conflicts", all=show_all or None), fmt, no_cite)


@cli.command()
@click.argument("question")
@area_option
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
    from graph.build.index import load_index
    from graph.questions.ask import ask as run_ask

    with built(ctx) as folder:
        asked = run_ask(question, load_index(folder), area_of(ctx))
    if fmt == "json":
        echo(json.dumps(asked.to_dict(cite=not no_cite), ensure_ascii=False, indent=2))
        return
    for intent, answer in asked.answered:
        if fmt == "table":
            echo(f"→ {intent.as_command()}")
        echo(render(answer.to_dict(), fmt, cite=not no_cite))
    for intent, why in asked.unanswered:
        echo(f"→ {intent.as_command()}\n{why}")
