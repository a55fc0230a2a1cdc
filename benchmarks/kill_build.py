"""Kill ``govgraph build`` at random moments while queries run, and check what is left.

The promise (graph/build/generations.py): a build is published as one, so whenever a
build dies, ``build/`` holds the old graph or the new one, never a mix, and a query
running meanwhile never fails. This measures it: the corpus is built alternately from
two versions of the facts (the second with one more organisation), each build is sent
SIGKILL at a random moment between its start and a little past its usual length, and
two readers query all the while:

* a library reader that, in a loop, holds the current generation and reads its store
  (a COUNT) and its answer index, which must both belong to the same version;
* a command-line reader that runs ``govgraph sparql`` (COUNT) and ``govgraph stats``,
  which must exit 0, the count being one of the two versions'.

After each kill, the current generation must be complete and be the old or the new
version (new exactly when the build got as far as publishing). A final build must
leave one generation and nothing else. Prints the figures; exits 1 if any check fails.
Usage: .venv/bin/python -m benchmarks.kill_build [--kills 50] [--seed 13] [--project DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import timing
from graph.build.generations import OUTPUTS

EXTRA = """\
organisations:
  - id: kill-test-committee-owner
    name: Kill Test Organisation
    kind: charity
    evidence:
      - source: {source}
        quote: "{quote}"
"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def signature(folder: Path) -> tuple[int, int]:
    """(triples in the store, entities in the index) of one generation folder."""
    from graph.build.index import load_index
    from graph.sparql.store.oxigraph import OxigraphStore

    store = OxigraphStore(folder / "store")
    try:
        result = store.query(COUNT)
        triples = int(result.rows[0][0].value)  # type: ignore[union-attr]
    finally:
        store.close()
    return triples, len(load_index(folder)["entities"])


def read_loop(out: Path, stop: Path, known: list[list[int]]) -> None:
    """The library reader: hold a generation, read it whole, check it is one version."""
    from graph.build.generations import reading

    runs, errors, mixed, seen = 0, [], 0, set()
    while not stop.exists():
        try:
            with reading(out) as generation:
                got = list(signature(generation.path))
            seen.add(tuple(got))
            mixed += got not in known
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
        runs += 1
    print(json.dumps({"runs": runs, "errors": errors, "mixed": mixed, "seen": sorted(seen)}))


def cli_loop(project: Path, stop: Path, known: list[list[int]]) -> None:
    """The command-line reader: govgraph sparql and govgraph stats, as a user runs them."""
    runs, errors = 0, []
    counts = {k[0] for k in known}
    while not stop.exists():
        for argv in (["sparql", COUNT, "--format", "csv"], ["stats"]):
            done = subprocess.run(
                [timing.GOVGRAPH, "--project", str(project), *argv], capture_output=True, text=True, timeout=120
            )
            runs += 1
            if done.returncode != 0:
                errors.append(f"{' '.join(argv[:1])}: exit {done.returncode}: {done.stderr.strip()}"[:300])
            elif argv[0] == "sparql" and int(done.stdout.split()[1]) not in counts:
                errors.append(f"sparql: a count of neither version: {done.stdout.split()[1]}")
    print(json.dumps({"runs": runs, "errors": errors}))


def _project(source: Path | None) -> Path:
    root = Path(tempfile.mkdtemp(prefix="govgraph-kill-"))
    shutil.copytree((source or timing.ROOT) / "data", root / "data")
    ontology = (source or timing.ROOT) / "ontology"
    if ontology.is_dir():
        shutil.copytree(ontology, root / "ontology")
    return root


def _extra(project: Path) -> str:
    """A fact that makes the second version: one more organisation, quoting a real line."""
    from graph.sources.corpus import load_corpus

    corpus = load_corpus(project / "data" / "sources")
    doc = next(iter(corpus.documents.values()))
    line = next(ln.strip() for ln in doc.text.splitlines() if len(ln.strip()) > 20 and '"' not in ln)
    return EXTRA.format(source=doc.id, quote=line)


def _build(project: Path, log: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [timing.GOVGRAPH, "--project", str(project), "build"], stdout=subprocess.DEVNULL, stderr=log
    )


def _generation(out: Path) -> tuple[int, list[int]]:
    """The current generation's number and signature; AssertionError if it is incomplete."""
    from graph.build.generations import reading

    with reading(out) as generation:
        for name in ("govgraph.nt", "govgraph.ttl", "index.json", "store/CURRENT", ".readers"):
            if not (generation.path / name).exists():
                raise AssertionError(f"{generation} has no {name}")
        return generation.number, list(signature(generation.path))


def _use(extra: Path, text: str, with_extra: bool) -> None:
    if with_extra:
        extra.write_text(text, encoding="utf-8")
    else:
        extra.unlink(missing_ok=True)


def _reader(kind: str, where: Path, stop: Path, known: list[list[int]]) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "benchmarks.kill_build", "--reader", kind, str(where), str(stop), json.dumps(known)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=timing.ROOT)


def _kill_once(project: Path, length: float, expected: list[int]) -> tuple[str, str | None]:
    """Start a build, kill it at a random moment; ("old" or "new", a failure or None)."""
    out = project / "build"
    before = _generation(out)
    with tempfile.TemporaryFile() as log:
        build = _build(project, log)
        time.sleep(random.uniform(0, 1.2 * length))
        build.send_signal(signal.SIGKILL)
        build.wait()
        if build.returncode not in (0, -signal.SIGKILL):
            log.seek(0)
            return "failed", f"the build failed by itself: {log.read().decode().strip()[:300]}"
    after = _generation(out)
    outcome = "new" if after[0] != before[0] else "old"
    wanted = expected if outcome == "new" else before[1]
    return outcome, None if after[1] == wanted else f"build/ holds {after}, expected the {outcome} graph {wanted}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--project", type=Path, help="A project to copy (default: this repository's data).")
    parser.add_argument("--reader", nargs=4, metavar=("KIND", "FOLDER", "STOP", "KNOWN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        kind, folder, stop, known = args.reader
        (read_loop if kind == "library" else cli_loop)(Path(folder), Path(stop), json.loads(known))
        return
    random.seed(args.seed)
    started = time.perf_counter()
    project = _project(args.project)
    out, extra = project / "build", project / "data" / "facts" / "zz-kill-test.yaml"
    text = _extra(project)
    stop = project.parent / f"{project.name}-stop"
    failures: list[str] = []
    readers: list[subprocess.Popen[str]] = []
    try:
        known = []
        for with_extra in (True, False):
            _use(extra, text, with_extra)
            timing.run([timing.GOVGRAPH, "--project", str(project), "build"])
            known.append(_generation(out)[1])
        readers = [_reader("library", out, stop, known), _reader("cli", project, stop, known)]
        lengths = []
        for with_extra in (True, False):  # timed with the readers running, as the kills will be
            _use(extra, text, with_extra)
            lengths.append(timing.run([timing.GOVGRAPH, "--project", str(project), "build"]))
        length = statistics.mean(lengths)
        print(f"versions (triples, entities): {known[0]} with the extra fact, {known[1]} without")
        print(
            f"a full build takes {length:.2f} s beside the readers; each kill falls at random in 0-{1.2 * length:.2f} s"
        )
        outcomes = {"old": 0, "new": 0, "failed": 0}
        leftovers = 0
        for n in range(args.kills):
            with_extra = n % 2 == 0
            _use(extra, text, with_extra)
            outcome, failure = _kill_once(project, length, known[0] if with_extra else known[1])
            outcomes[outcome] += 1
            if failure:
                failures.append(f"kill {n + 1}: {failure}")
            leftovers += sum(1 for p in out.iterdir() if p.name.startswith((".tmp-build-", ".trash-")))
        stop.touch()
        library, cli = (json.loads(r.communicate(timeout=300)[0].strip().splitlines()[-1]) for r in readers)
        timing.run([timing.GOVGRAPH, "--project", str(project), "build"])
        names = sorted(p.name for p in out.iterdir())
        if [n for n in names if not n.startswith("gen-")] != [*sorted(["build.lock", "current"]), *OUTPUTS]:
            failures.append(f"after a final build, build/ holds {names}")
        failures += [f"library reader: {e}" for e in library["errors"]] + [f"cli reader: {e}" for e in cli["errors"]]
        if library["mixed"]:
            failures.append(f"library reader: {library['mixed']} reads mixed two versions")
        print(f"kills: {args.kills}; build/ then held the old graph {outcomes['old']} times, the new {outcomes['new']}")
        print(f"staging folders the kills left: {leftovers} counted after the kills; none after a final build")
        print(
            f"library reader: {library['runs']} reads of a whole generation (store COUNT + index),"
            f" {len(library['errors'])} errors, {library['mixed']} mixed"
        )
        print(f"command-line reader: {cli['runs']} commands (sparql COUNT, stats), {len(cli['errors'])} errors")
        print(f"after a final build: {', '.join(names)}")
        print(f"{time.perf_counter() - started:.0f} s in all")
    finally:
        stop.touch()
        for reader in readers:
            if reader.poll() is None:
                reader.kill()
            reader.communicate()
        stop.unlink(missing_ok=True)
        shutil.rmtree(project, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if failures:
        raise SystemExit(1)
    print("ok: build/ always held the old or the new graph, and no query failed")


if __name__ == "__main__":
    timing.main(main)
