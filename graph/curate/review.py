"""Reviewing candidate facts and writing the accepted ones into ``data/facts/``.

The library side of ``govgraph review``: a session over a candidates file knows which
items still need a decision, what each one depends on (a fact naming a new entity
needs that entity), how to show a quote in its context, and how to write accepted
items safely:

- the review markers (``confidence``, ``link``, ``rule``) are stripped;
- a new entity whose id has meanwhile been curated is linked to it when the names
  agree, and renamed otherwise, so no id is ever defined twice;
- a fact already curated with the same quote is not written again (one with a new
  quote is: the loader merges its evidence);
- every quote is checked against its source before anything is written, and the items
  are appended to the target file without disturbing it.

The candidates file is then rewritten with only the items still undecided, so a
review can stop and resume.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Finding, InputError, NotFound, Place
from graph.extract.candidates import Candidate, dump, load, ordered
from graph.model import ids
from graph.model.dump import dump_item
from graph.model.load import Facts, load_facts, read_record
from graph.model.schema import CHAIR_ROLES, NATIONAL
from graph.names import normalise
from graph.project import Project
from graph.sources.areas import assign_areas
from graph.sources.corpus import Document, load_corpus

CONTEXT = 160


@dataclass
class Written:
    """What ``write`` did."""

    file: Path
    counts: dict[str, int]
    relinked: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    already: int = 0
    dropped: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


class Session:
    """One review of one candidates file."""

    def __init__(self, project: Project, path: Path):
        project.require()
        self.project = project
        self.path = path
        if not path.is_file():
            raise NotFound(f"no candidates file {path} (make one with `govgraph extract SOURCE -o {path}`)")
        self.source, self.items = load(path)
        corpus = load_corpus(project.sources)
        if self.source not in corpus:
            raise InputError(
                f"the candidates are from '{self.source}', which is not in the manifest",
                place=Place(str(path), 1),
                rule="candidates",
            )
        self.document: Document = corpus[self.source]
        self.decisions: dict[int, str] = {}
        self.held: list[tuple[Candidate, list[str]]] = []  # left for a person by accept_above
        facts, _ = load_facts(project.facts)
        assign_areas(facts, corpus)
        self.facts = facts
        self.names = {r.id: str(r.data.get("name") or r.data.get("label") or r.id) for r in facts.entities.values()}
        self.context = [c for c in self.items if c.is_entity and c.link == "linked"]
        self.pending = [c for c in self.items if not (c.is_entity and c.link == "linked")]

    # --- what to show ------------------------------------------------------------

    def by_id(self) -> dict[str, Candidate]:
        return {c.data["id"]: c for c in self.pending if c.is_entity}

    def name(self, entity_id: str) -> str:
        """A readable name for an id named by an item (new or curated)."""
        new = self.by_id().get(entity_id)
        if new:
            return f"{new.data.get('name', entity_id)} (new)"
        return self.names.get(entity_id, f"{entity_id} (unknown)")

    def in_context(self, quote: str, width: int = CONTEXT) -> tuple[int, str, str, str]:
        """(line, text before, the quote, text after) where the quote occurs in the source."""
        at = self.document.find(quote)
        if at < 0:
            return 0, "", quote, ""
        before = self.document.text[max(0, at - width) : at]
        after = self.document.text[at + len(quote) : at + len(quote) + width]
        before = before.split("\n\n")[-1]
        after = after.split("\n\n")[0]
        return self.document.line_of(at), before, quote, after

    # --- decisions ---------------------------------------------------------------

    def needs(self, item: Candidate) -> list[Candidate]:
        """The new entities an item refers to (which must be accepted with it)."""
        new = self.by_id()
        out: list[Candidate] = []
        stack = list(item.refs())
        while stack:
            ref = stack.pop()
            entity = new.get(ref)
            if entity is not None and entity is not item and entity not in out:
                out.append(entity)
                stack += entity.refs()
        return out

    def decide(self, item: Candidate, decision: str) -> list[Candidate]:
        """Record accept/reject/skip; accepting also accepts the entities it needs.
        Returns the items decided along with it. Refuses an item needing a rejected entity."""
        if decision == "accept":
            blocked = [e for e in self.needs(item) if self.decisions.get(id(e)) == "reject"]
            if blocked:
                raise InputError(f"needs {', '.join(e.data['id'] for e in blocked)}, which you rejected", rule="review")
            also = [e for e in self.needs(item) if self.decisions.get(id(e)) != "accept"]
            for e in also:
                self.decisions[id(e)] = "accept"
            self.decisions[id(item)] = "accept"
            return also
        self.decisions[id(item)] = decision
        return []

    def blocked(self, item: Candidate) -> list[str]:
        """Ids of rejected entities this item needs (it can then only be rejected)."""
        return [e.data["id"] for e in self.needs(item) if self.decisions.get(id(e)) == "reject"]

    def undecided(self) -> list[Candidate]:
        return [c for c in self.pending if id(c) not in self.decisions or self.decisions[id(c)] == "skip"]

    def accepted(self) -> list[Candidate]:
        return [c for c in self.pending if self.decisions.get(id(c)) == "accept"]

    def consequences(self, item: Candidate) -> list[str]:
        """What accepting an item changes in existing answers, in words: joining an
        entity of another area, or a second in-force chair of a body."""
        out = []
        area = self.document.area
        for ref in item.refs():
            entity = self.facts.entities.get(ref)
            other = entity.data.get("area") if entity is not None else None
            if other and other not in (area, NATIONAL):
                out.append(f"joins {self.names[ref]} of {other} to a document of {area}")
        if item.section == "memberships" and item.data.get("role") in CHAIR_ROLES:
            body, member = item.data.get("body"), item.data.get("member")
            holders = {
                r.data["member"]
                for r in self.facts.statements
                if r.section == "memberships"
                and r.data["body"] == body
                and r.data["role"] == item.data["role"]
                and r.data["member"] != member
                and r.data.get("status", "in-force") == "in-force"
                and not r.data.get("end")
            }
            if body in self.names and holders:
                role = item.data["role"].replace("-", " ")
                out.append(
                    f"adds a second in-force {role} to {self.names[body]}"
                    f" (now: {', '.join(sorted(self.names.get(h, h) for h in holders))})"
                )
        return out

    def accept_above(self, threshold: float) -> int:
        """Accept every item at or above ``threshold`` (and the entities they need), but
        never one with a consequence (another area, a second chair): those wait for a
        person to look at them."""
        n = 0
        for item in self.pending:
            if item.confidence < threshold or id(item) in self.decisions:
                continue
            held = [c for x in [item, *self.needs(item)] for c in self.consequences(x)]
            if held:
                self.held.append((item, held))
                continue
            self.decide(item, "accept")
            n += 1
        return n

    def replace(self, item: Candidate, edited: Candidate) -> None:
        """Put an edited item in place of the original (a renamed id follows along)."""
        i = self.pending.index(item)
        old_id, new_id = item.data.get("id"), edited.data.get("id")
        self.pending[i] = edited
        if old_id and new_id and old_id != new_id:
            for other in self.pending:
                _rename_refs(other, {old_id: new_id})
        if id(item) in self.decisions:
            self.decisions[id(edited)] = self.decisions.pop(id(item))

    def parse_edit(self, original: Candidate, text: str) -> Candidate:
        """An item edited as YAML, checked like a curated record; InputError if not valid."""
        from graph.model.yamlsafe import load_yaml

        with tempfile.TemporaryDirectory(prefix="govgraph-edit-") as tmp:
            file = Path(tmp) / "item.yaml"
            file.write_text(text, encoding="utf-8")
            loaded = load_yaml(file).value
        if (
            not isinstance(loaded, dict)
            or len(loaded) != 1
            or original.section not in loaded
            or not isinstance(loaded[original.section], list)
            or len(loaded[original.section]) != 1
        ):
            raise InputError(f"keep the '{original.section}:' heading and exactly one item", rule="edit")
        raw = dict(loaded[original.section][0])
        confidence = raw.pop("confidence", original.confidence)
        raw.pop("link", None)
        raw.pop("rule", None)
        record, findings = read_record(original.section, raw, "edit")
        if record is None:
            raise InputError("; ".join(f.message for f in findings), rule="edit")
        quotes = [e.quote for e in record.evidence]
        missing = [q for q in quotes if self.document.find(q) < 0]
        if missing or any(e.source != self.source for e in record.evidence):
            raise InputError(
                f"each quote must be from '{self.source}' and occur in it exactly: {missing[0]!r}"
                if missing
                else f"evidence must come from '{self.source}'",
                rule="edit",
            )
        data = {k: v for k, v in raw.items() if k != "evidence"}
        return Candidate(original.section, data, quotes, float(confidence), "new", "edited", self.source)

    def as_yaml(self, item: Candidate) -> str:
        """One item as the reviewer edits it: its section heading and the item."""
        return f"{item.section}:\n" + dump_item(
            ordered(item.section, {**item.curated(), "confidence": round(item.confidence, 2)})
        )

    # --- writing -----------------------------------------------------------------

    def default_target(self) -> Path:
        return self.project.facts / f"extracted-{self.source}.yaml"

    def write(self, target: Path | None = None) -> Written:
        """Append the accepted items to ``target`` and keep the undecided in the candidates file."""
        from graph.model.appending import append_items

        target = target or self.default_target()
        facts, _ = load_facts(self.project.facts)
        accepted = [_copy(c) for c in self.accepted()]
        result = Written(file=target, counts={})
        remap = self._resolve_ids(accepted, facts, result)
        for item in accepted:
            _rename_refs(item, remap)
        new_ids = {c.data["id"] for c in accepted if c.is_entity}
        additions: dict[str, list[str]] = {}
        for item in accepted:
            if item.is_entity and item.data["id"] in facts.entities:
                continue  # linked to a curated entity: nothing to define
            unknown = [r for r in item.refs() if r not in facts.entities and r not in new_ids]
            if unknown:
                result.dropped.append(f"{item.kind} refers to unknown {', '.join(unknown)}")
                continue
            bad = [q for q in item.quotes if self.document.find(q) < 0]
            if bad:
                result.dropped.append(f"{item.kind}: quote not in '{self.source}': {bad[0][:60]!r}")
                continue
            if self._already(item, facts):
                result.already += 1
                continue
            additions.setdefault(item.section, []).append(dump_item(ordered(item.section, item.curated())))
            result.counts[item.kind] = result.counts.get(item.kind, 0) + 1
        result.hints = self._hints(facts)
        header = (
            f"# Facts accepted by `govgraph review` from candidates extracted from '{self.source}'.\n"
            "# Edit freely: review appends new items at the end of each section.\n"
        )
        append_items(target, additions, header=header)
        self._keep_undecided()
        return result

    def _resolve_ids(self, accepted: list[Candidate], facts: Facts, result: Written) -> dict[str, str]:
        """Map new ids that now clash with curated ones: to the curated entity when it
        has the same name (and kind), else to a fresh id."""
        remap: dict[str, str] = {}
        taken = set(facts.entities)
        for item in accepted:
            if not item.is_entity:
                if item.section == "changes" and item.data["id"] in taken:
                    fresh = _fresh(item.data["id"], taken)
                    remap[item.data["id"]] = fresh
                    result.renamed[item.data["id"]] = fresh
                    item.data["id"] = fresh
                    taken.add(fresh)
                continue
            entity_id = item.data["id"]
            same = _same_entity(item, facts, self._areas(), self.document.area)
            if same:
                remap[entity_id] = same
                result.relinked[entity_id] = same
                item.data["id"] = same
            elif entity_id in taken:
                fresh = _fresh(entity_id, taken)
                remap[entity_id] = fresh
                result.renamed[entity_id] = fresh
                item.data["id"] = fresh
                taken.add(fresh)
            else:
                taken.add(entity_id)
        return {k: v for k, v in remap.items() if k != v}

    def _areas(self) -> dict[str, str]:
        """Each curated entity's area, as the build assigns it."""
        return {eid: str(r.data.get("area", NATIONAL)) for eid, r in self.facts.entities.items()}

    def _already(self, item: Candidate, facts: Facts) -> bool:
        """Whether this fact, with this very quote, is curated already."""
        if item.is_entity or item.section == "changes":
            return False
        identity = {k: v for k, v in item.data.items() if k not in ("evidence", "note") and v not in (None, "", [])}
        statement = ids.statement_id(item.section, identity)
        for record in facts.statements:
            if record.id == statement:
                return all(any(e.source == self.source and e.quote == q for e in record.evidence) for q in item.quotes)
        return False

    def _hints(self, facts: Facts) -> list[str]:
        """Acronyms the document gives for curated entities that do not list them."""
        out = []
        for c in self.context:
            record = facts.entities.get(c.data.get("id", ""))
            if record is None:
                continue
            area = self.facts.entities[record.id].data.get("area") if record.id in self.facts.entities else None
            if area not in (None, NATIONAL, self.document.area):
                continue  # another area's document says nothing about this area's entity
            have = set(record.data.get("acronyms", []))
            for acronym in c.data.get("acronyms", []):
                if acronym not in have:
                    out.append(f"'{record.id}' ({record.place}): the document gives the acronym {acronym!r}")
        return out

    def _keep_undecided(self) -> None:
        """Rewrite the candidates file with only what still needs a decision."""
        remaining = [*self.context, *self.undecided()]
        from graph.files import write_atomic

        write_atomic(self.path, dump(self.source, self.document.title, remaining))


def check_findings(project: Project, target: Path) -> tuple[list[Finding], list[Finding]]:
    """Re-run the checks: (findings in the file just written, all error findings)."""
    from graph.build.pipeline import validate

    result = validate(project, shacl=False)
    mine = [f for f in result.findings if f.place and Path(f.place.file).resolve() == target.resolve()]
    return mine, result.errors


def _copy(c: Candidate) -> Candidate:
    import copy

    return copy.deepcopy(c)


def _fresh(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _same_entity(item: Candidate, facts: Facts, areas: dict[str, str], area: str) -> str | None:
    """The curated entity of the same kind this new one names, if its id or name matches
    and it belongs to the document's area (or is national): another council's "Child
    Death Overview Panel" is a new entity, whatever its name."""
    from rapidfuzz import fuzz

    name = normalise(str(item.data.get("name", "")))
    existing = facts.entities.get(item.data["id"])
    candidates = [existing] if existing is not None else []
    candidates += [r for r in facts.entities.values() if r.section == item.section and r is not existing]
    for record in candidates:
        if record.section != item.section or areas.get(record.id, NATIONAL) not in (area, NATIONAL):
            continue
        forms = [record.data.get("name", ""), *record.data.get("aliases", []), *record.data.get("acronyms", [])]
        named = any(normalise(f) == name for f in forms) or (
            record is existing and any(fuzz.ratio(normalise(f), name) >= 90 for f in forms)
        )
        if named and (item.section != "posts" or record.data.get("organisation") == item.data.get("organisation")):
            return record.id
    return None


def _rename_refs(item: Candidate, remap: dict[str, str]) -> None:
    from graph.model.schema import FIELDS

    for name, spec in FIELDS[item.section].items():
        value = item.data.get(name)
        if spec.type == "ref" and value in remap:
            item.data[name] = remap[value]
        elif spec.type == "refs" and isinstance(value, list):
            item.data[name] = [remap.get(v, v) for v in value]
