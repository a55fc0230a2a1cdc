"""``govgraph queries``, ``sparql``, ``serve``, ``push`` and ``export``: SPARQL everywhere."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli.main import built, cli, project_of
from graph.cli.output import echo

if TYPE_CHECKING:
    from graph.sparql.store import Result

RESULT_FORMATS = ("table", "json", "csv", "tsv", "ttl")
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "csv")


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--param expects NAME=VALUE, got {value!r}")
        out[name.strip()] = text
    return out


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the named SPARQL queries and their parameters.

    Run one with `govgraph sparql NAME --param NAME=VALUE`. The files are in
    graph/queries/*.rq; each says in its header what it answers.

    \b
    Example:
      govgraph queries
      govgraph sparql chairs --param body=cdop
    """
    import json

    from graph.cli.output import table
    from graph.files import csv_text
    from graph.sparql.queries import registry

    rows = [
        [
            q.name,
            " ".join(f"{p.name}={p.type}" + (f"(default {p.default})" if p.default else "") for p in q.params),
            q.title,
        ]
        for q in registry().values()
    ]
    if fmt == "json":
        data = [
            {
                "name": q.name,
                "title": q.title,
                "answers": q.answers,
                "expect_empty": q.expect_empty,
                "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help} for p in q.params],
            }
            for q in registry().values()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo(csv_text(["name", "params", "title"], rows), nl=False)
    else:
        click.echo("\n".join(table(["name", "params", "title"], rows, rule=True)) + "\n", nl=False)


@cli.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for a named query's parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="table for people; json/csv/tsv are the SPARQL 1.1 result formats; ttl for CONSTRUCT/DESCRIBE.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query this SPARQL 1.1 endpoint instead of build/store; add ?default-graph-uri=IRI to query one graph.",
)
@click.option(
    "--backend",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="The local store: Oxigraph on disk, or rdflib in memory (slow).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds before the query is stopped (0: no limit).",
)
@click.pass_context
def sparql(
    ctx: click.Context,
    query: str,
    params: tuple[str, ...],
    fmt: str,
    endpoint: str | None,
    backend: str,
    timeout: float,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) or a named query.

    QUERY is a named query (see `govgraph queries`), a .rq file, - for standard
    input, or the query text itself. The prefixes gg: org: id: stmt: src: foaf:
    prov: skos: dcterms: rdf: rdfs: xsd: owl: time: are declared for you. Updates
    and SERVICE are refused. Exit status: 0 answers found, 1 no answer (for a check
    such as `unevidenced`: rows found), 2 bad query, bad parameter or timeout.

    \b
    Examples:
      govgraph sparql chairs --param body=cdop
      govgraph sparql 'SELECT ?who ?body WHERE { ?who gg:chairOf ?body }'
      govgraph sparql 'ASK { id:cdop org:reportsTo+ ?top }'
      govgraph sparql my-query.rq --format csv > answers.csv
      govgraph sparql chain -p body=cdop --endpoint http://127.0.0.1:7878/query
      govgraph sparql chairs -p body=cdop \\
        --endpoint 'http://127.0.0.1:8890/sparql?default-graph-uri=https://example.org/govgraph'
    """
    from graph.sparql import queries as named
    from graph.sparql.formats import render
    from graph.sparql.store import Solutions, open_store

    target = named.resolve(sys.stdin.read() if query == "-" else query)
    values = _params(params)
    if values and not isinstance(target, named.NamedQuery):
        raise click.UsageError("--param works only with named queries (see `govgraph queries`)")
    from graph.sparql.store.auth import find_credentials

    limit = timeout or None
    with contextlib.nullcontext(project_of(ctx).out) if endpoint else built(ctx) as folder:
        store = open_store(folder, backend, endpoint, find_credentials(endpoint) if endpoint else None)
        if isinstance(target, named.NamedQuery):
            result = named.run(store, target, values, timeout=limit)
        else:
            result = store.query(target, timeout=limit)
    echo(_for_people(result) if fmt == "table" else render(result, fmt), nl=False)
    if isinstance(target, named.NamedQuery) and target.expect_empty:
        if len(result):
            click.echo(f"{len(result)} row(s) found; '{target.name}' should find none", err=True)
            ctx.exit(1)
        click.echo("none found, as expected", err=True)
    elif not len(result):
        click.echo("no results" if isinstance(result, Solutions) else "no (empty answer)", err=True)
        ctx.exit(1)


def _for_people(result: Result) -> str:
    """``--format table``: yes or no for ASK, else short cells laid out as a table."""
    from graph.cli.output import table
    from graph.sparql.formats import cells
    from graph.sparql.store import Boolean

    if isinstance(result, Boolean):
        return "yes\n" if result.value else "no\n"
    header, rows = cells(result)
    return "\n".join(table(header, rows, rule=True)) + "\n"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless --public).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free one).")
@click.option(
    "--public", is_flag=True, help="Listen beyond loopback and answer any Host name (other machines can reach it)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1, max=3600),
    default=30.0,
    show_default=True,
    help="Seconds a query may run.",
)
@click.option(
    "--max-result-mb",
    type=click.IntRange(1, 4096),
    default=64,
    show_default=True,
    help="Largest answer, in megabytes; larger ones are refused (add LIMIT).",
)
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True, help="Queries run at once.")
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, public: bool, timeout: float, max_result_mb: int, workers: int
) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint.

    Listens on 127.0.0.1 only, unless --host and --public say otherwise; without
    --public, a request naming any host but a loopback one is refused (no DNS
    rebinding). Queries go to /query (GET or POST, SPARQL 1.1 Protocol), with the
    usual prefixes declared. Updates and SERVICE are refused (HTTP 403); a query is
    stopped when --timeout passes (503) and an answer larger than --max-result-mb is
    refused (422). It serves the current build and moves to the next one when
    `govgraph build` publishes it; each answer's X-Govgraph-Generation header says
    which. Stop it with Ctrl-C.

    \b
    Example:
      govgraph serve --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/query
      govgraph sparql chairs -p body=cdop --endpoint http://127.0.0.1:7878/query
    """
    import signal

    from graph.sparql.front import Endpoint

    endpoint = Endpoint(
        project_of(ctx).out,
        host=host,
        port=port,
        public=public,
        timeout=timeout,
        max_bytes=max_result_mb * 1024 * 1024,
        workers=workers,
    )
    signal.signal(signal.SIGTERM, lambda *_: endpoint.shutdown())
    try:
        click.echo(
            f"SPARQL endpoint (read-only): {endpoint.query_url}   serving {endpoint.generations.current}"
            "; it follows new builds   Ctrl-C to stop"
        )
        sys.stdout.flush()
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()


@cli.command()
@click.option(
    "--endpoint", required=True, metavar="URL", help="The server's base URL, or any of its SPARQL or Graph Store URLs."
)
@click.option("--graph", "graph_iri", metavar="IRI", help="The named graph to replace (default: the default graph).")
@click.option(
    "--layout",
    type=click.Choice(["oxigraph", "virtuoso"]),
    default="oxigraph",
    show_default=True,
    help="The server's URL layout: oxigraph (/store, /query, /update) or virtuoso "
    "(/sparql-graph-crud-auth, /sparql, /sparql-auth).",
)
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL, if not the layout's.")
@click.option("--query-url", metavar="URL", help="SPARQL query URL, if not the layout's.")
@click.option("--update-url", metavar="URL", help="SPARQL update URL, if not the layout's.")
@click.option(
    "--no-graph-store", is_flag=True, help="Upload with SPARQL Update only (for servers without a Graph Store)."
)
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, help="Seconds per request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, help="Retries per request.")
@click.pass_context
def push(
    ctx: click.Context,
    endpoint: str,
    graph_iri: str | None,
    layout: str,
    store_url: str | None,
    query_url: str | None,
    update_url: str | None,
    no_graph_store: bool,
    timeout: float,
    retries: int,
) -> None:
    """Load the built graph into a SPARQL 1.1 server, replacing the old copy.

    The triples go to a fresh temporary named graph first, through the Graph Store
    Protocol (or SPARQL Update where there is none); once its triple count is
    verified, one SPARQL Update MOVE swaps it into place. If anything fails before
    the swap, the graph on the server is left as it was and the temporary graph is
    dropped. Credentials, when the server asks for them, come from
    GOVGRAPH_ENDPOINT_USER and GOVGRAPH_ENDPOINT_PASSWORD or a netrc entry for the
    server's host, never from the command line.

    \b
    Examples:
      govgraph push --endpoint http://127.0.0.1:7878 --graph https://example.org/govgraph
      govgraph push --endpoint http://127.0.0.1:8890/sparql --layout virtuoso --graph https://example.org/govgraph
      govgraph push --endpoint http://fuseki:3030/ds --store-url http://fuseki:3030/ds/data \\
                    --query-url http://fuseki:3030/ds/query --update-url http://fuseki:3030/ds/update
    """
    from graph.sparql.push import Endpoints
    from graph.sparql.push import push as run_push
    from graph.sparql.store.auth import find_credentials

    urls = Endpoints.of(endpoint, store_url, query_url, update_url, layout=layout, graph_store=not no_graph_store)
    with built(ctx) as folder:
        done = run_push(
            folder / "govgraph.nt",
            urls,
            graph_iri,
            timeout=timeout,
            retries=retries,
            credentials=find_credentials(urls.update),
        )
    where = f"<{done.graph}>" if done.graph else "the default graph"
    click.echo(
        f"Pushed {done.triples} triples to {where} at {urls.store or urls.update} by {done.method} "
        f"in {done.seconds:.2f}s (verified; {done.requests} requests)"
    )


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="ttl", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (a folder for csv); default: standard output.",
)
@click.option(
    "--graph", "graph_iri", default="https://w3id.org/govgraph/graph", show_default=True, help="Graph name in TriG."
)
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: Path | None, graph_iri: str) -> None:
    """Export the built graph: RDF (ttl, nt, jsonld, trig), GraphML, or CSV nodes + edges.

    GraphML (for Gephi or yEd) and CSV (for spreadsheets) hold the network: entities
    as nodes, direct lines as edges with dates, status, sources and quotes. Output is
    UTF-8 and deterministic; files are replaced atomically.

    \b
    Examples:
      govgraph export --format jsonld -o govgraph.jsonld
      govgraph export --format graphml -o govgraph.graphml
      govgraph export --format csv -o spreadsheet/      # nodes.csv and edges.csv
    """
    from graph.errors import InputError
    from graph.files import write_atomic
    from graph.sparql.export import export

    with built(ctx) as folder:
        files = export(folder, fmt, graph_iri)
    if output is None:
        if len(files) > 1:
            raise InputError(f"--format {fmt} writes {' and '.join(files)}: give a folder with -o", rule="output")
        echo(next(iter(files.values())), nl=False)
        return
    for name, text in files.items():
        path = output / name if len(files) > 1 else output
        write_atomic(path, text)
        click.echo(f"Wrote {path}", err=True)
