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
* keys are cut into shards at keys whose hash ends a shard, so that a change in one
  area changes only its own shard's contents;
* a shard holds every triple of its subjects, the ``rdf:type`` triples of the nodes
  they point to (``sh:class`` looks at them) and the ontology (instances of subclasses
  count), and only results whose focus node belongs to the shard are kept.

The shapes look only at a focus node's own values and at the types of those values, so
this gives exactly the results of validating the whole graph at once (a test compares
the two, broken data included). Keep it so when adding shapes, or validate in one piece
(``shard_size=0``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.build import ntriples
from graph.errors import Finding, Place
from graph.model.vocab import PREFIXES, XSD

Triple = tuple[str, str, str]

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SOURCE = "<http://purl.org/dc/terms/source>"
EVIDENCE = "/evidence/"
SHARD_KEYS = 8  # a shard ends, on average, after this many keys (documents)
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


def shards(triples: list[Triple], shard_keys: int = SHARD_KEYS) -> list[Shard]:
    """The graph cut into shards that can be validated apart (see the module's docstring).

    A shard's triples are those of its own subjects, then the type triples of the
    other nodes its objects name. ``shard_keys=0``: the whole graph as one shard.
    """
    if shard_keys <= 0:
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
        if int(hashlib.sha1(k.encode()).hexdigest(), 16) % shard_keys == 0:
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
    triples: list[Triple], shapes: Path, ontology: Path, shard_keys: int = SHARD_KEYS, workers: int = 2
) -> list[Violation]:
    """Every SHACL result on the graph, validated shard by shard, sorted.

    pyrudof never runs in a process that may fork later: a process forked after
    pyrudof has started its threads can hang, and the build forks its SHACL process.
    So it runs in fresh worker processes (spawned, not forked), or here when this is
    already such a leaf (the build's daemonic SHACL process, which may not have
    children). Results on nodes of the ontology itself (not of the graph) are decided
    by the shard that holds the graph's unkeyed roots.
    """
    import multiprocessing

    parts = shards(triples, shard_keys)
    everywhere = {root(s) for s, _, _ in triples}
    texts = (ntriples.document(shard.triples) for shard in parts)
    setup = (shapes.read_text(encoding="utf-8"), ontology.read_text(encoding="utf-8"))
    found: list[Violation] = []

    def keep(shard: Shard, results: list[Violation]) -> None:
        decides_rest = UNKEYED in shard.keys
        for result in results:
            r = root(result.focus)
            if r in shard.roots or (decides_rest and r not in everywhere):
                found.append(result)

    if multiprocessing.current_process().daemon:
        _start_worker(*setup)
        for shard, text in zip(parts, texts):
            keep(shard, _validate(text))
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(max(1, min(workers, len(parts))), initializer=_start_worker, initargs=setup) as pool:
            for shard, results in zip(parts, pool.imap(_validate, texts)):
                keep(shard, results)
    return sorted(found)


_SESSION: Any = None
_ONTOLOGY = ""


def _start_worker(shapes: str, ontology: str) -> None:
    """In a worker: one pyrudof session holding the shapes, for every shard it gets."""
    import pyrudof

    global _SESSION, _ONTOLOGY
    _SESSION = pyrudof.Rudof(pyrudof.RudofConfig())
    _SESSION.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle, reader_mode=pyrudof.ReaderMode.Strict)
    _ONTOLOGY = ontology


def _validate(text: str) -> list[Violation]:
    """In a worker: every result on one shard's N-Triples (with the ontology merged)."""
    import pyrudof

    _SESSION.reset_data()
    if text:
        _SESSION.read_data(text, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    _SESSION.read_data(_ONTOLOGY, format=pyrudof.RDFFormat.Turtle, merge=True)
    return [
        Violation(
            _node(result.focus_node),
            "" if result.path is None else str(result.path),
            str(result.constraint_component),
            "" if result.value is None else _node(result.value),
            str(result.message).strip('"'),
            str(result.severity),
        )
        for result in _SESSION.validate_shacl()
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
