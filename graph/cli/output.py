"""Printing answers: aligned tables with citations, JSON, or CSV.

Plain text when piped, bold headers in a terminal; no heavy table library, so the
answering commands start fast. :func:`table` is the one text table of the CLI (answers,
SPARQL results, the list of named queries).

Curated text and answers may hold control characters (an ESC that would restyle or
clear a terminal, a BEL, a NUL, a carriage return that overwrites a line), so they are
escaped as ``\u001b`` before they reach a terminal: always in tables and messages,
which are for people, each cell or message kept on one line; in JSON, CSV and the
other data formats when they are printed to a terminal, while sent to a file or a pipe
they stay exact (a quote must stay verbatim).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import click

from graph.files import csv_text

# C0 controls but tab and line feed, a carriage return not ending a line, DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def for_terminal(text: str) -> str:
    r"""Control characters escaped; tabs and line breaks kept.

    >>> for_terminal("Zoë\x1b[2J\a\r\nnext")
    'Zoë\\u001b[2J\\u0007\r\nnext'
    """
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    r"""Every control character escaped, line breaks too: a cell, a message.

    >>> one_line("a\nb\tc")
    'a\\u000ab\\u0009c'
    """
    return _CONTROL_IN_LINE.sub(_escape, text)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """``click.echo``: control characters escaped for a terminal, the text exact otherwise.

    (``color=True`` stops click from dropping what looks like an ANSI sequence from
    text sent to a pipe: there, the data must stay as it is.)
    """
    if _is_terminal(err):
        click.echo(for_terminal(text), err=err, nl=nl)
    else:
        click.echo(text, err=err, nl=nl, color=True)


def _is_terminal(err: bool) -> bool:
    return (sys.stderr if err else sys.stdout).isatty()


FORMATS = ("table", "json", "csv")
WIDE = {"what": 100, "label": 80}  # sentences need room; names are cut at 48
HIDDEN = {"citations", "hops", "id", "holder_type", "depth", "repeated"}  # and every "*_id"


def format_option(func: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def cite_option(func: Any) -> Any:
    return click.option("--no-cite", is_flag=True, help="Hide the evidence quotes.")(func)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _citation(c: dict[str, Any]) -> str:
    quote = " ".join(c["quote"].split())
    return one_line(f"“{quote}” — {c['title']} ({c['date']}), line {c['line']}")


def render(data: dict[str, Any], fmt: str, cite: bool = True) -> str:
    """One answer as text in the chosen format (print it with ``echo``)."""
    rows = data["rows"]
    if fmt == "json":
        if not cite:
            rows = [_strip(r) for r in rows]
        return json.dumps({**data, "rows": rows}, ensure_ascii=False, indent=2)
    if fmt == "csv":
        return _csv(rows, cite)
    return _table(data, cite)


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "citations"}
    if "hops" in out:
        out["hops"] = [_strip(h) for h in out["hops"]]
    return out


def _flat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Path answers become one row per hop, so CSV and tables stay rectangular."""
    out = []
    for row in rows:
        if "hops" in row:
            for i, hop in enumerate(row["hops"], 1):
                out.append({"path": row["path"], "hop": i, **hop})
        else:
            out.append(row)
    return out


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for row in rows:
        for key in row:
            hidden = key in HIDDEN or key.endswith("_id")
            if not hidden and key not in cols and any(_cell(r.get(key)) for r in rows):
                cols.append(key)
    return cols


def _csv(rows: list[dict[str, Any]], cite: bool) -> str:
    rows = _flat(rows)
    cols = _columns(rows)
    cells = []
    for row in rows:
        line = [_cell(row.get(c)) for c in cols]
        if cite:
            line.append(" | ".join(_citation(c) for c in row.get("citations", [])))
        cells.append(line)
    return csv_text(cols + (["evidence"] if cite else []), cells).rstrip("\n")


def _table(data: dict[str, Any], cite: bool) -> str:
    rows = _flat(data["rows"])
    cols = _columns(rows)
    head = []
    subject = data.get("subject")
    if isinstance(subject, dict) and "name" in subject:
        head.append(f"{data['command']}: {subject['name']} [{subject['id']}]")
    if data.get("as_of"):
        head.append(f"as of {data['as_of']}")
    if "tree" in data:
        tree = _tree(data["tree"], cite, up=data.get("direction") == "up")
        return "\n".join([" · ".join(head), *tree, *(f"note: {n}" for n in data.get("notes", []))])
    grid = table(
        [c.replace("_", " ").upper() for c in cols],
        [[_cell(row.get(c)) for c in cols] for row in rows],
        limits=[WIDE.get(c, 48) for c in cols],
        bold=sys.stdout.isatty(),
    )
    lines = [one_line(" · ".join(head))] if head else []
    lines.append(grid[0])
    for row, line in zip(rows, grid[1:]):
        lines.append(line)
        if cite:
            lines += [f"    ↳ {_citation(c)}" for c in row.get("citations", [])]
    lines += [f"note: {one_line(n)}" for n in data.get("notes", [])]
    return "\n".join(lines)


def _tree(node: dict[str, Any], cite: bool, up: bool, prefix: str = "") -> list[str]:
    """A nested tree drawn with box lines, each child with the line that joins it, read
    from the lower of the two (so a tree downwards says "reports to it"):

    >>> leaf = {"name": "CDOP", "line": "part-of", "repeated": False, "children": []}
    >>> _tree({"name": "Board", "children": [leaf]}, cite=False, up=False)
    ['Board', '└─ CDOP (part of it)']
    >>> _tree({"name": "CDOP", "children": [{**leaf, "name": "Board"}]}, cite=False, up=True)
    ['CDOP', '└─ part of: Board']
    """
    lines = [node["name"]] if not prefix else []
    for i, child in enumerate(node["children"]):
        last = i == len(node["children"]) - 1
        seen = " (see above)" if child["repeated"] else ""
        line = child["line"].replace("-", " ")
        text = f"{line}: {child['name']}{seen}" if up else f"{child['name']} ({line} it){seen}"
        lines.append(f"{prefix}{'└─' if last else '├─'} {text}")
        more = prefix + ("   " if last else "│  ")
        if cite:
            lines += [f"{more}↳ {_citation(c)}" for c in child.get("citations", [])]
        lines += _tree(child, cite, up, more)
    return lines


def table(
    header: list[str], rows: list[list[str]], *, limits: list[int] | None = None, rule: bool = False, bold: bool = False
) -> list[str]:
    """The lines of a text table: the header, a dashed rule under it if ``rule``, the rows.

    Columns are padded to their widest cell, or to their limit, past which a cell is
    cut with "…" (a header never is); trailing spaces are dropped.

    >>> table(["name", "kind"], [["CDOP", "panel"], ["Safeguarding Board", "board"]], limits=[8, 8], rule=True)
    ['name      kind', '--------  -----', 'CDOP      panel', 'Safegua…  board']
    """
    header = [one_line(h) for h in header]
    rows = [[one_line(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    if limits is not None:
        widths = [min(w, limit) for w, limit in zip(widths, limits)]
    top = "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()
    lines = [click.style(top, bold=True) if bold else top]
    if rule:
        lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return lines


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
