"""``govgraph build`` and ``govgraph check``."""

from __future__ import annotations

import time

import click

from graph.cli.main import built, cli, project_of
from graph.cli.output import echo, one_line

PLURAL = {"body": "bodies", "person": "people"}


@cli.command()
@click.option("--no-shacl", is_flag=True, help="Skip SHACL validation (faster; rules still run).")
@click.pass_context
def check(ctx: click.Context, no_shacl: bool) -> None:
    """Validate sources and curated facts without writing anything.

    Checks YAML safety, duplicate keys and ids, unknown references, dates, evidence
    quotes (each must occur exactly in its source), SHACL shapes and reporting cycles.
    Each finding is one line: FILE:LINE: RULE: MESSAGE.

    Exit status: 0 clean, 1 findings, 2 unusable input.

    \b
    Example:
      govgraph check
      govgraph --project ../other-council check --no-shacl
    """
    from graph.build.pipeline import validate

    started = time.perf_counter()
    result = validate(project_of(ctx), shacl=not no_shacl)
    for finding in result.findings:
        click.echo(one_line(str(finding)), err=finding.severity == "error")
    errors, warnings = len(result.errors), len(result.findings) - len(result.errors)
    note = f", {result.accepted} accepted by exceptions.yaml" if result.accepted else ""
    click.echo(
        f"{errors} error(s), {warnings} warning(s){note} in {len(result.facts.records())} records"
        f" ({time.perf_counter() - started:.2f}s)",
        err=bool(errors),
    )
    ctx.exit(1 if result.findings else 0)


@cli.command()
@click.option("--no-shacl", is_flag=True, help="Skip SHACL validation (faster; rules still run).")
@click.option("--allow-empty", is_flag=True, help="Build even when there are no facts (an empty graph).")
@click.pass_context
def build(ctx: click.Context, no_shacl: bool, allow_empty: bool) -> None:
    """Validate, then write build/govgraph.ttl, .nt, index.json and the Oxigraph store.

    Nothing in build/ changes unless validation passes: a failed build leaves the
    previous one intact. Each build is a new generation (build/gen-NNNNNN) made
    current in one atomic switch (build/current), so a query running meanwhile sees
    the old graph or the new one, never a mix; one build runs at a time. Two builds
    of the same input are byte-identical. No facts at all is an error, unless
    --allow-empty.

    \b
    Example:
      govgraph build
    """
    from graph.build.pipeline import build as run_build
    from graph.errors import ValidationFailed

    started = time.perf_counter()
    try:
        summary = run_build(project_of(ctx), shacl=not no_shacl, allow_empty=allow_empty)
    except ValidationFailed as exc:
        for finding in exc.findings:
            click.echo(one_line(str(finding)), err=True)
        raise
    width = max(len(k) for k in summary.counts)
    click.echo(f"Built {summary.out}/ (generation {summary.generation.number}) in {time.perf_counter() - started:.2f}s")
    for kind, n in summary.counts.items():
        click.echo(f"  {PLURAL.get(kind, kind + 's'):<{width + 1}} {n:>6}")
    click.echo(f"  {'evidence':<{width + 1}} {summary.evidence:>6} quotes, all found in their sources")
    click.echo(f"  {'triples':<{width + 1}} {summary.triples:>6}")
    for finding in summary.warnings:
        click.echo(one_line(str(finding)))
    note = f", {summary.accepted} accepted by exceptions.yaml" if summary.accepted else ""
    click.echo(f"  findings: 0 errors, {len(summary.warnings)} warning(s){note}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Coverage of the built graph: entities and facts by kind, per document, conflicts.

    \b
    Example:
      govgraph stats
      govgraph stats --format json
    """
    import json

    from graph.analysis.coverage import KINDS, coverage
    from graph.build.index import load_index

    with built(ctx) as folder:
        report = coverage(load_index(folder))
    if fmt == "json":
        echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for kind, n in report["counts"].items():
        click.echo(f"{PLURAL.get(kind, kind + 's'):<14} {n:>6}")
    click.echo(f"{'roles':<14} {report['roles']:>6}  (memberships + appointments)")
    click.echo(f"{'evidence':<14} {report['evidence']:>6}  quotes")
    click.echo(
        f"{'conflicts':<14} {report['conflicts']:>6}  things the documents disagree about"
        f" (and {report['wording_variants']} names written two ways: conflicts --all)"
    )
    click.echo("\nFacts per document (a fact citing two documents counts in both):")
    short = [k[:5] for k in KINDS]
    click.echo(f"  {'document':<28} {'all':>5} " + " ".join(f"{s:>5}" for s in short))
    for doc in report["documents"]:
        click.echo(one_line(f"  {doc['id']:<28} {doc['records']:>5} ") + " ".join(f"{doc[k]:>5}" for k in KINDS))
