"""The build: sources + curated facts -> validated graph -> files in ``build/``.

``validate`` does everything but write, so ``check`` and ``build`` cannot disagree.
``build`` writes into a temporary folder beside ``build/`` and only then moves the
finished files into place, so a failed build leaves the previous one intact.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.build.rdf import Triple, to_triples, write_ntriples, write_turtle
from graph.errors import Finding, ValidationFailed
from graph.model.load import Facts, load_facts
from graph.model.rules import run_rules
from graph.model.schema import RECORD_TYPES
from graph.project import Project
from graph.sources.corpus import Corpus, load_corpus
from graph.sources.evidence import locate_evidence


@dataclass
class Validation:
    """What validation found, and the graph it produced when there were no errors."""

    corpus: Corpus
    facts: Facts
    triples: list[Triple]
    findings: list[Finding]
    accepted: int
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def validate(project: Project, shacl: bool = True) -> Validation:
    """Load, check every rule, convert to triples and (optionally) run SHACL."""
    project.require()
    timer = _Timer()
    corpus = load_corpus(project.sources)
    facts, findings = load_facts(project.facts)
    timer.lap("load")
    findings += locate_evidence(facts, corpus)
    rule_findings, accepted = run_rules(facts, {d.id: d.date for d in corpus.documents.values()})
    findings = _unique([*findings, *rule_findings])
    timer.lap("rules")
    triples: list[Triple] = []
    if not any(f.severity == "error" for f in findings):
        triples = to_triples(facts, corpus)
        timer.lap("rdf")
        if shacl:
            from graph.build.shacl import shacl_findings

            findings += shacl_findings(triples, project.shapes, project.ontology)
            timer.lap("shacl")
    return Validation(corpus, facts, triples, findings, accepted, timer.laps)


@dataclass
class Summary:
    """What a build wrote, for the one-screen report."""

    counts: dict[str, int]
    triples: int
    evidence: int
    warnings: list[Finding]
    accepted: int
    seconds: dict[str, float]
    out: Path


def build(project: Project, shacl: bool = True) -> Summary:
    """Validate, then write Turtle, N-Triples, the answer index and the Oxigraph store.

    SHACL runs in a second process while the files are written (it is the slowest
    step, and this machine has two cores); nothing is moved into place until it passes.
    """
    result = validate(project, shacl=False)
    if result.errors:
        raise ValidationFailed(result.findings)
    timer = _Timer()
    pending = _start_shacl(result.triples, project) if shacl else None
    project.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=project.out))
    try:
        write_ntriples(result.triples, tmp / "govgraph.nt")  # streamed: no whole-text copy in memory
        write_turtle(tmp / "govgraph.nt", tmp / "govgraph.ttl")
        timer.lap("write")
        from graph.build.index import make_index

        index = make_index(result.facts, result.corpus)
        (tmp / "index.json").write_text(
            json.dumps(index, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":")),
            encoding="utf-8",
        )
        timer.lap("index")
        _write_store(tmp / "store", tmp / "govgraph.nt")
        timer.lap("store")
        if pending is not None:
            result.findings += pending()
            timer.lap("shacl (waited)")
            if result.errors:
                raise ValidationFailed(result.findings)
        _move_into_place(tmp, project.out, ["govgraph.nt", "govgraph.ttl", "index.json", "store"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    counts = count_kinds(result.facts)
    evidence = sum(len(r.evidence) for r in result.facts.records())
    return Summary(
        counts=counts,
        triples=len(result.triples),
        evidence=evidence,
        warnings=[f for f in result.findings if f.severity != "error"],
        accepted=result.accepted,
        seconds={**result.seconds, **timer.laps},
        out=project.out,
    )


_SHACL_INPUT: tuple[list[Triple], Path, Path] | None = None


def _shacl_in_child() -> list[Finding]:
    from graph.build.shacl import shacl_findings

    assert _SHACL_INPUT is not None
    return shacl_findings(*_SHACL_INPUT)


def _start_shacl(triples: list[Triple], project: Project) -> Callable[[], list[Finding]]:
    """Start SHACL validation in a forked process; return a function that waits for it.

    The triples reach the child through fork's copy of memory, not by pickling them.
    """
    global _SHACL_INPUT
    _SHACL_INPUT = (triples, project.shapes, project.ontology)
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: validate here instead
        findings = _shacl_in_child()
        return lambda: findings
    pool = context.Pool(1)
    _SHACL_INPUT = None
    job = pool.apply_async(_shacl_in_child)

    def wait() -> list[Finding]:
        try:
            return job.get()
        finally:
            pool.close()
            pool.join()

    return wait


def count_kinds(facts: Facts) -> dict[str, int]:
    """Entities and facts by type, in a fixed order, for summaries and coverage."""
    counts = dict.fromkeys(RECORD_TYPES, 0)
    for record in facts.records():
        counts[record.type] += 1
    return counts


def _write_store(path: Path, nt_file: Path) -> None:
    import pyoxigraph

    store = pyoxigraph.Store(str(path))
    store.bulk_load(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    store.optimize()
    del store


def _move_into_place(tmp: Path, out: Path, names: list[str]) -> None:
    """Replace each output by its new version; the old one is removed only after."""
    for name in names:
        new, old = tmp / name, out / name
        if new.is_dir():
            trash = tmp / f"old-{name}"
            if old.exists():
                os.replace(old, trash)
            os.replace(new, old)
        else:
            os.replace(new, old)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if str(f) not in seen:
            seen.add(str(f))
            out.append(f)
    return out


class _Timer:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self._t
        self._t = now
