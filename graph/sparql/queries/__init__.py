"""The named SPARQL queries in ``graph/queries/*.rq`` and their parameters.

Each file starts with a header of ``# key: value`` comment lines::

    # title: Who chairs a body
    # answers: Chairs, co-chairs, vice- and deputy chairs of a body, with the quote.
    # param: body id  the body, e.g. cdop
    # expect: empty          (only for checks that must find nothing)

Parameters are typed (``id``, ``date``, ``text``; ``name type=default`` for a default)
and are *bound* to the query's variables by the backend, never pasted into its text.
A file holding an update or SERVICE is refused when the registry loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph.dates import parse_date
from graph.errors import InputError, NotFound, Place, QueryError
from graph.model import ids
from graph.model.vocab import XSD
from graph.sparql.store.base import Result, Solutions, Store
from graph.sparql.store.terms import Term, iri, literal
from graph.sparql.store.text import check_query, mask

FOLDER = Path(__file__).resolve().parent
TYPES = ("id", "date", "text")
_HEADER = re.compile(r"^#\s*(title|answers|param|expect):\s*(.*)$")
_PARAM = re.compile(r"^([a-z][a-z0-9_]*)\s+(id|date|text)(?:=(\S+))?\s+(.+)$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Param:
    """A query parameter: its variable name, type, default and description."""

    name: str
    type: str
    help: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: what it answers, its parameters and its SPARQL text."""

    name: str
    title: str
    answers: str
    text: str
    path: Path
    params: tuple[Param, ...] = field(default_factory=tuple)
    expect_empty: bool = False

    def bind(self, values: Mapping[str, str]) -> dict[str, Term]:
        """Check and convert ``--param`` values to terms for the query's variables."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            takes = ", ".join(known) or "no parameters"
            raise InputError(f"query '{self.name}' has no parameter '{unknown[0]}' (it takes {takes})", rule="param")
        bound = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise InputError(f"query '{self.name}' needs --param {param.name}=... ({param.help})", rule="param")
            bound[param.name] = to_term(param, value)
        return bound


def to_term(param: Param, value: str) -> Term:
    """A parameter value as a term. An id that cannot exist is simply not found."""
    if param.type == "id":
        if not ids.is_valid_id(value):
            raise NotFound(f"no entity {value!r} (ids are lower-case words joined by hyphens, e.g. cdop)")
        return iri(ids.ID + value)
    if param.type == "date":
        if not _FULL_DATE.fullmatch(value) or parse_date(value) is None:
            raise InputError(f"--param {param.name}: invalid date {value!r}: use YYYY-MM-DD", rule="param")
        return literal(value, XSD + "date")
    return literal(value)


def parse(path: Path) -> NamedQuery:
    """Read and check one ``.rq`` file; QueryError (naming the file) if it is unusable."""
    text = path.read_text(encoding="utf-8")
    place = Place(str(path))
    try:
        check_query(text)
    except QueryError as exc:
        raise QueryError(f"named query refused: {exc.message}", place=place, rule="refused-query") from None
    fields: dict[str, str] = {}
    params: list[Param] = []
    expect_empty = False
    last = ""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            key, value = match.groups()
            if key == "param":
                pm = _PARAM.match(value.strip())
                if not pm:
                    raise QueryError(
                        f"bad param line {value!r}: use 'name type[=default] description'",
                        place=Place(str(path), number),
                        rule="query-header",
                    )
                name, kind, default, helptext = pm.groups()
                if not re.search(rf"\?{name}\b", mask(text)):
                    raise QueryError(
                        f"param '{name}' is not a variable of the query",
                        place=Place(str(path), number),
                        rule="query-header",
                    )
                params.append(Param(name, kind, helptext.strip(), default))
            elif key == "expect":
                expect_empty = value.strip() == "empty"
            else:
                fields[key] = value.strip()
            last = key
        elif last in fields and line[1:].strip():
            fields[last] += " " + line[1:].strip()
    for key in ("title", "answers"):
        if not fields.get(key):
            raise QueryError(f"the header has no '# {key}:' line", place=place, rule="query-header")
    return NamedQuery(path.stem, fields["title"], fields["answers"], text, path, tuple(params), expect_empty)


@lru_cache(maxsize=4)
def registry(folder: Path = FOLDER) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name (the file name without ``.rq``)."""
    return {q.name: q for q in (parse(p) for p in sorted(folder.glob("*.rq")))}


def get(name: str, folder: Path = FOLDER) -> NamedQuery:
    """One named query; NotFound with close names if there is none."""
    import difflib

    queries = registry(folder)
    if name not in queries:
        raise NotFound(f"no named query '{name}'", candidates=difflib.get_close_matches(name, queries, n=3))
    return queries[name]


def run(store: Store, query: NamedQuery, values: Mapping[str, str], timeout: float | None = None) -> Result:
    """Run a named query with its parameters bound; the bound columns are left out."""
    bindings = query.bind(values)
    result = store.query(query.text, bindings, timeout=timeout)
    if isinstance(result, Solutions) and bindings:
        keep = [i for i, v in enumerate(result.variables) if v not in bindings]
        return Solutions([result.variables[i] for i in keep], [tuple(row[i] for i in keep) for row in result.rows])
    return result


def resolve(arg: str, folder: Path = FOLDER) -> NamedQuery | str:
    """A named query, else the text of a query file, else ``arg`` itself as a query."""
    import difflib

    queries = registry(folder)
    if arg in queries:
        return queries[arg]
    path = Path(arg)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # e.g. query text too long to be a file name
        is_file = False
    if is_file:
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path} is not UTF-8 ({exc.reason})", place=Place(str(path)), rule="encoding") from None
    if re.search(r"[\s{]", arg.strip()):
        return arg
    raise NotFound(f"no named query or file '{arg}'", candidates=difflib.get_close_matches(arg, queries, n=3))
