"""Relations, the lines between entities: "reports to", "accountable to", "overseen
by", "scrutinised by", "hosted by", "line manages", "wholly owned by", "commissioned
by", "funded by", "supported by", "presented to", "is part of", ...

A line is a trigger phrase of ``lexicon.LINES`` between two names, read in the active
voice ("A reports to B"), the passive ("A is overseen by B") or as an adjective ("a
Council-owned company"). Either side may be a list: "A and B report to C", "accountable
to the partners: C, D and E", and a list announced by a colon may go on in the bullets
that follow. Sub-groups listed after their parent ("the Board's sub-groups: A, B and
C", or under a heading "Sub-groups of the Board") are part of it. A second verb keeps
its subject ("A reports to B and is scrutinised by C"); "It" is what the sentence before
began with; a relative clause between a subject and its verb is passed over.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.args import (
    ADJACENT,
    SPEAKER,
    Triggers,
    certainty,
    left_coordinated,
    left_of,
    resolve,
    right_of,
    triggers,
)
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import LINES, head_of, head_word, role_of
from graph.extract.linking import Linker
from graph.extract.text import Sentence
from graph.extract.types import Line, Mention, Pending

ANY = ("person", "post", "entity")
AGENTS = ("entity",)
ORGS = ("organisations", "bodies")

_CAPITALISED = re.compile(r"\b[A-Z][a-z]")
# Between a "near" trigger and its object: a determiner at most ("responsible for the Panel").
_NEAR = re.compile(
    r"^[\s,*]*(?:(?:the|a|an|its|their|our|his|her|both|all|each)\s+)?(?:(?:work|functions?|activities)\s+of\s+(?:the\s+)?)?"
    r"[*\s]*$",
    re.IGNORECASE,
)
# A plural verb after the subject: "A and B report to C" has two subjects.
_PLURAL = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:both|all|also|jointly|together|now|currently|which|who|that)\s+)*"
    r"(?:are|were|have|report|account|oversee|host|fund|own|commission|support|scrutini[sz]e|present|submit|"
    r"form|sit|remain)\b",
    re.IGNORECASE,
)
# "The findings of the CDOP annual report are presented to ...": whose document it is;
# "The published report is submitted to ...": no name, so the document itself.
_DOCUMENT_BEFORE = re.compile(
    r"\b(?i:the|this|our|my|its)\s+(?P<owner>[^.;:]{0,60}?)\s*\b(?i:reports?|documents?|papers?|"
    r"findings|plans?|strateg(?:y|ies))\b[^.;:]{0,80}$"
)
_THIS_DOCUMENT = re.compile(r"(?i:the|this|our)\s+(?:[a-z-]+\s+){0,2}(?i:report|document|paper)\b")
# "The Panel is (one of the) key sub-groups of ...": what may come before "part of" / "sub-group of".
_AS_PART = re.compile(
    r"(?:\b(?:forms?|formed|remains?|an?|one\s+of\s+the|integral|key|constituent|statutory)\s+)+$", re.IGNORECASE
)
_AS = re.compile(r"\bas\s+(?:an?\s+)?$", re.IGNORECASE)
# A new clause between a name and a trigger: "HMCI has determined that the council ... submit".
_CLAUSE = re.compile(r"\S\s+(?:that|whether|because|although|though|whilst|while|when|if|unless)\s", re.IGNORECASE)
# A relative clause between a subject and its verb: "X, which supports the Board, is ...".
_CLAUSE_OPEN = re.compile(r"\s*\([^()]*\)\s*,\s*(?:which|who)\s+[^,;()]*$|\s*,\s*(?:which|who)\s+[^,;]*$")
_CLAUSE_CLOSE = re.compile(r"\s*,\s*(?:(?:is|are|was|were|has|have|had|been|will|be|also|now|currently)\s+)*")
_RELATIVE_CLAUSE = re.compile(r"^\s*,\s*(?:which|who)\s+[^,;]*,")
# "X (XG) is a multi-agency senior officer group that has ...": what X is, then X's verb
_DESCRIBED = re.compile(
    r"^\s*(?:\(?[^()]{0,12}\)\s*)?(?:is|are|was|were)\s+(?:a|an)\s+[a-z -]{0,60}?"
    r"\b(?:group|body|panel|board|forum|partnership|committee|team|service|organisation)s?\s+(?:that|which)\s+$"
)
# "It reports to ...", "It is also accountable to ...": what the sentence before began with.
# "A reports to B and is scrutinised by C": the second verb is A's too.
_AND_VERB = re.compile(
    r"^\s*,?\s*(?:and|but)\s+(?:(?:is|are|was|were|has|have|had|been|will|shall|also|then|in\s+turn|itself|directly|"
    r"formally)\s+)*$",
    re.IGNORECASE,
)
# "The Partnership's business unit is ...": a thing of the name's, not the name, is the subject.
_OWNED_THING = re.compile(r"^[^\s'’]*['’]s\s+(?:[a-z][\w-]*\s+){1,3}$")
# "the Unit of administrative staff and Programme Managers, hosted by": the Unit is hosted.
_OF_PHRASE = re.compile(r"^\s+of\s+(?:[\w'’-]+\s+){0,4}(?:and|&)\s+(?:the\s+)?$")
# "As Independent Chair, I am supported by ...": the capacity the author speaks in.
_CAPACITY_BEFORE = re.compile(r"(?:^|[.;:]\s+)[\W]*As\s+(?:the\s+)?$")
_CAPACITY_AFTER = re.compile(r"^\s*,\s*I\b")
# "Simon's line manager is ...", "Simon manages ...": a first name the text used before.
_FIRST_NAME = re.compile(r"(?:^|[\s(])([A-Z][a-z]+)(?:['’]s)?\s+$")
# Adjectival lines: the agent right before ("DfE funded", "Council-owned", "has funded"),
# the other side in apposition after ("partners, Essex Children's Services") or the
# subject of "is a" before ("the Trust is a Council wholly owned company").
_VERB_GAP = re.compile(r"^\s*(?:(?:has|have|had|also|jointly|directly)\s+)*$", re.IGNORECASE)
_DEGREE = {"wholly", "jointly", "fully", "partly", "part"}
_ADJECTIVE_GAP = re.compile(r"^[\s-]?(?:(?:wholly|jointly|fully|partly|part)[\s-])?$", re.IGNORECASE)
_APPOSITION = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*\s*,\s*(?:the\s+)?[*\s]*$")
_COPULA = re.compile(
    r"^\s*,?\s*(?:(?:is|was|are|were|became|becomes|remains|as)\s+)?(?:a|an|the)\s+(?:[a-z]+\s+)?$", re.IGNORECASE
)
# A trigger whose other side is announced for the lines that follow: "reports to:".
_ANNOUNCES = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}[\w'’-]*\s*:\s*$")
_BULLET = re.compile(r"^(?:[-•■*▪●◦]|\d+[.)]|\([a-z]\)|[a-z]\))\s+(?:the\s+)?")
# Groups listed after their parent: "the Board's sub-groups: A, B", "sub-groups of X are A".
_GROUPS = re.compile(
    r"\b(?:sub-?\s?(?:groups|committees|panels|boards)|working\s+groups|task\s+groups)\b", re.IGNORECASE
)
# "Our sub-groups", "Sub-groups", "..., the following subgroups have been created:"
_OWN_GROUPS = re.compile(r"^\W*(?:(?:our|the|its)\s+)?$|\bthe\s+following\s+$", re.IGNORECASE)
# "... subgroups have been created (in order of hierarchy);" over bullets: the list follows
_LIST_BELOW = re.compile(r"^\s*(?:have|has)\s+been\s+(?:created|established|set\s+up|formed)\b[^.:;]*[:;]\s*$", re.I)
_ONE_NAME = re.compile(r"^(?:the\s+)?(?=[A-Z])")  # a plain line under a heading, starting with a name
_AFTER_NAME_ONLY = re.compile(r"\s*(?:\([^()]*\))?\s*$")  # "Hull City Council (Chief Executive)"
_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}$")
_OF_OWNER = re.compile(r"^\s+of\s+(?:the\s+)?")
_HAS = re.compile(
    r"^\s*(?:has|have|had|is\s+supported\s+by|are\s+supported\s+by|operates|runs|comprises)\s+"
    r"(?:a\s+number\s+of\s+|the\s+following\s+|several\s+|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:[a-z]+\s+)?$",
    re.IGNORECASE,
)
_LIST_START = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?::|,?\s*(?:are|were|include|includes|including|comprise|namely)\b\s*:?)\s*", re.IGNORECASE
)
_PART_OF = Line("", "part-of", "active")
_PARTNER_OF = Line("", "safeguarding-partner-of", "active")
# "The three safeguarding partners are:", "the three lead agencies – A, B and C": the list
# that follows is of the partners of the arrangements the text is about.
_PARTNERS = re.compile(
    r"\b(?P<count>(?:two|three|four|\d)\s+)?(?:named\s+)?(?:key\s+|statutory\s+|lead\s+|local\s+)?"
    r"(?:safeguarding\s+partners|lead\s+agencies)\b"
    # "... are: A, B", "... - A, B"; or, counted, straight on: "the three safeguarding partners A, B and C"
    r"(?P<intro>\s*(?:[–—:]|-\s|,?\s*(?:are|were|being)\b\s*:?)\s*|(?(count)\s+(?=(?-i:[A-Z]))|(?!)))",
    re.IGNORECASE,
)
# "the Act had designated A, B and C as 'safeguarding partners'": the list before the words
_DESIGNATED = re.compile(
    r"\b(?:designated|named|identified)\s+(?P<list>[^.;:]{3,300}?)\s+as\s+(?:the\s+)?(?:(?:two|three|four)\s+)?"
    r"['‘’\"“]?(?:statutory\s+|local\s+)?safeguarding\s+partners\b",
    re.IGNORECASE,
)
# "All (the) sub-groups report to ...", "Each of our sub-groups reports to ...": the groups the text listed.
_ALL_GROUPS = re.compile(
    r"\b(?:all|each|every)\s+(?:of\s+)?(?:the\s+|our\s+|its\s+|their\s+)?"
    r"(?:sub-?\s?groups?|groups|panels|sub-?\s?committees?)\s+(?:(?:also|then|in\s+turn)\s+)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _compiled() -> Triggers[Line]:
    return Triggers([(line.pattern, line) for line in LINES])


def find(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """Every line the sentence states, and the bullets of a list announced before it."""
    _continue_list(sentence, linker, discourse, collector, mentions)
    last: tuple[Mention, list[Mention]] | None = None
    for ts, te, line in triggers(sentence.text, _compiled()):
        start, end = sentence.start + ts, sentence.start + te
        if line.direction == "adjectival":
            _adjectival(sentence, linker, discourse, collector, mentions, start, end, line)
        else:
            last = _line(sentence, linker, discourse, collector, mentions, start, end, line, last) or last
    _group_lists(sentence, linker, discourse, collector, mentions)
    _partner_lists(sentence, linker, discourse, collector, mentions)


def _partner_lists(
    sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector, mentions: list[Mention]
) -> None:
    """ "The three safeguarding partners are:" over a line per partner, or "... the three
    lead agencies – A, B and C": each a safeguarding partner of the arrangements the text
    is about (its subject; without one, nothing is proposed)."""
    subject = discourse.subject
    if subject is None:
        return
    if head_of(linker.name_of(subject)) not in ("partnership", "arrangements"):
        # a board's paper on the partnership that follows it: the partners are the partnership's
        subject = discourse.generic("partnership") or subject
    owner = discourse.mention_of(subject)
    for found in _PARTNERS.finditer(sentence.text):
        at = sentence.start + found.end()
        partners = [m for m in right_of(sentence, mentions, at, AGENTS, gap=12) if m.id != subject]
        if not partners and not sentence.text[found.end() :].strip():
            discourse.pending = Pending(
                [owner], _PARTNER_OF, True, sentence.start + found.start(), sentence.end, lines=True
            )
        _propose(
            sentence,
            linker,
            discourse,
            collector,
            partners,
            [owner],
            _PARTNER_OF,
            sentence.start + found.start(),
            at,
            0.7,
        )
    for found in _DESIGNATED.finditer(sentence.text):  # "designated A, B and C as safeguarding partners"
        a, b = sentence.start + found.start("list"), sentence.start + found.end("list")
        partners = [m for m in mentions if a <= m.start and m.end <= b and m.kind == "entity" and m.id != subject]
        _propose(sentence, linker, discourse, collector, partners, [owner], _PARTNER_OF, a, b, 0.7)


def _line(
    sentence: Sentence,
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    mentions: list[Mention],
    start: int,
    end: int,
    line: Line,
    last: tuple[Mention, list[Mention]] | None = None,
) -> tuple[Mention, list[Mention]] | None:
    """One trigger's line; returns its subject and objects (for a second verb of the same
    subject: "A reports to B and is scrutinised by C")."""
    coordinated = bool(
        last and last[1] and last[1][-1].end <= start and _AND_VERB.match(sentence.between(last[1][-1].end, start))
    )
    listed = discourse.groups if _ALL_GROUPS.search(sentence.between(max(sentence.start, start - 40), start)) else []
    if listed and not coordinated:  # "All sub-groups report to the Executive Group": each group listed
        right = right_of(sentence, mentions, end, ANY)
        if right:
            _propose(sentence, linker, discourse, collector, listed, right[:1], line, start, end, 0.7)
            return (right[0], [])
    left = last[0] if last and coordinated else _left(sentence, linker, discourse, mentions, start, end, line)
    if left is None:
        return None
    inside = left.start >= sentence.start  # not the author, who is named outside the sentence
    between = sentence.between(left.end, start) if inside and not coordinated else ""
    between = _RELATIVE_CLAUSE.sub("", between)  # "X, which supports the Board, is hosted by": X's verb
    between = _DESCRIBED.sub("", between)
    if inside and line.adjacent and (not ADJACENT.match(_AS_PART.sub("", between)) or _AS.search(between)):
        return None  # "... worked with the Trust as part of the review": not the Trust
    if inside and line.direction == "passive" and _CAPITALISED.search(between):
        return None  # another name between: "Event held in January 2017, hosted by the Leader" is not about the Event
    if inside and _CLAUSE.search(between):
        return None  # "HMCI has determined that the council is responsible for submitting ... to": not HMCI
    if inside and between and _OWNED_THING.match(sentence.between(left.end - 2, start)):
        return None  # "The Partnership's business unit is hosted by ...": the unit, which is no name
    right = right_of(sentence, mentions, end, AGENTS if line.kind == "part-of" else ANY, lists=True)
    if line.near and right and not _NEAR.match(sentence.between(end, right[0].start)):
        right = []
    right = _shared_organisation(sentence, linker, discourse, right)
    lefts = (
        left_coordinated(sentence, mentions, left, ANY)
        if inside and _PLURAL.match(between + sentence.between(start, end))
        else [left]
    )
    if not right:
        if _ANNOUNCES.match(sentence.between(end, sentence.end)):
            discourse.pending = Pending(
                lefts, line, False, min([start, *(m.start for m in lefts if m.start >= sentence.start)]), sentence.end
            )
        return (left, [])
    _propose(sentence, linker, discourse, collector, lefts, right, line, start, end)
    return (left, right)


def _left(
    sentence: Sentence, linker: Linker, discourse: Discourse, mentions: list[Mention], start: int, end: int, line: Line
) -> Mention | None:
    """The name before the trigger; the author when "I" or "my" speaks (in the capacity
    the document is signed in), or when the thing handed over is "the report"."""
    ts = start - sentence.start
    left = left_of(sentence, mentions, start, AGENTS if line.kind == "part-of" else ANY)
    before = sentence.text[max(0, ts - 40) : ts]
    far = left is None or left.end < start - 40
    if far and (SPEAKER.search(before) or sentence.between(start, end).lower().startswith("my ")):
        return _capacity(sentence, mentions) or discourse.speaker_post or discourse.speaker
    it = discourse.it_means(sentence.between(sentence.start, start)) if left is None else None
    if it:
        return it  # "The Panel meets monthly. It reports to ...": the Panel
    owner = _document_owner(sentence, linker, discourse, mentions, left, start) if line.document else None
    if owner:
        return owner
    if left is None:  # "The performance of the Trust is monitored by ...": the only name there is
        nearest = next((m for m in reversed(mentions) if m.end <= start and m.kind in ANY), None)
        if nearest and ADJACENT.match(sentence.between(nearest.end, start)):
            left = nearest
    if left and left.kind != "entity" and line.direction == "passive" and before.endswith(", "):
        left = _phrase_head(sentence, mentions, left)
    if left:
        left = _before_clause(sentence, mentions, left, start)
        left = _outside_brackets(sentence, mentions, left, start)
    named = _FIRST_NAME.search(before)
    if named and (left is None or left.end < start - len(named.group())):
        person = discourse.first_name(named.group(1))
        if person:
            return Mention(
                start - len(named.group()) + 1, start - 1, named.group(1), "person", person, linker.is_new(person), 0.8
            )
    if left and left.kind == "post" and left.text.lower() == "chair" and not linker.index.get(left.id):
        person = discourse.chairs.get(linker.organisation_of(left.id) or "")
        if person:  # "X has been chaired by Jo Bell ... The Chair reports to ...": Jo Bell
            return Mention(left.start, left.end, left.text, "person", person, linker.is_new(person), left.certainty)
    return _post_before(sentence, discourse, mentions, left) if left and left.kind == "entity" else left


def _outside_brackets(sentence: Sentence, mentions: list[Mention], left: Mention, start: int) -> Mention:
    """ "An Executive Group (previously known as the Operations Board) will report to ...":
    the name before the brackets, not the one inside them."""
    gap = sentence.between(left.end, start)
    opened = sentence.text.rfind("(", 0, left.start - sentence.start)
    if ")" not in gap or "(" in gap or opened < 0:
        return left
    at = sentence.start + opened
    outer = next((m for m in reversed(mentions) if m.end <= at), None)
    return outer if outer and not sentence.between(outer.end, at).strip() else left


def _document_owner(
    sentence: Sentence, linker: Linker, discourse: Discourse, mentions: list[Mention], left: Mention | None, start: int
) -> Mention | None:
    """Who hands a document over: "The findings of the CDOP Annual Report are presented
    to ...": CDOP; "The published report is submitted to ...": this document's author."""
    at = max(sentence.start, start - 120)
    found = _DOCUMENT_BEFORE.search(sentence.between(at, start))
    if found is None or (left is not None and left.end > at + found.start()):
        return None
    owner = [m for m in mentions if at + found.start() <= m.start and m.end <= start and m.kind == "entity"]
    if owner:
        return owner[0]
    if discourse.subject and re.fullmatch(
        r"(?i:(?:latest|draft|final|full|published)\s+)?(?i:annual)\s*", found.group("owner")
    ):
        # "The Annual Report was considered by ...": the report of the body the document is about
        return Mention(0, 0, linker.name_of(discourse.subject), "entity", discourse.subject, False, 0.8)
    if _CAPITALISED.search(found.group("owner")) or not _THIS_DOCUMENT.match(found.group()):
        return None
    if discourse.speaker_post:
        return discourse.speaker_post
    return (
        Mention(0, 0, linker.name_of(discourse.author), "entity", discourse.author, False, 0.85)
        if discourse.author
        else None
    )


def _post_before(sentence: Sentence, discourse: Discourse, mentions: list[Mention], left: Mention) -> Mention:
    """ "The AD, Children in Care Provider Services presents ...": that organisation's post."""
    prev = next((m for m in reversed(mentions) if m.end <= left.start), None)
    if (
        prev is None
        or prev.kind != "post"
        or prev.organisation
        or not re.fullmatch(r"\s*,\s*", sentence.between(prev.end, left.start))
    ):
        return left
    return discourse.post(prev.text, left.id, role_of(prev.text), sentence, prev.start, left.end) or left


def _before_clause(sentence: Sentence, mentions: list[Mention], left: Mention, start: int) -> Mention:
    """ "The Unit, which supports the Board, is hosted by ...": the Unit, not the Board the
    relative clause names."""
    opened = _CLAUSE_OPEN.search(sentence.between(sentence.start, left.start))
    if not opened or not _CLAUSE_CLOSE.fullmatch(sentence.between(left.end, start)):
        return left
    at = sentence.start + opened.start()
    head = next((m for m in reversed(mentions) if m.end <= at), None)
    return head if head and head.end >= at - 2 else left


def _phrase_head(sentence: Sentence, mentions: list[Mention], left: Mention) -> Mention:
    """ "the Business Support Unit of administrative staff and Programme Managers, hosted
    by ...": what is hosted is the unit the phrase is about, not its last word."""
    earlier = [m for m in mentions if m.end <= left.start]
    if earlier and earlier[-1].kind == "entity" and _OF_PHRASE.match(sentence.between(earlier[-1].end, left.start)):
        return earlier[-1]
    return left


def _capacity(sentence: Sentence, mentions: list[Mention]) -> Mention | None:
    """The post in "As Independent Chair, I ..."."""
    for m in mentions:
        if (
            m.kind == "post"
            and _CAPACITY_BEFORE.search(sentence.between(sentence.start, m.start))
            and _CAPACITY_AFTER.match(sentence.between(m.end, sentence.end))
        ):
            return m
    return None


def _adjectival(
    sentence: Sentence,
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    mentions: list[Mention],
    start: int,
    end: int,
    line: Line,
) -> None:
    """ "The Council funded the Service", "our DfE funded partners, Essex Children's
    Services", "the Trust is a Council wholly owned company": the agent right before."""
    agent = next((m for m in reversed(mentions) if m.end <= start), None)
    if agent is None or agent.kind != "entity" or not _VERB_GAP.match(sentence.between(agent.end, start)):
        agent = _head_before(sentence, linker, discourse, start)
    if agent is None:
        return
    right = right_of(sentence, mentions, end, ANY)
    if right and _NEAR.match(sentence.between(end, right[0].start)):
        patients = right
    elif not _ADJECTIVE_GAP.match(sentence.between(agent.end, start)):
        return
    else:
        after = next((m for m in mentions if m.start >= end), None)
        before = next((m for m in reversed(mentions) if m.end <= agent.start), None)
        if after and _APPOSITION.match(sentence.between(end, after.start)):
            patients = [after]
        elif before and _COPULA.match(sentence.between(before.end, agent.start)):
            patients = [before]
        else:
            return
    _propose(sentence, linker, discourse, collector, [agent], patients, line._replace(direction="active"), start, end)


def _head_before(sentence: Sentence, linker: Linker, discourse: Discourse, start: int) -> Mention | None:
    """ "a Council wholly owned company": the head word right before the trigger stands for
    the organisation the text means ("the Council": the document's council)."""
    tok = next((t for t in reversed(sentence.tokens) if t.end <= start and t.norm not in _DEGREE), None)
    if tok is None or not tok.text[:1].isupper() or not _ADJECTIVE_GAP.match(sentence.between(tok.end, start)):
        return None
    head = head_word(tok.text)
    target = discourse.generic(head) if head else None
    return Mention(tok.start, tok.end, tok.text, "entity", target, linker.is_new(target), 0.8, head) if target else None


def _continue_list(
    sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector, mentions: list[Mention]
) -> None:
    """A bullet right after "reports to:" (or a previous bullet) that starts with a name."""
    pending = discourse.pending
    if pending is None:
        return
    gap = discourse.doc.text[pending.end : sentence.start]
    bulleted = _BULLET.match(sentence.text)
    bullet = bulleted or (_ONE_NAME.match(sentence.text) if pending.lines else None)
    first = next((m for m in mentions if m.start >= sentence.start), None) if bullet else None
    if first and not bulleted and not _AFTER_NAME_ONLY.match(discourse.doc.text, first.end, sentence.end):
        first = None  # under a heading, a plain line is an item only if it is one name (and its post)
    if bulleted and pending.line is _PART_OF and (first is None or first.start != sentence.start + bulleted.end()):
        first = _item_name(sentence, discourse, sentence.start + bulleted.end()) or first
    if (
        gap.strip()
        or gap.count("\n") > 2
        or bullet is None
        or first is None
        or first.start != sentence.start + bullet.end()
    ):
        discourse.pending = None
        return
    pending.end = sentence.end
    items = [first]
    subjects, objects = (items, pending.fixed) if pending.items_are_subjects else (pending.fixed, items)
    listed = Sentence(
        pending.start, sentence.end, discourse.doc.text[pending.start : sentence.end]
    )  # the quote: announcement to bullet
    _propose(listed, linker, discourse, collector, subjects, objects, pending.line, pending.start, first.end, 0.75)


# "• Practice and Training - the P&T sub committee is responsible for ...": a group's name,
# then a dash and what it does
_ITEM_NAME = re.compile(r"((?:[A-Z][\w'’&]*|and|of|for|&)(?:\s+(?:[A-Z][\w'’&()]*|and|of|for|the|&))*)\s+[-–—:]\s")


def _item_name(sentence: Sentence, discourse: Discourse, at: int) -> Mention | None:
    """The name a bullet of a list of sub-groups starts with, where it has no head word
    ("Quality Assurance"): the words before the dash that says what the group does."""
    named = _ITEM_NAME.match(sentence.text, at - sentence.start)
    if named is None or len(named.group(1).split()) > 8:
        return None
    start = sentence.start + named.start(1)
    return discourse.entity(named.group(1), sentence, start, start + len(named.group(1)), kind_of="sub-group")


def _group_lists(
    sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector, mentions: list[Mention]
) -> None:
    """ "the Board's sub-groups: A, B and C", "The sub-groups of the Board are A and B",
    "The Partnership has three sub-groups: A, B and C": each is part of the owner."""
    for g in _GROUPS.finditer(sentence.text):
        gs, ge = sentence.start + g.start(), sentence.start + g.end()
        found = _group_owner(sentence, linker, mentions, gs, ge, discourse)
        if found is None:
            continue
        owner, list_from = found
        intro = _LIST_START.match(sentence.text, list_from - sentence.start)
        if intro is None:
            if _LIST_BELOW.match(sentence.between(list_from, sentence.end)):
                discourse.pending = Pending([owner], _PART_OF, True, gs, sentence.end)
            elif _heading(discourse, sentence) and not sentence.between(list_from, sentence.end).strip(" :"):
                # "Sub-groups of the Board" over a list: each line below is one
                discourse.pending = Pending([owner], _PART_OF, True, sentence.start, sentence.end, lines=True)
            continue
        at = sentence.start + intro.end()
        members = [m for m in right_of(sentence, mentions, at, AGENTS, gap=12) if m.id != owner.id]
        if not members and not sentence.text[intro.end() :].strip():
            discourse.pending = Pending([owner], _PART_OF, True, min(owner.start, gs), sentence.end)
        _propose(sentence, linker, discourse, collector, members, [owner], _PART_OF, gs, ge, 0.75)


def _heading(discourse: Discourse, sentence: Sentence) -> bool:
    """A sentence that is a whole short line with no full stop: a heading."""
    text = discourse.doc.text
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip() == sentence.text.strip() and len(line) <= 80 and not line.rstrip().endswith((".", ","))


def _group_owner(
    sentence: Sentence, linker: Linker, mentions: list[Mention], gs: int, ge: int, discourse: Discourse
) -> tuple[Mention, int] | None:
    """Whose groups these are, and where the list may start; for a heading "Our
    sub-groups", the body the document is of."""
    of = _OF_OWNER.match(sentence.between(ge, sentence.end))
    if not of and discourse.subject and _OWN_GROUPS.search(sentence.between(sentence.start, gs)):
        subject = discourse.subject
        return discourse.mention_of(subject), ge
    if of:
        owner = next((m for m in mentions if m.start == ge + of.end() and m.kind == "entity"), None)
        return (owner, owner.end) if owner else None
    for m in reversed(mentions):
        if m.start >= gs or m.kind != "entity":
            continue
        gap = sentence.between(m.end, gs) if m.end <= gs else ""
        if m.end > gs:  # the name took the word in: "BSCB Sub-Groups" -> BSCB
            named, _ = linker.link(sentence.between(m.start, gs).strip(), ORGS, fuzzy=False)
            owner = (
                Mention(m.start, gs, sentence.between(m.start, gs).strip(), "entity", named, linker.is_new(named), 0.85)
                if named
                else None
            )
            return (owner, ge) if owner else None
        if gap in (" ", "") or _POSSESSIVE.fullmatch(gap) or _HAS.match(gap):
            return m, ge
        return None
    return None


def _propose(
    sentence: Sentence,
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    subjects: list[Mention],
    objects: list[Mention],
    line: Line,
    start: int,
    end: int,
    weight: float = 0.8,
) -> None:
    """One fact per subject and object: "RIGHT kind LEFT" for a passive trigger."""
    if line is _PART_OF:  # the groups a text lists, for "all sub-groups report to ..." later
        discourse.groups.extend(m for m in subjects if m not in discourse.groups)
    if line.direction == "passive":
        subjects, objects = objects, subjects
    for subject in subjects:
        for obj in objects:
            if line.people and subject.kind not in ("person", "post"):
                continue  # "managed by the Head of Service", not "managed by the Trust"
            if line.kind in ("line-manages", "reports-to"):
                obj = _same_organisation(sentence, linker, discourse, subject, obj)
            subject_id, object_id = resolve(linker, sentence, subject), resolve(linker, sentence, obj)
            if not subject_id or not object_id or subject_id == object_id:
                continue
            if line.kind == "part-of" and (
                linker.section_of(subject_id) not in ORGS or linker.section_of(object_id) not in ORGS
            ):
                continue
            inside = [m for m in (subject, obj) if m.start >= sentence.start]
            lo, hi = min([start, *(m.start for m in inside)]), max([end, *(m.end for m in inside)])
            collector.propose(
                "relations",
                {"subject": subject_id, "kind": line.kind, "object": object_id},
                sentence,
                lo,
                hi,
                weight * certainty(subject, obj),
                f"line-{line.direction}",
            )


def _same_organisation(
    sentence: Sentence, linker: Linker, discourse: Discourse, manager: Mention, post: Mention
) -> Mention:
    """ "The Chief Nurse ... line manages the Head of Safeguarding": two posts the text
    gives no organisation are posts of one organisation, the first one's."""
    if manager.kind != "post" or post.kind != "post" or manager.organisation or post.organisation or not manager.id:
        return post
    organisation = linker.organisation_of(manager.id)
    if not organisation or organisation == linker.organisation_of(post.id):
        return post
    return discourse.post(post.text, organisation, role_of(post.text), sentence, post.start, post.end) or post


def _shared_organisation(
    sentence: Sentence, linker: Linker, discourse: Discourse, names: list[Mention]
) -> list[Mention]:
    """ "the Chief Executive and Leader of the Local Authority": the organisation printed
    once, after the last post, is the organisation of both."""
    out = list(names)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if (
            a.kind != "post"
            or b.kind != "post"
            or a.organisation
            or not re.fullmatch(r"\s+(?:and|&)\s+", sentence.between(a.end, b.start))
        ):
            continue
        organisation = b.organisation or (
            linker.organisation_of(b.id) if b.id and re.search(r"\s(?:of|for)\s", b.text) else None
        )
        if organisation and organisation != linker.organisation_of(a.id):
            out[i] = discourse.post(a.text, organisation, role_of(a.text), sentence, a.start, a.end) or a
    return out
