"""One store interface, three backends, so the same SPARQL runs everywhere.

* ``oxigraph`` (default): the on-disk pyoxigraph store ``build/store`` written by
  ``govgraph build``; fast, needs nothing running.
* ``memory``: an rdflib Graph loaded from ``build/govgraph.nt``; pure Python.
* ``endpoint``: any SPARQL 1.1 Protocol endpoint, for graphs that outgrow a laptop.

Every backend takes a query plus bindings and returns :class:`Solutions`,
:class:`Boolean` or :class:`Triples` of plain :class:`Term` values, so answers can be
compared across backends with ``==``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError
from graph.sparql.store.base import DEFAULT_TIMEOUT, Boolean, Result, Solutions, Store, Triples
from graph.sparql.store.terms import Term

if TYPE_CHECKING:
    from graph.sparql.store.auth import Credentials

BACKENDS = ("oxigraph", "memory", "endpoint")

__all__ = ["BACKENDS", "DEFAULT_TIMEOUT", "Boolean", "Result", "Solutions", "Store", "Term", "Triples", "open_store"]


def open_store(
    build_dir: Path, backend: str = "oxigraph", endpoint: str | None = None, credentials: Credentials | None = None
) -> Store:
    """The store for a build folder, or the endpoint at ``endpoint`` when one is given.

    ``credentials`` are sent to the endpoint only if it asks for them.
    """
    if endpoint is not None or backend == "endpoint":
        if not endpoint:
            raise InputError("the endpoint backend needs --endpoint URL", rule="endpoint-url")
        from graph.sparql.store.auth import Answerer
        from graph.sparql.store.endpoint import EndpointStore

        return EndpointStore(endpoint, auth=Answerer(credentials) if credentials else None)
    if backend == "oxigraph":
        from graph.sparql.store.oxigraph import OxigraphStore

        return OxigraphStore(build_dir / "store")
    if backend == "memory":
        from graph.sparql.store.memory import MemoryStore

        return MemoryStore.from_file(build_dir / "govgraph.nt")
    raise InputError(f"unknown backend {backend!r}: one of {', '.join(BACKENDS)}", rule="backend")
