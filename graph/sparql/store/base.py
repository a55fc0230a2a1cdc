"""The store interface every backend implements, and the results it returns.

A backend only has to run one checked query (``_run``). Everything a user can get
wrong or abuse is handled once, here: updates and SERVICE are refused, syntax errors
become one line with line and column, parameters are bound (never spliced), and a
timeout really stops the query by running it in a child process that is killed.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.errors import EndpointError, GovgraphError, InputError, QueryError
from graph.model.vocab import PREFIXES
from graph.sparql.store import text as sparql_text
from graph.sparql.store.terms import Term

DEFAULT_TIMEOUT = 30.0


@dataclass
class Solutions:
    """The answer to a SELECT: variable names and rows (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Term]]:
        return [{v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows]


@dataclass
class Boolean:
    """The answer to an ASK."""

    value: bool

    def __len__(self) -> int:
        return int(self.value)


@dataclass
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE, sorted so answers compare equal."""

    triples: list[tuple[Term, Term, Term]]

    def __len__(self) -> int:
        return len(self.triples)


Result = Solutions | Boolean | Triples


@dataclass(frozen=True)
class Prepared:
    """A checked query: its form (select, ask, construct, describe) and runnable text.

    ``text`` is the query with its escapes expanded and the usual prefixes added: the
    same text for every backend, so that all of them read the query that was checked.
    """

    form: str
    text: str


_EMPTY: Any = None
_POSITION = re.compile(r"^error at (\d+):(\d+): ")


@functools.lru_cache(maxsize=256)
def prepare(query: str) -> Prepared:
    """Refuse updates/SERVICE, check the syntax, and add the usual prefixes.

    Updates and SERVICE are refused on the tokens of the expanded query
    (``text.check_query``) before anything runs. The syntax is then checked by
    Oxigraph's strict SPARQL 1.1 parser against an empty store, so every backend
    reports the same one-line error with line and column. Cached: named queries run
    again and again, and checking costs up to a few ms.
    """
    import pyoxigraph

    global _EMPTY
    checked = sparql_text.check_query(query)
    if _EMPTY is None:
        _EMPTY = pyoxigraph.Store()
    try:
        _EMPTY.query(checked.source.text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc), checked.source), rule="syntax") from None
    return Prepared(checked.form, sparql_text.with_prefixes(checked))


def syntax_message(message: str, source: sparql_text.Source) -> str:
    """One readable line: where, and what was expected (long lists shortened)."""
    text = " ".join(message.split())
    position = _POSITION.match(message)
    where = ""
    if position:
        line, column = source.position(source.offset(*map(int, position.groups())))
        where = f"at line {line}, column {column}: "
        text = text[position.end() :].strip()
    unknown = sparql_text.undeclared_prefix(source.written, set(PREFIXES))
    if unknown:
        prefix, line, column = unknown
        return f"syntax error at line {line}, column {column}: unknown prefix '{prefix}:' (declare it: PREFIX {prefix}: <...>)"
    if len(text) > 120:
        text = text[:117].rsplit(",", 1)[0] + ", ..."
    return f"syntax error {where}{text}"


class Store(ABC):
    """One interface over rdflib in memory, the on-disk Oxigraph store, and endpoints."""

    name = "store"

    def query(self, query: str, bindings: Mapping[str, Term] | None = None, timeout: float | None = None) -> Result:
        """Run a read-only SPARQL query with ``bindings`` for its variables.

        With ``timeout`` (seconds) the query runs in a child process that is killed
        when time is up, raising QueryError; without it, it runs in this process.
        """
        if timeout is None:
            return self._checked(query, dict(bindings or {}))
        return self._with_timeout(query, dict(bindings or {}), timeout)

    def _checked(self, query: str, bindings: dict[str, Term]) -> Result:
        prepared = prepare(query)
        try:
            return self._run(prepared, bindings)
        except GovgraphError:
            raise
        except Exception as exc:  # a backend's own failure, as one line (as from a timed child)
            raise QueryError(f"{type(exc).__name__}: {exc}".splitlines()[0]) from None

    @abstractmethod
    def _run(self, prepared: Prepared, bindings: dict[str, Term]) -> Result:
        """Run a checked query; raise QueryError/EndpointError for failures."""

    def _before_fork(self) -> Any:
        """A context held while forking (the memory backend locks its graph)."""
        return contextlib.nullcontext()

    def _after_fork_in_child(self) -> None:
        """Drop handles that must not be shared with the parent (on-disk store)."""
        return None

    def _with_timeout(self, query: str, bindings: dict[str, Term], timeout: float) -> Result:
        if timeout <= 0:
            raise InputError(f"timeout must be positive, got {timeout}", rule="timeout")
        context: Any = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=self._child, args=(send, query, bindings), daemon=True)
        with self._before_fork():
            child.start()
        send.close()
        try:
            if not receive.poll(timeout):
                raise QueryError(
                    f"query stopped after the {timeout:g} s timeout (allow longer with --timeout, or add LIMIT)",
                    rule="timeout",
                )
            try:
                status, payload = receive.recv()
            except EOFError:
                raise QueryError(f"the query process died (exit code {child.exitcode})", rule="query") from None
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receive.close()
        if status == "ok":
            return payload  # type: ignore[no-any-return]
        cls, message, rule, exit_code = payload
        error = cls(message, rule=rule)
        error.exit_code = exit_code  # e.g. a garbled answer is exit 2 whichever process met it
        raise error

    def _child(self, send: Any, query: str, bindings: dict[str, Term]) -> None:
        try:
            self._after_fork_in_child()
            reply: tuple[str, Any] = ("ok", self._checked(query, bindings))
        except GovgraphError as exc:
            kind = next(c for c in (QueryError, EndpointError, InputError, GovgraphError) if isinstance(exc, c))
            reply = ("error", (kind, exc.message, exc.rule, exc.exit_code))
        except Exception as exc:  # reported to the parent as one line
            reply = ("error", (QueryError, f"{type(exc).__name__}: {exc}", "query", QueryError.exit_code))
        send.send(reply)
        send.close()

    def close(self) -> None:
        """Release files or connections; the store cannot be used afterwards."""
        return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
