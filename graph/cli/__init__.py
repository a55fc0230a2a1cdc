"""Click commands. Thin: parse, call one library function, print.

Each module registers its commands on the group in ``graph.cli.main``; heavy
libraries (rdflib, pyoxigraph, pyvis, networkx) are imported inside commands so that
``govgraph --help`` stays fast.
"""

from __future__ import annotations

from graph.cli import (  # noqa: F401  (registers commands)
    answers,
    build_cmds,
    extract,
    sparql,
    view,
)
from graph.cli.main import cli


def main() -> None:
    cli(prog_name="govgraph")
