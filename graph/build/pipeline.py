"""The build: sources + curated facts -> validated graph -> files in ``build/``.

``validate`` does everything but write, so ``check`` and ``build`` cannot disagree.
``build`` writes a new generation beside the current one and publishes it with one
atomic switch (``graph.build.generations``), so a failed or killed build leaves the
previous one intact, and a reader never sees half of each.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.build import generations
from graph.build.rdf import Triple, to_triples, write_ntriples, write_turtle
from graph.errors import Finding, InputError, Place, ValidationFailed
from graph.model.load import Facts, load_facts
from graph.model.rules import run_rules
from graph.model.schema import RECORD_TYPES
from graph.project import Project
from graph.sources.areas import assign_areas
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


def validate(project: Project, shacl: bool = True, allow_empty: bool = False) -> Validation:
    """Load, check every rule, convert to triples and (optionally) run SHACL.

    No facts at all is an error (a build would replace the graph with an empty one)
    unless ``allow_empty``.
    """
    project.require()
    timer = _Timer()
    corpus = load_corpus(project.sources)
    facts, findings = load_facts(project.facts)
    if not facts.records():
        findings.append(
            Finding(
                "no-facts",
                "no facts to build from"
                + ("" if allow_empty else "; `govgraph build --allow-empty` builds an empty graph if that is meant"),
                Place(str(project.facts)),
                severity="warning" if allow_empty else "error",
            )
        )
    timer.lap("load")
    findings += locate_evidence(facts, corpus)
    findings += assign_areas(facts, corpus)
    docs = corpus.documents.values()
    rule_findings, accepted = run_rules(facts, {d.id: d.date for d in docs}, {d.id: d.area for d in docs})
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
    generation: generations.Generation


def build(project: Project, shacl: bool = True, allow_empty: bool = False) -> Summary:
    """Validate, then publish Turtle, N-Triples, the answer index and the Oxigraph store.

    One build at a time (a lock in ``build/`` names the holder). SHACL runs in a
    second process while the files are written (it is the slowest step, and this
    machine has two cores); nothing is published until it passes. Folders left by a
    killed build, and old generations no reader holds, are removed.
    """
    with generations.build_lock(project.out) as lock:
        generations.collect(project.out)
        result = validate(project, shacl=False, allow_empty=allow_empty)
        if result.errors:
            raise ValidationFailed(result.findings)
        timer = _Timer()
        pending = _start_shacl(result.triples, project, lock) if shacl else None
        staged = generations.staging(project.out)
        try:
            _write(staged, result, timer)
            if pending is not None:
                result.findings += pending()
                timer.lap("shacl (waited)")
                if result.errors:
                    raise ValidationFailed(result.findings)
            generation = generations.publish(project.out, staged)
        finally:
            generations.collect(project.out)
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
        generation=generation,
    )


def _write(folder: Path, result: Validation, timer: _Timer) -> None:
    """Write the four outputs into a private staging folder."""
    from graph.build.index import make_index

    try:
        write_ntriples(result.triples, folder / "govgraph.nt")  # streamed: no whole-text copy in memory
        write_turtle(folder / "govgraph.nt", folder / "govgraph.ttl")
        timer.lap("write")
        index = make_index(result.facts, result.corpus)
        (folder / "index.json").write_text(
            json.dumps(index, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":")),
            encoding="utf-8",
        )
        timer.lap("index")
        _write_store(folder / "store", folder / "govgraph.nt")
        timer.lap("store")
    except OSError as exc:
        raise InputError(
            f"cannot write the build: {exc.strerror or exc}", place=Place(str(folder)), rule="build-folder"
        ) from None


_SHACL_INPUT: tuple[list[Triple], Path, Path] | None = None


def _shacl_in_child() -> list[Finding]:
    from graph.build.shacl import shacl_findings

    assert _SHACL_INPUT is not None
    return shacl_findings(*_SHACL_INPUT)


def _shacl_child_start(lock: int, parent: int) -> None:
    """Let go of the build lock, and (on Linux) die with the build if it is killed."""
    os.close(lock)
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the build died before that took effect
            os._exit(1)


def _start_shacl(triples: list[Triple], project: Project, lock: int) -> Callable[[], list[Finding]]:
    """Start SHACL validation in a forked process; return a function that waits for it.

    The triples reach the child through fork's copy of memory, not by pickling them.
    The child closes its copy of the build lock and dies with the build, so a build
    killed while SHACL runs leaves neither the lock held nor a process running.
    """
    global _SHACL_INPUT
    _SHACL_INPUT = (triples, project.shapes, project.ontology)
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: validate here instead
        findings = _shacl_in_child()
        return lambda: findings
    pool = context.Pool(1, initializer=_shacl_child_start, initargs=(lock, os.getpid()))
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
