"""``govgraph view``: the interactive network as one offline HTML file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from graph.cli.main import built, cli, project_of
from graph.cli.params import DATE


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
@click.option("--as-of", type=DATE, help="A static snapshot on this date.")
@click.pass_context
def view(ctx: click.Context, output: Path | None, centre: str | None, depth: int, as_of: date | None) -> None:
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
    from graph.view import write_view

    if ctx.get_parameter_source("depth") is click.core.ParameterSource.COMMANDLINE and not centre:
        raise click.UsageError("--depth needs --focus NAME")
    project = project_of(ctx)
    out = output or project.out / "view.html"
    with built(ctx) as folder:
        summary = write_view(folder, out, centre=centre, depth=depth, day=as_of)
    size = summary.bytes / 1_000_000
    click.echo(f"Wrote {out}: {summary.nodes} nodes, {summary.edges} lines, {size:.1f} MB (works offline)")
    if summary.nodes > summary.warn_nodes:
        click.echo(
            f"note: {summary.nodes} nodes is more than {summary.warn_nodes}; the page suggests"
            " filters, or use --focus NAME --depth 2 for a readable neighbourhood",
            err=True,
        )
