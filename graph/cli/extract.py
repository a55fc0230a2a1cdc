"""``govgraph add-source``, ``govgraph extract`` and ``govgraph review``: from a new
document to reviewed facts in ``data/facts/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from graph.cli.main import cli, project_of
from graph.cli.output import echo, format_option, one_line, render

PROGRESS_BYTES = 50_000  # about fifteen pages: below this a bar would only flicker


def _progress(total: int, label: str) -> Any:
    """A progress bar on stderr (shown in a terminal; only the label otherwise)."""
    return click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True)


@cli.command("add-source")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--title", required=True, help="The document's title, as it should be cited.")
@click.option("--date", required=True, help="Its date: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--id", "doc_id", help="Its id (default: from the file name).")
@click.option("--author", default="", help="Who wrote or published it.")
@click.option("--kind", default="document", show_default=True, help="agenda, minutes, report, letter, ...")
@click.option(
    "--area",
    help="The council or partnership area it describes (default: the manifest's area).",
)
@click.option(
    "--split-on", metavar="MARKER", help="Split into one document per part, each starting at a line containing MARKER."
)
@click.option(
    "--encoding", metavar="NAME", help="The file's encoding when it is not UTF-8 (e.g. cp1252); it is converted."
)
@format_option
@click.pass_context
def add_source(
    ctx: click.Context,
    file: Path,
    title: str,
    date: str,
    doc_id: str | None,
    author: str,
    kind: str,
    area: str | None,
    split_on: str | None,
    encoding: str | None,
    fmt: str,
) -> None:
    """Register a text document in data/sources/manifest.yaml.

    The text is copied byte for byte into data/sources/ (evidence quotes must match it
    exactly) and the manifest gets a new entry; other entries are left as they are.
    An empty or binary file, text that is not UTF-8, or a document already registered
    is refused with one line saying why.

    \b
    Example:
      govgraph add-source minutes.txt --title "Partnership minutes, 12 March 2019" --date 2019-03-12 --area Leeds
      govgraph add-source pack.txt --title "Committee pack" --date 2019-10 --split-on "Page 1 of"
    """
    import codecs

    from graph.errors import InputError
    from graph.sources.add import add_source as run

    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'", rule="encoding") from None
    project = project_of(ctx)
    project.require()
    size = file.stat().st_size if file.is_file() else 0
    if size > PROGRESS_BYTES:
        with _progress(size, f"Copying {file.name}") as bar:
            result = run(
                project.sources, file, title, date, doc_id, author, kind, split_on, encoding, bar.update, area=area
            )
    else:
        result = run(project.sources, file, title, date, doc_id, author, kind, split_on, encoding, area=area)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    rows = [
        {"id": d.id, "file": str(d.file), "bytes": d.bytes, "lines": f"{d.lines[0]}-{d.lines[1]}"}
        for d in result.documents
    ]
    echo(render({"command": "add-source", "rows": rows}, fmt, cite=False))
    if fmt == "table":
        click.echo(f"Next: govgraph extract {result.documents[0].id} -o candidates.yaml", err=True)


@cli.command()
@click.argument("source_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the candidates here (default: print them).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out candidates below this confidence.",
)
@format_option
@click.pass_context
def extract(ctx: click.Context, source_id: str, output: Path | None, min_confidence: float, fmt: str) -> None:
    """Propose candidate facts from a registered document, for review.

    Rule-based (no network, no model): acronyms, people with their posts, chairs and
    other roles on bodies, lines such as "reports to" or "funded by", and change
    events with their dates. Names are linked to curated entities by name, alias or
    acronym (fuzzy for near spellings); new ones are marked `link: new`. Each
    candidate carries a verbatim quote and a confidence.

    Without -o the candidates go to standard output: as the YAML a reviewer reads, or
    as JSON with --format json.

    \b
    Example:
      govgraph extract bscb-annual-report -o candidates.yaml
      govgraph review candidates.yaml
      govgraph extract send-paper --format json
    """
    from graph.extract import extract as run
    from graph.extract.candidates import dump, sections

    project = project_of(ctx)
    size = _document_size(project, source_id)
    if size > PROGRESS_BYTES:
        with _progress(size, f"Extracting {source_id}") as bar:
            result = run(project.root, source_id, bar.update)
    else:
        result = run(project.root, source_id)
    kept = [c for c in result.candidates if c.confidence >= min_confidence]
    rows = _summary(kept)
    if output is None:
        if fmt == "json":  # the candidates themselves, for a program to read
            click.echo(json.dumps({"source": result.document.id, **sections(kept)}, ensure_ascii=False, indent=2))
        else:
            click.echo(dump(result.document.id, result.document.title, kept), nl=False)
        echo(render({"command": "extract", "rows": rows}, "table", cite=False), err=True)
        return
    text = dump(result.document.id, result.document.title, kept)
    from graph.files import write_atomic

    write_atomic(output, text)
    echo(render({"command": "extract", "rows": rows}, fmt, cite=False))
    if fmt == "table":
        click.echo(
            f"{len(kept)} candidates in {output} ({result.seconds:.2f}s). Next: govgraph review {output}", err=True
        )


def _document_size(project: Any, source_id: str) -> int:
    """The size of a registered document from the manifest, without reading it."""
    from graph.model.yamlsafe import load_yaml

    manifest = project.sources / "manifest.yaml"
    if not manifest.is_file():
        return 0
    entries = (load_yaml(manifest).value or {}).get("documents") or []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("id") == source_id and isinstance(entry.get("file"), str):
            file = project.sources / entry["file"]
            return file.stat().st_size if file.is_file() else 0
    return 0


def _summary(candidates: list[Any]) -> list[dict[str, Any]]:
    counts: dict[tuple[str, str], int] = {}
    for c in candidates:
        counts[(c.kind, c.link)] = counts.get((c.kind, c.link), 0) + 1
    return [{"kind": k, "link": link, "candidates": n} for (k, link), n in counts.items()]


@cli.command()
@click.argument("candidates", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--accept-all-above",
    "threshold",
    type=click.FloatRange(0, 1),
    help="Accept, without asking, every candidate with at least this confidence.",
)
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The facts file to append to (default: data/facts/extracted-SOURCE.yaml).",
)
@format_option
@click.pass_context
def review(ctx: click.Context, candidates: Path, threshold: float | None, target: Path | None, fmt: str) -> None:
    """Accept, edit, reject or skip candidate facts; write the accepted to data/facts/.

    Each candidate is shown with its quote in context. Accepting a fact also accepts
    the new entities it names. Accepted items are appended to the target file (review
    markers stripped, never a duplicate id: a new entity that is already curated is
    linked to it), the candidates file keeps only what is still undecided, and the
    checks are run again. Exit status: 0 clean, 1 if the checks find errors.

    \b
    Example:
      govgraph review candidates.yaml
      govgraph review candidates.yaml --accept-all-above 0.8
    """
    from graph.curate.review import Session, check_findings

    session = Session(project_of(ctx), candidates)
    if threshold is not None:
        n = session.accept_above(threshold)
        click.echo(f"Accepted {n} candidate(s) with confidence >= {threshold}.", err=True)
        for item, why in session.held:
            click.echo(f"Held back for review: {item.kind} ({item.rule}): accepting it {'; '.join(why)}", err=True)
    else:
        _interactive(session)
    if not session.accepted():
        click.echo("Nothing accepted; data/facts/ unchanged.", err=True)
        return
    written = session.write(target)
    notes = [
        f"{old} is curated already" + (f" as {new}: linked" if new != old else ": not defined again")
        for old, new in written.relinked.items()
    ]
    notes += [f"{old} renamed {new}: the id is taken" for old, new in written.renamed.items()]
    notes += [f"left out: {d}" for d in written.dropped]
    notes += [f"hint: {h}" for h in written.hints]
    if written.already:
        notes.append(f"{written.already} fact(s) already curated with the same quote: not written again")
    rows = [{"kind": k, "written": n, "file": str(written.file)} for k, n in written.counts.items()]
    echo(render({"command": "review", "rows": rows, "notes": notes if fmt == "table" else []}, fmt, cite=False))
    mine, errors = check_findings(session.project, written.file)
    for finding in mine:
        click.echo(str(finding), err=True)
    others = len(errors) - len([f for f in mine if f.severity == "error"])
    click.echo(
        f"check: {len(errors)} error(s) in the curated facts, {len(mine)} finding(s) in {written.file}"
        + (f" ({others} elsewhere, not from this review)" if others else ""),
        err=True,
    )
    ctx.exit(1 if errors else 0)


def _interactive(session: Any) -> None:
    """The terminal loop: one candidate at a time, its quote shown in context."""
    from graph.errors import GovgraphError

    items = session.undecided()
    for n, item in enumerate(items, 1):
        if id(item) in session.decisions:
            continue  # accepted along with a fact that needed it
        blocked = session.blocked(item)
        if blocked:
            session.decide(item, "reject")
            click.echo(f"[{n}/{len(items)}] {item.kind}: left out, it needs {', '.join(blocked)}, which you rejected")
            continue
        _show(session, item, n, len(items))
        while True:
            try:
                choice = click.prompt(
                    "Accept, edit, reject, skip, quit?",
                    type=click.Choice(["a", "e", "r", "s", "q"]),
                    default="s",
                    show_choices=True,
                )
            except click.Abort:  # end of input or Ctrl-C: stop asking, keep what was decided
                click.echo("")
                return
            if choice == "q":
                return
            if choice == "e":
                text = click.edit(session.as_yaml(item), extension=".yaml")
                if text is None:
                    click.echo("unchanged")
                    continue
                try:
                    edited = session.parse_edit(item, text)
                except GovgraphError as exc:
                    click.echo(f"not taken: {exc.message}")
                    continue
                session.replace(item, edited)
                item = edited
                _show(session, item, n, len(items))
                continue
            try:
                also = session.decide(item, {"a": "accept", "r": "reject", "s": "skip"}[choice])
            except GovgraphError as exc:
                click.echo(f"cannot accept: {exc.message}")
                continue
            for entity in also:
                click.echo(f"  also accepted {entity.kind} '{entity.data['id']}', which it needs")
            break


def _show(session: Any, item: Any, n: int, total: int) -> None:
    """One candidate with its quote in context (the document's text escaped for the terminal)."""
    head = f"[{n}/{total}] {item.kind} · confidence {item.confidence:.2f} · {item.link} · {item.rule}"
    click.echo("")
    click.echo(click.style(one_line(head), bold=True))
    refs = set(item.refs())
    for key, value in item.data.items():
        if value in (None, "", []):
            continue
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        names = [session.name(v) for v in (value if isinstance(value, list) else [value]) if v in refs]
        click.echo(one_line(f"  {key}: {shown}" + (f"  ({'; '.join(names)})" if names and names != [shown] else "")))
    for consequence in session.consequences(item):
        click.echo(click.style(f"  ! accepting this {consequence}", fg="yellow"))
    for quote in item.quotes:
        line, before, text, after = session.in_context(quote)
        flat = " ".join(f"{before}\x00{text}\x00{after}".split())
        pre, mid, post = flat.split("\x00") if flat.count("\x00") == 2 else ("", text, "")
        click.echo(one_line(f"  {session.source}, line {line}:"))
        click.echo(
            f"    …{one_line(pre)} »" + click.style(one_line(mid), bold=True, underline=True) + f"« {one_line(post)}…"
        )
