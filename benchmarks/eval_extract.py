"""Extraction measured against the curated facts (run by ``scripts/eval-extract``).

Gold for a document is every curated fact with an evidence quote found in that
document, computed when the script runs, so the numbers follow the curation.

- **Recall** of a kind: the share of the document's gold facts that some candidate
  from that document matches.
- **Precision** of a kind: the share of candidates that match a curated fact of that
  kind (from any document: a true fact the curators took from another document is
  not an error; ``strict_precision`` counts only this document's gold).

A candidate matches a gold fact when its kind agrees and each entity it names
matches: the same id (a candidate linked to a curated entity), or, for an entity the
candidate proposes as new, the same name as the gold entity's name, an alias or an
acronym (normalised; rapidfuzz ratio >= 90 for organisations and bodies, >= 88 for
people). A post matches when its organisation (or one a part-of step away) matches and
its title, without the organisation's name, has token-sort ratio >= 85 with the gold
post's. A unit proposed with a parent ("Safeguarding Team of BCHC", parent BCHC)
matches a curated unit of the same parent whose name is the same once the parent's
words are left out ("BCHC Safeguarding Team"). Per kind:

- acronyms: the same acronym for a matching entity;
- people-with-posts: appointments, person and post matching;
- chairs: memberships with role chair, co-chair, vice-chair or deputy-chair: member,
  body and role; roles: the other memberships, the same way;
- lines: relations of the kinds the issue asks for (``ASKED_LINE_KINDS``): subject,
  kind and object; other-lines: the other kinds the extractor proposes
  (``OTHER_LINE_KINDS``: scrutinises, supports, presents-to, part-of), the same way. A
  "part-of" candidate that a curated entity's ``parent`` states is correct too.
- changes: the same change kind and at least one matching entity among before,
  after and moves.

By default each document is extracted as if new ("hold-out"): the linker forgets the
entities only that document evidences and the aliases printed nowhere else, so
candidates must find their entities by name. ``holdout=False`` links against
everything curated, as when re-reading a curated document.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.extract import extract_document
from graph.extract.candidates import Candidate
from graph.extract.index import index_from_facts
from graph.extract.lexicon import LINES, role_of
from graph.extract.linking import post_core
from graph.model.schema import CHAIR_ROLES, RELATION_KINDS
from graph.names import normalise

KINDS = ("acronyms", "people-with-posts", "chairs", "roles", "lines", "other-lines", "changes")
TARGETS = {
    "acronyms": (0.8, 0.6),
    "people-with-posts": (0.8, 0.6),
    "chairs": (0.8, 0.6),
    "lines": (None, 0.4),
    "changes": (None, 0.4),
}
ASKED_LINE_KINDS = ("reports-to", "accountable-to", "oversees", "hosts", "line-manages", "owns", "commissions", "funds")
OTHER_LINE_KINDS = tuple(k for k in RELATION_KINDS if k in {line.kind for line in LINES} and k not in ASKED_LINE_KINDS)


@dataclass
class Entity:
    """What matching needs to know of an entity: its id, names and (posts) organisation."""

    id: str
    section: str
    forms: list[str]
    organisation: str | None = None
    linked: bool = True
    organisation_entity: Entity | None = None
    parent: str | None = None
    parent_entity: Entity | None = None


@dataclass
class Fact:
    kind: str
    key: tuple[Any, ...]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    candidates: int = 0
    correct: int = 0
    strict: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.candidates if self.candidates else None

    @property
    def strict_precision(self) -> float | None:
        return self.strict / self.candidates if self.candidates else None

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "candidates", "correct", "strict"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    holdout: bool
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    per_document: dict[str, dict[str, Score]] = field(default_factory=dict)
    seconds: float = 0.0
    bytes: int = 0
    candidates: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.add(s)
        return total

    @property
    def seconds_per_100kb(self) -> float:
        return self.seconds / self.bytes * 100 * 1024 if self.bytes else 0.0

    def as_dict(self) -> dict[str, Any]:
        def row(s: Score) -> dict[str, Any]:
            return {
                "gold": s.gold,
                "found": s.found,
                "candidates": s.candidates,
                "correct": s.correct,
                "precision": _r(s.precision),
                "recall": _r(s.recall),
                "strict_precision": _r(s.strict_precision),
            }

        return {
            "mode": "hold-out" if self.holdout else "linked",
            "kinds": {k: row(s) for k, s in self.scores.items()},
            "overall": row(self.overall),
            "documents": {d: {k: row(s) for k, s in kinds.items()} for d, kinds in self.per_document.items()},
            "seconds": round(self.seconds, 3),
            "kilobytes": round(self.bytes / 1024, 1),
            "seconds_per_100kb": round(self.seconds_per_100kb, 3),
            "candidates": self.candidates,
            "skipped_fact_files": self.skipped,
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


class Matcher:
    """Decides whether a candidate's entity is a gold entity (see the module docstring)."""

    def __init__(self, curated: dict[str, Entity]):
        self.curated = curated

    def same(self, cand: Entity | None, gold_id: str) -> bool:
        if cand is None:
            return False
        if cand.linked:
            return cand.id == gold_id
        gold = self.curated.get(gold_id)
        if gold is None or _class(cand.section) != _class(gold.section):
            return False
        if gold.section == "posts":
            return self._same_post(cand, gold)
        return _names_match(cand.forms, gold.forms, 88 if gold.section == "people" else 90) or self._same_unit(
            cand, gold
        )

    def _same_unit(self, cand: Entity, gold: Entity) -> bool:
        """ "Safeguarding Team of BCHC" proposed with parent BCHC is the curated "BCHC
        Safeguarding Team": the same parent, and the same name once the parent's words
        are left out (as for posts)."""
        if not (cand.parent_entity and gold.parent and self.same(cand.parent_entity, gold.parent)):
            return False
        parent_forms = (
            self.curated[gold.parent].forms if gold.parent in self.curated else []
        ) + cand.parent_entity.forms
        core = post_core(cand.forms[0], parent_forms)
        return bool(core) and core == post_core(gold.forms[0], parent_forms)

    def _same_post(self, cand: Entity, gold: Entity) -> bool:
        from rapidfuzz import fuzz

        org = cand.organisation_entity
        if not gold.organisation or org is None:
            return False
        parent = self.curated[gold.organisation].parent if gold.organisation in self.curated else None
        if not (
            self.same(org, gold.organisation)
            or (parent and self.same(org, parent))
            or (org.linked and org.parent == gold.organisation)
            or (org.parent_entity is not None and self.same(org.parent_entity, gold.organisation))
        ):
            return False  # the organisation, or one it is part of or contains ("the Cabinet" of the Council)
        org_forms = (self.curated[gold.organisation].forms if gold.organisation in self.curated else []) + org.forms
        core = post_core(cand.forms[0], org_forms)
        return bool(core) and any(fuzz.token_sort_ratio(core, post_core(f, org_forms)) >= 85 for f in gold.forms)


def _class(section: str) -> str:
    """Organisations and bodies are one class for matching: whether a hospital or a
    panel is filed as one or the other is a curator's call, not an extraction error."""
    return "agents" if section in ("organisations", "bodies") else section


def _plain(name: str) -> str:
    """A name for comparison: normalised, without a curator's "(HEFT)" qualifier."""
    return normalise(re.sub(r"\([^()]*\)", " ", name))


def _names_match(a: list[str], b: list[str], cutoff: int) -> bool:
    """Same name, alias or acronym; a close spelling; or one name of three words or more
    inside the other ("Safeguarding Assurance Group" / "BSOL CCG Safeguarding ...")."""
    from rapidfuzz import fuzz

    na = {_plain(x) for x in a if x}
    nb = {_plain(x) for x in b if x}
    if na & nb:
        return True
    for x in na:
        for y in nb:
            if len(x) >= 5 and len(y) >= 5 and fuzz.ratio(x, y) >= cutoff:
                return True
            short, long = sorted((x.split(), y.split()), key=len)
            if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long)} ":
                return True
    return False


def curated_entities(facts: Any) -> dict[str, Entity]:
    out = {}
    for r in facts.entities.values():
        if r.is_entity:
            d = r.data
            out[r.id] = Entity(
                r.id,
                r.section,
                [d["name"], *d.get("aliases", []), *d.get("acronyms", [])],
                d.get("organisation"),
                parent=d.get("parent"),
            )
    return out


def gold_facts(records: Iterable[Any], source: str | None) -> dict[str, list[Fact]]:
    """Curated facts by kind; with ``source``, only those it evidences (quote found)."""
    out: dict[str, list[Fact]] = {k: [] for k in KINDS}
    seen: set[tuple[str, tuple[Any, ...]]] = set()

    def add(kind: str, key: tuple[Any, ...]) -> None:
        if (kind, key) not in seen:
            seen.add((kind, key))
            out[kind].append(Fact(kind, key))

    for r in records:
        quotes = [e.quote for e in r.evidence if source is None or (e.source == source and e.offset >= 0)]
        if not quotes:
            continue
        d = r.data
        if r.is_entity:
            for acronym in d.get("acronyms", []):
                if source is None or any(re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", q) for q in quotes):
                    add("acronyms", (acronym, r.id))
        elif r.section == "appointments":
            add("people-with-posts", (d["person"], d["post"]))
        elif r.section == "memberships":
            add("chairs" if d["role"] in CHAIR_ROLES else "roles", (d["member"], d["body"], d["role"]))
        elif r.section == "relations" and d["kind"] in (*ASKED_LINE_KINDS, *OTHER_LINE_KINDS):
            add(_line_class(d["kind"]), (d["subject"], d["kind"], d["object"]))
        elif r.section == "changes":
            add("changes", (d["kind"], tuple(sorted({*d.get("before", []), *d.get("after", []), *d.get("moves", [])}))))
    return out


def _line_class(kind: str) -> str:
    return "lines" if kind in ASKED_LINE_KINDS else "other-lines"


def parent_facts(records: Iterable[Any]) -> list[Fact]:
    """The part-of lines curated as an entity's ``parent``: a candidate "part-of" line
    that one states is not an error (they are not gold: the quotes of an entity need
    not say whose part it is)."""
    return [
        Fact("other-lines", (r.id, "part-of", r.data["parent"]))
        for r in records
        if r.is_entity and r.data.get("parent")
    ]


def candidate_facts(candidates: list[Candidate]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {k: [] for k in KINDS}
    for c in candidates:
        d = c.data
        if c.is_entity:
            out["acronyms"] += [Fact("acronyms", (a, d["id"])) for a in d.get("acronyms", [])]
        elif c.section == "appointments":
            out["people-with-posts"].append(Fact("people-with-posts", (d["person"], d["post"])))
        elif c.section == "memberships":
            kind = "chairs" if d["role"] in CHAIR_ROLES else "roles"
            out[kind].append(Fact(kind, (d["member"], d["body"], d["role"])))
        elif c.section == "relations" and d["kind"] in (*ASKED_LINE_KINDS, *OTHER_LINE_KINDS):
            kind = _line_class(d["kind"])
            out[kind].append(Fact(kind, (d["subject"], d["kind"], d["object"])))
        elif c.section == "changes":
            out["changes"].append(
                Fact("changes", (d["kind"], tuple({*d.get("before", []), *d.get("after", []), *d.get("moves", [])})))
            )
    return out


def _matches(m: Matcher, ents: dict[str, Entity], c: Fact, g: Fact) -> bool:
    def same(cid: str, gid: str) -> bool:
        return m.same(ents.get(cid), gid)

    if c.kind == "acronyms":
        return normalise(c.key[0]) == normalise(g.key[0]) and same(c.key[1], g.key[1])
    if c.kind == "people-with-posts":
        return same(c.key[0], g.key[0]) and same(c.key[1], g.key[1])
    if c.kind in ("chairs", "roles"):
        return c.key[2] == g.key[2] and same(c.key[0], g.key[0]) and same(c.key[1], g.key[1])
    if c.kind in ("lines", "other-lines"):
        return c.key[1] == g.key[1] and same(c.key[0], g.key[0]) and same(c.key[2], g.key[2])
    return c.key[0] == g.key[0] and any(same(a, b) for a in c.key[1] for b in g.key[1])


def candidate_entities(candidates: list[Candidate], curated: dict[str, Entity]) -> dict[str, Entity]:
    """Entities the candidates name: curated ones as linked, proposed ones as new."""
    out = dict(curated)
    for c in candidates:
        if c.is_entity and c.link == "new":
            d = c.data
            out[d["id"]] = Entity(
                d["id"],
                c.section,
                [d["name"], *d.get("acronyms", [])],
                d.get("organisation"),
                linked=False,
                parent=d.get("parent"),
            )
    for e in out.values():
        e.organisation_entity = out.get(e.organisation) if e.organisation else None
        e.parent_entity = out.get(e.parent) if e.parent else None
    return out


def score_document(
    candidates: list[Candidate], facts: Any, source: str, curated: dict[str, Entity], pool: dict[str, list[Fact]]
) -> dict[str, Score]:
    gold = gold_facts(facts.records(), source)
    found = candidate_facts(candidates)
    ents = candidate_entities(candidates, curated)
    matcher = Matcher(curated)
    out = {}
    for kind in KINDS:
        s = Score(gold=len(gold[kind]), candidates=len(found[kind]))
        s.found = sum(any(_matches(matcher, ents, c, g) for c in found[kind]) for g in gold[kind])
        s.correct = sum(any(_matches(matcher, ents, c, g) for g in pool[kind]) for c in found[kind])
        s.strict = sum(any(_matches(matcher, ents, c, g) for g in gold[kind]) for c in found[kind])
        out[kind] = s
    return out


def load_readable_facts(folder: Path) -> tuple[Any, list[str]]:
    """The curated facts, leaving out any file that cannot be parsed right now (the
    facts are edited while the evaluation runs); returns the facts and what was left out."""
    from graph.errors import InputError
    from graph.model.load import load_facts

    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="govgraph-eval-") as tmp:
        work = Path(tmp) / "facts"
        shutil.copytree(folder, work)
        while True:
            try:
                facts, _ = load_facts(work)
                return facts, skipped
            except InputError as exc:
                bad = Path(exc.place.file) if exc.place else None
                if bad is None or not bad.is_file() or work not in bad.parents:
                    raise
                skipped.append(f"{bad.name}: {exc.message}")
                bad.unlink()


def evaluate(
    project_root: Path,
    holdout: bool = True,
    documents: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Extract every document of the project and score it against the curated facts."""
    from graph.project import Project
    from graph.sources.corpus import load_corpus
    from graph.sources.evidence import locate_evidence

    project = Project(project_root)
    project.require()
    corpus = load_corpus(project.sources)
    facts, report_skipped = load_readable_facts(project.facts)
    locate_evidence(facts, corpus)  # a quote not found simply is not gold
    curated = curated_entities(facts)
    for e in curated.values():
        e.organisation_entity = curated.get(e.organisation) if e.organisation else None
    pool = gold_facts(facts.records(), None)
    pool["other-lines"] += parent_facts(facts.records())
    known_statements = {r.id for r in facts.statements}
    full_index = None if holdout else index_from_facts(facts)
    report = Report(holdout=holdout, skipped=report_skipped)
    for doc_id, doc in corpus.documents.items():
        if documents and doc_id not in documents:
            continue
        if progress:
            progress(doc_id)
        if holdout:
            others = [d.text for i, d in corpus.documents.items() if i != doc_id]
            index = index_from_facts(facts, exclude_source=doc_id, other_texts=others)
        else:
            assert full_index is not None
            index = full_index
        started = time.perf_counter()
        result = extract_document(doc, index, known_statements)
        report.seconds += time.perf_counter() - started
        report.bytes += len(doc.text.encode("utf-8"))
        report.candidates += len(result.candidates)
        scores = score_document(result.candidates, facts, doc_id, curated, pool)
        report.per_document[doc_id] = scores
        for kind, s in scores.items():
            report.scores[kind].add(s)
    return report


@dataclass
class Roundtrip:
    """extract + review --accept-all-above on a copy of the project, then check."""

    threshold: float
    accepted: int = 0
    written: int = 0
    reproduced: int = 0
    curated: int = 0
    findings_in_written: list[str] = field(default_factory=list)
    errors_elsewhere: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "accepted": self.accepted,
            "written": self.written,
            "reproduced_curated": self.reproduced,
            "curated_statements": self.curated,
            "findings_in_written_files": self.findings_in_written,
            "errors_elsewhere": self.errors_elsewhere,
        }


def roundtrip(project_root: Path, threshold: float) -> Roundtrip:
    """Extract every document, accept what is at or above ``threshold`` into
    ``data/facts/extracted-*.yaml`` of a temporary copy, and run the checks.

    ``reproduced`` counts accepted facts that are curated already (the same statement),
    i.e. the share of the curation the tool would have typed for the curators."""
    from graph.build.pipeline import validate
    from graph.curate.review import Session
    from graph.extract.candidates import dump
    from graph.project import Project
    from graph.sources.corpus import load_corpus

    out = Roundtrip(threshold)
    with tempfile.TemporaryDirectory(prefix="govgraph-roundtrip-") as tmp:
        root = Path(tmp)
        shutil.copytree(Path(project_root) / "data", root / "data")
        if (Path(project_root) / "ontology").is_dir():
            shutil.copytree(Path(project_root) / "ontology", root / "ontology")
        project = Project(root)
        facts, skipped = load_readable_facts(project.facts)
        for name in skipped:  # leave out facts files that cannot be read now
            (project.facts / name.split(":")[0]).unlink()
        index = index_from_facts(facts)
        known = {r.id for r in facts.statements}
        out.curated = sum(1 for r in facts.statements if r.section != "claims")
        corpus = load_corpus(project.sources)
        targets = []
        for doc_id, doc in corpus.documents.items():
            result = extract_document(doc, index, known)
            path = root / f"candidates-{doc_id}.yaml"
            path.write_text(dump(doc_id, doc.title, result.candidates), encoding="utf-8")
            session = Session(project, path)
            session.accept_above(threshold)
            accepted = session.accepted()
            out.accepted += len(accepted)
            out.reproduced += sum(1 for c in accepted if not c.is_entity and c.link == "linked")
            if accepted:
                written = session.write()
                out.written += sum(written.counts.values())
                targets.append(written.file.resolve())
        check = validate(project, shacl=False)
        for f in check.findings:
            if f.place and Path(f.place.file).resolve() in targets:
                out.findings_in_written.append(str(f).replace(str(root) + "/", ""))
            elif f.severity == "error":
                out.errors_elsewhere += 1
    return out


def format_report(report: Report) -> str:
    """The table ``scripts/eval-extract`` prints."""

    def pct(x: float | None) -> str:
        return "   -" if x is None else f"{x:4.2f}"

    lines = [
        f"mode: {'hold-out (each document read as if new)' if report.holdout else 'linked to all curated entities'}",
        f"{'kind':<18} {'gold':>5} {'found':>6} {'cands':>6} {'correct':>8} {'P':>5} {'R':>5} {'strict P':>9}  target",
    ]
    for kind, s in [*report.scores.items(), ("overall", report.overall)]:
        p_t, r_t = TARGETS.get(kind, (None, None))
        target = " ".join(x for x in (f"P>={p_t}" if p_t else "", f"R>={r_t}" if r_t else "") if x)
        lines.append(
            f"{kind:<18} {s.gold:>5} {s.found:>6} {s.candidates:>6} {s.correct:>8} {pct(s.precision):>5} "
            f"{pct(s.recall):>5} {pct(s.strict_precision):>9}  {target}"
        )
    lines.append(
        f"time: {report.seconds:.2f}s for {report.bytes / 1024:.0f} KB = {report.seconds_per_100kb:.3f}s per 100 KB"
        f" ({report.candidates} candidates)"
    )
    lines += [f"skipped unreadable facts file: {s}" for s in report.skipped]
    return "\n".join(lines)


# --- other councils' texts against hand gold (``scripts/eval-extract --texts DIR``) ---------

COUNCIL_GOLD = Path(__file__).parent / "councils"
COUNCIL_KINDS = ("acronyms", "people-with-posts", "chairs", "roles", "lines", "changes")
COUNCIL_TARGETS = {
    "acronyms": (0.9, 0.8),
    "people-with-posts": (0.8, 0.5),
    "chairs": (0.85, 0.5),
    "lines": (0.7, 0.3),
}


@dataclass
class Named:
    """An entity of a candidate as the hand gold names it: its section, every form of
    its name and, for a post, its organisation (None when the text gives none)."""

    section: str
    forms: list[str]
    organisation: Named | None = None


@dataclass
class TextGold:
    """The hand gold of one text: facts by kind, written with names, not ids."""

    id: str
    split: str
    area: str
    provenance: dict[str, Any]
    facts: dict[str, list[list[Any]]]


def load_text_gold(path: Path) -> TextGold:
    """One ``<id>.yaml`` of hand gold (see benchmarks/councils/README.md)."""
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    facts = {k: list(raw.get(k) or []) for k in ("acronyms", "appointments", "memberships", "relations", "changes")}
    return TextGold(
        str(raw.get("text") or path.stem),
        str(raw.get("split", "")),
        str(raw.get("area", "")),
        dict(raw.get("provenance") or {}),
        facts,
    )


def _post_title_match(cand: Named, gold: str) -> bool:
    """A post's title against a gold title, the organisation's own words left out of both."""
    from rapidfuzz import fuzz

    org_forms = cand.organisation.forms if cand.organisation else []
    core = post_core(cand.forms[0], org_forms)
    want = post_core(gold, org_forms)
    return bool(core) and bool(want) and fuzz.token_sort_ratio(core, want) >= 85


def _named_match(cand: Named | None, gold: str | None) -> bool:
    """Whether a candidate's entity is the one the gold names (any section: a member or
    a line's end may be a person, a post or a body)."""
    if cand is None or not gold:
        return False
    if cand.section == "posts":
        full = [f"{cand.forms[0]} {o}" for o in (cand.organisation.forms if cand.organisation else [])]
        return _post_title_match(cand, gold) or _names_match(full, [gold], 90)
    return _names_match(cand.forms, [gold], 88 if cand.section == "people" else 90)


@dataclass
class Succession:
    """Marks a line read off a replacement or renaming the text proposes: the gold writes
    "X succeeded-by Y" as a line, the graph as the change; it counts only where it answers
    for a gold line (the change is scored with the changes)."""


@dataclass
class Seat:
    """A person's chair on a body, proposed as a membership: the gold writes the same fact
    as an appointment ("Jo Bell, Chair, Anytown Board"), the graph as a place on the body."""

    body: Named | None
    role: str


def _same_chair(role: str, title: str) -> bool:
    """ "Deputy Chair" and a vice-chair's seat are one role; "Interim Chair" and a chair's."""
    deputies = ("vice-chair", "deputy-chair")
    said = role_of(title)
    return said is not None and (said == role or (said in deputies and role in deputies))


def _council_match(kind: str, cand: tuple[Any, ...], gold: list[Any], strict: bool) -> bool:
    if kind == "acronyms":
        acronym, entity = cand
        return normalise(acronym) == normalise(str(gold[0])) and _names_match(entity.forms, [str(gold[1])], 90)
    if kind == "people-with-posts":
        person, post = cand
        if isinstance(post, Seat):
            if not (_named_match(person, gold[0]) and _same_chair(post.role, str(gold[1]))):
                return False
            return not strict or (gold[2] is not None and _named_match(post.body, str(gold[2])))
        if not (_named_match(person, gold[0]) and post.section == "posts" and _post_title_match(post, str(gold[1]))):
            return False
        if not strict:
            return True
        if gold[2] is None:
            return post.organisation is None
        return post.organisation is not None and _names_match(post.organisation.forms, [str(gold[2])], 90)
    if kind in ("chairs", "roles"):
        member, body, role = cand
        return role == gold[2] and _named_match(member, gold[0]) and _named_match(body, gold[1])
    if kind == "lines":
        subject, line, obj = cand[:3]
        return line == gold[1] and _named_match(subject, gold[0]) and _named_match(obj, gold[2])
    change_kind, entities = cand
    names = [*_listed(gold[3]), *_listed(gold[4])] if len(gold) > 4 else []
    wanted = GOLD_CHANGE_KINDS.get(str(gold[0]), str(gold[0]))
    return change_kind == wanted and any(_named_match(e, n) for e in entities for n in names)


# The words the gold writers used for a change, as the graph names its kinds.
GOLD_CHANGE_KINDS = {
    "replacement": "replaced",
    "rename": "renamed",
    "merger": "merged",
    "abolition": "dissolved",
    "dissolution": "dissolved",
}


def _listed(names: Any) -> list[str]:
    """A gold change's side: one name, or a list of them."""
    return [] if not names else [names] if isinstance(names, str) else [str(n) for n in names]


def _named_candidates(candidates: list[Candidate], index: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The candidates by kind, each entity as a ``Named``."""
    named: dict[str, Named] = {}

    def entity(entity_id: str | None) -> Named | None:
        if not entity_id:
            return None
        if entity_id not in named:
            new = next((c for c in candidates if c.is_entity and c.data.get("id") == entity_id), None)
            if new is not None:
                d = new.data
                named[entity_id] = Named(new.section, [d["name"], *d.get("aliases", []), *d.get("acronyms", [])])
                named[entity_id].organisation = entity(d.get("organisation"))
            elif entity_id in index:
                known = index.get(entity_id)
                named[entity_id] = Named(known.section, known.forms)
                named[entity_id].organisation = entity(known.organisation)
            else:
                return None
        return named[entity_id]

    out: dict[str, list[tuple[Any, ...]]] = {k: [] for k in COUNCIL_KINDS}
    for c in candidates:
        d = c.data
        if c.is_entity:
            out["acronyms"] += [(a, entity(d["id"])) for a in d.get("acronyms", [])]
        elif c.section == "appointments":
            out["people-with-posts"].append((entity(d["person"]), entity(d["post"])))
        elif c.section == "memberships":
            kind = "chairs" if d["role"] in CHAIR_ROLES else "roles"
            member, body = entity(d["member"]), entity(d["body"])
            out[kind].append((member, body, d["role"]))
            if kind == "chairs" and member is not None and member.section == "people":
                out["people-with-posts"].append((member, Seat(body, d["role"])))
        elif c.section == "relations":
            out["lines"].append((entity(d["subject"]), d["kind"], entity(d["object"])))
        elif c.section == "terms":  # a glossary's acronym for a term, not an entity
            out["acronyms"].append((d["acronym"], Named("terms", [d["expansion"]])))
        elif c.section == "changes":
            ents = [entity(i) for k in ("before", "after", "moves") for i in d.get(k, [])]
            out["changes"].append((d["kind"], [e for e in ents if e]))
            if d["kind"] in ("replaced", "renamed"):  # what a gold line "X succeeded-by Y" says
                out["lines"] += [
                    (entity(b), "succeeded-by", entity(a), Succession())
                    for b in d.get("before", [])
                    for a in d.get("after", [])
                ]
    return out


_GOLD_KIND = {
    "people-with-posts": "appointments",
    "chairs": "memberships",
    "roles": "memberships",
    "lines": "relations",
}


def _gold_of(gold: TextGold, kind: str) -> list[list[Any]]:
    rows = gold.facts[_GOLD_KIND.get(kind, kind)]
    if kind == "chairs":
        return [r for r in rows if r[2] in CHAIR_ROLES]
    if kind == "roles":
        return [r for r in rows if r[2] not in CHAIR_ROLES]
    return rows


@dataclass
class TextResult:
    """One text's scores, strict and lenient, and what was missed or wrong."""

    id: str
    split: str
    strict: dict[str, Score]
    lenient: dict[str, Score]
    misses: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    quotes: int = 0
    verbatim: int = 0


def _show(x: Any) -> str:
    if isinstance(x, Named):
        org = f" [{x.organisation.forms[0]}]" if x.organisation else (" [-]" if x.section == "posts" else "")
        return x.forms[0] + org
    if isinstance(x, Seat):
        return f"{x.role} of {_show(x.body)}"
    if isinstance(x, (list, tuple)):
        return "(" + ", ".join(_show(y) for y in x) + ")"
    return str(x)


def _stands_in(cand: tuple[Any, ...]) -> bool:
    """A fact written the graph's way for one the gold writes another (a chair's seat for an
    appointment, a replacement for a succeeded-by line): counted only where it matches."""
    return isinstance(cand[-1], (Seat, Succession))


def score_text(candidates: list[Candidate], gold: TextGold, index: Any, text: str) -> TextResult:
    """Score one text's candidates against its hand gold."""
    found = _named_candidates(candidates, index)
    result = TextResult(gold.id, gold.split, {}, {})
    for strict, scores in ((True, result.strict), (False, result.lenient)):
        for kind in COUNCIL_KINDS:
            rows = _gold_of(gold, kind)
            # a chair's seat stands in for a gold appointment that says the same, and is no
            # appointment of its own otherwise (the chairs are scored as chairs)
            cands = [
                c for c in found[kind] if not _stands_in(c) or any(_council_match(kind, c, g, strict) for g in rows)
            ]
            s = Score(gold=len(rows), candidates=len(cands))
            hit = [any(_council_match(kind, c, g, strict) for c in cands) for g in rows]
            good = [any(_council_match(kind, c, g, strict) for g in rows) for c in cands]
            s.found, s.correct = sum(hit), sum(good)
            s.strict = s.correct
            scores[kind] = s
            if strict:
                result.misses[kind] = [_show(g) for g, h in zip(rows, hit) if not h]
                result.wrong[kind] = [_show(c) for c, ok in zip(cands, good) if not ok]
    quotes = [q for c in candidates for q in c.quotes]
    result.quotes, result.verbatim = len(quotes), sum(1 for q in quotes if q in text)
    return result


def evaluate_texts(texts: Path, gold_dir: Path = COUNCIL_GOLD, project: Path | None = None) -> list[TextResult]:
    """Extract every ``<id>.txt`` of ``texts`` that has hand gold ``<id>.yaml`` in
    ``gold_dir`` (or beside it), as a new document of a project that knows nothing yet
    (or, with ``project``, linked against that project's curated entities)."""
    from graph.extract.index import EntityIndex
    from graph.sources.corpus import Document

    if project is not None:
        facts, _ = load_readable_facts(project / "data" / "facts")
        index = index_from_facts(facts)
    else:
        index = EntityIndex([])
    out = []
    for path in sorted(Path(texts).glob("*.txt")):
        gold_file = next((f for f in (gold_dir / f"{path.stem}.yaml", path.with_suffix(".yaml")) if f.is_file()), None)
        if gold_file is None:
            continue
        gold = load_text_gold(gold_file)
        text = path.read_text(encoding="utf-8")
        prov = gold.provenance
        doc = Document(
            path.stem,
            str(prov.get("title", path.stem)),
            "",
            str(prov.get("publisher", "")),
            str(prov.get("kind", "")),
            path,
            text=text,
        )
        result = extract_document(doc, index)
        out.append(score_text(result.candidates, gold, index, text))
    return out


def council_table(results: list[TextResult], split: str) -> tuple[dict[str, Score], dict[str, Score], int]:
    """Strict and lenient scores of one split ("all" for every text) and its number of texts."""
    chosen = [r for r in results if split in ("all", r.split)]
    strict = {k: Score() for k in COUNCIL_KINDS}
    lenient = {k: Score() for k in COUNCIL_KINDS}
    for r in chosen:
        for k in COUNCIL_KINDS:
            strict[k].add(r.strict[k])
            lenient[k].add(r.lenient[k])
    return strict, lenient, len(chosen)


def format_councils(results: list[TextResult], splits: list[str], details: bool = False) -> str:
    """The tables ``scripts/eval-extract --texts DIR`` prints, one per split."""

    def pct(x: float | None) -> str:
        return "   -" if x is None else f"{x:4.2f}"

    out = []
    for split in splits:
        strict, lenient, n = council_table(results, split)
        out.append(f"split: {split} ({n} texts)")
        out.append(f"{'kind':<18} {'gold':>5} {'cands':>6} {'strict P':>9} {'R':>5} {'lenient P':>10} {'R':>5}  target")
        for kind in COUNCIL_KINDS:
            s, le = strict[kind], lenient[kind]
            p_t, r_t = COUNCIL_TARGETS.get(kind, (None, None))
            target = f"P>={p_t} R>={r_t}" if p_t else ""
            out.append(
                f"{kind:<18} {s.gold:>5} {s.candidates:>6} {pct(s.precision):>9} {pct(s.recall):>5} "
                f"{pct(le.precision):>10} {pct(le.recall):>5}  {target}"
            )
        chosen = [r for r in results if split in ("all", r.split)]
        out.append(f"quotes verbatim: {sum(r.verbatim for r in chosen)} of {sum(r.quotes for r in chosen)}")
        if details:
            for r in chosen:
                for kind in COUNCIL_KINDS:
                    for m in r.misses[kind]:
                        out.append(f"  {r.id}: {kind} missed {m}")
                    for w in r.wrong[kind]:
                        out.append(f"  {r.id}: {kind} wrong  {w}")
        out.append("")
    return "\n".join(out).rstrip("\n")


def main(argv: list[str]) -> int:
    """``scripts/eval-extract [--json] [--mode holdout|linked|both] [--threshold T] [--no-roundtrip] [DOC ...]``."""
    import argparse
    import json

    import click

    parser = argparse.ArgumentParser(prog="scripts/eval-extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", nargs="*", help="only these document ids (default: all)")
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--mode", choices=("holdout", "linked", "both"), default="both")
    parser.add_argument("--threshold", type=float, default=0.8, help="confidence for the review round trip")
    parser.add_argument("--no-roundtrip", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--texts", type=Path, help="score every <id>.txt of DIR against its hand gold instead")
    parser.add_argument("--gold", type=Path, default=COUNCIL_GOLD, help="where the <id>.yaml gold is (--texts)")
    parser.add_argument("--split", choices=("dev", "test", "all"), action="append", help="which texts (--texts)")
    parser.add_argument("--details", action="store_true", help="list each text's misses and wrong candidates")
    parser.add_argument("--link", action="store_true", help="link against --project's curated entities (--texts)")
    args = parser.parse_args(argv)
    if args.texts:
        if not args.texts.is_dir():
            raise SystemExit(f"scripts/eval-extract: --texts {args.texts}: not a folder")
        results = evaluate_texts(args.texts, args.gold, args.project if args.link else None)
        splits = args.split or ["dev", "test", "all"]
        if args.json:
            tables = {}
            for split in splits:
                strict, lenient, n = council_table(results, split)
                tables[split] = {
                    "texts": n,
                    "strict": {
                        k: {
                            "gold": s.gold,
                            "candidates": s.candidates,
                            "precision": _r(s.precision),
                            "recall": _r(s.recall),
                        }
                        for k, s in strict.items()
                    },
                    "lenient": {
                        k: {
                            "gold": s.gold,
                            "candidates": s.candidates,
                            "precision": _r(s.precision),
                            "recall": _r(s.recall),
                        }
                        for k, s in lenient.items()
                    },
                }
            click.echo(json.dumps(tables, indent=2, ensure_ascii=False))
        else:
            click.echo(format_councils(results, splits, args.details))
        return 0
    modes = {"holdout": [True], "linked": [False], "both": [True, False]}[args.mode]
    reports = [evaluate(args.project, holdout=m, documents=args.documents or None) for m in modes]
    trip = None if args.no_roundtrip else roundtrip(args.project, args.threshold)
    if args.json:
        click.echo(
            json.dumps(
                {"reports": [r.as_dict() for r in reports], "roundtrip": trip.as_dict() if trip else None},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    click.echo("\n\n".join(format_report(r) for r in reports))
    if trip:
        click.echo(
            f"\nround trip (extract + review --accept-all-above {trip.threshold} + check): "
            f"{trip.accepted} accepted, {trip.written} written, {trip.reproduced} of the {trip.curated} curated "
            "facts (claims aside) reproduced exactly; "
            f"{len(trip.findings_in_written)} finding(s) in the written files"
            + (f" ({trip.errors_elsewhere} error(s) elsewhere, not from extraction)" if trip.errors_elsewhere else "")
        )
        for f in trip.findings_in_written:
            click.echo(f"  {f}")
    return 0
