"""Reading SPARQL text safely: refuse updates and SERVICE, add prefixes, bind values.

Everything here works on a *masked* copy of the query in which comments, strings and
IRIs are blanked out (same length, newlines kept), so a keyword inside a string such
as ``"DELETE"`` is not mistaken for an update, and positions still point into the
original text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from graph.errors import QueryError
from graph.model.vocab import PREFIXES
from graph.sparql.store.terms import Term, n3

_HIDDEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^\x00-\x20<>"{}|^`\\]*>
    """,
    re.X | re.S,
)
# Update operations and federation. A query never needs these words outside strings,
# IRIs and names, so finding one as a bare word is enough to refuse the text.
FORBIDDEN = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "SERVICE")
_FORBIDDEN = re.compile(r"(?<![\w:?$@-])(" + "|".join(FORBIDDEN) + r")(?![\w:-])", re.I)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def mask(text: str) -> str:
    """``text`` with comments, strings and IRIs replaced by spaces (newlines kept)."""
    return _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def refuse_updates(text: str) -> None:
    """Raise QueryError if the text holds an update operation or a SERVICE call.

    Named queries and ad-hoc queries alike are read-only, and SERVICE would let a
    query reach the network (rdflib fetches SERVICE endpoints itself).
    """
    masked = mask(text)
    match = _FORBIDDEN.search(masked)
    if match:
        line = masked.count("\n", 0, match.start()) + 1
        column = match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1
        word = match.group(1).upper()
        why = (
            "SERVICE (federated queries) is not allowed"
            if word == "SERVICE"
            else f"{word} is an update; only queries are allowed"
        )
        raise QueryError(f"refused at line {line}, column {column}: {why}")


def with_prefixes(text: str) -> str:
    """Prepend the project's usual prefixes that the query does not declare itself.

    They go on one line before the query, so users can write ``gg:`` or ``id:``
    without a prologue; error positions are reported against the original text.
    """
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(mask(text))}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return (" ".join(missing) + "\n" + text) if missing else text


_PNAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w]|\s|$)")


def undeclared_prefix(text: str, known: set[str]) -> tuple[str, int, int] | None:
    """The first prefix used but neither declared nor ``known``, with its line and column."""
    masked = mask(text)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(masked)} | known
    for match in _PNAME.finditer(masked):
        prefix = match.group(1) or ""
        if prefix not in declared:
            line = masked.count("\n", 0, match.start()) + 1
            return prefix, line, match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1
    return None


def bind_values(text: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by a ``VALUES`` block in every group that mentions them.

    This is substitution (each variable is the given term everywhere, as with
    pyoxigraph's ``substitutions``) written so that a query planner sees it: Oxigraph
    evaluates nested groups (UNION branches, OPTIONALs) on their own, so a single
    VALUES at the top would only filter their results at the end. Each value is
    written by ``terms.n3`` (validated IRIs, escaped literals), so it cannot end its
    term early.
    """
    if not bindings:
        return text
    return _bind(text, tuple(sorted((_var(name), term) for name, term in bindings.items())))


@functools.lru_cache(maxsize=256)
def _bind(text: str, items: tuple[tuple[str, Term], ...]) -> str:
    masked = mask(text)
    names = dict(items)
    inserts: list[tuple[int, str]] = []
    for start, end in _groups(masked):
        inside = masked[start:end]
        block = " ".join(
            f"VALUES ?{name} {{ {n3(term)} }}"
            for name, term in sorted(names.items())
            if re.search(rf"[?$]{name}\b", inside)
        )
        if block:
            inserts.append((start, f" {block} "))
    if not inserts:
        raise QueryError("the query has no group pattern using the bound variables")
    for position, block in sorted(inserts, reverse=True):
        text = text[:position] + block + text[position:]
    return text


_BEFORE_DATA = re.compile(r"\bVALUES\s*(?:[?$]\w+|\([^()]*\))\s*$", re.I)
_CONSTRUCT_BEFORE = re.compile(r"\bCONSTRUCT\s*$", re.I)
_CONSTRUCT_WHERE_BEFORE = re.compile(r"\bCONSTRUCT\s+WHERE\s*$", re.I)
_SUBSELECT = re.compile(r"\s*SELECT\b", re.I)


def _groups(masked: str) -> list[tuple[int, int]]:
    """(start, end) inside each group graph pattern where a VALUES block may go.

    Skipped: VALUES data blocks, CONSTRUCT templates, and groups that hold a
    sub-SELECT (its own WHERE group is used instead).
    """
    stack: list[tuple[int, bool]] = []
    out = []
    for i, ch in enumerate(masked):
        if ch == "{":
            head = masked[max(0, i - 300) : i]
            if _CONSTRUCT_WHERE_BEFORE.search(head):
                raise QueryError("parameters cannot be bound in the short form CONSTRUCT WHERE { ... }")
            usable = not (
                _BEFORE_DATA.search(head) or _CONSTRUCT_BEFORE.search(head) or _SUBSELECT.match(masked, i + 1)
            )
            stack.append((i + 1, usable))
        elif ch == "}" and stack:
            start, usable = stack.pop()
            if usable:
                out.append((start, i))
    return out


def _var(name: str) -> str:
    if not _VAR.match(name):
        raise QueryError(f"not a valid variable name: {name!r}")
    return name
