"""A synthetic national dataset in the curated-fact format, for scale tests and benches.

Each local area gets a safeguarding partnership, its executive board, sub-groups and a
child death panel in a reporting chain, 40 organisations, 120 people, posts held by
people, dated memberships, funding and scrutiny lines, change events (a CCG merger, the
board replaced by the partnership, a planned new body) and a conflicting claim. Every
fact's quote is a sentence of a generated source document, so the real pipeline
(``govgraph --project DIR build``) checks every quote as it would a council's pack.

With ``years`` > 1, each further financial year (2019/20, 2020/21, ...) adds its own
annual report and minutes, saying: a task group set up that May (a created change
event, and a conflicting claim about its month) and closed two years on (a dissolved
event), a new chair for every body from April, 120 newcomers with two dated
memberships each, and that year's funding from the statutory partners. About 150
areas over ten years gives about ten million triples.

Output is deterministic for a given number of areas, years and seed; one year gives
the same files as before years existed.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model.dump import dump_item

FIRST = [
    "Zoë",
    "Siân",
    "Aoife",
    "José",
    "Łukasz",
    "Amara",
    "Priya",
    "Tom",
    "Grace",
    "Oluwaseun",
    "Mei",
    "Farah",
    "Dylan",
    "Nia",
    "Kwame",
    "Ines",
    "Rhys",
    "Hannah",
    "Imran",
    "Chloé",
    "Bartosz",
    "Leila",
    "Owen",
    "Ruth",
]
LAST = [
    "Ó Briain",
    "Nguyễn",
    "Smith",
    "Patel",
    "Jones",
    "Okafor",
    "Williams",
    "Kowalski",
    "Begum",
    "Brown",
    "Murphy",
    "Khan",
    "Evans",
    "Taylor",
    "Hughes",
    "Ahmed",
    "Davies",
    "Clarke",
    "Müller",
    "Singh",
]
HONORIFICS = ["", "", "", "Dr", "Cllr", ""]
SUBGROUPS = [
    "Quality Assurance",
    "Learning and Development",
    "Child Exploitation",
    "Neglect",
    "Early Help",
    "Safeguarding in Education",
    "Health",
    "Case Review",
]
ORG_KINDS = (
    ["education-provider"] * 13
    + ["charity"] * 8
    + ["voluntary-body"] * 4
    + ["company"] * 3
    + ["nhs-trust"] * 3
    + ["probation", "fire-service", "court", "government-agency"]
)
MEMBER_ROLES = ["member"] * 6 + ["representative", "attendee", "adviser", "lay-member", "observer"]
TASK_TOPICS = ["Online Safety", "Contextual Safeguarding", "Missing Children", "Domestic Abuse", "Transitions"]
NEWCOMERS = 120  # people joining each area in each later year


@dataclass
class Document:
    """A generated source: each sentence said is a line, and is returned as a quote."""

    id: str
    title: str
    date: str
    area: str
    lines: list[str] = field(default_factory=list)

    def say(self, sentence: str) -> dict[str, str]:
        self.lines.append(sentence)
        return self.again()

    def again(self) -> dict[str, str]:
        """Evidence quoting the last sentence said once more (one sentence, two facts)."""
        return {"source": self.id, "quote": self.lines[-1]}


@dataclass
class Area:
    """The facts and documents of one local area."""

    n: int
    rng: random.Random
    years: int = 1
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    later: list[Document] = field(default_factory=list)  # the documents of years after the first

    def __post_init__(self) -> None:
        self.p = f"a{self.n:04d}"
        self.name = f"Area {self.n}"
        self.report = Document(
            f"{self.p}-annual-report",
            f"{self.name} Safeguarding Partnership Annual Report 2018/19",
            "2019-06-30",
            self.name,
        )
        self.minutes = Document(
            f"{self.p}-minutes", f"{self.name} Executive Board minutes, 1 October 2018", "2018-10-01", self.name
        )
        for section in (
            "organisations",
            "bodies",
            "people",
            "posts",
            "appointments",
            "memberships",
            "relations",
            "changes",
            "claims",
        ):
            self.facts[section] = []

    def add(self, section: str, evidence: dict[str, str], **data: Any) -> dict[str, Any]:
        record = {k: v for k, v in data.items() if v not in (None, "", [])}
        record["evidence"] = [evidence]
        self.facts[section].append(record)
        return record

    def build(self) -> None:
        rng, p, name, say = self.rng, self.p, self.name, self.report.say
        council = f"{p}-council"
        self.add(
            "organisations",
            say(f"{name} Borough Council is a safeguarding partner."),
            id=council,
            name=f"{name} Borough Council",
            kind="council",
        )
        self.add(
            "organisations",
            say(f"{name} Police is a safeguarding partner."),
            id=f"{p}-police",
            name=f"{name} Police",
            kind="police",
        )
        self.add(
            "organisations",
            say(f"NHS {name} CCG was formed on 1 April 2018."),
            id=f"{p}-ccg",
            name=f"NHS {name} CCG",
            kind="nhs-commissioner",
            acronyms=[f"{name} CCG"],
            start="2018-04-01",
        )
        for side in ("north", "south"):
            self.add(
                "organisations",
                say(f"{side.title()} {name} CCG merged into NHS {name} CCG."),
                id=f"{p}-{side}-ccg",
                name=f"{side.title()} {name} CCG",
                kind="nhs-commissioner",
            )
        orgs = [council, f"{p}-police", f"{p}-ccg"]
        for i, kind in enumerate(ORG_KINDS, 1):
            org = f"{p}-org-{i:02d}"
            label = f"{name} {kind.replace('-', ' ').title()} {i}"
            self.add(
                "organisations", say(f"{label} took part in the partnership's work."), id=org, name=label, kind=kind
            )
            orgs.append(org)
        partnership, executive, board = f"{p}-scp", f"{p}-executive", f"{p}-lscb"
        self.add(
            "bodies",
            say(f"{name} Safeguarding Children Partnership ({name.replace(' ', '')}SCP)"),
            id=partnership,
            name=f"{name} Safeguarding Children Partnership",
            kind="partnership",
            acronyms=[f"{name.replace(' ', '')}SCP"],
        )
        self.add(
            "bodies",
            say(f"The {name} Executive Board is part of the Partnership."),
            id=executive,
            name=f"{name} Executive Board",
            kind="executive-board",
            parent=partnership,
        )
        self.add(
            "bodies",
            say(f"{name} Local Safeguarding Children Board was replaced by the Partnership."),
            id=board,
            name=f"{name} Local Safeguarding Children Board",
            kind="board",
            end="2019-09-28",
        )
        self.add(
            "bodies",
            say(f"{name} Children's Scrutiny Committee scrutinises the Partnership."),
            id=f"{p}-scrutiny",
            name=f"{name} Children's Scrutiny Committee",
            kind="committee",
            parent=council,
        )
        self.add(
            "bodies",
            say(f"A {name} Safeguarding Hub will be established in April 2020."),
            id=f"{p}-hub",
            name=f"{name} Safeguarding Hub",
            kind="service",
            status="planned",
        )
        subgroups = []
        for i, topic in enumerate(SUBGROUPS, 1):
            body = f"{p}-sg-{i}"
            self.add(
                "bodies",
                say(f"The {name} {topic} Sub-Group reports to the Executive Board."),
                id=body,
                name=f"{name} {topic} Sub-Group",
                kind="sub-group",
            )
            self.add("relations", self.report.again(), subject=body, kind="reports-to", object=executive)
            subgroups.append(body)
        cdop = f"{p}-cdop"
        self.add(
            "bodies",
            say(f"The {name} Child Death Overview Panel (CDOP) reports to the Case Review Sub-Group."),
            id=cdop,
            name=f"{name} Child Death Overview Panel",
            kind="panel",
            acronyms=["CDOP"],
        )
        self.add("relations", self.report.again(), subject=cdop, kind="reports-to", object=subgroups[-1])
        bodies = [partnership, executive, board, *subgroups, cdop]
        self.add(
            "relations",
            self.minutes.say(f"The Executive Board reports to the {name} Safeguarding Children Partnership."),
            subject=executive,
            kind="reports-to",
            object=partnership,
        )
        self.add(
            "relations",
            say(f"The Partnership is accountable to {name} Borough Council."),
            subject=partnership,
            kind="accountable-to",
            object=council,
        )
        self.add(
            "relations",
            say(f"The Partnership presents its annual report to the national panel ({p})."),
            subject=partnership,
            kind="presents-to",
            object="national-panel",
        )
        self.add(
            "relations",
            say(f"{name} Children's Scrutiny Committee scrutinises the Partnership's annual report."),
            subject=f"{p}-scrutiny",
            kind="scrutinises",
            object=partnership,
        )
        self.add(
            "relations",
            say(f"{name} Borough Council hosts the Partnership's business unit."),
            subject=council,
            kind="hosts",
            object=partnership,
        )
        names = {r["id"]: r["name"] for r in self.facts["organisations"] + self.facts["bodies"]}
        for org in orgs[:3]:
            amount = f"£{rng.randrange(20, 300) * 1000:,}"
            self.add(
                "relations",
                say(f"{names[org]} contributes {amount} to the Partnership's budget."),
                subject=org,
                kind="funds",
                object=partnership,
                amount=amount,
            )
            self.add(
                "relations",
                say(f"{names[org]} is a statutory safeguarding partner of the Partnership."),
                subject=org,
                kind="safeguarding-partner-of",
                object=partnership,
            )
        for i, org in enumerate(orgs[5:13]):
            group = subgroups[i % len(subgroups)]
            self.add(
                "relations",
                say(f"{names[org]} supports the work of the {names[group]}."),
                subject=org,
                kind="supports",
                object=group,
            )
        self.add(
            "changes",
            say(f"North and South {name} CCGs merged into NHS {name} CCG on 1 April 2018."),
            id=f"{p}-ccg-merger",
            kind="merged",
            date="2018-04-01",
            label=f"The {name} CCGs merge",
            before=[f"{p}-north-ccg", f"{p}-south-ccg"],
            after=[f"{p}-ccg"],
        )
        replaced = say(f"The Partnership replaced the {name} Local Safeguarding Children Board on 29 September 2019.")
        self.add(
            "changes",
            replaced,
            id=f"{p}-scp-replaces-lscb",
            kind="replaced",
            date="2019-09-29",
            label=f"The {name} Partnership replaces the LSCB",
            before=[board],
            after=[partnership],
        )
        self.add(
            "changes",
            say(f"The {name} Safeguarding Hub is planned to open in April 2020."),
            id=f"{p}-hub-created",
            kind="created",
            date="2020-04",
            status="planned",
            label=f"The {name} Safeguarding Hub is created",
            after=[f"{p}-hub"],
        )
        self.add(
            "claims",
            self.minutes.say(f"The new {name} arrangements will be in place by September 2019."),
            subject=f"{p}-scp-replaces-lscb",
            property="deadline",
            value="2019-09",
        )
        self.add("claims", replaced, subject=f"{p}-scp-replaces-lscb", property="deadline", value="2019-09-29")
        people = self._people(orgs, bodies, council, partnership)
        chaired = [b for b in bodies if b != partnership]
        for k in range(1, self.years):
            self._year(2018 + k, chaired, orgs[:3], orgs, partnership, executive, len(people) + (k - 1) * NEWCOMERS)

    def _people(self, orgs: list[str], bodies: list[str], council: str, partnership: str) -> list[str]:
        rng, p, name = self.rng, self.p, self.name
        people = []
        for i in range(1, 121):
            pid = f"{p}-person-{i:03d}"
            honorific = rng.choice(HONORIFICS)
            full = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            shown = f"{honorific} {full}".strip()
            self.add(
                "people",
                self.report.say(f"{shown} ({pid}) contributed to the Partnership."),
                id=pid,
                name=full,
                honorific=honorific or None,
            )
            people.append(pid)
        posts = [
            ("dcs", "Director of Children's Services", council, None),
            ("dph", "Director of Public Health", council, None),
            ("chair", f"Independent Chair of the {name} Safeguarding Children Partnership", partnership, "chair"),
            ("manager", "Partnership Business Manager", partnership, None),
        ]
        for i, (slug, title, org, role) in enumerate(posts):
            post = f"{p}-{slug}"
            self.add(
                "posts",
                self.report.say(f"{people[i]} is the {title} ({post})."),
                id=post,
                name=title,
                organisation=org,
                role=role,
            )
            self.add("appointments", self.report.again(), person=people[i], post=post, start="2016-04")
        # Each body: a first chair until December 2017, then a second chair; then members.
        cursor = len(posts)
        for body in bodies:
            if body == partnership:
                continue
            terms = [("2015-04", "2017-12"), ("2018-01", "2019-03" if self.years > 1 else None)]
            for chair, (start, end) in zip(people[cursor : cursor + 2], terms):
                self.add(
                    "memberships",
                    self.minutes.say(f"{chair} chairs {body} from {start}."),
                    member=chair,
                    body=body,
                    role="chair",
                    start=start,
                    end=end,
                )
            cursor += 2
        for person in people[cursor:]:
            for body in rng.sample(bodies, 2):
                start = f"{rng.randrange(2014, 2020)}-{rng.randrange(1, 13):02d}"
                end = (
                    f"{int(start[:4]) + rng.randrange(1, 4)}-{rng.randrange(1, 13):02d}" if rng.random() < 0.3 else None
                )
                role = rng.choice(MEMBER_ROLES)
                status = "planned" if rng.random() < 0.03 else None
                represents = rng.choice(orgs) if role in ("member", "representative") else None
                self.add(
                    "memberships",
                    self.report.say(f"{person} sits on {body} as {role} from {start}."),
                    member=person,
                    body=body,
                    role=role,
                    start=start,
                    end=end,
                    status=status,
                    represents=represents,
                )
        return people

    def _year(
        self,
        y: int,
        chaired: list[str],
        partners: list[str],
        orgs: list[str],
        partnership: str,
        executive: str,
        first: int,
    ) -> None:
        """The facts of financial year y/y+1, in that year's annual report and minutes."""
        rng, p, name = self.rng, self.p, self.name
        last = y == 2018 + self.years - 1
        report = Document(
            f"{p}-annual-report-{y}",
            f"{name} Safeguarding Partnership Annual Report {y}/{(y + 1) % 100:02d}",
            f"{y + 1}-06-30",
            name,
        )
        minutes = Document(f"{p}-minutes-{y}", f"{name} Executive Board minutes, 1 October {y}", f"{y}-10-01", name)
        self.later += [report, minutes]
        topic = TASK_TOPICS[(self.n + y) % len(TASK_TOPICS)]
        group, label = f"{p}-tg-{y}", f"{name} {topic} Task Group ({y})"
        set_up = report.say(f"The {label} was set up in May {y} to report to the Executive Board.")
        self.add("bodies", set_up, id=group, name=label, kind="group")
        self.add("relations", report.again(), subject=group, kind="reports-to", object=executive)
        created = f"{group}-created"
        self.add(
            "changes",
            report.again(),
            id=created,
            kind="created",
            date=f"{y}-05",
            label=f"The {label} is set up",
            after=[group],
        )
        self.add("claims", report.again(), subject=created, property="month", value=f"{y}-05")
        self.add(
            "claims",
            minutes.say(f"The {topic} Task Group was expected to start work in June {y}."),
            subject=created,
            property="month",
            value=f"{y}-06",
        )
        if y - 2 >= 2019:
            closed = f"{p}-tg-{y - 2}"
            self.add(
                "changes",
                report.say(f"The task group set up in {y - 2} ({closed}) closed on 31 March {y}."),
                id=f"{closed}-closed",
                kind="dissolved",
                date=f"{y}-03-31",
                label=f"The {closed} task group closes",
                before=[closed],
            )
        alive = [*chaired, *(f"{p}-tg-{t}" for t in (y - 1, y) if t >= 2019)]
        people = [f"{p}-person-{i:03d}" for i in range(first + 1, first + NEWCOMERS + 1)]
        for pid in people:
            honorific = rng.choice(HONORIFICS)
            full = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            self.add(
                "people",
                report.say(f"{f'{honorific} {full}'.strip()} ({pid}) joined the Partnership's work in {y}."),
                id=pid,
                name=full,
                honorific=honorific or None,
            )
        for body, chair in zip(alive, people):
            start = f"{y}-05" if body == group else f"{y}-04"
            self.add(
                "memberships",
                minutes.say(f"{chair} chairs {body} from {start}."),
                member=chair,
                body=body,
                role="chair",
                start=start,
                end=None if last else f"{y + 1}-03",
            )
        for person in people[len(alive) :]:
            for body in rng.sample(alive, 2):
                start = f"{y}-{rng.randrange(4, 13):02d}"
                end = f"{y + rng.randrange(1, 4)}-{rng.randrange(1, 13):02d}" if rng.random() < 0.3 else None
                role = rng.choice(MEMBER_ROLES)
                represents = rng.choice(orgs) if role in ("member", "representative") else None
                self.add(
                    "memberships",
                    report.say(f"{person} sits on {body} as {role} from {start}."),
                    member=person,
                    body=body,
                    role=role,
                    start=start,
                    end=end,
                    represents=represents,
                )
        for org in partners:
            amount = f"£{rng.randrange(20, 300) * 1000:,}"
            self.add(
                "relations",
                report.say(f"{org} contributes {amount} to the Partnership's budget for {y}/{(y + 1) % 100:02d}."),
                subject=org,
                kind="funds",
                object=partnership,
                amount=amount,
                start=f"{y}-04",
                end=f"{y + 1}-03",
            )


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def to_yaml(facts: dict[str, list[dict[str, Any]]]) -> str:
    """Curated-fact YAML, written directly (PyYAML's emitter is slow at this size)."""
    out = []
    for section, records in facts.items():
        if records:
            out.append(f"{section}:\n" + "".join(dump_item(record) for record in records))
    return "".join(out)


def write_project(out: Path, areas: int, seed: int = 1, years: int = 1) -> dict[str, int]:
    """Write ``out/data/sources`` and ``out/data/facts`` for ``areas`` areas over ``years``; returns counts."""
    if areas < 1:
        raise ValueError("areas must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    sources, facts_dir = out / "data" / "sources", out / "data" / "facts"
    for folder in (sources, facts_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    national = Document(
        "national", "National Child Safeguarding Practice Review Panel: notes on local reports", "2019-01-31", "England"
    )
    national_facts = {
        "bodies": [
            {
                "id": "national-panel",
                "name": "Child Safeguarding Practice Review Panel",
                "kind": "panel",
                "area": "national",
                "evidence": [
                    national.say("The Child Safeguarding Practice Review Panel receives local annual reports.")
                ],
            }
        ]
    }
    documents = [national]
    counts: dict[str, int] = {}
    rng = random.Random(seed)
    for n in range(1, areas + 1):
        area = Area(n, random.Random(rng.random()), years)
        area.build()
        (facts_dir / f"{area.p}.yaml").write_text(to_yaml(area.facts), encoding="utf-8")
        documents += [area.report, area.minutes, *area.later]
        for section, records in area.facts.items():
            counts[section] = counts.get(section, 0) + len(records)
    (facts_dir / "national.yaml").write_text(to_yaml(national_facts), encoding="utf-8")
    manifest = ["documents:"]
    for doc in documents:
        (sources / f"{doc.id}.txt").write_text("\n".join(doc.lines) + "\n", encoding="utf-8")
        manifest += [
            f"  - id: {doc.id}",
            f"    title: {_scalar(doc.title)}",
            f"    date: {_scalar(doc.date)}",
            f"    area: {_scalar(doc.area)}",
            f"    author: {_scalar('Synthetic data (scripts/synth)')}",
            "    kind: report",
            f"    file: {doc.id}.txt",
        ]
    (sources / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return counts
