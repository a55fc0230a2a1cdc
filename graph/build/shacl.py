"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The engine is pyrudof (the Python binding of rudof's SHACL validator, in Rust): on the
project's shapes it reports the same violations as pySHACL, the reference engine, which
``tests/test_shacl.py`` checks on the corpus, on synthetic areas and on deliberately
broken graphs, and it needs about a quarter of pySHACL's time.

The graph is validated in shards, so that memory stays bounded at any size:

* every subject has a *root*: itself, or for an evidence node
  (``<X/evidence/hash>``) the entity or statement ``X`` it is evidence for;
* a root's *key* is the first source document its evidence cites, so that one
  area's documents, and the facts they support, fall together;
* keys, in order, are packed into shards of about ``SHARD_SIZE`` triples (pyrudof
  needs some 13 KB per triple while it validates, so this bounds its memory);
* a shard holds every triple of its subjects, the ``rdf:type`` triples of the nodes
  they point to (``sh:class`` looks at them) and the ontology (instances of subclasses
  count), and only results whose focus node belongs to the shard are kept.

The shapes look only at a focus node's own values and at the types of those values, so
this gives exactly the results of validating the whole graph at once (a test compares
the two, broken data included). Keep it so when adding shapes, or validate in one piece
(``shard_size=0``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.build import ntriples
from graph.errors import Finding, InputError, Place
from graph.model.vocab import PREFIXES, XSD

Triple = tuple[str, str, str]

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SOURCE = "<http://purl.org/dc/terms/source>"
EVIDENCE = "/evidence/"
SHARD_SIZE = 50_000  # triples per shard, about; a key (document) is never split
_XSD_TYPED = re.compile(r"\^\^xsd:([A-Za-z]+)$")
UNKEYED = ""  # roots whose evidence cites no document (vocabulary terms), and the ontology's own nodes


def root(subject: str) -> str:
    """The entity or statement a subject describes (an evidence node's owner)."""
    cut = subject.find(EVIDENCE)
    return subject[:cut] + ">" if cut > 0 and subject.startswith("<") else subject


@dataclass
class Shard:
    """Triples to validate together, and the roots whose results they decide."""

    triples: list[Triple]
    roots: set[str]
    keys: list[str]


def shards(triples: list[Triple], shard_size: int = SHARD_SIZE) -> list[Shard]:
    """The graph cut into shards that can be validated apart (see the module's docstring).

    A shard's triples are those of its own subjects, then the type triples of the
    other nodes its objects name. ``shard_size=0``: the whole graph as one shard.
    """
    if shard_size <= 0:
        return [Shard(triples, {root(s) for s, _, _ in triples}, [UNKEYED])]
    cited: dict[str, str] = {}  # evidence node -> document
    evidence: dict[str, list[str]] = defaultdict(list)  # root -> its evidence nodes
    types: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        s, p, o = triple
        if p == SOURCE:
            cited[s] = o
        elif p == DERIVED:
            evidence[root(s)].append(o)
        elif p == TYPE:
            types[s].append(triple)
    documents = set(cited.values())
    key_of: dict[str, str] = {}

    def key(r: str) -> str:
        found = key_of.get(r)
        if found is None:
            docs = [cited[e] for e in evidence.get(r, ()) if e in cited]
            found = key_of[r] = min(docs) if docs else (r if r in documents else UNKEYED)
        return found

    by_key: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        by_key[key(root(triple[0]))].append(triple)
    by_key.setdefault(UNKEYED, [])
    out: list[Shard] = []
    current = Shard([], set(), [])
    for k in sorted(by_key):  # UNKEYED ("") first
        current.triples += by_key[k]
        current.keys.append(k)
        if len(current.triples) >= shard_size:
            out.append(current)
            current = Shard([], set(), [])
    if current.keys:
        out.append(current)
    for shard in out:
        own = {s for s, _, _ in shard.triples}
        shard.roots = {root(s) for s in own}
        named = sorted({o for _, _, o in shard.triples if o.startswith("<") and o not in own})
        shard.triples += [t for o in named for t in types.get(o, ())]
    return out


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: focus node and value as N-Triples terms, path and constraint as IRIs."""

    focus: str
    path: str
    component: str
    value: str
    message: str
    severity: str


def violations(
    triples: list[Triple], shapes: Path, ontology: Path, shard_size: int = SHARD_SIZE, workers: int = 2
) -> list[Violation]:
    """Every SHACL result on the graph, validated shard by shard, sorted.

    pyrudof runs in worker processes of its own (``python -m graph.build.shacl``, fed
    shards through a pipe), never in this one: a process forked after pyrudof has
    started its threads can hang, and the build forks its SHACL process. Results on
    nodes of the ontology itself (not of the graph) are decided by the shard that holds
    the graph's unkeyed roots.
    """
    parts = shards(triples, shard_size)
    everywhere = {root(s) for s, _, _ in triples}
    setup = shapes.read_text(encoding="utf-8"), ontology.read_text(encoding="utf-8")
    pending = iter(parts)
    lock = threading.Lock()
    found: list[Violation] = []

    def work() -> None:
        with _Worker(*setup) as worker:
            while True:
                with lock:
                    shard = next(pending, None)
                if shard is None:
                    return
                results = worker.validate(ntriples.document(shard.triples))
                decides_rest = UNKEYED in shard.keys
                kept = [
                    v
                    for v in results
                    if root(v.focus) in shard.roots or (decides_rest and root(v.focus) not in everywhere)
                ]
                with lock:
                    found.extend(kept)

    count = max(1, min(workers, len(parts)))
    with ThreadPoolExecutor(count) as pool:
        jobs = [pool.submit(work) for _ in range(count)]
        for job in jobs:
            try:
                job.result()
            except _WorkerFailed as exc:
                raise InputError(f"SHACL: {exc}", place=Place(str(shapes)), rule="shacl") from None
    return sorted(found)


class _WorkerFailed(Exception):
    """pyrudof refused the shapes or a shard (its message says why)."""


class _Worker:
    """A pyrudof process holding the shapes; each shard goes down a pipe and results come back."""

    def __init__(self, shapes: str, ontology: str):
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.build.shacl"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._send(shapes)
        self._send(ontology)

    def _send(self, text: str) -> None:
        data = text.encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(len(data).to_bytes(8, "big") + data)
        self.process.stdin.flush()

    def validate(self, text: str) -> list[Violation]:
        self._send(text)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise _WorkerFailed(f"the validating process stopped (exit {self.process.wait()})")
        answer = json.loads(line)
        if isinstance(answer, dict):
            raise _WorkerFailed(answer["error"])
        return [Violation(*fields) for fields in answer]

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _serve() -> None:
    """The worker: read the shapes, the ontology, then shards; write one JSON line per shard."""
    import pyrudof

    def receive() -> str | None:
        head = sys.stdin.buffer.read(8)
        if len(head) < 8:
            return None
        return sys.stdin.buffer.read(int.from_bytes(head, "big")).decode("utf-8")

    shapes, ontology = receive(), receive()
    session = pyrudof.Rudof(pyrudof.RudofConfig())
    failed = ""
    try:
        session.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle, reader_mode=pyrudof.ReaderMode.Strict)
    except pyrudof.RudofError as exc:
        failed = " ".join(str(exc).split())
    while (text := receive()) is not None:
        answer: object = {"error": failed}
        if not failed:
            try:
                answer = _validate(session, text, ontology or "")
            except pyrudof.RudofError as exc:
                answer = {"error": " ".join(str(exc).split())}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def _validate(session: Any, text: str, ontology: str) -> list[list[str]]:
    """In the worker: the results on one shard's N-Triples, with the ontology merged."""
    import pyrudof

    session.reset_data()
    if text:
        session.read_data(text, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    session.read_data(ontology, format=pyrudof.RDFFormat.Turtle, merge=True)
    return [
        [
            _node(r.focus_node),
            "" if r.path is None else str(r.path),
            str(r.constraint_component),
            "" if r.value is None else _node(r.value),
            str(r.message).strip('"'),
            str(r.severity),
        ]
        for r in session.validate_shacl()
    ]


def shacl_findings(triples: list[Triple], shapes: Path, ontology: Path) -> list[Finding]:
    """One finding per SHACL result (focus node, path, message): violations are errors."""
    place = Place(str(shapes))
    seen: set[str] = set()
    out = []
    for v in violations(triples, shapes, ontology):
        text = f"{v.focus}{_path(v.path)}: {v.message}"
        if text not in seen:
            seen.add(text)
            out.append(Finding("shacl", text, place, "error" if v.severity == "Violation" else "warning"))
    return out


def _node(node: Any) -> str:
    """A node as the N-Triples term the graph spells it with (pyrudof writes ``xsd:``)."""
    text = str(node)
    if text.startswith('"'):
        return _XSD_TYPED.sub(lambda m: f"^^<{XSD}{m.group(1)}>", text)
    return text if text.startswith("_:") else ntriples.iri(text)


def _path(text: str) -> str:
    """The result path in the project's prefixes (`` foaf:mbox``), or nothing."""
    if not text:
        return ""
    for prefix, namespace in PREFIXES.items():
        local = text[len(namespace) :]
        if text.startswith(namespace) and local and local.replace("-", "").replace("_", "").isalnum():
            return f" {prefix}:{local}"
    return f" <{text}>"


if __name__ == "__main__":
    _serve()
