"""The default backend: the on-disk Oxigraph store that ``govgraph build`` writes.

It is opened read-only, so several processes (``govgraph sparql``, ``govgraph serve``)
can read it at once, and it is opened lazily, so a forked query process opens its
own handle instead of sharing the parent's.

Parameters are bound with the same VALUES block as for endpoints (terms built and
escaped by ``graph.sparql.store.terms``), not with pyoxigraph's ``substitutions``: in
pyoxigraph 0.5 a substituted variable is not seen as a constant by the join planner,
which made parameterised queries 5 to 2000 times slower (``roles`` on 100k triples:
25 s with substitutions, 12 ms with VALUES).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import InputError, Place, QueryError
from graph.sparql.store.base import Boolean, Prepared, Result, Solutions, Store, Triples
from graph.sparql.store.terms import Term, bnode, literal
from graph.sparql.store.text import bind_values


def to_term(node: Any) -> Term | None:
    """A pyoxigraph term as a Term."""
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, ox.BlankNode):
        return bnode(node.value)
    if isinstance(node, ox.Literal):
        return literal(node.value, node.datatype.value, node.language)
    raise QueryError(f"unsupported term {node!r}")


class OxigraphStore(Store):
    """A pyoxigraph store on disk (``build/store``), or one given in memory."""

    name = "oxigraph"

    def __init__(self, path: Path | None = None, store: ox.Store | None = None):
        self.path = path
        self._db = store

    def db(self) -> ox.Store:
        """The pyoxigraph store, opened read-only on first use."""
        if self._db is None:
            assert self.path is not None
            if not (self.path / "CURRENT").is_file():
                raise InputError(
                    "no built store: run `govgraph build` first", place=Place(str(self.path)), rule="no-build"
                )
            try:
                self._db = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise InputError(f"cannot open the store: {exc}", place=Place(str(self.path)), rule="store") from None
        return self._db

    def _after_fork_in_child(self) -> None:
        if self.path is not None:
            self._db = None

    def _run(self, prepared: Prepared, bindings: dict[str, Term]) -> Result:
        text = bind_values(prepared.text, bindings)
        try:
            result = self.db().query(text)
            if isinstance(result, ox.QueryBoolean):
                return Boolean(bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                return Solutions(names, [tuple(to_term(row[i]) for i in range(len(names))) for row in result])
            return Triples(sorted((to_term(t.subject), to_term(t.predicate), to_term(t.object)) for t in result))  # type: ignore[misc]
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"oxigraph: {exc}".splitlines()[0]) from None

    def close(self) -> None:
        self._db = None
