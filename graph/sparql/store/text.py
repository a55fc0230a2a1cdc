"""Reading SPARQL safely: expand escapes, tokenize, refuse updates and SERVICE, bind values.

The decision "is this an update, does it call SERVICE" is taken on the query as a
SPARQL parser reads it, not on its text. SPARQL 1.1 (section 19.2) expands the
codepoint escapes ``\\u0027`` and ``\\U00000027`` *before* parsing, anywhere in the
query, and rdflib does so; Oxigraph expands them only inside strings and IRIs. So the
text ``'a\\u0027 SERVICE <...> { } \\u0027b'`` is one string to one engine and a SERVICE
call to the other. Here the escapes are expanded first, as the standard says; a query
whose expansion spells another escape is refused; and the expanded text (the one every
backend runs, so that all of them read the same query) is split into the tokens of the
SPARQL 1.1 grammar: strings, IRIs, prefixed names with their escapes (``ex:a\\#b`` is a
name, not a comment), comments, variables, keywords. A query is the prologue (BASE and
PREFIX) followed by SELECT, CONSTRUCT, DESCRIBE or ASK; SERVICE and the update keywords
are keywords nowhere else, so one such token is enough to refuse the query. Positions
in messages point into the text the user wrote.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import QueryError
from graph.model.vocab import PREFIXES
from graph.sparql.store.terms import Term, n3

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
# Update operations and federation: never keywords of a query.
FORBIDDEN = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "SERVICE")

# The terminals of SPARQL 1.1 (section 19.8), as Python regular expressions.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_ECHAR = r"\\[tbnrf\\\"']"
_TOKENS = [
    ("space", r"[ \t\r\n]+"),
    ("comment", r"\#[^\r\n]*"),
    ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'),
    ("string", rf"'(?:[^'\\\n\r]|{_ECHAR})*'"),
    ("string", rf'"(?:[^"\\\n\r]|{_ECHAR})*"'),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("var", rf"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("pname", rf"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("bnode", rf"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("lang", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    (
        "number",
        r"(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)",
    ),
    ("word", r"[A-Za-z][A-Za-z0-9_]*"),
    ("punct", r"&&|\|\||!=|<=|>=|\^\^|[{}()\[\],;.*+\-/=<>!^|?]"),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_TOKENS)))
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What any engine could still read as an escape (rdflib also takes \U with four digits).
_LEFT_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Token:
    """One token of the expanded query: its kind, text and offset."""

    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Source:
    """A query as written and as expanded, and how to map offsets from one to the other."""

    written: str
    text: str
    _marks: tuple[tuple[int, int], ...]  # (offset in text, offset in written) after each escape

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the written query of an offset in ``text``."""
        i = bisect.bisect_right([m[0] for m in self._marks], offset) - 1
        at = offset if i < 0 else self._marks[i][1] + offset - self._marks[i][0]
        line = self.written.count("\n", 0, at) + 1
        return line, at - (self.written.rfind("\n", 0, at) + 1) + 1

    def offset(self, line: int, column: int) -> int:
        """The offset in ``text`` of a 1-based line and column of ``text``."""
        at = 0
        for _ in range(line - 1):
            found = self.text.find("\n", at)
            if found < 0:
                break
            at = found + 1
        return min(at + column - 1, len(self.text))


def expand(query: str) -> Source:
    """Expand codepoint escapes as SPARQL 1.1 does before parsing (section 19.2).

    >>> expand("SELECT ('\\\\u0041' AS ?x) {}").text
    "SELECT ('A' AS ?x) {}"
    """
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    last = length = 0
    for match in _ESCAPE.finditer(query):
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"syntax error: {match.group(0)} is not a character", rule="syntax")
        parts.append(query[last : match.start()])
        length += match.start() - last
        parts.append(chr(code))
        length += 1
        last = match.end()
        marks.append((length, last))
    parts.append(query[last:])
    source = Source(query, "".join(parts), tuple(marks))
    left = _LEFT_ESCAPE.search(source.text)
    if left:
        line, column = source.position(left.start())
        if left.start() in {m[0] - 1 for m in marks}:  # the backslash came from an escape
            raise QueryError(f"refused at line {line}, column {column}: an escape that spells another escape")
        raise QueryError(
            f"syntax error at line {line}, column {column}: {left.group(0)} is not a complete escape"
            " (\\uXXXX or \\UXXXXXXXX)",
            rule="syntax",
        )
    return source


def tokens(source: Source) -> list[Token]:
    """The tokens of the expanded query, comments included, whitespace left out."""
    out = []
    text, at = source.text, 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            line, column = source.position(at)
            raise QueryError(f"syntax error at line {line}, column {column}: unexpected {text[at]!r}", rule="syntax")
        kind = (match.lastgroup or "").rstrip("0123456789")
        if kind != "space":
            out.append(Token(kind, match.group(0), at))
        at = match.end()
    return out


@dataclass(frozen=True)
class Checked:
    """A query that may run: its form, the expanded text, and the prefixes it declares."""

    form: str
    source: Source
    declared: frozenset[str]


@functools.lru_cache(maxsize=512)
def check_query(query: str) -> Checked:
    """Refuse anything but a read-only query, deciding on the tokens of the expanded text.

    Raises QueryError (rule ``refused``) for an update or SERVICE, naming the line and
    column; a text that is not even made of SPARQL tokens is a syntax error. What is
    not refused still goes to a full parser (Oxigraph's) before it runs.
    """
    source = expand(query)
    found = [t for t in tokens(source) if t.kind != "comment"]
    for token in found:
        if token.kind == "word" and token.text.upper() in FORBIDDEN:
            _refuse(source, token)
    declared, rest = _prologue(found)
    form = rest[0].text.upper() if rest and rest[0].kind == "word" else ""
    if form not in FORMS:
        at = rest[0].start if rest else len(source.text)
        line, column = source.position(at)
        raise QueryError(
            f"syntax error at line {line}, column {column}: a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK",
            rule="syntax",
        )
    return Checked(form.lower(), source, frozenset(declared))


def _refuse(source: Source, token: Token) -> None:
    word = token.text.upper()
    line, column = source.position(token.start)
    why = (
        "SERVICE (federated queries) is not allowed"
        if word == "SERVICE"
        else f"{word} is an update; only queries are allowed"
    )
    raise QueryError(f"refused at line {line}, column {column}: {why}")


def _prologue(found: list[Token]) -> tuple[list[str], list[Token]]:
    """The prefixes declared by BASE/PREFIX lines, and the tokens after them."""
    declared = []
    i = 0
    while i < len(found) and found[i].kind == "word" and found[i].text.upper() in ("BASE", "PREFIX"):
        if found[i].text.upper() == "BASE":
            i += 2
        else:
            if i + 1 < len(found) and found[i + 1].kind == "pname":
                declared.append(found[i + 1].text.split(":", 1)[0])
            i += 3
    return declared, found[i:]


def mask(text: str) -> str:
    """``text`` with comments, strings and IRIs replaced by spaces (newlines kept)."""
    source = expand(text)
    out = list(source.text)
    for token in tokens(source):
        if token.kind in ("comment", "string", "iri"):
            out[token.start : token.end] = re.sub(r"[^\n]", " ", token.text)
    return "".join(out)


def with_prefixes(checked: Checked) -> str:
    """The expanded query, after the project's usual prefixes it does not declare itself.

    They go on one line before the query, so users can write ``gg:`` or ``id:`` without
    a prologue; error positions are reported against the original text.
    """
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in checked.declared]
    return (" ".join(missing) + "\n" + checked.source.text) if missing else checked.source.text


def undeclared_prefix(query: str, known: set[str]) -> tuple[str, int, int] | None:
    """The first prefix used but neither declared nor ``known``, with its line and column."""
    try:
        source = expand(query)
        found = tokens(source)
    except QueryError:
        return None
    declared = set(_prologue([t for t in found if t.kind != "comment"])[0]) | known
    for token in found:
        if token.kind == "pname":
            prefix = token.text.split(":", 1)[0]
            if prefix not in declared:
                return (prefix, *source.position(token.start))
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
    if not _VAR.fullmatch(name):
        raise QueryError(f"not a valid variable name: {name!r}")
    return name
