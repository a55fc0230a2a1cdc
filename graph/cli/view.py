"""``govgraph view``: the structure chart, the network and before-and-after views as one
offline HTML file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from graph.cli.main import built, cli, project_of
from graph.cli.params import DATE, area_of, area_option


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
@click.option(
    "--change",
    metavar="CHANGE",
    help="Open on the structure before and after this change event (its label or id, or an entity it creates or ends).",
)
@area_option
@click.pass_context
def view(
    ctx: click.Context,
    output: Path | None,
    centre: str | None,
    depth: int,
    as_of: date | None,
    change: str | None,
) -> None:
    """Write the governance graph as one self-contained, offline HTML page.

    The page needs no network: vis-network and all data are inlined. It opens on a
    layered chart of the lines of accountability (who reports, answers or belongs to
    whom), top down; a second mode shows every entity and line as a network, a third
    the structure on the day before and the day after a change event, each line
    marked kept, removed or added. In it you can search by name, acronym or alias;
    filter by entity type and line kind; move a date control; click an entity for
    its card (as `govgraph about` prints it) or a line for its facts, each with the
    evidence quote, document title and date; read every line shown as a table; save
    the chart as PNG or print it with its evidence. The address of the page keeps
    what you chose, so a link reopens the same view. When the graph holds several
    areas the page can filter by area; --area writes a page of one area and the
    national bodies only.

    \b
    Examples:
      govgraph view -o view.html
      govgraph view --focus BSCB --depth 2 -o bscb.html
      govgraph view --as-of 2018-03-31 -o before-merger.html
      govgraph view --change masa-replaces-lscb -o masa.html
      govgraph view --area Birmingham -o birmingham.html
    """
    from graph.view import write_view

    if ctx.get_parameter_source("depth") is click.core.ParameterSource.COMMANDLINE and not centre:
        raise click.UsageError("--depth needs --focus NAME")
    if change and (centre or as_of):
        raise click.UsageError("--change draws its own two days and entities: drop --focus and --as-of")
    project = project_of(ctx)
    out = output or project.out / "view.html"
    area = area_of(ctx)
    with built(ctx) as folder:
        summary = write_view(folder, out, centre=centre, depth=depth, day=as_of, change=change, area=area)
    size = summary.bytes / 1_000_000
    click.echo(f"Wrote {out}: {summary.nodes} nodes, {summary.edges} lines, {size:.1f} MB (works offline)")
    if summary.area:
        click.echo(f"It shows {summary.area} and the national bodies only")
    if summary.change:
        click.echo(f"It opens on the structure before and after: {summary.change}")
    if summary.nodes > summary.warn_nodes:
        click.echo(
            f"note: {summary.nodes} nodes is more than {summary.warn_nodes}; the page suggests"
            " filters, or use --focus NAME --depth 2 for a readable neighbourhood",
            err=True,
        )
