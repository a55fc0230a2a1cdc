"""Reading SPARQL text safely: refuse updates and SERVICE, add prefixes, bind values.

Everything here works on a *masked* copy of the query in which comments, strings and
IRIs are blanked out (same length, newlines kept), so a keyword inside a string such
as ``"DELETE"`` is not mistaken for an update, and positions still point into the
original text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from graph.errors import QueryError
from graph.model.vocab import PREFIXES
from graph.store.terms import Term, n3

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
_WHERE_BEFORE = re.compile(r"\bWHERE\s*$", re.I)
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
        why = "SERVICE (federated queries) is not allowed" if word == "SERVICE" else f"{word} is an update; only queries are allowed"
        raise QueryError(f"refused at line {line}, column {column}: {why}")


def with_prefixes(text: str) -> str:
    """Prepend the project's usual prefixes that the query does not declare itself.

    They go on one line before the query, so users can write ``gg:`` or ``id:``
    without a prologue; error positions are reported against the original text.
    """
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(mask(text))}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return (" ".join(missing) + "\n" + text) if missing else text


def bind_values(text: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables with a ``VALUES`` block at the start of the top-level WHERE group.

    For endpoints, which take no parameters: each value is written by ``terms.n3``
    (validated IRIs, escaped literals), so it cannot end its term early.
    """
    if not bindings:
        return text
    masked = mask(text)
    depth, anchor = 0, -1
    for i, ch in enumerate(masked):
        if ch == "{":
            if depth == 0 and _WHERE_BEFORE.search(masked, 0, i):
                anchor = i + 1
                break
            depth += 1
        elif ch == "}":
            depth -= 1
    if anchor < 0:
        raise QueryError("binding parameters needs a query with an explicit top-level WHERE { ... }")
    block = " ".join(f"VALUES ?{_var(name)} {{ {n3(term)} }}" for name, term in sorted(bindings.items()))
    return f"{text[:anchor]} {block} {text[anchor:]}"


def _var(name: str) -> str:
    if not _VAR.match(name):
        raise QueryError(f"not a valid variable name: {name!r}")
    return name
