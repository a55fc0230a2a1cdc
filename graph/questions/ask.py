"""Plain-English questions, understood from their parts rather than their whole shape.

A question is read in four steps, so that phrasings nobody wrote down still work:

1. **Parts.** "Who chairs X, and who is its deputy?" is two questions; each part is
   answered in turn, and a pronoun (it, its, he, she, they) points back to what an
   earlier part named.
2. **When.** A date anywhere in a part ("in 2017/18", "before April 2018", "at the time
   of the inspection letter") becomes the date it is answered on (``when.py``).
3. **Entities.** Every name, acronym, alias and id in the part, longest first, with
   possessives, organisation-qualified posts and units, typos and descriptions
   (``mentions.py``).
4. **Relation.** What is left is matched against a lexicon of relation words (chair,
   report to, own, host, fund, stand for...), with the direction taken from where the
   entity sits ("who does X report to" looks up, "who reports to X" down).

Each part becomes one ``Intent``, the same as a structured command, so the answer
says which command it ran. An entity found with no relation clear gets the ``about``
card; an entity found whose asked relation is not recorded gets an honest "the
documents do not say"; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from graph.dates import last_day
from graph.errors import NotFound
from graph.model.schema import CAPACITIES, LINE_KINDS
from graph.model.schema import ROLES as MEMBER_ROLES
from graph.names import check_text
from graph.questions.answer import Answer
from graph.questions.governance import in_area
from graph.questions.intents import ONLY, Intent, row_entity
from graph.questions.mentions import (
    DOCUMENT_NOUNS,
    Mention,
    QuestionIndex,
    described,
    find,
    fuzzy,
    initialled,
    phrases,
    post_of,
    qualified,
    spanning,
    tokens,
)
from graph.questions.when import NOW, When, find_when, newest_day
from graph.questions.words import STOP, content, stem

MAX_QUESTION = 500
BODIES = ("organisation", "body")
HOLDERS = ("person", "post")
THINGS = (*BODIES, *HOLDERS, "plan")  # what a question can ask about (not a change event)

# Relation words, read on the question with its entities masked as e0, e1, ...
# Lines along which the subject answers to the object ("X reports to Y").
UP = r"report(?:s|ed|ing)?\s+(?:in)?to|(?:(?<=does e\d )|(?<=did e\d )|(?<=does the e\d )|(?<=did the e\d ))report(?=\s*[?.!]*$)|(?:give|gives|gave|provides?|submits?)\s+(?:\w+\s+)?(?:reports?|updates?)\s+to|answer(?:s|ed)?\s+to|answerable\s+to|accountable\s+to|account(?:s|ed)?\s+to|responsible\s+to|present(?:s|ed|ing)?\s+(?:\w+\s+){0,3}to|submitted\s+(?:(?!e\d)\w+\s+){0,2}to|(?<!as )part\s+of|sub-?\s?groups?\s+of|belong(?:s|ed)?\s+to|sits?\s+(?:under|within|beneath|below|inside)|sat\s+(?:under|within|beneath|below)|come\s+under|comes\s+under|falls?\s+under|overseen\s+by|monitored(?:\s+(?:\w+\s+)?(?:by|through|via))?|governed\s+by|supervised\s+by|scrutini[sz]ed\s+by|held\s+to\s+account\s+by|line[- ]?managed\s+by|managed\s+by"
# Lines along which the object answers to the subject ("X oversees Y").
DOWN = r"(?:(?:sits?|sat|is|are|was|were)\s+(?:directly\s+)?above|oversee(?:s)?|oversaw|overseeing|keeps?\s+an\s+eye\s+on|kept\s+an\s+eye\s+on|keeping\s+an\s+eye\s+on|monitors|supervis(?:e|es|ed|ing)|scrutini[sz](?:e|es|ed|ing)|held\s+(?:\w+\s+){0,2}to\s+account|hold(?:s|ing)?\s+(?:\w+\s+){0,2}to\s+account|govern(?:s|ed|ing)?)(?!\s+by)"
BELOW = r"(?:groups?|bodies|panels?|teams?|boards?|committees?)\s+(?:\w+\s+)?under(?=\s+(?:the\s+)?e\d)|sub-?\s?groups?|beneath|underneath|below|under\s+it|structure\s+(?:under|below|beneath)|sit\s+under|sits\s+under|report\s+to\s+it"
CHAIN = r"ultimately|all\s+the\s+way|chain|trace|up\s+to\s+the\s+top|whole\s+line|lines?\s+of\s+accountability\s+(?:up|above)"
TREE = r"structure|org(?:anisation(?:al)?)?\s+chart|hierarchy|tree|organogram"
LINES = {
    "owns": r"own(?:s|ed|er|ers|ership|ing)?|wholly[- ]owned|council[- ]owned",
    "hosts": r"host(?:s|ed|ing)?",
    "funds": r"fund(?:s|ed|ing|er|ers)?|pay(?:s)?\s+for|paid\s+for|financ\w*|contribut\w*\s+(?:\w+\s+){0,3}budget|budget\s+contribution",
    "commissions": r"commission(?:s|ed|er|ers|ing)|contract(?:s|ed|or|ors)?|under\s+contract|procur\w*",
    "line-manages": r"line[- ]?manag\w*|manager|manages|managed|supervisor",
    "inspects": r"inspect(?:s|ed|ing|ion)?\b",  # not "inspector": a person asked for
    # "does she help chair it?" asks for a seat; "who helps the board?" for a supporter
    "supports": r"support(?:s|ed|ing)?|help(?:s|ed|ing)?\b(?!\s+(?:to\s+)?(?:co-?\s?chair|chair|lead|run))"
    + r"|second(?:s|ed|ing|ments?)\b|second\s+(?:[\w-]+\s+){1,5}?into",  # staff seconded into a team
    "delivers": r"deliver(?:s|ed|ing|y)?|provid(?:e|es|ed|er|ing)|implement(?:s|ed|ing)?",
    "approves": r"approv(?:e|es|ed|al|ing)|sign(?:s|ed)?\s+off|endors(?:e|es|ed|ing)|adopt(?:s|ed|ing)?",
    "recommends": r"recommend(?:s|ed|ing|ation)?",
    "submits": r"submit(?:s|ted|ting)?",
    # who appointed X, not who was appointed: "newly appointed co-chair" asks for the seat
    "appoints": r"appoint(?:s|ing)?\b|appointed\s+by|(?:who|which\s+\w+|what\s+\w+)\s+(?:had\s+|has\s+)?appointed",
    "advises": r"advis(?:e|es|ed|er|ing)",
    "safeguarding-partner-of": r"(?:safeguarding|statutory|lead)\s+partners?|partners?\s+(?:of|in|to)",
}
# Who takes the chair when its holder cannot: the deputy ("who chairs in his place?").
STAND_IN = r"in\s+(?:his|her|their|the\s+\w+['’]s)\s+(?:place|absence|stead)|stands?\s+in\s+for|substitut\w*"
CHAIR = (
    STAND_IN
    + r"|co-?\s?chair\w*|joint(?:ly)?\s+chair\w*|help(?:s|ed|ing)?\s+(?:to\s+)?chair\w*|vice[- ]?chair\w*|deputy\s+chair\w*|deputy|deputi[sz]\w*|chair(?:s|ed|ing|man|men|person|woman)?|lead(?:s|ing)?|led|head(?:s|ed|ing)?|in\s+charge|convene[sd]?|runs?|ran|running|presid\w*"
)
# Words that ask who holds a seat, so attendees and supporting officers are left out.
SEATS = r"members?|membership|sits?\s+on|sat\s+on|serv(?:e|es|ed|ing)\s+on|seats?|make\s+up|made\s+up|comprise\w*|consist\w*"
MEMBERS = rf"{SEATS}|represent\w*|reps?\b|attend\w*|(?:is|are|was|were)\s+on|(?<!to\s)form(?:s)?\s+the|who\s+else|inspectors?|councillors|involved|participat\w*|took\s+part|part\s+in"
UNSEATED = r"attend\w*|support\w*|observ\w*|advis\w*|officers?|inspectors?"
ROLES = r"roles?|jobs?|job\s+title|title|position|posts?|portfolio|occupation|work(?:s)?\s+(?:for|at)|employ\w*"
# "which hospital will X move to?": the place asked is what the change results in
MOVED_TO = r"mov(?:e|es|ed|ing)\s+(?:to|into)(?=\s*[?.!]?$)"
CHANGE = (
    MOVED_TO
    + r"|mov(?:e|es|ed|ing)(?=\s.*\bto\s*[?.!]?$)|chang\w*|creat\w*|set\s+up|establish\w*|formed|launch\w*|merg\w*|combin\w*|amalgamat\w*|acquir\w*|took\s+over|taken\s+over|take\s+over|transfer\w*|replac\w*|abolish\w*|dissolv\w*|renam\w*|restructur\w*|happen\w*|came\s+into\s+being|called(?=\s*[?.!]*$)|new\s+(?:name|title)|start\w*|ceas\w*|wound\s+up|closed|became|successor|predecessor|(?<=e\d\s)end(?=\s*[?.!]*$)"
)
BEFORE_AFTER = r"before\s+and\s+after|transition(?!\s+(?:year|period))|during\s+the\s+move|the\s+move\s+(?:to|from)|\bwho\s+(?:(?:is|was|were|are)\s+)?(?:reports?|reported|accountable|answer(?:s|ed)?)\s+to\s+whom|whom\s+to\s+whom"
DEFINE = r"defin(?:e|ition)|stand(?:s)?\s+for|short\s+for|abbreviat\w*|acronym|initials|mean(?:s|ing)?|meant(?!\s+to\b)|expan\w*|full\s+(?:name|form)|spel[lt]\s+out|spelled\s+out|letters"
EXPLAIN = r"connect\w*|link\w*|relat\w*|path\s+between|relationship"
CONFLICTS = r"disagree\w*|conflict\w*|contradict\w*|inconsisten\w*|discrepanc\w*"
COUNT = r"how\s+many|number\s+of|how\s+often|how\s+frequently|count\b"
ABOUT = r"tell\s+(?:me|us)\s+about|describe|about|information|profile|overview|summary|what\s+(?:is|are|was|were)|who\s+(?:is|are|was|were)"
SEARCH = r"find|search|look\s+up|list\s+(?:all|every)"

ROLE_WORDS = [
    (r"co-?\s?chair\w*|joint(?:ly)?\s+chair\w*|help\w*\s+(?:to\s+)?chair", "co-chair"),
    (r"vice[- ]?chair\w*|deputy\s+chair\w*|deputi[sz]\w*|\bdeputy\b|" + STAND_IN, "vice-chair"),
    (r"chair\w*|presid\w*|convene\w*", "chair"),
]
# Words that say what is asked, never part of a name in a question.
_RELATION_PATTERNS = (UP, DOWN, CHAIR, MEMBERS, ROLES, CHANGE, DEFINE, EXPLAIN, COUNT, ABOUT, BEFORE_AFTER, CHAIN)
NOT_RELATION = {
    "board",
    "group",
    "service",
    "team",
    "panel",
    "trust",
    "part",
    "head",
    "lead",
    "office",
    "officer",
    "partners",
    "partner",
    "safeguarding",
    "statutory",
    "structure",
}
RELATION_WORDS = {
    w for p in (*_RELATION_PATTERNS, TREE, SEARCH, *LINES.values()) for w in re.findall(r"[a-z]+", p)
} - NOT_RELATION
# Relation words written as open stems in the patterns ("connect\w*"): "connected" is one.
RELATION_STEMS = tuple(
    sorted({w for p in (*_RELATION_PATTERNS, TREE, *LINES.values()) for w in re.findall(r"([a-z]{4,})\\w\*", p)})
)


def relation_keys(text: str, qi: QuestionIndex) -> set[str]:
    """The words of ``text`` that say what is asked ("chairs", "connected"), never part
    of a name: as written in the lexicon or by their stem, or by an open stem of it when
    no name uses the word ("connected" asks; "management" may name)."""
    return {
        t.key
        for t in tokens(text)
        if t.key not in NOT_RELATION
        and (
            t.key in RELATION_WORDS
            or stem(t.key) in RELATION_WORDS
            or (t.key.startswith(RELATION_STEMS) and not qi.df[stem(t.key)])
        )
    }


# "that manager", "that body": what the part before named, or what it answered.
THAT_ONE = r"\b(?:that|this|the\s+same)\s+(manager|person|individual|officer|chair|body|organi[sz]ation|department|agency|board|group|panel|committee|team|service|trust|council)\b"
PRONOUNS = rf"\b(?:it|its|it's|they|their|them|he|him|his|she|her|hers)\b|{THAT_ONE}"


@dataclass
class Part:
    """One part of a question, as read: its text with entities masked, and what it names."""

    text: str
    masked: str
    mentions: list[Mention]
    when: When | None
    acronyms: list[str] = field(default_factory=list)
    aside: list[str] = field(default_factory=list)  # named after "besides": not the answer


@dataclass
class Asked:
    """A question's parts: each intent with its answer, or with why it has none."""

    question: str
    answered: list[tuple[Intent, Answer]]
    unanswered: list[tuple[Intent, str]]

    def to_dict(self, cite: bool = True) -> dict[str, Any]:
        parts = [a.to_dict() for _, a in self.answered]
        return {
            "question": self.question,
            "parts": parts if cite else _uncited(parts),
            "not_found": [{"command": i.as_command(), "message": why} for i, why in self.unanswered],
        }


def ask(question: str, index: dict[str, Any], area: str | None = None) -> Asked:
    """Answer every part of a question. A part is tried as each reading in turn (a body
    with nothing "below" it may still have members); a part no reading answers is said
    so, and when no part is answered NotFound says why for each."""
    asked = Asked(question, [], [])
    for readings in parse(question, index, area=area):
        earlier = _answered_one(asked.answered[-1][1], index, readings[0].follows) if asked.answered else None
        if earlier:  # "which organisation does that manager work for?": the one just answered
            readings = [replace(r, args=(_by_name(earlier, index), *r.args[1:])) for r in readings]
        why = ""
        for intent in readings:
            try:
                answer = intent.run(index)
            except NotFound as exc:
                why = why or exc.message
                continue
            intent, answer = _as_it_now_stands(intent, answer, index)
            answer.notes.append(f"ran: {intent.as_command()}")
            asked.answered.append((intent, answer))
            break
        else:
            asked.unanswered.append((readings[0], why))
    if not asked.answered:
        raise NotFound("; ".join(f"{why} (ran: {intent.as_command()})" for intent, why in asked.unanswered))
    return asked


PEOPLE_WORDS = ("manager", "person", "individual", "officer", "chair")
FELLOW = r"\b(?:her|his|their|the)\s+(?:fellow|other)\s+(co-chair|vice-chair|chair)s?\b"


def _kind_of(noun: str) -> str:
    return "people" if noun in PEOPLE_WORDS else "bodies"


def _by_name(eid: str, index: dict[str, Any]) -> str:
    """How to name an entity on a command line: its name where no other entity has it, else its id."""
    name = str(index["entities"][eid].get("name") or eid)
    same = [e for e, x in index["entities"].items() if str(x.get("name", "")).lower() == name.lower()]
    return name if same == [eid] else eid


def _answered_one(answer: Answer, index: dict[str, Any], kind: str | None) -> str | None:
    """The one entity an answer gives, when it is of the ``kind`` a later part points
    back to ("that manager" a person, "that body" a body); else None."""
    if kind is None:
        return None
    if kind.startswith("seat:"):  # "her fellow co-chair": the one body where she has that seat
        bodies = {r["of_id"] for r in answer.rows if r.get("role") == kind[5:] and r.get("of_id")}
        return bodies.pop() if len(bodies) == 1 else None
    ids = {i for r in answer.rows if (i := row_entity(r)) and i != (answer.subject or {}).get("id")}
    typed = {i for i in ids if index["entities"].get(i, {}).get("type") in ONLY[kind]}
    people = {i for i in typed if index["entities"][i]["type"] == "person"}
    if kind == "people" and len(people) == 1:  # a chair and the chair's post: the person
        return people.pop()
    return typed.pop() if len(typed) == 1 and len(ids) == 1 else None


def _uncited(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _uncited(v) for k, v in value.items() if k != "citations"}
    if isinstance(value, list):
        return [_uncited(v) for v in value]
    return value


def parse(question: str, index: dict[str, Any], area: str | None = None) -> list[list[Intent]]:
    """What a question asks: for each part, its readings, most likely first; NotFound
    when no part can be read. With ``area``, names are those of that area (and national)."""
    check_text(question, "question", limit=MAX_QUESTION)
    qi = QuestionIndex(index, in_area(index, area))
    intents: list[list[Intent]] = []
    context: list[Mention] = []
    topic: Mention | None = None  # the first thing named in the part before
    raws = split_parts(question)
    asking = [raw for raw in raws if not _statement(raw)] or raws
    for raw in raws:
        if (
            intents
            and intents[-1][0].command in ("chairs", "members", "roles", "below")
            and re.fullmatch(
                r"(?:and\s+)?(?:who|what)\s+(?:is|was|are|were)\s+(?:it|he|she|they|that|this|these|those)\s*[?.!]?",
                raw,
                re.I,
            )
        ):
            continue  # "does X have a chair, and who is it?", "how many ..., and who were they?": asked again
        part = read_part(raw, index, qi)
        if raw not in asking:  # "Under the LSCB the Chair answered to the CEO." sets the scene
            # its first name is its topic, what "it" points back to ("the gangs group working
            # with the exploitation panel - who heads it up?": the group)
            # ("The cabinet report said ..." is about what the report said, not the cabinet)
            named = [m for m in part.mentions if not _authors(part, m)] or part.mentions
            context = [*(m for m in part.mentions if m is not named[0]), *named[:1]] or context
            topic = named[0] if named else topic
            continue
        only = _only(part.masked)
        that = re.search(THAT_ONE, part.masked) if not part.mentions and intents else None
        fellow = re.search(FELLOW, part.masked) if not part.mentions and context else None
        # "X is one co-chair of Y - who is the other?": said, not answered, so Y's other seats
        # besides X
        said = [c for c in context if c.type in BODIES] if fellow and not intents else []
        readings = (
            # "... and who is her fellow co-chair?": the others in the seat the part before found
            [
                Intent(
                    "chairs",
                    (qi.arg(said[-1] if said else context[-1]),),
                    None,
                    {"role": fellow.group(1)},
                    follows=None if said else f"seat:{fellow.group(1)}",
                    area=area,
                    besides=tuple(c.id for c in context if c.type == "person") if said else (),
                )
            ]
            if fellow and (intents or said)
            else [
                replace(
                    r,
                    area=area,
                    only=only if r.command in ("below", "members", "reports-to") or only == "named" else None,
                    kinds=_kinds_asked(part.masked) if r.command in ("below", "reports-to") else (),
                    follows=_kind_of(that.group(1)) if that else _person_answered(part),
                    besides=tuple(part.aside),
                )
                for r in decide(part, context, qi, topic)
            ]
        )
        if readings:
            intents.append(_present(_whole_period(readings, part), part))
        context = part.mentions or context
        topic = part.mentions[0] if part.mentions else topic
    if not intents:
        raise NotFound(
            f"cannot read the question {question!r}: it names nothing the documents record",
            candidates=[
                "govgraph search TEXT to find an entity by name, acronym or alias",
                "govgraph chairs BODY, members BODY, roles PERSON, reports-to BODY, below BODY, about ENTITY, define ACRONYM",
            ],
        )
    return intents


def _asks_seat(masked: str) -> bool:
    """Whether the words ask for a seat on a body (a chair, a member), not about a person."""
    return bool(_has(CHAIR + "|" + MEMBERS, masked))


def _person_answered(part: Part) -> str | None:
    """ "Who chaired X and which university is he from?", "who line-manages X, and which
    organisation does she work for?": "he" or "she" is the one person the part before
    answered, if it answered one; else whom it named."""
    personal = re.search(r"\b(?:he|him|his|she|her|hers)\b", part.masked)
    # "and who is her vice-chair?", "who deputises for him?": a seat on the body named before
    return "people" if personal and not part.mentions and not _asks_seat(part.masked) else None


SEATED = ("chairs", "members", "roles")


def _as_it_now_stands(intent: Intent, answer: Answer, index: dict[str, Any]) -> tuple[Intent, Answer]:
    """A seat asked in the present whose answer lists someone who had left by the newest
    document: asked again as of that day, if anyone is seated then."""
    # the newest document of the entity's own area: another council's later papers say nothing of its present
    area = index["entities"].get((answer.subject or {}).get("id") or "", {}).get("area")
    now = newest_day(index["documents"], area) if intent.present else None
    if now is None or not any(r.get("end") and last_day(str(r["end"])) < now for r in answer.rows):
        return intent, answer
    later = replace(intent, as_of=now, present=False)
    try:
        return later, later.run(index)
    except NotFound:
        return intent, answer


PAST = r"\b(?:was|were|did|had|used\s+to|previously|formerly|before|earlier|former|past|then|ago)\b|\b\w+ed\s+(?:by|as|in|on|the)\b"


def _present(readings: list[Intent], part: Part) -> list[Intent]:
    """ "Who represents the voluntary sector on X?": asked in the present, a seat is read
    as the newest document has it where that leaves out someone who had left (a member
    who handed over is no answer); see ``_as_it_now_stands``."""
    if part.when or re.search(PAST, part.masked):
        return readings
    return [replace(r, present=True) if r.command in SEATED and r.as_of is None else r for r in readings]


def _whole_period(readings: list[Intent], part: Part) -> list[Intent]:
    """ "who was deputy chair in July 2018?": a seat asked of a period is read on its
    middle day, then, if no one held it then, on its last (someone seated on 25 July held
    it in July)."""
    when = part.when
    if when is None or not (when.start < when.as_of < when.end) or when.end == date.max:
        return readings
    later = [replace(r, as_of=when.end) for r in readings if r.command in SEATED and r.as_of == when.as_of]
    return [*readings, *(r for r in later if r not in readings)]


def split_parts(question: str) -> list[str]:
    """A question's parts: sentences, and clauses joined by "and" + a question word. A
    full stop after a title or an initial ("Dr.", "J.") does not end a sentence."""
    text = " ".join(question.split())
    text = re.sub(r"\b(who|what|where|which)['’]s\b", r"\1 is", text, flags=re.I)  # "who's the chair?"
    # "find out who funds X", "find the body that oversees X": a question, not a name search
    text = re.sub(
        r"^(?:please\s+)?find\s+(?:out\s+)?(?=(?:who|whom|which|what|where|when|how)\b)", "", text, flags=re.I
    )
    text = re.sub(
        r"^(?:please\s+)?find\s+(?:out\s+)?the\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:that|which|who)\s+",
        r"which \1 ",
        text,
        flags=re.I,
    )
    # "X's QIO subgroup - the one that does the audits?": a description of what was named
    text = re.sub(r"\s[-–—,]\s*the\s+one\s+(?:that|which|who)\b[^?.;]*", "", text, flags=re.I)
    # "before and after 1 April 2018, who ran X?": the question once for each side of the day
    both = re.search(r"\bbefore\s+and\s+after\s+(?=(?:the\s+)?\d|[A-Z][a-z]+\s+\d)", text, re.I)
    if both:
        head, tail = text[: both.start()], text[both.end() :]
        return [*split_parts(f"{head}before {tail}"), *split_parts(f"{head}after {tail}")]
    # "Because it is a council-owned company, to which committee ...?", "For the purposes of
    # the inspection, who ...?": the reason or purpose sets the scene, as a sentence before
    # the question would
    reason = re.match(
        rf"({SCENE}\b[^,?]{{0,100}}),\s+(?:please\s+)?(?:(?:confirm|state|advise|tell\s+(?:me|us))\s+)?"
        rf"(?=(?:to\s+)?(?:{QUESTION_WORDS})\b)",
        text,
        re.I,
    )
    if reason:
        return [reason.group(1), *split_parts(text[reason.end() :])]
    pieces = re.split(
        r"(?<=[?])\s+|:\s+(?=(?:to\s+whom|who|whom|what|which|when|where|how)\b)|,\s+(?=(?:could|can|would)\s+you\b)|\s+and\s+(?:the\s+)?(?=(?:person|one|officer)\s+who\b)|(?-i:(?<![A-Z][a-z]\.)(?<!\b[A-Z]\.)(?<!Mrs\.)(?<!Cllr\.)(?<!Prof\.)(?<=[.!])\s+(?=[A-Z]))|;\s*|\s*,?\s+(?:and|but|also|then)\s+(?=(?:(?:in|on|at|from|by|for|to|with)\s+(?:whom|what|which)|who|whom|what|which|when|where|how|is|are|was|were|does|do|did|has|have|can|name|list)\b)",
        text,
        flags=re.I,
    )
    pieces = [q for p in pieces if p for q in _after_dash(p)]
    parts = [re.sub(r"^(?:the\s+)?(?:person|one|officer)\s+(?=who\b)", "", p.strip(" ,"), flags=re.I) for p in pieces]
    return [q for p in parts if p and re.search(r"\w", p) for q in _two_roles(p)]


SCENE = (
    r"(?:because|given\s+that|per|according\s+to|as\s+(?:stated|set\s+out|said)\s+in|for\s+the\s+purposes?\s+of|for\s+(?:the|our|my)\s+(?:records?|context|report)"
    r"|in\s+the\s+context\s+of|with\s+reference\s+to|looking\s+at|considering|as\s+part\s+of)"
)


def _after_dash(part: str) -> list[str]:
    """ "penny thompson, bscb chair - to whom is she accountable?": what is said, then what
    is asked; a short name before the dash ("SUDIC team - what is that acronym?") stays
    with its question."""
    dash = re.search(r"\s[-–—]\s+(?=(?:to\s+whom|who|whom|what|which|when|where|how)\b)", part, re.I)
    if dash and ("," in part[: dash.start()] or len(part[: dash.start()].split()) >= 4):
        return [part[: dash.start()], part[dash.end() :]]
    return [part]


ROLE_NOUN = (
    r"(?:co-?\s?chair|vice[- ]?chair|deputy(?:\s+chair)?|chair(?:man|person|woman)?|chief\s+exec(?:utive)?|ceo|"
    r"(?:(?:chief|medical|deputy|assistant|designated|named|clinical|finance|nursing|corporate)\s+){0,2}"
    r"(?:director|head|lead|leader|manager|secretary|officer|nurse|doctor))"
)


def _two_roles(part: str) -> list[str]:
    """ "name the chair and the chief executive of X" asks for each role of X; "name the
    chair of X and her vice-chair" for X's chair, then for the vice-chair of X."""
    both = re.match(
        rf"(?P<ask>.*?\b)(?P<a>{ROLE_NOUN})\s+and\s+(?:the\s+|its\s+)?(?P<b>{ROLE_NOUN})\s+(?P<of>of|at|for)\s+(?P<x>.+)",
        part,
        re.I,
    )
    both = both or re.match(
        rf"(?P<ask>.*?\b)(?P<x>[\w'’&,. -]+?)['’]s\s+(?P<a>{ROLE_NOUN})\s+and\s+(?:the\s+|its\s+)?(?P<b>{ROLE_NOUN})\b(?P<of>)",
        part,
        re.I,
    )
    both = both or re.fullmatch(
        rf"(?P<ask>)(?P<x>[\w'’&,. -]+?)\s+(?P<a>{ROLE_NOUN})\s+and\s+(?:the\s+|its\s+)?(?P<b>{ROLE_NOUN})(?P<of>)\s*[?.!]?",
        part,
        re.I,
    )
    if both and not both.group("of"):  # "the Trust's chair and chief executive", "bscb chair and deputy"
        x = both.group("x")
        ask = both.group("ask") if both.group("ask").strip() else "who is "
        return [f"{ask}{x}'s {both.group('a')}", f"who is {x}'s {both.group('b')}"]
    if both:
        x = both.group("x")
        return [
            f"{both.group('ask')}{both.group('a')} {both.group('of')} {x}",
            f"who is the {both.group('b')} {both.group('of')} {x}",
        ]
    tail = re.fullmatch(
        rf"(?P<first>.+?\b(?:{ROLE_NOUN})\b.+?)\s*,?\s+and\s+(?P<whose>its|his|her|their|the)\s+(?P<b>{ROLE_NOUN})\s*[?.!]?",
        part,
        re.I,
    )
    if tail:
        return [tail.group("first"), f"who is {tail.group('whose')} {tail.group('b')}?"]
    return [part]


QUESTION_WORDS = r"who|whom|whose|what|which|when|where|why|how|is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|name|list|tell|show|give|describe|explain|find|compare"


def _statement(raw: str) -> bool:
    """Whether a part states something rather than asks (no "?", no question word first,
    and no "which" or "what" inside: "Dr Jane Armstrong co-chairs which sub-group" asks;
    nor after a dash: "Inclusion Commission - when was it set up" asks)."""
    return (
        not raw.rstrip().endswith("?")
        and not re.match(rf"(?:{QUESTION_WORDS})\b", raw.strip(), re.I)
        and not re.search(r"\s(?:which|what|whom)\s", raw, re.I)
        and not re.search(rf"\s[-–—:]\s*(?:{QUESTION_WORDS})\b", raw, re.I)
    )


# "the cabinet portfolio for children": the post of the cabinet member who holds it
PORTFOLIO = (
    (re.compile(r"\b(?:the\s+)?cabinet\s+portfolio\s+(?:for|of)\s+", re.I), "the Cabinet Member for "),
    (
        re.compile(r"\b(?:the\s+)?((?:[A-Z][\w'’]*,?\s+(?:and\s+|&\s+)?)+)cabinet\s+portfolio\b"),
        r"the Cabinet Member for \1",
    ),
)


def read_part(raw: str, index: dict[str, Any], qi: QuestionIndex) -> Part:
    text, when = find_when(raw, index["documents"])
    for pattern, post in PORTFOLIO:
        text = pattern.sub(post, text).rstrip()
    asks = relation_keys(text, qi)
    mentions = initialled(text, qi, _without_question_nouns(text, find(text, qi)))
    mentions = qualified(spanning(text, qi, phrases(text, qi, mentions, asks), asks), text, qi)
    guessed = _without_question_nouns(text, fuzzy(text, qi, mentions, asks))
    mentions = sorted([*mentions, *guessed], key=lambda m: m.start)
    # "BSCB's QIO Sub-Group" names the sub-group; the possessive only says whose it is.
    mentions = [
        x for x, y in zip(mentions, [*mentions[1:], None]) if not (y and x.end == y.start and _possessive(x, qi))
    ]
    mentions = _without_answer_qualifier(text, mentions)
    kept = _without_contrast(text, mentions)
    aside = [m.id for m in mentions if m not in kept]  # "besides X, who else ...?": X is not the answer
    mentions = kept
    mentions = _successor_named(_mask(text, mentions), mentions, qi)
    mentions = _described_by_line(text, _mask(text, mentions), mentions, qi)
    mentions = _with_head(text, mentions, qi)
    masked = _respelled(_mask(text, mentions), qi)
    acronyms = [w for w in re.findall(r"\b[A-Z][A-Za-z&]*[A-Z][A-Za-z&'’-]*\b|\b[A-Z]{2,}\b", text) if len(w) >= 2]
    # A description names something only when no pronoun points back to what was named.
    if not mentions and not re.search(CONFLICTS, masked) and not re.search(PRONOUNS, masked):
        hint = described(text, qi, asks)
        if hint:
            mentions = [hint]
    return Part(text, masked, mentions, when, acronyms, aside)


# The words that say what a question asks, as a typo of one is read: "co-chiars" is "co-chairs".
ASKING_WORDS = (
    "chair chairs chaired chairman chairperson co-chair co-chairs vice-chair vice-chairs deputy deputises "
    "member members report reports reported accountable oversees oversee scrutinises scrutinise "
    "commissions commissioned manages managed represents represent partners sub-group sub-groups"
).split()


def _respelled(masked: str, qi: QuestionIndex) -> str:
    """The question with a word one slip (a letter changed, added, dropped or two swapped)
    from a word that says what is asked read as that word, unless it is a word of a name
    or a word the readings know as it is ("chain" is no "chair")."""
    from rapidfuzz.distance import OSA  # deferred: most questions have no typo

    known = f"{UP}|{DOWN}|{CHAIR}|{MEMBERS}|{ROLES}|{CHAIN}|{TREE}|{CHANGE}|{DEFINE}|{BELOW}"

    def fix(found: re.Match[str]) -> str:
        word = found.group()
        if len(word) < 5 or word in ASKING_WORDS or word in STOP or word in qi.df or re.fullmatch(known, word):
            return word
        close = [w for w in ASKING_WORDS if abs(len(w) - len(word)) <= 1 and OSA.distance(w, word) == 1]
        return close[0] if len(close) == 1 else word

    return re.sub(r"(?<![\w-])[a-z][a-z-]+[a-z](?![\w-])", fix, masked)


def _with_head(text: str, mentions: list[Mention], qi: QuestionIndex) -> list[Mention]:
    """ "the quality, impact and outcomes subgroup": a name found without its head word
    ("subgroup", "board", "panel") takes the word that ends its own name."""
    toks = tokens(text)
    out = []
    for m in mentions:
        name = re.sub(r"[^a-z]", "", qi.name(m.id).lower().split()[-1]) if m.id in qi.entities else ""
        word = re.sub(r"[^a-z]", "", toks[m.end].key) if m.end < len(toks) else ""
        if word and len(word) > 3 and name == word and all(x.start != m.end for x in mentions):
            m = replace(m, end=m.end + 1, text=text[toks[m.start].start : toks[m.end].end])
        out.append(m)
    return out


def _authors(part: Part, mention: Mention) -> bool:
    """ "the cabinet report", "the BSCB's annual report": a name that only says whose a
    document is."""
    toks = tokens(part.text)
    after = [t.key for t in toks[mention.end : mention.end + 2]]
    return bool(after) and (after[0] in DOCUMENT_NOUNS or after[-1] in DOCUMENT_NOUNS and after[0] == "annual")


def _without_question_nouns(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "which (hospital) trust does she work for?": a lower-case common noun after "which"
    or "what" is the kind of thing asked for, not the body whose short name it also is."""
    toks = tokens(text)

    def asked(m: Mention) -> bool:
        word = text[toks[m.start].start : toks[m.end - 1].end]
        return (
            m.end - m.start == 1
            and word.islower()
            and m.how != "acronym"  # "explain what sendiass is": an acronym typed small names it
            and not (len(word) > 3 and word == m.id)
            # "which trust", "which hospital trust": up to one lower-case word between
            and bool(re.search(r"\b(?:which|what)\s+(?:[a-z-]+\s+)?$", text[: toks[m.start].start], re.I))
        )

    return [m for m in mentions if not asked(m)]


# "... that replaced the Inclusion Commission", "which will replace the BSCB"
REPLACING = (
    r"(?:(?<=\be)(?P<named>\d+)\s+(?:(?:that|which|who)\s+|(?=(?:would|will|was|is|has|had|replacing)\b))"
    r"|\b(?:that|which|who|(?:group|body|board|committee|panel)(?=\s+(?:would|will|was|is)\b))\s+)"
    r"(?:(?:has|have|had|will|would|is\s+to|was\s+to|was\s+meant\s+to|is\s+meant\s+to)\s+)?"
    r"(?:replace[sd]?|replacing|succeed(?:s|ed)?|supersede[sd]?|t(?:ake|akes|ook)\s+over\s+from"
    r"|t(?:ake|akes|ook|aking)(?=\s+(?:the\s+)?e\d+\s+place\b))\s+(?:the\s+)?e(?P<old>\d+)\b"
)  # "a smaller steering group would take over from the Inclusion Commission", "took its place" too
SUCCESSION_CHANGES = ("replaced", "merged", "renamed")
# "the company that took over the council's children's social work": where X moved to
TAKING_OVER = (
    r"\b(?:that|which|who)\s+(?:has\s+|had\s+)?t(?:ook|akes|aken)\s+over\s+(?:[\w'’]+\s+){0,3}?e(?P<old>\d+)\b"
)


def _successor_named(masked: str, mentions: list[Mention], qi: QuestionIndex) -> list[Mention]:
    """ "the smaller steering group that replaced the Inclusion Commission" names what the
    documents record as replacing it, not a body whose name the words happen to match
    (nor the body replaced). Only when one successor is recorded."""
    hit = re.search(REPLACING, masked) or re.search(TAKING_OVER, masked)
    if not hit:
        return mentions
    old = mentions[int(hit.group("old"))]
    after = {
        a
        for c in qi.entities.values()
        if c.get("type") == "change"
        and (
            (c["kind"] in SUCCESSION_CHANGES and old.id in c.get("before", []))
            or (c["kind"] == "transferred" and old.id in c.get("moves", []))  # "the company that took over X"
        )
        for a in c.get("after", [])
        if a != old.id
    }
    if len(after) > 1:  # "the arrangements that replace X": the successor so called
        before = set(re.findall(r"[a-z]+", masked[max(0, hit.start() - 30) : hit.start()])) - STOP
        after = {a for a in after if before & set(re.findall(r"[a-z]+", qi.name(a).lower()))}
        main = qi.dominant(sorted(after)) if len(after) > 1 else None
        after = {main} if main else after
    if len(after) != 1:
        return mentions
    (new,) = after
    k = hit.groupdict().get("named")
    named = mentions[int(k)] if k else old  # the words before "that", or the old name
    successor = Mention(named.start, old.end, new, qi.type_of(new), "successor", qi.name(new))
    return [m for m in mentions if m is not named and m is not old] + [successor]


# "the committee that scrutinises X": the one body of that noun with that line to X.
LINE_VERBS = {
    "scrutinises": r"scrutini[sz](?:es|ed|e)",
    "oversees": r"oversees|oversaw|oversee",
    "holds-to-account": r"holds?\s+(?:\w+\s+)?to\s+account",
    "hosts": r"hosts|hosted",
    "funds": r"funds|funded",
    "commissions": r"commissions|commissioned",
    "delivers": r"delivers|runs|ran|provides",
    "reports-to": r"reports\s+(?:in)?to",
    "accountable-to": r"(?:is|was)\s+accountable\s+to",
}
DESCRIBED_BY_LINE = re.compile(
    r"\b(?P<noun>committee|board|group|sub-?group|panel|partnership|organi[sz]ation|body|team|trust|service)"
    r"\s+(?:that|which|who)\s+(?P<verb>(?:\w+\s+){0,3}?)(?:the\s+)?e(?P<k>\d+)\b"
)


def _described_by_line(text: str, masked: str, mentions: list[Mention], qi: QuestionIndex) -> list[Mention]:
    """ "which councillors sit on the committee that scrutinises children's social care?":
    the body meant is the one of that noun the documents give that line to the thing
    named, when there is exactly one."""
    hit = DESCRIBED_BY_LINE.search(masked)
    if not hit or int(hit.group("k")) >= len(mentions):
        return mentions
    kind = next((k for k, words in LINE_VERBS.items() if re.fullmatch(rf"(?:{words})\s*", hit.group("verb"))), None)
    if kind is None:
        return mentions
    target = mentions[int(hit.group("k"))]
    noun = hit.group("noun").replace("-", "").replace("organization", "organisation")
    found = {
        s["subject"]
        for s in qi.statements
        if s["type"] == "relation" and s["kind"] == kind and s.get("object") == target.id
    }
    found = {
        e
        for e in found
        if noun in qi.name(e).lower().replace("-", "") or noun == (qi.entities.get(e, {}).get("kind") or "")
    }
    if len(found) != 1:
        return mentions
    toks = tokens(text)
    start = next(
        (
            i
            for i in range(target.start - 1, -1, -1)
            if toks[i].key.replace(" ", "") == hit.group("noun").replace("-", "")
        ),
        None,
    )
    if start is None:
        return mentions
    (eid,) = found
    whole = Mention(start, target.end, eid, qi.type_of(eid), "by-line", qi.name(eid))
    return sorted([m for m in mentions if m is not target] + [whole], key=lambda m: m.start)


def _without_contrast(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Besides the three safeguarding partners, who else is helping develop X?": what
    comes after "besides" (up to its comma) is set aside, not asked about, when another
    name remains."""
    opening = re.match(r"\s*(?:besides|apart\s+from|other\s+than|aside\s+from|except(?:\s+for)?)\b[^,]*,", text, re.I)
    if not opening:
        return mentions
    toks = tokens(text)
    kept = [m for m in mentions if m.start < len(toks) and toks[m.start].start >= opening.end()]
    return kept or mentions


def _without_answer_qualifier(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "which WMP officer chairs X": WMP says what the answer is, X what is asked about,
    so a name between "which" and a noun for people is left out when another remains."""
    if len(mentions) < 2:
        return mentions
    toks = tokens(text)

    def qualifies(m: Mention) -> bool:
        before = toks[m.start - 1].key if m.start else ""
        after = toks[m.end].key if m.end < len(toks) else ""
        listing = bool(toks) and toks[0].key in ("name", "list", "show", "give", "tell") and before in ("the", "all")
        return (before in ("which", "what") or listing) and bool(re.fullmatch(rf"{PEOPLE_NOUNS}|{PERSON_NOUNS}", after))

    def describes_answer(m: Mention) -> bool:
        # "which forum of head teachers and safeguarding leads is chaired by the DCS?": a
        # guessed name inside the noun phrase "which ..." describes the answer.
        # (a one-word alias, "which trust", says what kind of answer is wanted)
        if m.how not in ("phrase", "fuzzy") and not (m.how == "alias" and " " not in m.text.strip()):
            return False
        asks = [k for k in range(m.start) if toks[k].key in ("which", "what")]
        return bool(asks) and not any(toks[k].key in VERBS for k in range(asks[0] + 1, m.start))

    named = any(m.how in ("exact", "alias", "acronym") for m in mentions)
    kept = [m for m in mentions if not qualifies(m) and not (named and describes_answer(m))]
    return kept or mentions


# Words that end the noun phrase a "which" question starts.
VERBS = {"is", "are", "was", "were", "does", "do", "did", "has", "have", "had", "will", "can", "would", "should"}


def _possessive(mention: Mention, qi: QuestionIndex) -> bool:
    """Whether a mention is a name with a possessive "'s" ("BSCB's"), not a name that
    ends in one ("Birmingham Women's and Children's")."""
    return bool(re.search(r"['’]s$", mention.text)) and not qi.names_exactly(mention.text)


def _mask(text: str, mentions: list[Mention]) -> str:
    """The part in lower case with each mention replaced by e0, e1, ..."""
    toks = tokens(text)
    out, pos = [], 0
    for n, m in enumerate(mentions):
        if m.how == "described" or m.start >= len(toks):
            continue
        a, b = toks[m.start].start, toks[m.end - 1].end
        out.append(text[pos:a].lower())
        out.append(f" e{n} ")
        pos = b
    out.append(text[pos:].lower())
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _has(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(rf"\b(?:{pattern})\b", text)


def _before(mention_n: int, match: re.Match[str], masked: str) -> bool:
    """Whether mention ``n`` comes before the relation words (it is their subject)."""
    where = masked.find(f"e{mention_n}")
    return where >= 0 and where < match.start()


def decide(part: Part, context: list[Mention], qi: QuestionIndex, topic: Mention | None = None) -> list[Intent]:
    """The readings of one part, most likely first; [] when it asks nothing answerable.
    A part that names nothing points back (``_antecedent``); a bare "it" may point at
    any of the things named before, so each is a further reading, the topic first."""
    m = part.masked
    # "X - which BSCB sub-group is it part of?": the name only says whose sub-group; "it" is X
    qualifier = re.match(r"(which|what)\s+e0\s+((?:[\w-]+\s+){1,2}?)(is|was|does|did)\s+it\b", m)
    if qualifier and len(part.mentions) == 1 and context:
        first = _antecedent(context, m, qi, topic)
        m = f"{qualifier.group(1)} {qualifier.group(2)}{qualifier.group(3)} e0" + m[qualifier.end() :]
        return _decide(part, m, [first], qi)
    if (
        part.mentions
        or not context
        or not (re.search(PRONOUNS, m) or _has(f"{CHAIR}|{MEMBERS}|{ROLES}|{POST_NOUNS}", m))
    ):
        return _decide(part, m, list(part.mentions), qi)
    first = _antecedent(context, m, qi, topic)
    m = re.sub(THAT_ONE, "e0", m, count=1)  # "that manager" names, it does not ask about managing
    bare = _bare_it(m)
    if bare:  # "who recommended it?": what is asked about stands where "it" does
        m = re.sub(r"\bit\b", "e0", m, count=1)
    # "who manages him?": the one asked about stands where the object pronoun does
    m = re.sub(rf"\b(?:him|them|her(?=\s*(?:\?|$|,|\s+(?:{OBJECT_AFTER})\b)))", "e0", m, count=1)
    others = [c for c in context if c.id != first.id and c.type in THINGS] if bare else []
    readings: list[Intent] = []
    for target in (first, *others):
        # "its chief executive" is a post of the body; "its deputy chair" a place on it
        post = (
            None
            if re.fullmatch(rf"(?:who\s+is\s+)?\S+\s+(?:{CHAIR})\??", m.strip())
            else post_of(target.id, part.text, qi)
        )
        readings += [r for r in _decide(part, m, [post or target], qi) if r not in readings]
    return readings


# Words after "her" that make it an object ("who appointed her to ..."), not a possessive.
OBJECT_AFTER = r"to|in|on|at|for|as|and|now|before|after|during|then|today"


def _bare_it(masked: str) -> bool:
    """A bare "it", with no seat asked: what it points to is not told by its form."""
    return bool(
        re.search(r"\bit\b", masked)
        and not _has(CHAIR + "|" + MEMBERS, masked)
        and not re.search(r"\b(?:its|it's|their|he|him|his|she|her|hers)\b", masked)
    )


# Words of something that happened in a period ("elected at the July 2018 meeting"):
# asked of the whole period, the answer is as it stood at its end, so the event is in it.
HAPPENED = r"elect\w*|appoint\w*|join\w*|start\w*|took\s+up|take\s+up|nominat\w*|chose|chosen"


def _decide(part: Part, m: str, mentions: list[Mention], qi: QuestionIndex) -> list[Intent]:
    as_of = part.when.as_of if part.when else None
    if part.when and part.when.start != date.min and part.when.end != date.max and _has(HAPPENED, m):
        as_of = part.when.end
    things = [x for x in mentions if x.type in THINGS]
    changes = [x for x in mentions if x.type == "change"]

    if _has(CONFLICTS, m):
        return [Intent("conflicts")]
    define = _has(DEFINE, m)
    acronym_question = re.fullmatch(r"(?:what|who)\s+(?:is|are|was)\s+(?:the\s+|an?\s+)?e0", m.strip(" ?!."))
    if acronym_question and m.startswith("who") and things and things[0].type == "post":
        acronym_question = None  # "who is the DCS?" asks who holds the post, not what it stands for
    if define or (acronym_question and part.acronyms and mentions and mentions[0].how == "acronym"):
        word = _acronym_asked(part)
        if word:
            readings = [Intent("define", (word,))]
            return readings + ([Intent("about", (qi.arg(things[0]),))] if things else [])
    if _has(BEFORE_AFTER, m) and (changes or things):
        target = changes[0] if changes else things[0]
        return [Intent("diff", options={"change": qi.arg(target)})]
    explain = (
        len(things) >= 2
        and not _has(CHAIR + "|" + MEMBERS, m)
        and (_has(EXPLAIN, m) or (re.match(r"how\b", m) and (_has(UP, m) or _has(DOWN, m))))
    )
    if explain:
        return [
            Intent("explain", (qi.arg(things[0]), qi.arg(things[1])), as_of),
            Intent("reports-to", (qi.arg(things[0]),), as_of),
        ]
    if _has(SEARCH, m) and things:
        return [Intent("search", (things[0].text,)), Intent("about", (qi.arg(things[0]),))]
    if not things:
        after = qi.entities[changes[0].id].get("after") if changes else None
        if changes and after and _has(COUNT, m):  # "how many CCGs merged into the single CCG?": what joined
            return [Intent("changes", options={"of": qi.name(after[0])}, count=True, counting=_counted(m))]
        if changes:
            return [Intent("diff", options={"change": qi.arg(changes[0])})]
        if (
            part.when
            and _has(r"differen\w*|compar\w*|diff", m)
            and part.when.start != date.min
            and part.when.end != date.max
        ):
            return [Intent("diff", (part.when.start, part.when.end))]
        if _has(CHANGE, m) and not re.search(MOVED_TO, m):  # "what will it move to?" names no change
            return [replace(_changes(part, None, qi), count=bool(_has(COUNT, m)), counting=_counted(m))]
        word = _acronym_asked(part)
        if word and (define or acronym_question or len(m.split()) <= 4):
            return [Intent("define", (word,))]
        return []
    return _about_thing(part, things, as_of, m, qi)


def _counted(masked: str) -> tuple[str, ...]:
    """ "how many child deaths ...": the words counted, to find a number the documents
    state, or the merger of the things counted."""
    counting = re.search(r"\b(?:how\s+many|number\s+of)\s+((?:[a-z]+(?:-[a-z]+)*\s+){0,2}[a-z]+(?:-[a-z]+)*)\b", masked)
    return tuple(w for w in counting.group(1).split() if w not in STOP and len(w) > 2) if counting else ()


def _antecedent(context: list[Mention], masked: str, qi: QuestionIndex, topic: Mention | None) -> Mention:
    """What a pronoun points back to: "he" or "she" the last person (or post) named;
    "its" (or "it" with a seat) the last body, or the organisation of the post last
    named; a bare "it" the topic, named first ("when was X approved by Cabinet, and who
    recommended it?"); else the last thing named."""
    last = context[-1]
    if topic and _bare_it(masked):
        return Mention(0, 0, topic.id, topic.type, "pronoun", topic.text)
    if re.search(r"\b(?:he|him|his|she|her|hers)\b", masked):
        last = next((c for c in reversed(context) if c.type in HOLDERS), last)
        seat = _asks_seat(masked)
        owner = qi.entities[last.id].get("organisation") if last.type == "post" and seat else None
        if owner:  # "the BSCB's independent chair, and who is her vice-chair?": a seat on the post's body
            return Mention(0, 0, owner, qi.type_of(owner), "pronoun", qi.name(owner))
        holder = _one_holder(last.id, qi) if last.type == "post" and not seat else None
        if holder:  # "the Board Manager ... who manages him?": a person, the post's holder
            return Mention(0, 0, holder, "person", "pronoun", qi.name(holder))
    elif re.search(r"\b(?:its|it's|their)\b", masked) or (
        re.search(r"\bit\b", masked) and _has(CHAIR + "|" + MEMBERS, masked)
    ):  # "its chief executive", "who chairs it": a body, or the organisation of the post named
        body = next((c for c in reversed(context) if c.type in BODIES), None)
        owner = qi.entities[last.id].get("organisation") if last.type == "post" else None
        if body is None and owner:
            return Mention(0, 0, owner, qi.type_of(owner), "pronoun", qi.name(owner))
        last = body or last
    return Mention(0, 0, last.id, last.type, "pronoun", last.text)


def _one_holder(post: str, qi: QuestionIndex) -> str | None:
    """The one person the documents name in a post, if just one."""
    people = {s["person"] for s in qi.statements if s["type"] == "appointment" and s.get("post") == post}
    return people.pop() if len(people) == 1 else None


BODY_NOUNS = r"sub-?\s?groups?|groups|boards|panels|bodies|organi[sz]ations|partnerships|committees|forums|agencies|teams|services"
PEOPLE_NOUNS = r"people|persons|individuals|officers|councillors|staff|inspectors|managers"
PERSON_NOUNS = r"person|individual|officer|councillor|inspector|manager|representative|member|rep"


KIND_NOUNS = r"sub-?\s?groups?|panels?|boards?|committees?|forums?|teams?|partnerships?"


def _kinds_asked(masked: str) -> tuple[str, ...]:
    """ "which sub-groups report to X", "name the panels under X": the kind of body asked
    for, said before the entity (a body's own name is masked)."""
    words = masked.split(" e", 1)[0]
    said = re.search(rf"\b(?:which|what|name|list|the|many)\s+(?:\w+\s+)?({KIND_NOUNS})\b", words)
    return (re.sub(r"\s", "-", said.group(1)),) if said else ()


def _only(masked: str) -> str | None:
    """ "which sub-groups ..." asks about bodies, "which officers ..." about people, "which
    named person ..." about people the documents name."""
    words = masked.split(" e", 1)[0]  # the noun asked about comes before the entity
    if re.search(
        rf"\bnamed\s+(?:[a-z-]+\s+){{0,2}}(?:{PERSON_NOUNS}|{PEOPLE_NOUNS}|{POST_NOUNS})\b|\bby\s+name\b", masked
    ):
        return "named"  # "which named person represents X?": a name, not a post alone
    if re.search(rf"\b(?:{BODY_NOUNS})\b", words):
        return "bodies"
    if re.search(rf"\b(?:{PEOPLE_NOUNS})\b", words):
        return "people"
    return None


# Nouns for whoever is at the far end of a line: "X's owner", "X's line manager".
FAR_END = r"managers?|owners?|funders?|commissioners?|providers?|supervisors?|hosts?|advisers?|supporters?"


# Posts that are never a body's chair, whatever the words after them ("responsible for the running of").
OFFICERS = r"chief\s+exec(?:utive)?|ceo|director|manager|officer|nurse|doctor|secretary|treasurer|clerk"
# Nouns that end the title of a post ("chief executive", "designated nurse").
POST_NOUNS = r"executive|exec|director|head|manager|officer|nurse|doctor|lead|leader|commissioner|constable|secretary|treasurer|clerk|co-?ordinator|advis[eo]r|inspector|minister"


def _incoming(n: int, said: re.Match[str], masked: str) -> bool:
    """Whether a line is asked about from its far end, so only lines coming in answer it:
    "who owns X?", "where is X hosted?", "X's line manager"."""
    word = said.group()
    after_it = f"e{n}" in masked and not _before(n, said, masked)
    passive = word.endswith("ed") and re.search(
        r"\b(?:is|are|was|were|be|been)\s+(?:\S+\s+){0,3}$", masked[: said.start()]
    )
    return bool(after_it or passive or re.search(rf"\b(?:{FAR_END})$", word))


def _acronym_asked(part: Part) -> str | None:
    """The acronym a definition question asks about: one written like an acronym."""
    for mention in part.mentions:
        if mention.how == "acronym":
            return mention.text
    candidates = [a for a in part.acronyms if not re.fullmatch(r"[A-Z][a-z]+", a)]
    return candidates[0] if candidates else None


# "before Jane Smith", "who took over from Jane Smith": a place asked about in the time
# before or after a person held it.
BEFORE_PERSON = (
    r"\b(?:before|prior\s+to|preceding)\s+(?:e\d+\s+(?=e\d))?e(\d+)\b"  # "before Barnardo's Jane Middleton"
    r"|\b(?:did|has|had)\s+e(\d+)\s+(?:replace|succeed|take\s+over\s+from|follow)\b"  # "whom did X replace?"
)
AFTER_PERSON = (
    r"\b(?:after|since|following)\s+e(\d+)\s+(?:left|stood\s+down|stepped\s+down|handed\s+over|moved\s+on|retired|went)"
    r"|\b(?:took\s+over\s+from|taken\s+over\s+from|replaced|succeeded|followed|came\s+after)\s+e(\d+)\b"
    r"|\bafter\s+e(\d+)\s*[?.!]?\s*$"  # "who held the post after Brigid Jones?"
)


def _succession(part: Part, masked: str) -> tuple[str, Mention] | None:
    """ "who chaired X before Jane Smith (was appointed)?": ("before", Jane Smith), so the
    answer is her predecessor, never Jane Smith herself; "after" for her successor."""
    for side, pattern in (("before", BEFORE_PERSON), ("after", AFTER_PERSON)):
        found = re.search(pattern, masked)
        if found:
            k = int(next(g for g in found.groups() if g))
            if k < len(part.mentions) and part.mentions[k].type in HOLDERS:
                return side, part.mentions[k]
    return None


# "where is X being transferred to?", "who is taking over X?": what the change results in
RESULT = (
    r"\bwhere\b.*\b(?:to|going|go|moved?|moving)\b|\b(?:take|takes|taking|took|taken)\s+over\b"
    r"|\breplaced\s+by\b|\bsuccessor\b|\bbecom(?:e|es|ing)\b|\bbecame\b"
    r"|\b(?:mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|go(?:es|ing)?)\s+(?:to|into)\s*[?.!]?$"  # "which hospital will X move to?"
    r"|\b(?:what|which)\b[^?]*\b(?:replace|take\s+over\s+from)\s+(?:the\s+)?e\d+"  # "what was meant to replace X?"
)


# The kind of change a verb asks about, when the question names nothing that changed
# ("which CCGs merged?": the mergers).
CHANGE_VERBS = (
    (r"merg\w*|amalgamat\w*|combin\w*", "merged"),
    (r"acquir\w*|took\s+over|taken\s+over|take\s+over", "acquired"),
    (r"replac\w*|successor|predecessor", "replaced"),
    (r"transfer\w*|mov(?:e|es|ed|ing)", "transferred"),
    (r"renam\w*", "renamed"),
    (r"abolish\w*|dissolv\w*|wound\s+up|closed|ceas\w*|decommission\w*", "dissolved"),
    (r"restructur\w*", "restructured"),
    (r"creat\w*|set\s+up|establish\w*|formed|launch\w*|came\s+into\s+being|introduc\w*", "created"),
)


def _changes(part: Part, thing: Mention | None, qi: QuestionIndex) -> Intent:
    options: dict[str, Any] = {"of": qi.arg(thing)} if thing else {}
    if thing is None:
        options["kind"] = next((kind for words, kind in CHANGE_VERBS if _has(words, part.masked)), None)
    if thing and re.search(RESULT, part.masked):
        options["result"] = True
    if part.when:
        # "as at 1 June 2018, who had taken over X?": every change by then, not that day's
        # and "what is X now called?": every change so far, not today's
        by = re.search(r"\b(?:as\s+(?:at|of|on)|had|has|have)\b", part.masked) or NOW.fullmatch(
            part.when.phrase.strip()
        )
        options["start"] = part.when.start if part.when.start != date.min and not by else None
        options["end"] = part.when.end if part.when.end != date.max else None
    return Intent("changes", options=options)


def _holder_asked(masked: str, n: int) -> bool:
    """ "who is the Head of X?", "what is the name of X's Y?", "head of x name", "who holds
    the post of X": its holder, by name."""
    e = f"e{n}"
    return bool(
        re.search(
            rf"^(?:who\s+(?:is|was)|(?:(?:what|give)\s+(?:is\s+|was\s+|me\s+)?)?(?:the\s+)?name)\s+(?:of\s+)?(?:the\s+)?"
            rf"(?:new\s+|current\s+|present\s+)?{e}$"
            rf"|^{e}(?:'s|s)?\s+name$|^who\s+(?:holds|held)\s+(?:the\s+(?:post|position|role)\s+of\s+)?(?:the\s+)?{e}$",
            masked.strip(" ?!."),
        )
    )


CHANGE_NOUNS = r"\b(?:merger|creation|transfer|acquisition|replacement|restructur\w*|abolition)\b"
# Words that ask about a time of change: "who ran X before October 2017, and who runs it since?"
THEN_AND_NOW = r"now|since|used\s+to|formerly|previously|before|after|will|move[sd]?|moving|took\s+over|predecessors?|successors?|until"


def _about_thing(part: Part, things: list[Mention], as_of: date | None, m: str, qi: QuestionIndex) -> list[Intent]:
    """The readings of a part about one (or two) entities; a question about then and now
    may also be answered by the entity's changes, when the readings before find nothing."""
    readings = _readings(part, things, as_of, m, qi)
    vague = re.search(r"\b(?:runs?|ran|running|heads?|headed|leads?|led|in\s+charge|responsible)\b", m)
    asks_who = readings and readings[0].command in ("chairs", "members", "roles", "define") and not vague
    if (
        (part.when or _has(THEN_AND_NOW, m))
        and not asks_who
        and not any(r.command in ("changes", "diff") for r in readings)
    ):
        readings.append(_changes(part, things[0], qi))
    if re.search(r"\b(?:how\s+many|number\s+of)\b", m) and not any(r.command == "about" for r in readings):
        # "how many GP practices are members of X?": a number the documents state is on its card
        readings.append(Intent("about", (qi.arg(things[0]),), part.when.as_of if part.when else None))
    return readings


def _readings(part: Part, things: list[Mention], as_of: date | None, m: str, qi: QuestionIndex) -> list[Intent]:
    # "who was on the commission that approved the data?", "what was X to be replaced by
    # once the strategy was approved?": the clause says which commission, or when; its verb
    # is not what is asked when the rest asks for a seat, a role or a change
    core = re.sub(
        r"\s+once\s+(?:the\s+)?e\d+\s+[^,?]*", "", re.sub(r"\b(e\d+)\s+(?:that|which|who)\s+[^,?]*", r"\1", m)
    )
    if core != m and _has(f"{MEMBERS}|{CHAIR}|{CHANGE}|{ROLES}|name", core):
        m = core
    # "the e0 at the CCG formed by merging three CCGs": a participle that says which body;
    # when its change words are the only ones, the change is not what is asked
    described = re.sub(
        r"\b((?:the\s+)?[a-z]+)\s+(?:(?:that|which)\s+(?:was|were)\s+)?(?:formed|created|set\s+up|established|launched)\s+(?:in|on|by|when|after|following|through|from)\b[^,?]*",
        r"\1",
        m,
    )
    if described != m and not _has(CHANGE, described):
        m = described
    # "list the seated members, not its officer support": what is ruled out is not asked
    m = re.sub(r",?\s+(?:and\s+|but\s+)?not\s+(?:its|the|their|any)\s+[^,?.!]*", "", m)
    # "Before it moved to SWBHT, who ran X?": X's side of the change, before and after
    moved = re.match(
        r"(?:before|after|until|since)\s+(?:it|they)\s+(?:was\s+|were\s+|had\s+)?"
        r"(?:moved|transferred|merged|acquired|replaced|taken\s+over)\b[^,]*,\s*(.*)",
        m,
    )
    later = [t for k, t in enumerate(part.mentions) if moved and re.search(rf"\be{k}\b", moved.group(1))]
    if later:
        return [Intent("diff", options={"change": qi.arg(later[0])})]
    succession = _succession(part, m)
    if succession and len(things) > 1:  # the person marks a time, the place is what is asked about
        # ("before Barnardo's Jane Middleton": her organisation only says who she is)
        k = part.mentions.index(succession[1]) if succession[1] in part.mentions else -1
        of = re.search(
            rf"\be{k}\s+(?:of|from|at)\s+(?:the\s+)?e(\d+)\b", m
        )  # "Rob Willoughby of The Children's Society"
        whose = part.mentions[int(of.group(1))] if of else None
        things = [
            t for t in things if t is not succession[1] and t is not whose and t.end != succession[1].start
        ] or things
    around = {succession[0]: qi.arg(succession[1])} if succession else {}
    first = things[0]
    n = part.mentions.index(first) if first in part.mentions else 0
    name = qi.arg(first)
    holder = first.type in HOLDERS
    capacity = re.search(rf"\b({'|'.join(CAPACITIES)})\s+e{n}\b", m) if first.type == "post" else None
    if capacity and not re.search(rf"\b{capacity.group(1)}\b", qi.name(first.id), re.I):
        return [Intent("roles", (f"{capacity.group(1)} {name}",), as_of)]  # "the new interim DCS": who holds it so
    count = bool(_has(COUNT, m))
    about = Intent("about", (name,), as_of)

    nouns = _counted(m)

    def counted(intent: Intent) -> Intent:
        return replace(intent, count=True, counting=nouns) if count else intent

    if re.search(r"\bhow\s+(?:often|frequently)\b", m):
        return [about]  # frequencies are claims on the card
    counted_n = re.search(r"\b(?:how\s+many|number\s+of)\s+(?:\w+\s+){0,2}?e(\d+)\b", m)
    if counted_n:  # "how many safeguarding partners ...": count what is named there
        k = int(counted_n.group(1))
        target = part.mentions[k] if k < len(part.mentions) else first  # "is it made of": the antecedent
        if target.type in BODIES:
            arg = qi.arg(target)
            return [counted(Intent("members", (arg,), as_of, _seats(m))), counted(Intent("below", (arg,), as_of))]

    people_counted = re.search(rf"\b(?:how\s+many|number\s+of)\s+(?:{PEOPLE_NOUNS}|members|people)\b", m)
    seated_on = [t for t in things if t.type == "body"]
    if people_counted and seated_on:  # "how many councillors did the council appoint to X?": X's seats
        return [counted(Intent("members", (qi.arg(seated_on[-1]),), as_of, _seats(m)))]
    officer = _post_asked(m, n, OFFICERS, r"(?:[a-z,'-]+\s+){1,8}?(?:of|at|for|in)\s+(?:the\s+)?")
    if officer and first.type in BODIES:
        # "who is the chief executive responsible for the running of X?": the post, not X's chair
        post = post_of(first.id, officer, qi)
        return [Intent("roles", (qi.arg(post) if post else f"{officer} of {qi.name(first.id)}",), as_of)]
    if holder and re.match(rf"e{n}\s+(?:(?:also|jointly|now)\s+)?(?:{CHAIR}|{MEMBERS})\b", m):
        return [Intent("roles", (name,), as_of)]  # "Dawn Roberts co-chairs which sub-group ...?"
    chaired = re.search(
        rf"^(?:what|which)\b.*\b(?:does|did|do)\s+(?:e{n}|he|she|they)\s+((?:co-?|vice-?|deputy\s+)?chair)\b", m
    )
    if holder and chaired:  # "what does she chair?": only the person's chair's seats
        return [Intent("roles", (name,), as_of, {"role": _seat_word(chaired.group(1))})]
    acts = rf"\b(?:acts?|acting|serves?|serving)\s+as\s+(?:the\s+)?e{n}\b|^(?:which|what)\s+(?:{PERSON_NOUNS}|councillor)\s+(?:is|was)\s+(?:the\s+)?e{n}\b"
    if first.type == "post" and re.search(acts, m):
        return [Intent("roles", (name,), as_of)]  # "which councillor acts as Lead Member ...?": its holder
    # "the sub-groups of X that report to Y", "list the X sub-groups that report to Y": Y's
    grouped = re.search(rf"\b(?:{BODY_NOUNS})\b.*?\b(?:{UP})\s+(?:(?:the|its|their)\s+)?e(\d+)\b", m)
    if grouped and int(grouped.group(1)) < len(part.mentions) and part.mentions[int(grouped.group(1))] is not first:
        below = qi.arg(part.mentions[int(grouped.group(1))])
        return [counted(Intent("below", (below,), as_of)), counted(Intent("members", (below,), as_of))]
    if holder and re.search(
        rf"\b(?:which|what)\s+(?:{BODY_NOUNS}|board|group|panel|committee|forum|meetings?)\b.*\b(?:belong\w*|attend\w*|sits?|sat|member)\b",
        m,
    ):  # "which boards does the Head of Probation belong to or attend?": the holder's places
        return [Intent("roles", (name,), as_of)]
    chain = _has(CHAIN, m)
    up, down = _has(UP, m), _has(DOWN, m)
    if _has(TREE, m) and not up and not down:
        # "where does X sit in the structure?" looks up; "the structure under X" down,
        # and a structure asked for with no direction is the one X has, below or above.
        above = Intent("tree", (name,), as_of, {"up": True})
        if re.search(r"\b(?:above|up|where|sits?|sat|fits?|place|position)\b", m):
            return [above]
        return [Intent("tree", (name,), as_of), *([] if _has(BELOW, m) else [above])]
    if chain and (up or down or re.search(r"\breport|answer|accountab|assurance|\blines?\b", m)):
        return [Intent("chain", (name,), as_of), Intent("reports-to", (name,), as_of)]
    # "to whom is X accountable?", "to which committee must X present reports?": upwards, wherever X is
    whom = re.search(r"\bto\s+(?:whom|which|what)\b|\bwhom\b.*\bto\b", m)
    up = up or (whom and re.search(r"accountab|answerab|responsib|report|answer|present|submit", m))
    if up and not (down and down.start() < up.start()):
        plural = re.search(
            rf"\be{n}(?:'s)?\s+(?:{BODY_NOUNS})\b|\b(?:{BODY_NOUNS})(?:\s+and\s+[a-z ]{{3,20}}?)?\s+(?:of|under|in)\s+(?:the\s+)?e{n}\b",
            m,
        )
        if plural and plural.end() <= up.start():
            # "who do the BSCB's sub-groups report to?": each group's own line, shown as
            # the structure under X (the groups and whom each reports to there)
            return [Intent("tree", (name,), as_of, {"depth": 2}), Intent("reports-to", (name,), as_of)]
        if up.group() == "report":  # "inside X, where does the Y report?": Y, the name right before
            said_k = re.search(r"e(\d+)\s+$", m[: up.start()])
            if said_k and int(said_k.group(1)) < len(part.mentions):
                return [Intent("reports-to", (qi.arg(part.mentions[int(said_k.group(1))]),), as_of)]
        if _before(n, up, m) or f"e{n}" not in m or whom:
            return [Intent("reports-to", (name,), as_of)]
        return [counted(Intent("below", (name,), as_of)), counted(Intent("members", (name,), as_of))]
    if down:
        if _before(n, down, m):
            return [counted(Intent("below", (name,), as_of))]
        return [Intent("reports-to", (name,), as_of)]
    if _has(BELOW, m) and not holder:
        return [counted(Intent("below", (name,), as_of)), counted(Intent("members", (name,), as_of))]
    unnamed = qi.in_names(m)  # "which clinical commissioning groups" names no line
    for kind, words in LINES.items():
        said = _has(words, unnamed)
        if said and _describes(said.group(), first, n, m):
            continue  # "the Birmingham and Solihull health commissioners": who X is, not a line
        # "which assistant director ... line-manages the business manager?": the first name
        # is the kind of answer, the line comes into the second
        kind_asked = re.match(rf"(?:which|what)\s+e{n}\s+(?:{words})\s+(?:the\s+)?e(\d+)\b", m) if said else None
        if kind_asked and int(kind_asked.group(1)) < len(part.mentions):
            other = part.mentions[int(kind_asked.group(1))]
            return [Intent("about", (qi.arg(other),), as_of, {"line": LINE_KINDS[kind].incoming})]
        if said and not (kind == "line-manages" and not holder and _has(CHAIR, m)):
            line = LINE_KINDS[kind].incoming if _incoming(n, said, m) else kind
            # "which officers support X?": a body's members may hold the role the line names
            roles = [r for r in MEMBER_ROLES if kind.split("-")[0].rstrip("s") in r] if not holder else []
            # "who approved the merger that created X?": the line may be to X's change
            changed = [_changes(part, first, qi)] if re.search(CHANGE_NOUNS, m) else []
            return (
                [Intent("about", (name,), as_of, {"line": line})]
                + [counted(Intent("members", (name,), as_of, {"role": r})) for r in roles]
                + changed
            )
    bodies = [t for t in things if t.type in BODIES]
    chair = _has(CHAIR, m)
    if chair:
        role = _seat_word(chair.group())
        role = "vice-chair" if re.search(STAND_IN, m) else role  # "if the chair is away, who chairs in his place?"
        # "Penny Thompson's vice-chair on the BSCB": the seat beside hers, not her own
        beside = bodies and re.search(r"['’]s$", first.text) and re.match(rf"e{n}\s+(?:{CHAIR})", m[m.find(f"e{n}") :])
        if holder and (_before(n, chair, m) or not bodies) and not beside:
            return [Intent("roles", (name,), as_of)]
        if bodies:
            # "At SWBHT, who is in the chair of the steering group?": the body after the word
            named = {id(x): k for k, x in enumerate(part.mentions)}
            after = [t for t in bodies if id(t) in named and re.search(rf"\be{named[id(t)]}\b", m[chair.end() :])]
            bodies = after + [t for t in bodies if t not in after]
            options: dict[str, Any] = {"role": role, **around}
            newest = _the_new_holder(m, bodies[0].id, qi) if not around else None
            if newest:  # "before the new co-chair was appointed": before the one who is new
                options["before"] = newest
            chairs = counted(Intent("chairs", (qi.arg(bodies[0]),), as_of, options))
            arg = qi.arg(bodies[0])
            partners = Intent("about", (arg,), as_of, {"line": "safeguarding-partner-of"})
            if role is None and re.search(
                rf"\b(?:which|what)\s+(?:\w+\s+)?(?:{BODY_NOUNS})\b", m
            ):  # "which (three) organisations lead X?", "which organisations run the service?"
                return [partners, Intent("about", (arg,), as_of, {"line": LINE_KINDS["delivers"].incoming}), chairs]
            if role is None and re.fullmatch(r"lead(?:s|ing)?|led", chair.group()):
                return [chairs, partners]  # "who leads the new arrangements?": its partners, when no chair
            if re.fullmatch(r"runs?|ran|running", chair.group()):
                # "which organisation ran children's social care?": a service is run by
                # whoever delivers it, a board by whoever chairs it.
                delivered = Intent("about", (qi.arg(bodies[0]),), as_of, {"line": LINE_KINDS["delivers"].incoming})
                organisation = re.search(r"\b(?:which|what)\s+(?:organi[sz]ations?|bod(?:y|ies)|trusts?)\b", m)
                # a service no one is said to deliver is run by the organisation it is part of
                within = Intent("about", (qi.arg(bodies[0]),), as_of, {"line": "part-of"})
                return [delivered, within, chairs] if organisation else [chairs, delivered]
            if chair.group().startswith("convene"):  # an assembly is convened by its chair, or its host
                return [chairs, Intent("about", (qi.arg(bodies[0]),), as_of, {"line": LINE_KINDS["hosts"].incoming})]
            return [chairs]
    members = _has(MEMBERS, m)
    if members and bodies:
        if holder and _before(n, members, m):
            return [Intent("roles", (name,), as_of)]
        # "who represents West Midlands Police on the Executive Board?": the seats are on the
        # board, whichever is named first, and the police are who they are for.
        seat = next((t for t in bodies if t.type == "body"), bodies[0])
        others = [t for t in bodies if t is not seat and t.type == "organisation"]
        represents = qi.arg(others[0]) if others and re.search(r"represent|\bfor\b|\bfrom\b", m) else None
        # "how many councillors are on X": the seats, not who attended a meeting
        seated = bool(_has(SEATS + r"|councillors", m) or count) and not _has(UNSEATED, m)
        options = {"represents": represents, "seated": seated, **around}
        return [counted(Intent("members", (qi.arg(seat),), as_of, options))]
    if succession and first.type in BODIES:  # "whom did Jane Middleton replace on the board?": a seat
        return [Intent("members", (name,), as_of, around)]
    if first.type == "person" and (succession or _has(r"start\w*|began|begin\w*|join\w*|arriv\w*|left|leav\w*", m)):
        # "who took over from Rob Willoughby?", "when did Penny Thompson start?": the
        # person's seats and posts, with their dates and recorded successors
        return [Intent("roles", (name,), as_of)]
    if _has(CHANGE, m) and not _has(ROLES, m):
        return [counted(_changes(part, first, qi))]
    if first.type == "post" and around:  # "who was Cabinet Member before Carl Rice?": the holder before
        return [Intent("roles", (name,), as_of, {"holders": True, **around})]
    if first.type == "post" and _holder_asked(m, n):
        # "who is the Head of X?": its holder; a post asked by a description ("SWBHT's
        # executive lead for safeguarding") may be answered by the post itself
        held = Intent("roles", (name,), as_of, {"holders": True})
        titled = content(t.key for t in tokens(first.text)) <= content(t.key for t in tokens(qi.name(first.id)))
        by_name = _has(r"name", m)  # "what is the name of X's Y?": a person's name, or nothing
        return [held] if titled or by_name else [held, Intent("roles", (name,), as_of)]
    if holder and (_has(ROLES, m) or re.search(r"\b(?:who|what)\b", m)):
        return [Intent("roles", (name,), as_of)]
    if first.type in BODIES and (
        count or re.fullmatch(r"(?:who|which \w+)\s+(?:are|were)\s+(?:the\s+)?e\d+", m.strip(" ?!."))
    ):
        seats = _seats(m) if count else {}
        return [counted(Intent("members", (name,), as_of, seats)), counted(Intent("below", (name,), as_of))]
    title = _post_asked(m, n, POST_NOUNS, r"(?:of|at|for)\s+", before=r"(?:\w+\s+){0,3}")
    if title and first.type in BODIES:
        # "who is the chief executive of West Midlands Police?": a post no document names is
        # looked up as asked, so the answer is an honest "not found", not the body's card.
        return [Intent("roles", (f"{title} of {qi.name(first.id)}",), as_of)]
    return [about]


def _seat_word(words: str) -> str | None:
    """The seat the words name ("vice chair" -> vice-chair), or None for a bare "lead"."""
    return next((r for pattern, r in ROLE_WORDS if re.search(rf"\b(?:{pattern})", words)), None)


def _the_new_holder(masked: str, body: str, qi: QuestionIndex) -> str | None:
    """ "before the new co-chair was appointed": the one person the documents seat in that
    place on the body, by name, so that the question asks who held it before them."""
    said = re.search(
        r"\b(?:before|prior\s+to)\s+(?:the\s+appointment\s+of\s+)?(?:the|its)\s+(?:new|newly\s+appointed)\s+"
        r"((?:co-?|vice-?|deputy\s+)?chair)\b",
        masked,
    )
    if not said:
        return None
    role = _seat_word(said.group(1))
    seated = {
        s["member"]
        for s in qi.statements
        if s["type"] == "membership" and s.get("body") == body and s.get("role") == role
    }
    people = [p for p in seated if qi.type_of(p) == "person"]
    return qi.name(people[0]) if len(people) == 1 else None


def _describes(word: str, thing: Mention, n: int, masked: str) -> bool:
    """An agent noun right after a name ("the e0 health commissioners") says what the thing
    is; after a possessive ("Simon Cross's manager") it is the line asked."""
    agent = re.fullmatch(r"\w+(?:er|or)s?", word) and not re.search(r"['’]s$", thing.text)
    return bool(agent and re.search(rf"\be{n}(?:\s+[a-z]+)?\s+{word}\b", masked))


def _post_asked(masked: str, n: int, nouns: str, between: str, before: str = r"(?:[a-z-]+\s+){0,2}") -> str | None:
    """The title of a post a question asks for by name ("who is the chief executive ...
    of e0?"): up to a few words ending in one of ``nouns``, then ``between`` and the body."""
    found = re.match(rf"(?:who|what)\s+(?:is|was)\s+(?:the\s+)?({before}(?:{nouns}))\s+{between}e{n}\b", masked)
    return found.group(1) if found else None


def _seats(masked: str) -> dict[str, Any]:
    """ "how many members ...": the seats, unless the question asks who attends or supports."""
    return {"seated": True} if not _has(UNSEATED, masked) else {}
