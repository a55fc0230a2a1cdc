"""``govgraph view``: the interactive network as one offline HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.main import cli, project_of


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The HTML file to write.  [default: build/view.html in the project]",
)
@click.option(
    "--focus",
    "centre",
    metavar="NAME",
    help="Only the neighbourhood of this entity (name, acronym, alias or id).",
)
@click.option(
    "--depth",
    type=click.IntRange(0, 20),
    default=2,
    show_default=True,
    help="How many lines away from --focus to include.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="A static snapshot on this date (YYYY-MM-DD, YYYY-MM or YYYY).",
)
@click.pass_context
def view(
    ctx: click.Context, output: Path | None, centre: str | None, depth: int, as_of: str | None
) -> None:
    """Write the governance network as one self-contained, offline HTML page.

    The page needs no network: vis-network and all data are inlined. In it you can
    search by name, acronym or alias; filter by entity type and line kind; hide
    people; show only the accountability network; move a date control to see the
    network as of a date; and click a node or line to see its facts with the
    evidence quotes, document title and date.

    \b
    Examples:
      govgraph view -o view.html
      govgraph view --focus BSCB --depth 2 -o bscb.html
      govgraph view --as-of 2018-03-31 -o before-merger.html
    """
    from graph.dates import parse_date
    from graph.errors import InputError
    from graph.view import write_view

    if ctx.get_parameter_source("depth") is click.core.ParameterSource.COMMANDLINE and not centre:
        raise click.UsageError("--depth needs --focus NAME")
    day = None
    if as_of is not None:
        span = parse_date(as_of)
        if span is None:
            raise InputError(
                f"invalid date {as_of!r}: use YYYY-MM-DD, YYYY-MM or YYYY", rule="bad-date"
            )
        day = span[0]
    project = project_of(ctx)
    out = output or project.out / "view.html"
    try:
        summary = write_view(project.out, out, centre=centre, depth=depth, day=day)
    except (IsADirectoryError, PermissionError, FileNotFoundError) as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}", rule="output") from None
    size = summary.bytes / 1_000_000
    click.echo(
        f"Wrote {out}: {summary.nodes} nodes, {summary.edges} lines, {size:.1f} MB (works offline)"
    )
    if summary.nodes > summary.warn_nodes:
        click.echo(
            f"note: {summary.nodes} nodes is more than {summary.warn_nodes}; the page suggests"
            " filters, or use --focus NAME --depth 2 for a readable neighbourhood",
            err=True,
        )
