"""Finding the names in a sentence: organisations and bodies, posts, people.

Names in these documents are runs of capitalised words joined by a few small words
("Department for Education", "Health and Wellbeing Board"). A run is cut into pieces
left to right: a curated name, an honorific and a person's name, a post title ending
in a post word ("Director of Public Health"), or an organisation or body ending in a
head word ("... Panel", "... Trust"). The linker links each name or registers it; a
bare head word after "the" is a reference the discourse resolves ("the Board").
"""

from __future__ import annotations

import re

from graph.extract.discourse import Discourse
from graph.extract.lexicon import (
    COMPOUNDS,
    HEADS,
    HONORIFICS,
    NOT_NAMES,
    POST_HEADS,
    POST_MODIFIERS,
    POSTNOMINALS,
    SAID_NEXT,
    TIMES,
    guess_kind,
    head_of,
    head_word,
    is_generic,
    role_of,
    word_key,
)
from graph.extract.linking import Linker
from graph.extract.text import Sentence, Token, tokenize
from graph.extract.types import Mention
from graph.names import normalise
from graph.sources.corpus import Document

CONNECTORS = {"of", "for", "and", "&", "the", "in", "on"}
LEADING = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "a",
    "an",
    "our",
    "their",
    "its",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "and",
    "of",
    "to",
    "we",
    "it",
    "all",
    "each",
    "both",
    "new",
    "dear",
    "cc",
    "via",
    "where",
    "when",
    "while",
    "if",
    "under",
    "following",
    "since",
    "after",
    "before",
    "during",
    "within",
    "through",
    "between",
    "including",
    "also",
    "whilst",
    "however",
    "further",
    "but",
    "then",
    "there",
    "his",
    "her",
    "my",
    "i",
    "they",
    "he",
    "she",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "will",
    "although",
    "though",
    "because",
    "unless",
    "whether",
    "once",
    "until",
    "whereas",
}
_SPACE = re.compile(r"^ {0,3}$")
_PLURAL_POSSESSIVE = re.compile(r"^['’] $")  # "the Safeguarding Adults’ Board": one name
_NAME_PART = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?([^\W\d_])([^\W\d_]+)$")
PARTICLES = {"de", "van", "von", "da", "du", "le", "la", "bin", "al", "di", "del"}
ORGS = ("organisations", "bodies")
_TITLES = {"Dr", "Mr", "Mrs", "Ms", "Prof", "Rev", "Cllr"}  # may be printed with a full stop: "Dr. Jane Armstrong"
_ACRONYM_BEFORE = re.compile(r"\(([A-Z][A-Za-z&\-]+)\)\s*$")
MAX_NAME = 14


def is_capword(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() or (t[:1].isdigit() and tok.is_acronym)


def is_post_word(word: str) -> bool:
    w = word_key(word)
    return w in POST_HEADS or (w.endswith("s") and w[:-1] in POST_HEADS)


def is_common(word: str) -> bool:
    """A common capitalised word that may start a post title ("Child Exploitation Nurse")."""
    w = word_key(word)
    if w in CONNECTORS or w in ("a", "an", "to", "at", "by", "with"):
        return False
    return w in NOT_NAMES or w in POST_MODIFIERS or bool(head_word(w))


def runs(sentence: Sentence) -> list[tuple[int, int]]:
    """Maximal runs [i, j) of capitalised tokens with small joining words inside."""
    toks = sentence.tokens
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not is_capword(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and (
            _SPACE.match(sentence.gap(j - 1))
            or (sentence.gap(j - 1) == ". " and (toks[j - 1].text in _TITLES or is_initial(toks[j - 1].text)))
            or (_PLURAL_POSSESSIVE.match(sentence.gap(j - 1)) and toks[j - 1].text.endswith("s"))
        ):
            if is_capword(toks[j]):
                j += 1
                continue
            # a joining word counts only with a capitalised word after it
            k = j
            while k < len(toks) and toks[k].text.lower() in CONNECTORS and _SPACE.match(sentence.gap(k - 1)):
                k += 1
            joining = [t.text.lower() for t in toks[j:k]]
            if (
                j < k < len(toks)
                and is_capword(toks[k])
                and _SPACE.match(sentence.gap(k - 1))
                and toks[k].norm not in TIMES
                and joining[:2] != ["and", "the"]  # "the SAB and the Children's Partnership": two names
            ):
                j = k + 1
                continue
            break
        if j < len(toks) and sentence.gap(j - 1) == ", ":
            j = _comma_name(sentence, j, any(is_post_word(t.text) for t in toks[i:j]))
        out.append((i, j))
        i = j
    return out


def _comma_name(sentence: Sentence, j: int, title: bool = False) -> int:
    """Where a name with commas in it ends ("Schools, Children and Families Overview and
    Scrutiny Committee", "Quality, Impact and Outcomes Sub-Group"), or j if it is not one.
    After a ``title``, only a remit listed word by word goes on ("AD of Child Protection,
    Performance and Partnership"): "Head of Safeguarding, X and Y Care Board" is a title
    and then its organisation."""
    toks = sentence.tokens
    k = j
    while k + 1 < len(toks) and k - j < 6 and toks[k].text[:1].isupper() and sentence.gap(k) == ", ":
        k += 1
    if k >= len(toks) or not toks[k].text[:1].isupper() or k + 1 >= len(toks) or toks[k + 1].norm != "and":
        return j
    end = k + 2
    while (
        end < len(toks)
        and _SPACE.match(sentence.gap(end - 1))
        and (is_capword(toks[end]) or toks[end].norm in CONNECTORS)
    ):
        end += 1
    while end > k + 2 and toks[end - 1].norm in CONNECTORS:
        end -= 1
    if title and end != k + 3:
        return j
    return end if end > k + 2 and head_word(toks[end - 1].text) else j


def is_name_word(word: str) -> bool:
    """ "Whitcombe", "Wiśniewski", "O'Connor", "McTavish", "Seymour-Smith": a capital,
    then lower-case letters, in any script."""
    for part in re.split(r"[-'’](?=[^\W\d_])", word) if not word.startswith(("O'", "O’", "D'", "D’")) else [word]:
        if part[:1].isupper() and part[1:].islower() and part.isalpha():
            continue  # "Macdonald": a capital, then lower case (no "Mac" prefix needed)
        m = _NAME_PART.match(part)
        if not m or not m.group(1).isupper() or not m.group(2).islower():
            return False
    return True


def is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def name_of(sentence: Sentence, i: int, j: int) -> str:
    """The name printed from token i to token j, without the possessive of a head word
    ("the Partnership Board's sub-groups": "Partnership Board"; "Barnardo's" stays)."""
    toks = sentence.tokens
    last = toks[j - 1].text
    end = toks[j - 1].end - (2 if last.endswith(("'s", "’s")) and (head_word(last[:-2]) or last[:-2].isupper()) else 0)
    return sentence.between(toks[i].start, end)


def person_words(toks: list[Token], i: int, j: int) -> int:
    """How many tokens from i form a person's name (2-4 words), or 0."""
    n = i
    while n < j and n - i < 4:
        t = toks[n]
        low = word_key(t.text)
        if (
            is_name_word(t.text)
            and low not in NOT_NAMES
            and not head_word(low)
            and not is_post_word(low)
            or n > i
            and (is_initial(t.text) or low in PARTICLES)
            and n + 1 < j
        ):
            n += 1
        else:
            break
    while n > i and not is_name_word(toks[n - 1].text):
        n -= 1
    return n - i if n - i >= 2 else 0


def _initialled_name(toks: list[Token], i: int, j: int) -> int:
    """How many tokens from i form "J Ward" or "P. R. Soames" (initials, then a surname),
    a name printed so only after an honorific ("Mrs J Ward"); else 0."""
    n = i
    while n < j and n - i < 3 and is_initial(toks[n].text):
        n += 1
    surname = toks[n].text if n < j else ""
    if n == i or not is_name_word(surname) or word_key(surname) in NOT_NAMES or head_word(surname.lower()):
        return 0
    return n + 1 - i


def post_end(toks: list[Token], i: int, j: int) -> int:
    """End of a post title starting at i ("Assistant Director of Public Health"), or i."""
    n = i
    head = -1
    while n < j:
        word = toks[n].text
        if is_post_word(word):
            head = n
            n += 1
            continue
        if is_common(word) or (head < 0 and toks[n].is_acronym):
            n += 1
            continue
        if head >= 0 and word.lower() in ("of", "for") and n + 1 < j:
            return _remit_end(toks, n + 1, j)  # "Head of Service for Early Help": the rest is the post's remit
        break
    if head < 0:
        return i
    if (
        head + 1 < len(toks)
        and toks[head].text.lower().endswith("s")
        and toks[head + 1].text in ("the", "a", "an", "its")
    ):
        return i  # "Simon Cross Co-Chairs the group": a verb, not a title
    return head + 1


def _remit_end(toks: list[Token], k: int, j: int) -> int:
    """Where the remit of a title that starts at k ends: at j, after a head word that a
    person's name follows, or before a second "of" or "for" that names the organisation ("Director of Children's Services of Anytown
    Borough Council": the title, then whose it is)."""
    for n in range(k, j):
        if n > k and toks[n].norm in ("present", "apologies", "attendees", "guests", "absent"):
            return n  # "Chair of the Board Present: ...": the next label, not the remit
        if n == j - 1:
            break
        if head_word(toks[n].text) and person_words(toks, n + 1, j):
            return n + 1  # "Independent Chair of the Board Jane Smith": the holder's name follows
        if n == k:
            continue
        if toks[n].norm == "and" and any(is_post_word(t.text) for t in toks[n + 1 : n + 4]):
            return n  # "Chief Constable of Anytown Police and the Chief Executive of ...": two titles
        if toks[n].norm not in ("of", "for"):
            continue
        first = n + 2 if toks[n + 1].norm == "the" else n + 1
        if (
            first < j
            and guess_kind(" ".join(t.text for t in toks[first:j]))[0] == "organisations"
            and _proper(toks[first:j])
        ):
            return n
    return j


def _remit(sentence: Sentence, linker: Linker, discourse: Discourse, i: int, j: int, title_head: int) -> str | None:
    """The organisation a post belongs to, named inside its title, if any."""
    toks = sentence.tokens
    for a in range(i, j):
        for b in range(min(j, a + linker.index.longest), a, -1):
            if (a == i and b == j) or (b - a == 1 and (is_post_word(toks[a].text) or head_word(toks[a].text))):
                continue
            entity_id, certainty = linker.link(name_of(sentence, a, b), ORGS, fuzzy=False)
            if entity_id and certainty >= 0.85:
                return entity_id
    if title_head < j and toks[title_head].text.lower() in ("of", "for"):
        rest = title_head + 1
        if rest < j and toks[rest].text.lower() == "the":
            rest += 1
        for k in range(rest + 1, j - 1):  # "for Liverpool City Council’s Children’s Services": the council's
            owner = re.sub(r"['’]s$", "", toks[k].text)
            if owner != toks[k].text and HEADS.get(head_word(owner), ("",))[0] == "organisations":
                m = discourse.entity(name_of(sentence, rest, k + 1)[:-2], sentence, toks[rest].start, toks[k].end - 2)
                return m.id if m else None
        if rest < j and head_word(toks[j - 1].text) and (_proper(toks[rest:j]) or _group_name(toks[rest:j])):
            m = discourse.entity(name_of(sentence, rest, j), sentence, toks[rest].start, toks[j - 1].end)
            return m.id if m else None
        if rest == j - 1 and rest > title_head + 1 and head_word(toks[rest].text):
            return discourse.generic(head_word(toks[rest].text), the=True)  # "Scrutineer for the Partnership"
    for t in toks[i:title_head]:  # "Board Manager", "Trust Secretary": that board (the document's own first)
        head = head_word(t.text)
        if head and not is_post_word(t.text):
            return discourse.generic(head, own_first=True)
    return None


def _group_name(toks: list[Token]) -> bool:
    """ "Missing Children Panel", "Learning and Development Group": common words, but a
    group's name (a title's remit "Children's Services" is no body)."""
    return len(toks) >= 2 and head_word(toks[-1].text) in _GROUP_HEADS


_GROUP_HEADS = {
    "board",
    "panel",
    "group",
    "sub-group",
    "subgroup",
    "committee",
    "sub-committee",
    "forum",
    "partnership",
}


def _proper(toks: list[Token]) -> bool:
    """A name with a distinctive word (a place, an acronym), not just common words."""
    return any(
        t.is_acronym or not (is_common(t.text) or is_post_word(t.text) or t.text.lower() in CONNECTORS) for t in toks
    )


def find_mentions(sentence: Sentence, linker: Linker, discourse: Discourse, register: bool = True) -> list[Mention]:
    """Every name in the sentence, in order, each linked or registered as new; and
    references such as "the group" or "this Board", resolved to what the text named."""
    out: list[Mention] = []
    toks = sentence.tokens
    for i, j in runs(sentence):
        generic_before = i > 0 and toks[i - 1].text.lower() in ("the", "this", "that", "our", "its")
        while i < j and toks[i].text.lower() in LEADING:
            generic_before = True
            i += 1
        out += _segment(sentence, linker, discourse, i, j, generic_before, register)
    for k in range(1, len(toks)):
        head = head_word(toks[k].text)
        if not head or not toks[k].text.islower() or (k + 1 < len(toks) and head_word(toks[k + 1].text)):
            continue
        qualified = (
            k > 1
            and toks[k - 2].norm == "the"
            and toks[k - 1].text.islower()
            and is_generic(f"{toks[k - 1].text} {toks[k].text}")
        )  # "the local authority"
        if toks[k - 1].norm in ("the", "this", "that") or qualified:
            target = discourse.generic(head, the=toks[k - 1].norm == "the")
            first = toks[k - 1] if qualified else toks[k]
            if target:
                out.append(
                    Mention(
                        first.start,
                        toks[k].end,
                        sentence.between(first.start, toks[k].end),
                        "entity",
                        target,
                        linker.is_new(target),
                        0.7,
                        head,
                    )
                )
    for m in out:
        words = normalise(m.text).split()
        if m.kind == "person" and m.id and len(words) > 1 and words[0] not in HONORIFICS:
            discourse.heard_person(words[0], m.id)
    return sorted(out, key=lambda m: m.start) if len(out) > 1 else out


def _segment(
    sentence: Sentence, linker: Linker, discourse: Discourse, i: int, j: int, generic_before: bool, register: bool
) -> list[Mention]:
    toks = sentence.tokens
    out: list[Mention] = []
    p = i
    while p < j:
        if toks[p].text.lower() in CONNECTORS:
            p += 1
            continue
        first = p
        owned = _possessive_post(sentence, linker, discourse, p, j, register)
        if owned:
            out.append(owned[0])
            p = owned[1]
            continue
        found, p = _piece(sentence, linker, discourse, p, j, generic_before or p > i, register)
        if found and found.kind == "entity" and p + 1 < j and toks[p].norm == "of" and not _proper(toks[first:p]):
            found, p = _unit_of(sentence, linker, discourse, found, p, j, register)
        if found:
            out.append(found)
    return out


def _possessive_post(
    sentence: Sentence, linker: Linker, discourse: Discourse, p: int, j: int, register: bool
) -> tuple[Mention, int] | None:
    """ "Birmingham City Council's Chief Executive": the post of the organisation named
    before "'s" (the possessive hides the name from the linker)."""
    toks = sentence.tokens
    k = next((k for k in range(p, j - 1) if toks[k].text.endswith(("'s", "’s"))), None)
    if k is None:
        return None
    org, certainty = linker.link(sentence.between(toks[p].start, toks[k].end - 2), ORGS)
    if not org and k == p and p > 0 and toks[p - 1].norm in ("the", "this", "our"):
        head = head_word(toks[p].text[:-2])  # "The Partnership's Business Manager": the partnership the text means
        org, certainty = (discourse.generic(head, the=toks[p - 1].norm == "the"), 0.85) if head else (None, 0.0)
    e = post_end(toks, k + 1, j)
    if not org or certainty < 0.85 or e == k + 1 or not _is_post(toks, k + 1, e):
        return None
    title = name_of(sentence, k + 1, e)
    found = discourse.post(title, org, role_of(title), sentence, toks[p].start, toks[e - 1].end, register=register)
    return (found, e) if found else None


def _owner_after(sentence: Sentence, linker: Linker, k: int, end: int) -> bool:
    """Whether "of [the] ..." at token k names a curated or registered organisation."""
    toks = sentence.tokens
    first = k + 2 if toks[k + 1].norm == "the" else k + 1
    found, _ = linker.link(name_of(sentence, first, end), ORGS, fuzzy=False) if first < end else (None, 0.0)
    return bool(found)


def _unit_of(
    sentence: Sentence, linker: Linker, discourse: Discourse, unit: Mention, p: int, j: int, register: bool
) -> tuple[Mention | None, int]:
    """ "the Safeguarding Team of BCHC": a unit named by common words belongs to the
    organisation after "of", so it is that organisation's team, not any team."""
    q = p + 2 if sentence.tokens[p + 1].norm == "the" and p + 2 < j else p + 1
    owner, end = _piece(sentence, linker, discourse, q, j, True, False)
    if (
        owner is None
        or owner.kind != "entity"
        or not owner.id
        or linker.section_of(owner.id) not in ORGS
        or owner.id == unit.id
    ):
        return unit, p
    name = sentence.between(unit.start, owner.end)
    return discourse.entity(
        name, sentence, unit.start, owner.end, parent=owner.id, register=register, kind_of=unit.text
    ), end


def _piece(
    sentence: Sentence, linker: Linker, discourse: Discourse, p: int, j: int, after_the: bool, register: bool
) -> tuple[Mention | None, int]:
    """The name starting at token p of a run ending at j, and where the next starts."""
    toks = sentence.tokens
    low = toks[p].text.lower()
    # 1. a curated (or already registered) name, longest first
    q, hit = _known(sentence, linker, p, j)
    if hit and linker.section_of(hit) in ORGS and q < j:
        if head_word(toks[q].text) and q + 1 == j and _own_head(toks[q].text, linker.name_of(hit)):
            q = j  # "the BCSP Board": the acronym's own body (but "the SSCP Executive" is a body of its own)
        elif _extends(sentence, linker, q, j):  # "BSOL CCG Safeguarding Assurance Group"
            return discourse.entity(
                name_of(sentence, p, j), sentence, toks[p].start, toks[j - 1].end, parent=hit, register=register
            ), j
        elif post_end(toks, q, j) > q:  # "BSCB Independent Chair": a post of the named body
            e = post_end(toks, q, j)
            title = name_of(sentence, p, e)
            return discourse.post(
                title, hit, role_of(title), sentence, toks[p].start, toks[e - 1].end, register=register
            ), e
    if hit:
        kind = {"people": "person", "posts": "post"}.get(linker.section_of(hit), "entity")
        name = name_of(sentence, p, q)
        known = Mention(
            toks[p].start,
            toks[q - 1].end,
            name,
            kind,
            hit,
            linker.is_new(hit),
            1.0,
            head_of(name) if kind == "entity" else "",
        )  # so that "the Trust" can mean it
        return (discourse.remember(known) if kind == "entity" and register else known), q
    # 2. an honorific and a person's name ("Cllr Booth": a curated person of that surname)
    if low.rstrip(".") in HONORIFICS and p + 1 < j:
        n = person_words(toks, p + 1, j) or _initialled_name(toks, p + 1, j)
        if n:
            person = linker.person(
                name_of(sentence, p + 1, p + 1 + n),
                toks[p].text,
                sentence,
                toks[p].start,
                toks[p + n].end,
                register=register,
            )
            return person, _skip_letters(toks, p + 1 + n, j)
        if is_name_word(toks[p + 1].text) and toks[p + 1].norm not in NOT_NAMES:
            surname = linker.person_by_surname(toks[p + 1].text)
            if surname:
                return Mention(
                    toks[p].start, toks[p + 1].end, name_of(sentence, p, p + 2), "person", surname, False, 0.85
                ), p + 2
    # 3. a post title, unless the run is a body named after people ("Safeguarding Leaders Assembly")
    if toks[p].text.endswith("ed") and p + 1 < len(toks) and toks[p + 1].norm in ("the", "a", "an"):
        return None, p + 1  # "I have Co-Chaired the ... Sub-Group": a verb, not the start of a name
    e = post_end(toks, p, j)
    if e == p and is_post_word(toks[p].text) and p + 1 < len(toks) and toks[p + 1].text in ("the", "a", "an", "its"):
        return None, p + 1  # "Simon Cross Co-Chairs the Regional ... Group": a verb between two names
    if (
        e == j
        and e - p >= 4
        and person_words(toks, j - 2, j) == 2
        and SAID_NEXT.match(sentence.between(toks[j - 1].end, sentence.end))
    ):
        e = j - 2  # "Lead Councillor for Adult Care Anne Horn said": the title, then the name
    end = head_end(toks, p, j)
    named_after_people = end > e and not _proper(toks[e:end]) and not any(t.norm == "and" for t in toks[e:end])
    if e > p and _is_post(toks, p, e) and not named_after_people:
        title_head = next((k + 1 for k in range(p, e) if is_post_word(toks[k].text)), e)
        org = _remit(sentence, linker, discourse, p, e, title_head)
        if org is None and p > 0 and toks[p - 1].text.lower() in ("its", "their"):
            org = discourse.last_body()  # "Its Chair, Dr Dennis Wilkes": the body just named
        if org is None and e < j:
            q, hit = _known(sentence, linker, e, j)
            if hit and linker.section_of(hit) in ORGS:
                org, e = hit, q  # "Independent Chair Birmingham Safeguarding Children Board"
        title = name_of(sentence, p, e)
        return discourse.post(
            title, org, role_of(title), sentence, toks[p].start, toks[e - 1].end, register=register
        ), e
    if p + 1 < j and toks[p + 1].norm == "of" and _plural_head(toks[p].text):
        return None, p + 1  # "Sub-groups of the Board": the Board's groups, not a body of that name
    n = person_words(toks, p, j) if any(t.norm in ("of", "from", "at") for t in toks[p + 2 : p + 6]) else 0
    if n and p + n < j and toks[p + n].norm in ("of", "from", "at"):  # "Mark Ogun of Anytown Police"
        name = name_of(sentence, p, p + n)
        linked = linker.person(name, None, sentence, toks[p].start, toks[p + n - 1].end, register=False)
        return linked or Mention(toks[p].start, toks[p + n - 1].end, name, "person", "", True, 0.6), p + n
    n = person_words(toks, p, j)
    title_after = post_end(toks, p + n, j) if n and p + n < j else p + n
    signed = (
        title_after < j
        and head_end(toks, title_after, j) == j
        and not any(is_post_word(t.text) for t in toks[title_after:j])
    )  # the run ends in one organisation's name, as a signature does
    if n and title_after > p + n and _is_post(toks, p + n, title_after) and signed:
        # "Gordon Bell Chairperson Angus Child Protection Committee": a name, its post, its body
        name = name_of(sentence, p, p + n)
        linked = linker.person(name, None, sentence, toks[p].start, toks[p + n - 1].end, register=False)
        return linked or Mention(toks[p].start, toks[p + n - 1].end, name, "person", "", True, 0.6), p + n
    # 4. an organisation or body ending in a head word ("Safeguarding Team of Wyvern Council": the
    # team, whose organisation _unit_of adds)
    end = next(
        (
            k
            for k in range(p + 1, end - 1)
            if toks[k].norm == "of"
            and head_word(toks[k - 1].text)
            and not _proper(toks[p:k])
            and _owner_after(sentence, linker, k, end)
        ),
        end,
    )
    if (
        end - p >= 4
        and toks[end - 3].norm in ("of", "for")
        and toks[end - 2].norm == "the"
        and not any(head_word(t.text) for t in toks[p : end - 3])
    ):
        return None, end - 3  # "the Accountable Body for the Board": a role of the Board's, not a body so named
    if end > p:
        name = name_of(sentence, p, end)
        if end - p == 1 and head_word(low):
            acronym = _ACRONYM_BEFORE.search(sentence.between(max(sentence.start, toks[p].start - 12), toks[p].start))
            if acronym and acronym.group(1) in linker.acronyms:  # "Serious Case Review (SCR) Sub-Group"
                named = linker.acronyms[acronym.group(1)]
                return discourse.remember(
                    Mention(
                        toks[p].start, toks[p].end, name, "entity", named, linker.is_new(named), 0.9, head_word(low)
                    )
                ), end
            the = p > 0 and toks[p - 1].norm == "the"
            target = discourse.generic(head_word(low), the=the) if after_the else None
            return (
                Mention(toks[p].start, toks[p].end, name, "entity", target, linker.is_new(target), 0.75, head_word(low))
                if target
                else None
            ), end
        if _all_caps(toks[p:end]) and end - p > 2:
            return None, end  # a heading in capitals: only curated names count
        return discourse.entity(name, sentence, toks[p].start, toks[end - 1].end, register=register), end
    # 5. an acronym the text uses as a name without spelling it out ("the LSCP", "the HWB")
    if j == p + 1 and p > 0 and toks[p - 1].norm == "the" and _undefined_acronym(toks[p].text):
        return discourse.entity(toks[p].text, sentence, toks[p].start, toks[p].end, register=register), j
    # 6. a person's name without honorific (the rules decide whether to trust it)
    n = person_words(toks, p, j)
    if n:
        name = name_of(sentence, p, p + n)
        linked = linker.person(name, None, sentence, toks[p].start, toks[p + n - 1].end, register=False)
        return linked or Mention(toks[p].start, toks[p + n - 1].end, name, "person", "", True, 0.6), _skip_letters(
            toks, p + n, j
        )
    return None, p + 1


def _own_head(word: str, name: str) -> bool:
    """Whether a head word after a body's acronym is that body itself ("the BCSP Board",
    "the LSCB Board", "BSCB Sub-Groups") rather than a body of its own ("the SSCP Executive")."""
    return head_word(word) in (head_of(name), "board") or _plural_head(word)


def _plural_head(word: str) -> bool:
    """ "Sub-groups", "Panels", "Boards": many bodies, not the start of one's name."""
    low = word_key(word)
    return low not in HEADS and low.endswith("s") and bool(head_word(low)) and HEADS[head_word(low)][0] == "bodies"


def _undefined_acronym(word: str) -> bool:
    """Capitals whose last letter may stand for a body's head word (Board, Partnership,
    Group, Committee, Forum, Hub): "LSCP", not "CSE" or "LADO"."""
    return 3 <= len(word) <= 6 and word.isalpha() and word.isupper() and word[-1] in "BPGCFH"


def _skip_letters(toks: list[Token], p: int, j: int) -> int:
    """Past the letters after a name ("CBE", "FBPsS")."""
    while p < j and toks[p].text in POSTNOMINALS:
        p += 1
    return p


def _known(sentence: Sentence, linker: Linker, p: int, j: int) -> tuple[int, str | None]:
    """The longest curated or registered name starting at token p (exact, or a close
    spelling of the whole run or of a piece ending in a head word)."""
    toks = sentence.tokens
    sections = ("organisations", "bodies", "people", "posts")
    if toks[p].text[-2:] in ("'s", "’s") and toks[p].text[:-2] in linker.acronyms:
        return p + 1, linker.acronyms[toks[p].text[:-2]]  # "the ESCP's annual report"
    exact = linker.may_start_name(toks[p].text, toks[p].norm)
    for q in range(min(j, p + max(linker.index.longest, 2)), p, -1):
        if toks[q - 1].text.lower() in CONNECTORS or (
            q - p == 1 and head_word(toks[p].text) and toks[p].text not in linker.acronyms
        ):
            continue  # a head word alone is a reference ("the Board"), unless the text defined it ("ICB")
        close = q - p >= 2 and (q == j or bool(head_word(toks[q - 1].text)))
        if not exact and not close:
            continue
        key = tuple(t.norm for t in toks[p:q])
        entity_id, certainty = linker.link(name_of(sentence, p, q), sections, fuzzy=close, key=key)
        if entity_id and certainty >= 0.85:
            return q, entity_id
    return p, None


def _extends(sentence: Sentence, linker: Linker, q: int, j: int) -> bool:
    """Whether the words after a curated name make a longer name of their own
    ("BSOL CCG Safeguarding Assurance Group"), not a second name ("... and X CCG")."""
    toks = sentence.tokens
    e = post_end(toks, q, j)
    if not head_word(toks[j - 1].text) or (e > q and not (e == q + 1 and toks[q].norm == "executive")):
        return False
    if toks[q].text.lower() in CONNECTORS or any(
        t.text.lower() == "and" or (t.text == "&" and sentence.gap(k - 1 + q) != "") for k, t in enumerate(toks[q:j], 1)
    ):
        return False  # "and" joins two names; "O&S" is one word
    return all(_known(sentence, linker, k, j)[1] is None for k in range(q, j))


def head_end(toks: list[Token], p: int, j: int) -> int:
    """End of the longest piece from p (at most MAX_NAME words) ending in a head word
    and not split by 'and'."""
    best = p
    j = min(j, p + MAX_NAME)
    last_is_head = bool(head_word(toks[j - 1].norm))
    for k in range(p, j):
        low = toks[k].norm
        if k > p and _plural_head(toks[k].text) and head_word(toks[k - 1].norm):
            break  # "Somerset Children Board Subgroups": the board's groups, not a name
        if head_word(low):
            best = k + 1
            if (
                k + 1 < j
                and toks[k + 1].norm == "and"
                and any(head_word(t.norm) for t in toks[k + 2 : j])
                and not _compound(toks, k, j)
            ):
                break  # "Strategic Health Forum and Safeguarding in Education Group": two names
        if low in ("of", "for", "in") and best > p and k + 1 < j and not last_is_head:
            break
    return best


def _compound(toks: list[Token], k: int, j: int) -> bool:
    """Whether "... Police and Crime Commissioner" continues past the head at k."""
    rest = " ".join(t.norm for t in toks[k:j])
    return any(rest.startswith(c.split(" and ")[0].split()[-1] + " and " + c.split(" and ")[1]) for c in COMPOUNDS)


def _is_post(toks: list[Token], p: int, e: int) -> bool:
    words = [word_key(t.text) for t in toks[p:e]]
    if len(words) == 1 and words[0] in (
        "member",
        "members",
        "executive",
        "lead",
        "head",
        "leader",
        "officer",
        "officers",
    ):
        return False
    if words[-1] == "executive" and not any(w in POST_MODIFIERS or is_post_word(w) for w in words[:-1]):
        return False  # "the SSCP Executive", "the Council's Executive": a board; a post is "Chief Executive"
    return any(is_post_word(w) for w in words)


def _all_caps(toks: list[Token]) -> bool:
    return all(t.text.isupper() or t.text.lower() in CONNECTORS for t in toks)


def title_subject(doc: Document, linker: Linker, discourse: Discourse) -> str | None:
    """The body a document is about: one its title names, curated or (if the text
    prints its name too, for evidence) new."""
    title = doc.title
    sentence = Sentence(0, len(title), title, tokenize(title))
    for m in find_mentions(sentence, linker, discourse, register=False):
        if (
            m.kind == "entity"
            and linker.section_of(m.id) == "bodies"
            and (not m.new or m.id in linker.acronyms.values())
        ):
            return m.id  # curated, or defined by the document's glossary ("SLSCB meeting ...")
    for i, j in runs(sentence):
        end = head_end(sentence.tokens, i, j)
        if end == i and _undefined_acronym(sentence.tokens[i].text):
            end = i + 1  # "LSAB Structure and Members": the LSAB's
        while end > i:
            if (
                end - i > 1
                and _undefined_acronym(sentence.tokens[i].text)
                and not _proper(sentence.tokens[i + 1 : end])
            ):
                end = i + 1  # "LSCP Governance Arrangements": what the LSCP's are, so the LSCP
            name = name_of(sentence, i, end)
            at = doc.text.lower().find(name.lower())  # a heading may print it in capitals
            if at >= 0 and guess_kind(name)[0] == "bodies" and (len(name.split()) >= 2 or end - i == 1):
                line_start = doc.text.rfind("\n", 0, at) + 1
                line_end = doc.text.find("\n", at)
                line = Sentence(
                    line_start,
                    line_end if line_end >= 0 else len(doc.text),
                    doc.text[line_start : line_end if line_end >= 0 else None],
                )
                found = discourse.entity(name, line, at, at + len(name), sections=("bodies",))
                return found.id if found else None
            i += 1
    return _heading_subject(doc, linker, discourse)


HEADING_LINES = 4  # how many of a text's first lines may be its heading


def _heading_subject(doc: Document, linker: Linker, discourse: Discourse) -> str | None:
    """The body the text's heading names when its title names none ("Anytown LSCB
    minutes" over a first line "Anytown Local Safeguarding Children Board")."""
    pos = 0
    for _ in range(HEADING_LINES):
        end = doc.text.find("\n", pos)
        end = len(doc.text) if end < 0 else end
        line = doc.text[pos:end]
        if line.strip() and (len(line) > 100 or line.rstrip().endswith((".", ";", ","))):
            return None  # prose: the heading is over
        if line.strip():
            sentence = Sentence(pos, end, line, tokenize(line, pos))
            found = [m for m in find_mentions(sentence, linker, discourse) if m.kind == "entity" and m.id]
            if found and linker.section_of(found[0].id) == "bodies" and head_of(found[0].text) in _GROUP_HEADS:
                return found[0].id
        pos = end + 1
    return None
