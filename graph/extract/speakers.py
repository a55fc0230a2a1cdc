"""People a news item quotes, with the post it gives them in its own words.

News items and press releases name the people they quote with a post in lower case,
before or after the name:

- "Anytown Safeguarding Board chairman Jo Bell said"; "Director of social work Jo Bell
  said"; "Anytown Police's district commander Chief Inspector Jo Bell said"
- "Cllr Jo Bell, portfolio holder for children, said"; "Jo Bell, independent chair of
  the ASB, added"; "according to NHS Anytown chief executive Jo Bell"

A lower-case phrase beside a name is too often no post at all ("the report Jo Bell
wrote"), so these are read only where a verb of saying follows (it marks where the
name, and so the post, ends) or "according to" comes before.
"""

from __future__ import annotations

import re

from graph.extract.args import resolve
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import SAID_NEXT, SAYING
from graph.extract.linking import Linker
from graph.extract.mentions import ORGS, is_post_word
from graph.extract.people import appoint
from graph.extract.text import Sentence
from graph.extract.types import Mention

# ", portfolio holder for children, education and young people, said": the post runs to
# the comma before the verb (a remit may hold commas of its own)
_TITLE_AFTER = re.compile(rf"^\s*,\s*(?P<title>[^“”\"‘:;.()]{{3,100}}?)\s*,?\s+{SAYING}")
# where a post before a name may begin: after the sentence's last stop, colon or quote
_BOUNDARY = re.compile(r"(?:[.:;“”\"‘()]|’(?!s\b))\s*(?=(?:[^.:;“”\"‘’()]|’s\b)*$)")
_NEW = re.compile(r"^(?:incoming|new|newly\s+(?:appointed|elected))\s+", re.I)
# "..., according to NHS Anytown chief executive Jo Bell": whom a claim is put to
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?([^.;:“”\"]*)$")
_NAME_FIRST = re.compile(r"([A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)(?=\s+[a-z])")
_LEAD_GAP = re.compile(r"^(?:['’]s)?\s+")
MAX_WORDS = 8


def find(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """Each quoted person's post, printed before or after the name."""
    for k, m in enumerate(mentions):
        if m.kind != "person":
            continue
        after = sentence.between(m.end, sentence.end)
        if SAID_NEXT.match(after) or _ACCORDING.search(sentence.between(sentence.start, m.start)):
            _before(sentence, mentions, k, linker, discourse, collector)
        elif said := _TITLE_AFTER.match(after):
            start = m.end + said.start("title")
            _appoint(sentence, mentions, m, start, start + len(said.group("title")), linker, discourse, collector)


def _before(
    sentence: Sentence, mentions: list[Mention], k: int, linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """ "Anytown Board chairman Jo Bell said": the post and, named first, its organisation."""
    person = mentions[k]
    text = sentence.between(sentence.start, person.start)
    cut = _BOUNDARY.search(text)
    start = sentence.start + (cut.end() if cut else 0)
    according = _ACCORDING.search(text, start - sentence.start)
    start = sentence.start + according.start(1) if according else start
    if re.search(r",\s*$", sentence.between(start, person.start)):
        return  # "The Chair, Jo Bell announced ...": a post and a name the other rules read
    rank = mentions[k - 1] if k >= 1 and mentions[k - 1].kind == "post" else None
    end = rank.start if rank and rank.end + 1 >= person.start and rank.start >= start else person.start
    _appoint(sentence, mentions, person, start, end, linker, discourse, collector)
    if rank and end == rank.start and end > start:  # "district commander Chief Inspector Jo Bell": the rank too
        _appoint(sentence, mentions, person, start, person.start, linker, discourse, collector, rank)


def _appoint(
    sentence: Sentence,
    mentions: list[Mention],
    person: Mention,
    start: int,
    end: int,
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    rank: Mention | None = None,
) -> None:
    """Propose the post printed from ``start`` to ``end``, with the organisation a name at
    its start (possessive or not) or after its "of" gives; a rank given, that rank."""
    orgs = [x for x in mentions if x.kind == "entity" and start <= x.start and x.end <= end and x.id]
    lead = next((x for x in orgs if x.start == start), None)
    tail = next(
        (x for x in orgs if re.search(r"\b(?:of|at|for)\s+(?:the\s+)?$", sentence.between(start, x.start))), None
    )
    if lead and re.search(r"['’]s\s", lead.text):
        return  # "Anytown Council's Cabinet member": a unit of an organisation, read elsewhere
    named = _NAME_FIRST.match(sentence.between(start, end)) if not lead else None
    after_name = sentence.between(start + named.end(1), end).split() if named else []
    if (
        named
        and (len(named.group(1).split()) >= 2 or re.search(r"\b[A-Z]{2,}\b", named.group(1)))
        and any(is_post_word(w) for w in after_name)  # registered only for the post it comes with
    ):
        # "NHS Shetland chief executive": a name no rule knew, printed before the lower-case post
        lead = discourse.entity(named.group(1), sentence, start, start + len(named.group(1)))
        lead = lead if lead and lead.id else None
    org = lead or tail
    if org and linker.section_of(org.id) not in ORGS:
        org = None
    if rank:
        title_start, title_end = rank.start, rank.end
    elif lead and org is lead:  # "Anytown Police's district commander": the post after the name
        rest = _LEAD_GAP.sub("", sentence.between(lead.end, end))
        title_start, title_end = end - len(rest), end
    elif tail and org is tail:
        title_start, title_end = start, tail.start
    else:
        title_start, title_end = start, end
    title = re.sub(r"\s+(?:of|at|for)(?:\s+the)?$", "", sentence.between(title_start, title_end).strip(" ,"))
    title = _NEW.sub("", title)  # "incoming chair": the chair
    words = title.split()
    if not words or len(words) > MAX_WORDS or not any(is_post_word(w.strip(",")) for w in words):
        return
    if not rank and any(x.kind == "post" and x.start == title_start and x.end >= title_end for x in mentions):
        return  # "Jo Bell, Chair of the Select Commission, said": a post the other rules read
    if not org and re.search(r"\b(?:of|at|for)\s+(?:the\s+)?[A-Z]", title):
        return  # "chairman of Durham LSCB" with no organisation found: whose it is, unknown
    if not resolve(linker, sentence, person):
        return
    at = sentence.text.find(title, title_start - sentence.start) + sentence.start
    post = Mention(at, at + len(title), title, "post", "", True, 0.7)
    owner, first, last = (org.id, org.end) if org else None, min(start, person.start), max(end, person.end)
    appoint(sentence, mentions, linker, discourse, collector, person, post, owner, first, last, 0.7, "speaker-post")
