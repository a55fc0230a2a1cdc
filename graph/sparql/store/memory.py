"""The in-memory backend: an rdflib Graph (what the build and small scripts use).

rdflib's SPARQL parser is not thread-safe, so every query holds one lock; and rdflib
would fetch ``FROM <url>`` graphs from the network, which is switched off here, and
SERVICE endpoints, which its parsed algebra is checked for.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import rdflib
import rdflib.plugins.sparql
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import InputError, Place, QueryError
from graph.sparql.store.base import Boolean, Prepared, Result, Solutions, Store, Triples
from graph.sparql.store.terms import Term, bnode, iri, literal

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

_CACHE_SIZE = 64


def to_term(node: Any) -> Term | None:
    """An rdflib node as a Term."""
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        return Term("uri", str(node))
    if isinstance(node, rdflib.BNode):
        return bnode(str(node))
    if isinstance(node, rdflib.Literal):
        return literal(str(node), str(node.datatype) if node.datatype else None, node.language)
    raise QueryError(f"unsupported term {node!r}")


def from_term(term: Term) -> rdflib.term.Identifier:
    """A Term as an rdflib node (only for binding parameters)."""
    if term.kind == "uri":
        return rdflib.URIRef(iri(term.value).value)
    if term.kind == "literal":
        return rdflib.Literal(
            term.value, lang=term.lang, datatype=rdflib.URIRef(term.datatype) if term.datatype else None
        )
    raise QueryError("blank nodes cannot be bound as parameters")


class MemoryStore(Store):
    """rdflib in memory: simple and pure Python, but far slower than Oxigraph at scale."""

    name = "memory"

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph
        self._lock = threading.Lock()
        self._compiled: dict[str, Any] = {}

    @classmethod
    def from_file(cls, path: Path) -> MemoryStore:
        """Load ``govgraph.nt`` (or any N-Triples/Turtle file) into memory."""
        if not path.is_file():
            raise InputError("no built graph: run `govgraph build` first", place=Place(str(path)), rule="no-build")
        graph = rdflib.Graph()
        graph.parse(str(path), format="nt" if path.suffix == ".nt" else "turtle")
        return cls(graph)

    def _before_fork(self) -> Any:
        return self._lock

    def _after_fork_in_child(self) -> None:
        # The child was forked while holding the lock; it has no other threads.
        self._lock = threading.Lock()

    def _run(self, prepared: Prepared, bindings: dict[str, Term]) -> Result:
        init = {name: from_term(term) for name, term in bindings.items()}
        with self._lock:
            try:
                compiled = self._compiled.get(prepared.text)
                if compiled is None:
                    compiled = prepareQuery(prepared.text)
                    _refuse_service(compiled.algebra)
                    if len(self._compiled) >= _CACHE_SIZE:
                        self._compiled.clear()
                    self._compiled[prepared.text] = compiled
                return _convert(self.graph.query(compiled, initBindings=init))
            except QueryError:
                raise
            except Exception as exc:  # rdflib raises many kinds
                raise QueryError(f"rdflib: {type(exc).__name__}: {exc}".splitlines()[0]) from None


def _refuse_service(node: Any) -> None:
    """Refuse a query whose algebra, as rdflib parsed it, calls SERVICE.

    The tokens were checked already (``text.check_query``); this is rdflib's own
    reading of the same text, checked because rdflib is what would fetch the URL.
    """
    stack, seen = [node], set()
    while stack:
        part = stack.pop()
        if id(part) in seen:
            continue
        seen.add(id(part))
        if isinstance(part, CompValue):
            if part.name == "ServiceGraphPattern":
                raise QueryError("SERVICE (federated queries) is not allowed")
            stack.extend(part.values())
        elif isinstance(part, (list, tuple)):
            stack.extend(part)


def _convert(result: Any) -> Result:
    if result.type == "ASK":
        return Boolean(bool(result.askAnswer))
    if result.type == "SELECT":
        names = [str(v) for v in result.vars]
        return Solutions(names, [tuple(to_term(row[i]) for i in range(len(names))) for row in result])
    return Triples(sorted((to_term(s), to_term(p), to_term(o)) for s, p, o in result.graph))  # type: ignore[misc]
