"""Click commands. Thin: parse, call one library function, print.

Each module registers its commands on the group in ``graph.cli.main``; heavy
libraries (rdflib, pyoxigraph, pyvis, networkx) are imported inside commands so that
``govgraph --help`` stays fast.
"""

from __future__ import annotations

from graph.cli import answers, build_cmds  # noqa: F401  (registers commands)
from graph.cli import view  # noqa: F401  (registers `govgraph view`)
from graph.cli import sparql  # noqa: F401  (registers queries, sparql, serve, push, export)
from graph.cli import extract  # noqa: F401  (registers add-source, extract, review)
from graph.cli.main import cli


def main() -> None:
    cli(prog_name="govgraph")
