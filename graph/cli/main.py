"""The ``govgraph`` command group: options shared by every command, and error mapping.

Library code raises ``graph.errors`` exceptions; here they become one line on stderr
(control characters escaped) and an exit code (2 bad input, 1 not found or findings),
never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from graph.cli.output import one_line
from graph.errors import Ambiguous, GovgraphError, NotFound


class GovgraphGroup(click.Group):
    """A click group that turns user-facing errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GovgraphError as exc:
            click.echo(f"Error: {one_line(str(exc))}", err=True)
            if isinstance(exc, (NotFound, Ambiguous)) and exc.candidates:
                label = "Candidates" if isinstance(exc, Ambiguous) else "Did you mean"
                click.echo(one_line(f"{label}: " + "; ".join(exc.candidates)), err=True)
            ctx.exit(exc.exit_code)
        except click.ClickException as exc:  # a bad option value is echoed back: escape it too
            setattr(exc, "message", one_line(exc.message))  # noqa: B010 (the attribute is typed Final)
            raise


@click.group(cls=GovgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    envvar="GOVGRAPH_PROJECT",
    help="The project folder holding data/, ontology/ and build/.",
)
@click.version_option(package_name="govgraph")
@click.pass_context
def cli(ctx: click.Context, project: Path) -> None:
    """govgraph: a sourced knowledge graph of a local safeguarding system.

    \b
    Every fact carries a verbatim quote from a named source document.
    Start with:
      govgraph build                      validate and build the graph
      govgraph ask "who chairs the CDOP?" ask a question, with citations
      govgraph COMMAND --help             help and examples for a command
    """
    from graph.project import Project

    ctx.obj = Project(project)


def project_of(ctx: click.Context) -> Any:
    """The Project chosen by ``--project``."""
    return ctx.find_root().obj


@contextmanager
def built(ctx: click.Context) -> Iterator[Path]:
    """The folder of the current build (one generation), held until the block ends.

    Everything a command reads comes from this one folder, so a build finishing
    meanwhile cannot give it half of each graph, nor remove what it is reading.
    """
    from graph.build.generations import reading

    with reading(project_of(ctx).out) as generation:
        yield generation.path
