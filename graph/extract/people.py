"""People and their posts.

Layouts (each common in council papers, letters and inspection reports):

- "Penny Thompson CBE, Independent Chair BSCB"; "Cllr Kate Booth, Cabinet Member for
  Children's Wellbeing"; "David Bishop, Head of Service, Birmingham City Council"
- "Dr. Dennis Wilkes (AD, Public Health)"; "Councillor Mohammed Aikhlaq (Chair)"
- "Board Vice-Chair, Chief Superintendent Claire Bell"; "Chair: Cllr Mohammed Aikhlag"
- "Head of Housing, Anytown Council: Jo Bell"; "The Director of Public Health of Anytown
  Council (AC), Jo Bell"; "Jo Bell (Head of Safeguarding, Anytown ICB)"; "Jo Bell, Chief
  Officer, Age UK Anytown"; "The Independent Chair of the Board is Jo Bell"; "Jo Bell is
  the Designated Nurse for X"; "Jo Bell was appointed as the Independent Chair of X"
- a letter's address block: a name line, a post line, an organisation line
- a key-roles page: a title line, the holder's name on the line below
- signature tables: a row of names over a row of posts, cells split by tabs

A name without an honorific is trusted only next to a post. Each person with a post
gives an appointment; a chair's post also gives a membership with its role ("Penny
Thompson, Chair of BSCB" -> chair of BSCB). A post's organisation is the one its own row
or apposition names; a place on a board ("Independent Chair", "Lay Member") printed
without one is the board's the document is of; any other post the text gives no
organisation is proposed without one, less sure, with a note saying so.
"""

from __future__ import annotations

import re
from itertools import pairwise

from graph.extract.args import organisation_after, resolve
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import ATTENDING_LABEL, CAPACITY, head_word, role_of
from graph.extract.linking import Linker
from graph.extract.mentions import ORGS, find_mentions, is_common, is_post_word
from graph.extract.text import Sentence, lines_of, tokenize
from graph.extract.types import Mention
from graph.names import normalise

_AFTER_NAME = re.compile(
    r"^(?:\s+[A-Z][A-Za-z]{1,9}(?:,\s*[A-Z][A-Za-z]{1,9})*)?\s*(?:,|–|—|-|:)?\s*(?:(?<=[,–—-] )the\s+)?$"
)
# One more piece of a title after a comma or "and": ", Early Help", " and Culture",
# ", Children and Young People (Commissioning)".
_CHUNK = re.compile(
    r"^( *(?:,|,? (?:and|&)) *)([A-Z][\w'’&\-]*(?: (?:and |& |of |for |the |in )?[A-Z][\w'’\-]*)*(?: ?\([^()\n]{1,40}\))?)"
)
# The remit printed straight after the title, before the row's next comma ("Area Manager
# Public Protection, North Yorkshire Probation Service").
_REMIT = re.compile(r"^( )([A-Z][\w'’&\-]*(?: (?:and |& |of |for |the |in )?[A-Z][\w'’\-]*){0,3})(?=,)")
BARE_CHAIRS = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice-chair",
    "vice chair",
    "co-chair",
    "deputy chair",
    "deputy chairman",
    "vice chairman",
}
_FORMER = re.compile(
    r"\b(?:former|previous|outgoing|retiring|retired|ex-|late|(?:death|passing|loss)\s+of\s+(?:our|the|their|its))"
    r"\s*(?:[Ii]nterim\s+|[Aa]cting\s+)?$"
)  # no longer in post: "the former Chair", "the death of our Independent Chair"
_PAREN = re.compile(r"^\s*\(\s*(?:the\s+)?$")  # "Jo Bell (the Independent Chair of the Board)"
_BEFORE_NAME = re.compile(r"^ *[,:–—-] *$|^ +$")  # spaces only: a tab is a table's next cell
_AS = re.compile(
    r"^\s+(?:(?:(?:was|were|is|has\s+been|had\s+been|will\s+be)\s+)?(?:appointed|elected|re-elected|confirmed|named)\s+|"
    r"(?:took|takes|has\s+taken)\s+over\s+|(?:continues|remains|joined|joins)\s+)?"
    r"(?:as|in\s+the\s+(?:role|post|position)\s+of)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|our\s+)?(?:new\s+)?$"
)  # "Dr Jo Bell in the role of an Independent Convenor"
# "Jo Bell is the Designated Nurse ...", "The Independent Chair of the Partnership is Jo Bell."
_IS = re.compile(
    r"^\s+(?:is|was|has\s+been|remains|became)\s+(?:the\s+|its\s+|our\s+)?(?:new\s+)?$"
)  # not "is a ...": one of many
_IS_NAME = re.compile(r"^\s*(?:[.,;(]|$)")
_COORD_PERSON = re.compile(r"^\s*(?:,\s*)?(?:and|&)?\s*$")


def find(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector
) -> None:
    """Each person with the post printed after the name and/or the title before it
    ("a new Co-Chair, Michelle McLoughlin (Chief Nurse, ...)" gives both)."""
    mentions = _without_repeats(sentence, mentions)
    claimed: set[int] = set()
    for k, m in enumerate(mentions):
        if m.kind != "person":
            continue
        before = _title_before(sentence, linker, mentions, k, claimed)
        if before:
            post, org = before
            appoint(
                sentence,
                mentions,
                linker,
                discourse,
                collector,
                m,
                post,
                org,
                post.start,
                org[1] if org else m.end,
                0.8,
                "post-comma-person",
            )
            if post.text.endswith("s"):  # "the Co-Chairs, Dr. Jane Armstrong and Debbie Currie, AD"
                _plural(sentence, mentions, linker, discourse, collector, k, post)
        elif k >= 1 and _is_person(sentence, mentions, k):
            post, org, _ = _post_tail(sentence, mentions, k - 1 if mentions[k - 1].kind == "post" else k - 2)
            appoint(
                sentence, mentions, linker, discourse, collector, m, post, org, post.start, m.end, 0.8, "post-is-person"
            )
        elif label := _CHAIRED_BY.match(sentence.between(sentence.start, m.start)):
            # a meeting's "Chaired by: Jo Bell (Anytown Council)": the chair of the body the notes are of
            at = sentence.start + label.start(1)
            seat = Mention(at, at + len(label.group(1)), "Chair", "post", "", True, 0.9)
            appoint(
                sentence, mentions, linker, discourse, collector, m, seat, None, at, m.end, 0.75, "chaired-by-label"
            )
        else:
            _chair_in_words(sentence, linker, discourse, collector, mentions, m)
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if _org_then_post(sentence, mentions, linker, discourse, collector, k):
            claimed.add(k + 2)
            continue
        if nxt is None or nxt.kind != "post":
            continue
        gap = sentence.between(m.end, nxt.start)
        if _IS.match(gap) and nxt.text.lower().startswith("member"):
            continue  # "Jo Bell is a member of the Board": a membership, not a post
        if ((_AFTER_NAME.match(gap) or _AS.match(gap) or _IS.match(gap)) and "\t" not in gap or gap == "\t") and (
            "\n" not in gap
        ):  # a tab alone: a row's name cell, then its title cell
            post, org, end = _post_tail(sentence, mentions, k + 1, discourse)
            appoint(
                sentence, mentions, linker, discourse, collector, m, post, org, m.start, end, 0.85, "person-comma-post"
            )
            claimed.add(k + 1)
        elif _PAREN.match(gap):
            post, org, end = _post_tail(sentence, mentions, k + 1, discourse)
            if sentence.between(end, min(sentence.end, end + 3)).lstrip().startswith(")"):
                appoint(
                    sentence,
                    mentions,
                    linker,
                    discourse,
                    collector,
                    m,
                    post,
                    org,
                    m.start,
                    end + 1,
                    0.85,
                    "person-paren-post",
                )
                claimed.add(k + 1)


def _org_then_post(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, collector: Collector, k: int
) -> bool:
    """ "Mr Jo Bell, Anytown Safeguarding Adults Board Chairman, introduced ...": the
    organisation printed before its post, in one phrase after the name."""
    if k + 2 >= len(mentions):
        return False
    person, org, post = mentions[k : k + 3]
    if org.kind != "entity" or not org.id or post.kind != "post" or linker.section_of(org.id) not in ORGS:
        return False
    joined = sentence.between(person.end, org.start) == ", " and sentence.between(org.end, post.start) == " "
    if not joined or not re.match(r"\s*(?:[,.;)]|$)", sentence.between(post.end, sentence.end)):
        return False
    owner, rule = (org.id, org.end), "person-comma-org-post"
    appoint(sentence, mentions, linker, discourse, collector, person, post, owner, person.start, post.end, 0.8, rule)
    return True


_CHAIRED_BY = re.compile(r"^\s*((?:meeting\s+)?chaired\s+by)\s*:\s*$", re.IGNORECASE)


# "the independent chair of the board, Sir Paul Ennals", "the board's chairman, Paula Mead":
# a chair written in lower case, of the body the text is about, then the name.
_CHAIR_IN_WORDS = re.compile(
    r"\bthe\s+(?:(?P<own>board|partnership|panel|committee)['’]s\s+)?"
    r"(?P<title>(?:independent\s+)?(?:(?:vice|deputy)[- ])?chair(?:man|person|woman)?)"
    r"(?:\s+of\s+the\s+(?P<of>board|partnership|panel|committee))?,?\s+$"
)


# "Jo Bell, independent chairman of Anytown LSCB, said": the lower-case chair after the name.
_CHAIR_AFTER = re.compile(
    r"^\s*,\s+(?:the\s+)?(?P<title>(?:independent\s+)?(?:(?:vice|deputy)[- ])?chair(?:man|person|woman)?)"
    r"\s+(?:of|for)\s+(?:the\s+)?$"
)


def _chair_in_words(
    sentence: Sentence, linker: Linker, discourse: Discourse, collector: Collector, mentions: list[Mention], m: Mention
) -> None:
    """The chair's seat of a person named after a lower-case "the chair of the board"; the
    board is the one the text means by "the board" (``Discourse.generic``). Or before
    one: "Jo Bell, independent chairman of Anytown LSCB", the body named after it."""
    nxt = next((x for x in mentions if x.start >= m.end and x.kind == "entity"), None)
    after = _CHAIR_AFTER.match(sentence.between(m.end, nxt.start)) if nxt else None
    if after and nxt and nxt.id:
        start = m.end + after.start("title")
        post = Mention(start, start + len(after.group("title")), after.group("title"), "post", "", True, 0.9)
        body, start, end = nxt.id, m.start, nxt.end
    else:
        found = _CHAIR_IN_WORDS.search(sentence.between(max(sentence.start, m.start - 70), m.start))
        head = found and (found.group("own") or found.group("of"))
        seat = discourse.generic(head, the=True) if found and head else None
        if not found or not seat:
            return
        title = found.group("title")
        start = m.start - len(found.group())
        post = Mention(start, start + len(title), title.split()[-1], "post", "", True, 0.9)  # the bare seat
        body, end = seat, m.end
    appoint(sentence, mentions, linker, discourse, collector, m, post, (body, end), start, end, 0.75, "chair-in-words")


def _is_person(sentence: Sentence, mentions: list[Mention], k: int) -> bool:
    """ "The Independent Chair of the Partnership is Jo Bell." (the person ends the clause)."""
    post, person = mentions[k - 1], mentions[k]
    if post.kind == "post":
        title_end = post.end
    elif k >= 2 and post.kind == "entity" and mentions[k - 2].kind == "post":
        title_end = post.end  # "The Director of Children's Services for Anytown Council is Jo Bell."
        post = mentions[k - 2]
        if not re.fullmatch(r"\s+(?:of|for|at)\s+(?:the\s+)?", sentence.between(post.end, mentions[k - 1].start)):
            return False
    else:
        return False
    return bool(
        _IS.match(sentence.between(title_end, person.start))
        and _IS_NAME.match(sentence.between(person.end, sentence.end))
    )


_ATTENDING = re.compile(rf"\bin\s+attendance\b|^(?:{ATTENDING_LABEL})\s*:", re.IGNORECASE)
_MEMBERS = re.compile(r"^(?:(?:committee|board|panel)\s+)?(?:members|councillors|cllrs)\s*:", re.IGNORECASE)
_NEXT_LABEL = re.compile(r"^\s*(?:\d+(?:[./]\d+)*\.?\s+[A-Z]|(?:apologies|absent|item)\b)", re.IGNORECASE)
_LIST_HEAD = re.compile(
    rf"^\s*(?:{ATTENDING_LABEL}|(?:(?:committee|board|panel)\s+)?members|councillors|cllrs)\s*:?\s*$",
    re.IGNORECASE,
)


def find_lists(
    sentence: Sentence,
    mentions: list[Mention],
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    role: str | None = None,
) -> None:
    """ "Councillors: A, B and C."; "X and Y in attendance."; a "Present:" list: the
    people named are members of, or attend, the body the document is about."""
    _affiliations(sentence, mentions, linker, discourse)
    role = role or (
        "member" if _MEMBERS.search(sentence.text) else "attendee" if _ATTENDING.search(sentence.text) else None
    )
    if role is None or not discourse.subject:
        return
    for m in mentions:
        if m.kind == "person":
            person_id = resolve(linker, sentence, m)
            if person_id:
                collector.propose(
                    "memberships",
                    {"member": person_id, "body": discourse.subject, "role": role},
                    sentence,
                    m.start,
                    m.end,
                    0.7 * (m.certainty if m.id else 0.9),
                    f"list-{role}",
                )


def _affiliations(sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse) -> None:
    """ "Tom Brierley (Corringham County Council)": whom the person is with, so that a post
    the text gives them later without an organisation ("Tom Brierley, Head of Adult
    Safeguarding, presented ...") is that organisation's."""
    for m, org in zip(mentions, mentions[1:]):
        if m.kind == "person" and org.kind == "entity" and org.id and sentence.between(m.end, org.start).strip() == "(":
            person_id = resolve(linker, sentence, m)
            if person_id and linker.section_of(org.id) == "organisations":
                discourse.affiliations[person_id] = org.id


def find_list_blocks(linker: Linker, discourse: Discourse, collector: Collector, read: list[tuple[int, int]]) -> None:
    """The lines under a "Present:" or "Members:" heading, up to the next blank line or
    label; lines ``read`` already (rows of a table) are left alone."""
    text = discourse.doc.text
    lines = lines_of(text)
    for n, (a, b) in enumerate(lines):
        head = _LIST_HEAD.match(text[a:b])
        if not head:
            continue
        role = "attendee" if re.fullmatch(rf"\s*(?:{ATTENDING_LABEL})\s*:?\s*", text[a:b], re.IGNORECASE) else "member"
        for c, d in lines[n + 1 : n + 40]:
            if not text[c:d].strip():
                if c > lines[n + 1][0]:
                    break
                continue
            if _LIST_HEAD.match(text[c:d]) or _NEXT_LABEL.match(text[c:d]):
                break  # the next label ("Apologies", "1/19 ...") ends the block
            if any(x <= c < y for x, y in read):
                continue
            line = _line_sentence(text, c, d)
            find_lists(line, find_mentions(line, linker, discourse), linker, discourse, collector, role)


def _title_before(
    sentence: Sentence, linker: Linker, mentions: list[Mention], k: int, claimed: set[int]
) -> tuple[Mention, tuple[str, int] | None] | None:
    """The title printed before person k ("Chair: Cllr X", "Board Vice-Chair, Chief
    Superintendent Claire Bell"), and the organisation printed after the name, or
    between the title and the name ("Head of Housing, Anytown Council: Jo Bell")."""
    if k >= 2 and mentions[k - 1].kind == "entity" and mentions[k - 2].kind == "post" and k - 2 not in claimed:
        return _title_org_before(sentence, linker, mentions, k)
    if k == 0 or mentions[k - 1].kind != "post" or k - 1 in claimed:
        return None
    m, post = mentions[k], mentions[k - 1]
    if (
        sentence.between(post.end, m.start).strip() == ""
        and k >= 2
        and mentions[k - 2].kind == "post"
        and k - 2 not in claimed
        and _BEFORE_NAME.match(sentence.between(mentions[k - 2].end, post.start))
    ):
        post = mentions[k - 2]  # skip the rank between title and name
    elif not _BEFORE_NAME.match(sentence.between(post.end, m.start)):
        return None
    # "Detective Superintendent Aisha Karim": a rank printed before the name; a title that
    # says whose it is ("Independent Chair of the Board Jo Bell") is a post
    rank = (
        not sentence.between(post.end, m.start).strip()
        and not re.search(r"\s(?:of|for)\s", post.text)
        and role_of(post.text) is None  # "our Independent Chair Jo Bell": a chair is no rank
    )
    org = _org_after(sentence, mentions, k) if rank else None
    if rank and not org and not (post.id and post.id in linker.index):
        return None  # "Detective Superintendent Aisha Karim": a rank, not a post of any known body
    return post, org


def _without_repeats(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The mentions without an acronym in brackets that repeats the name before it
    ("Anytown Care Board (ICB): Jo Bell": the board, then the person)."""
    out: list[Mention] = []
    for m in mentions:
        if out and m.id and m.id == out[-1].id and sentence.between(out[-1].end, m.start).strip() == "(":
            continue
        out.append(m)
    return out


_TITLE_ORG = re.compile(r"^\s*,\s*$|^\s+(?:at|of|for)\s+(?:the\s+)?$")
_ORG_NAME = re.compile(r"^\s*(?:\([^()]{1,12}\)\s*)?[:–—]\s*$")  # "(ICB): ", " – "
_ORG_COMMA_NAME = re.compile(r"^\s*(?:\([^()]{1,12}\)\s*)?,\s*$")


def _title_org_before(
    sentence: Sentence, linker: Linker, mentions: list[Mention], k: int
) -> tuple[Mention, tuple[str, int] | None] | None:
    """ "Head of Housing, Anytown Council: Jo Bell", "The Director of Children's Services
    of Anytown Council, Jo Bell": the title, then whose, then who."""
    post, org, person = mentions[k - 2], mentions[k - 1], mentions[k]
    title_org = sentence.between(post.end, org.start)
    org_person = sentence.between(org.end, person.start)
    if not _TITLE_ORG.match(title_org) or linker.section_of(org.id) not in ("organisations", "bodies"):
        return None
    if _ORG_NAME.match(org_person) or (_ORG_COMMA_NAME.match(org_person) and title_org.strip() in ("of", "at", "for")):
        return post, (org.id, org.end)
    return None


def _plural(
    sentence: Sentence,
    mentions: list[Mention],
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    k: int,
    post: Mention,
) -> None:
    """Give a plural title's role to each further person named with the first."""
    role = role_of(post.text.rstrip("s"))
    body = _role_body(sentence, mentions, linker, discourse, post)
    if not role or not body:
        return
    prev = mentions[k]
    for m in mentions[k + 1 :]:
        if m.kind == "post" and sentence.between(prev.end, m.start).strip(" ,") == "":
            prev = m  # the person's own post ("Debbie Currie, AD")
            continue
        if m.kind != "person" or not _COORD_PERSON.match(sentence.between(prev.end, m.start)):
            break
        person_id = resolve(linker, sentence, m)
        if person_id:
            collector.propose(
                "memberships",
                {"member": person_id, "body": body, "role": role},
                sentence,
                post.start,
                m.end,
                0.75 * (m.certainty if m.id else 0.9),
                "plural-title",
            )
        prev = m


def _role_body(
    sentence: Sentence, mentions: list[Mention], linker: Linker, discourse: Discourse, post: Mention
) -> str | None:
    """The body a bare "Chair" or "Co-Chair" belongs to: the speaker's for "My Vice-Chair",
    else the one this sentence names before it, else the one the text named just before,
    else what the document is about."""
    before = sentence.between(max(sentence.start, post.start - 6), post.start)
    if re.search(r"\b(?:my|our)\s+$", before, re.IGNORECASE):
        return discourse.subject  # "My Vice-Chair, ..."
    if re.search(r"\b(?:its|their)\s+$", before, re.IGNORECASE):
        return discourse.last_body(before=post.start) or discourse.subject  # "The Panel ... Its Chair, ..."
    if not sentence.between(sentence.start, post.start).strip():
        heading = _section_body(linker, discourse, sentence)
        if heading or discourse.subject:
            return heading or discourse.subject  # "Chair: Cllr X" under a sub-group's heading, or heading a document
    for m in reversed([m for m in mentions if m.end <= post.start and m.kind == "entity"]):
        if linker.section_of(m.id) in ("bodies", "organisations"):
            return m.id
    # "Councillor Jo Bell (Chair) opened the meeting": the body the minutes are of, not the one named last;
    # in a committee's minutes on a board's report ("The Committee received ..."), the committee, if named
    meeting = discourse.meeting()
    if meeting:
        return discourse.generic(meeting)
    return discourse.subject or discourse.last_body(within=600, before=post.start)


def _section_body(linker: Linker, discourse: Discourse, sentence: Sentence) -> str | None:
    """The body named by the heading line right above a sentence ("Learning and
    Improvement Sub-Group" then "Chair: ..."): the section's body."""
    text = discourse.doc.text
    end = text.rfind("\n", 0, sentence.start)
    while end > 0 and not text[text.rfind("\n", 0, end) + 1 : end].strip():
        end = text.rfind("\n", 0, end)  # blank lines between
    start = text.rfind("\n", 0, end) + 1 if end > 0 else -1
    line = text[start:end].strip() if start >= 0 else ""
    if not line or len(line) > 90 or line.endswith((".", ",", ";")):
        return None
    heading = _line_sentence(text, start, end)
    found = [m for m in find_mentions(heading, linker, discourse) if m.kind == "entity" and m.id]
    if len(found) == 1 and linker.section_of(found[0].id) == "bodies":
        return found[0].id
    return None


def _post_tail(
    sentence: Sentence, mentions: list[Mention], k: int, discourse: Discourse | None = None
) -> tuple[Mention, tuple[str, int] | None, int]:
    """The whole title of the post mentioned at k, with the pieces PDF commas cut off
    ("AD, Early Help", "Cabinet Member for Education, Skills and Culture"), and the
    organisation that follows it (", Children's Trust", " at Birmingham City Council",
    ", Age UK Anytown": a last piece written like an organisation's name).
    Returns (post with its full title, (organisation, where it ends) or None, end)."""
    post = mentions[k]
    pos = post.end
    while True:
        org = organisation_after(sentence, mentions, pos)
        if org:
            break
        rest = sentence.between(pos, sentence.end)
        m = _CHUNK.match(rest) or (_REMIT.match(rest) if pos == post.end else None)
        if not m:
            break
        at, stop = pos + m.start(2), pos + m.end(2)
        inside = [x for x in mentions if at <= x.start < stop]
        if (
            inside
            and inside[0].kind in ("person", "post")
            or (inside and inside[0].kind == "entity" and inside[0].start == at)
        ):
            break  # the next person, or another name: not part of this title
        if (
            discourse
            and m.group(1).strip() == ","
            and _named_organisation(
                sentence, discourse, at, stop, role_of(sentence.between(post.start, pos)) is not None
            )
        ):
            found = discourse.entity(sentence.between(at, stop), sentence, at, stop, sections=("organisations",))
            if found and found.id:
                org = (found.id, stop)
                break
        pos = stop
    title = sentence.between(post.start, pos)
    full = Mention(
        post.start,
        pos,
        title,
        "post",
        post.id if pos == post.end else "",
        post.new,
        post.certainty,
        organisation=post.organisation,
    )
    return full, org, org[1] if org else pos


def _named_organisation(sentence: Sentence, discourse: Discourse, at: int, stop: int, seat: bool = False) -> bool:
    """The last piece of a row, written like an organisation's name: "Age UK Anytown",
    "HMP Anytown" (an acronym and another word), or an acronym the text defined."""
    piece = sentence.between(at, stop)
    after = sentence.between(stop, min(sentence.end, stop + 2)).strip()
    if after[:1] not in ("", ",", ";", ".", ")", "("):
        return False
    words = piece.split()
    # an acronym that ends the row is whose post it is ("..., Education & Skills, CYC"),
    # though the text never spells it out; but not a chair's seat ("Chair, LSCB"), which
    # needs its body named
    last = not seat and after == "" and re.fullmatch(r"[A-Z][A-Z&]{1,7}", piece) is not None
    # one word of a name, no common word of titles or remits, ending the row: "..., Cafcass"
    proper = not seat and after == "" and len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?", piece) is not None
    if proper and not is_common(re.sub(r"['’]s$", "", piece)) and not is_post_word(piece):
        return True
    return organisation_like(piece) and (len(words) >= 2 or piece in discourse.linker.acronyms or last)


def organisation_like(piece: str) -> bool:
    """ "Norwich City Council", "Healthwatch", "Age UK", "ARMC": an organisation, not
    more of a title ("Social Work", "Quality & Patient Safety")."""
    words = re.findall(r"[\w'’&-]+", re.sub(r"\([^()]*\)", " ", piece))  # "(CESC)" spells the title's remit
    if not words or any(is_post_word(w) for w in words):
        return False
    return bool(head_word(words[-1])) or any(len(w) >= 2 and w.isupper() and w != "&" for w in words)


def _org_after(sentence: Sentence, mentions: list[Mention], k: int) -> tuple[str, int] | None:
    """The organisation named right after mention k (", Wyvern Constabulary")."""
    return organisation_after(sentence, mentions, mentions[k].end)


def _leading_acronym(title: str) -> str | None:
    """The acronym a title starts with when it names the organisation, not the job
    ("NTSCB Business Manager"; not "AD Early Help" nor "DCS")."""
    first, _, rest = title.partition(" ")
    if rest and re.fullmatch(r"[A-Z]{3,7}", first) and not is_post_word(first) and is_post_word(rest.split()[-1]):
        return first
    return None


def appoint(
    sentence: Sentence,
    mentions: list[Mention],
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    person: Mention,
    post: Mention,
    org: tuple[str, int] | None,
    start: int,
    end: int,
    confidence: float,
    rule: str,
) -> None:
    """Propose the appointment of a person to a post (and, for a chair's post, the
    membership with that role); a bare "Chair" gives only the membership."""
    if _FORMER.search(sentence.between(max(sentence.start, post.start - 30), post.start)):
        return  # "the former interim Chair of the Board, Jo Bell": no longer in post
    person_id = resolve(linker, sentence, person)
    title = post.text
    capacity = None
    for word, value in CAPACITY.items():
        if title.lower().startswith(word + " "):
            capacity, title = value, title[len(word) + 1 :]
    role = role_of(title)
    if org:
        organisation: str | None = org[0]
    elif _bare(title):
        organisation = _role_body(sentence, mentions, linker, discourse, post)
    elif post.organisation or (post.id and post.id in linker.index):
        organisation = linker.organisation_of(post.id)
    elif not role and person_id in discourse.affiliations:
        organisation = discourse.affiliations[person_id]  # whom the text said they are with
    else:
        organisation = discourse.default_organisation(title, role, listed=True)
        lead = _leading_acronym(title) if not role else None  # a chair's seat needs its body named
        if lead and (organisation is None or linker.link(lead, ORGS)[0]):
            # "CSCB Business & QA Manager": the CSCB's post, whatever the text is about
            at = post.start + post.text.find(lead)
            found = discourse.entity(lead, sentence, at, at + len(lead))
            organisation = found.id if found and found.id else organisation
    if not person_id:
        return
    if _bare(title) and not (org and rule.startswith("row-")):  # a new "Chair" only as a row of a list gives it
        curated = linker.curated_post(title, organisation, role) if organisation else None
        post_mention = Mention(post.start, post.end, title, "post", curated, False, 1.0) if curated else None
    else:
        post_mention = discourse.post(title, organisation, role, sentence, post.start, post.end, guess=False)
    if post_mention is None:
        # "Councillor Mohammed Aikhlaq (Chair)": a role on a body, not a post of its own
        if role and organisation and linker.section_of(organisation) in ("organisations", "bodies"):
            collector.propose(
                "memberships",
                {"member": person_id, "body": organisation, "role": role},
                sentence,
                start,
                end,
                confidence * (person.certainty if person.id else 0.9),
                rule,
            )
        return
    confidence *= min(person.certainty if person.id else 0.9, post_mention.certainty + 0.1)
    data = {"person": person_id, "post": post_mention.id, "capacity": capacity}
    collector.propose("appointments", data, sentence, start, end, confidence, rule)
    body = linker.organisation_of(post_mention.id)
    if role and body and linker.section_of(body) in ("organisations", "bodies"):
        collector.propose(
            "memberships", {"member": person_id, "body": body, "role": role}, sentence, start, end, confidence, rule
        )


def _bare(title: str) -> bool:
    """ "Chair", "Co-Chairs": a role on a body, not a post with a name of its own."""
    low = " ".join(title.lower().split())
    return low in BARE_CHAIRS or low.rstrip("s") in BARE_CHAIRS


def find_blocks(linker: Linker, discourse: Discourse, collector: Collector, read: list[tuple[int, int]]) -> None:
    """Address blocks and signature tables, which span lines (not the rows of a table ``read`` already)."""
    text = discourse.doc.text
    lines = [(s, e) for s, e in lines_of(text) if text[s:e].strip() and not any(x <= s < y for x, y in read)]
    named: set[int] = set()  # name lines a title line above has taken
    for i, ((a, b), (c, d)) in enumerate(pairwise(lines)):
        if "\t" in text[a:b] and text[a:b].count("\t") == text[c:d].count("\t") and text[b:c].count("\n") == 1:
            _table_rows(linker, discourse, collector, lines, i, c, d)
        elif text[b:c].count("\n") == 1 and _title_over_name(linker, discourse, collector, lines, i):
            named.add(c)
        elif "\t" not in text[a:b] and text[b:c].count("\n") <= 2 and b - a <= 60 and d - c <= 90 and a not in named:
            _address_block(linker, discourse, collector, a, b, c, d)


def _line_sentence(text: str, start: int, end: int) -> Sentence:
    return Sentence(start, end, text[start:end], tokenize(text[start:end], start))


def _only(sentence: Sentence, linker: Linker, discourse: Discourse, kind: str) -> Mention | None:
    """The one mention of ``kind`` that fills the line (apart from letters after a name)."""
    found = find_mentions(sentence, linker, discourse)
    if len(found) != 1 or found[0].kind != kind:
        return None
    rest = sentence.between(sentence.start, found[0].start) + sentence.between(found[0].end, sentence.end)
    return found[0] if re.fullmatch(r"[\s,]*(?:[A-Z][A-Za-z]{1,6}[\s,]*)*", rest) else None


def _title_over_name(
    linker: Linker, discourse: Discourse, collector: Collector, lines: list[tuple[int, int]], i: int
) -> bool:
    """A key-roles page: a title line ("Director of Children's Services, Anytown Council"),
    the holder's name on the line below, perhaps their organisation on the next."""
    text = discourse.doc.text
    (a, b), (c, d) = lines[i], lines[i + 1]
    if b - a > 90 or text[a:b].rstrip().endswith((".", ",", ";")):
        return False
    person = _name_line(linker, discourse, c, d)
    if person is None or text[c : person.start].strip():
        return False  # the line is the name, not "RHRT Right Help, Right Time"
    title_line = _line_sentence(text, a, b)
    found = find_mentions(title_line, linker, discourse)
    if not found or found[0].kind != "post" or title_line.between(a, found[0].start).strip() not in ("", "The"):
        return False  # "The Chair of the Adults Board" / "Sir Tom Reeve" is a title over a name too
    post, org, end = _post_tail(title_line, found, 0, discourse)
    if text[end:b].strip(" :"):
        return False
    stop = d
    if i + 2 < len(lines) and text[d : lines[i + 2][0]].count("\n") == 1:
        e, f = lines[i + 2]
        below = _line_sentence(text, e, f)
        entity = _only(below, linker, discourse, "entity") if org is None else None
        org, stop = ((entity.id, f), f) if entity else (org, d)
        held = find_mentions(below, linker, discourse)
        if not entity and held and held[0].kind == "post" and not below.between(e, held[0].start).strip():
            # "Vice Chair" / "Andrew Lyle" / "Director of Adult Social Care, Kestermoor County Council":
            # the place on the board, then the post the holder has at home
            job, whose, last = _post_tail(below, held, 0, discourse)
            if not text[last:f].strip(" ,."):
                appoint(
                    below, [job, person], linker, discourse, collector, person, job, whose, e, f, 0.8, "title-over-name"
                )
    block = Sentence(a, stop, text[a:stop])
    appoint(block, [post, person], linker, discourse, collector, person, post, org, a, stop, 0.8, "title-over-name")
    # "Lay Members" over a name a line: each holds the place
    k = i + 2
    while post.text.endswith("s") and k < len(lines) and text[lines[k - 1][1] : lines[k][0]].count("\n") == 1:
        other = _name_line(linker, discourse, *lines[k])
        if other is None:
            break
        block = Sentence(a, lines[k][1], text[a : lines[k][1]])
        appoint(
            block,
            [post, other],
            linker,
            discourse,
            collector,
            other,
            post,
            org,
            a,
            lines[k][1],
            0.75,
            "title-over-name",
        )
        k += 1
    return True


def _name_line(linker: Linker, discourse: Discourse, start: int, end: int) -> Mention | None:
    """The person a line names and nothing else; "Dr Okafor" alone on a line is a person
    (with no given name, the title stays in the name)."""
    text = discourse.doc.text
    line = _line_sentence(text, start, end)
    person = _only(line, linker, discourse, "person")
    if person is None and re.fullmatch(
        r"(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Cllr)\.?\s+[A-Z][\w'’-]+", line.text.strip()
    ):
        a = start + len(line.text) - len(line.text.lstrip())
        return linker.person(line.text.strip(), None, line, a, a + len(line.text.strip()))
    return person


def _address_block(linker: Linker, discourse: Discourse, collector: Collector, a: int, b: int, c: int, d: int) -> None:
    """A name line, then a post line, then perhaps an organisation line (letters)."""
    text = discourse.doc.text
    name_line = _line_sentence(text, a, b)
    person = _only(name_line, linker, discourse, "person")
    if person is None:
        return
    post_line = _line_sentence(text, c, d)
    found = find_mentions(post_line, linker, discourse)
    if not found or found[0].kind != "post" or found[0].start != c:
        return
    post, org, end = _post_tail(post_line, found, 0)  # "Deputy Chair, Schools, ... Committee"
    if text[end:d].strip():
        return
    nl = text.find("\n", d + 1)
    if org is None and 0 <= d + 1 < len(text) and nl > d + 1:
        entity = _only(_line_sentence(text, d + 1, nl), linker, discourse, "entity")
        if entity:
            org = (entity.id, nl)
    if org is None and discourse.author:
        org = (discourse.author, d)  # a signature without an organisation line: the author's post
    block = Sentence(a, org[1] if org else d, text[a : org[1] if org else d])
    appoint(block, found, linker, discourse, collector, person, post, org, a, block.end, 0.8, "address-block")


def _table_rows(
    linker: Linker, discourse: Discourse, collector: Collector, lines: list[tuple[int, int]], i: int, c: int, d: int
) -> None:
    """A row of names (line i) over a row of posts; a row of organisations above gives columns."""
    text = discourse.doc.text
    a, b = lines[i]
    names = _cells(text, a, b)
    posts = _cells(text, c, d)
    header: list[Mention | None] = []
    for s, e in reversed(lines[max(0, i - 6) : i]):
        if text[s:e].count("\t") == text[a:b].count("\t"):
            cells = [_only(_line_sentence(text, cs, ce), linker, discourse, "entity") for cs, ce in _cells(text, s, e)]
            if all(cells):
                header = cells
                break
        else:
            break
    block = Sentence(a, d, text[a:d])
    for col, ((ns, ne), (ps, pe)) in enumerate(zip(names, posts)):
        person = _only(_line_sentence(text, ns, ne), linker, discourse, "person")
        post = _only(_line_sentence(text, ps, pe), linker, discourse, "post")
        if person and post:
            org = (
                header[col] if col < len(header) and header[col] and not post.organisation else None
            )  # "CQC Inspector" says
            appoint(
                block,
                [person, post],
                linker,
                discourse,
                collector,
                person,
                post,
                (org.id, org.end) if org else None,
                a,
                d,
                0.8,
                "signature-table",
            )


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for part in text[start:end].split("\t"):
        s, e = pos, pos + len(part)
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] == " ":
            e -= 1
        out.append((s, e))
        pos += len(part) + 1
    return out


def settle(linker: Linker, collector: Collector) -> None:
    """A post proposed without its organisation where the same document gives that
    person the same title with one ("Jo Bell (Director of Housing)" and later "Jo Bell,
    Director of Housing, Anytown Council"): the attributed one stands alone."""
    appointments = collector.facts("appointments")
    attributed = {
        (a.data["person"], normalise(linker.name_of(a.data["post"])))
        for a in appointments
        if linker.organisation_of(a.data["post"])
    }
    for a in appointments:
        if not linker.organisation_of(a.data["post"]) and (
            (a.data["person"], normalise(linker.name_of(a.data["post"]))) in attributed
        ):
            collector.withdraw(a)
