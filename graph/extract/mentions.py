"""Finding the names in a sentence: organisations and bodies, posts, people.

Names in these documents are runs of capitalised words joined by a few small words
("Department for Education", "Health and Wellbeing Board"). A run is cut into pieces
left to right: a curated name, an honorific and a person's name, a post title ending
in a post word ("Director of Public Health"), or an organisation or body ending in a
head word ("... Panel", "... Trust"). A bare head word after "the" is a reference the
context resolves ("the Board").
"""

from __future__ import annotations

import re

from graph.extract.context import Context, Mention
from graph.extract.lexicon import CHAIR_WORDS, HEADS, HONORIFICS, NOT_NAMES, POST_HEADS, POST_MODIFIERS, POSTNOMINALS
from graph.extract.text import Sentence, Token

CONNECTORS = {"of", "for", "and", "&", "the", "in", "on"}
LEADING = {"the", "this", "that", "these", "those", "a", "an", "our", "their", "its", "in", "on", "at", "by", "for",
           "from", "with", "as", "and", "of", "to", "we", "it", "all", "each", "both", "new", "dear", "cc", "via",
           "where", "when", "while", "if", "under", "following", "since", "after", "before", "during", "within",
           "through", "between", "including", "also", "whilst", "however", "further", "but", "then", "there",
           "his", "her", "my", "i", "they", "he", "she", "is", "are", "was", "were", "has", "have", "will"}
_SPACE = re.compile(r"^ {1,3}$")
_NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[-'’][A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)*$")
_INITIAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]\.?$")
PARTICLES = {"de", "van", "von", "da", "du", "le", "la", "bin", "al", "di", "del"}


def is_capword(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() or (t[:1].isdigit() and tok.is_acronym)


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
        while j < len(toks) and _SPACE.match(sentence.gap(j - 1)):
            if is_capword(toks[j]):
                j += 1
                continue
            # a joining word counts only with a capitalised word after it
            k = j
            while k < len(toks) and toks[k].text.lower() in CONNECTORS and _SPACE.match(sentence.gap(k - 1)):
                k += 1
            if k > j and k < len(toks) and is_capword(toks[k]) and _SPACE.match(sentence.gap(k - 1)):
                j = k + 1
                continue
            break
        out.append((i, j))
        i = j
    return out


def _name(sentence: Sentence, i: int, j: int) -> str:
    toks = sentence.tokens
    return sentence.between(toks[i].start, toks[j - 1].end)


def person_words(toks: list[Token], i: int, j: int) -> int:
    """How many tokens from i form a person's name (2-4 words), or 0."""
    n = i
    while n < j and n - i < 4:
        t = toks[n]
        low = t.text.lower()
        if _NAME_WORD.match(t.text) and low not in NOT_NAMES and low not in HEADS and low not in POST_HEADS:
            n += 1
        elif n > i and (_INITIAL.match(t.text) or low in PARTICLES) and n + 1 < j:
            n += 1
        else:
            break
    while n > i and not _NAME_WORD.match(toks[n - 1].text):
        n -= 1
    return n - i if n - i >= 2 else 0


def post_end(toks: list[Token], i: int, j: int) -> int:
    """End of a post title starting at i ("Assistant Director of Public Health"), or i."""
    n = i
    head = -1
    while n < j:
        if is_post_word(toks[n].text):
            head = n
            n += 1
            continue
        if toks[n].text.lower() in POST_MODIFIERS or (head < 0 and toks[n].is_acronym):
            n += 1
            continue
        if head >= 0 and toks[n].text.lower() in ("of", "for") and n + 1 < j:
            return j  # "Head of Service for Early Help": the rest is the post's remit
        break
    return head + 1 if head >= 0 else i


def is_post_word(word: str) -> bool:
    w = word.lower()
    return w in POST_HEADS or (w.endswith("s") and w[:-1] in POST_HEADS)


def role_of(title: str) -> str | None:
    low = " ".join(title.lower().split())
    for words in sorted(CHAIR_WORDS, key=len, reverse=True):
        if re.search(rf"(?:^|\s){re.escape(words)}(?:\s|$)", low):
            return CHAIR_WORDS[words]
    return None


def _remit(sentence: Sentence, ctx: Context, i: int, j: int, head_end: int) -> str | None:
    """The organisation a post belongs to, named inside its title, if any."""
    toks = sentence.tokens
    for a in range(i, j):
        for b in range(j, a, -1):
            if b - a > ctx.index.longest:
                continue
            text = _name(sentence, a, b)
            if a == i and b == j:
                continue
            entity_id, certainty = ctx.link(text, ("organisations", "bodies"))
            if entity_id and certainty >= 0.85 and not (b - a == 1 and toks[a].text.lower() in POST_HEADS):
                return entity_id
    if head_end < j and toks[head_end].text.lower() in ("of", "for"):
        rest = head_end + 1
        if rest < j and toks[rest].text.lower() == "the":
            rest += 1
        if rest < j and toks[j - 1].text.lower() in HEADS and _proper(toks[rest:j]):
            m = ctx.entity(_name(sentence, rest, j), sentence, toks[rest].start, toks[j - 1].end)
            return m.id if m else None
    return None


def _proper(toks: list[Token]) -> bool:
    """A name with a distinctive word (a place, an acronym), not just common words."""
    return any(t.is_acronym or (t.text.lower() not in NOT_NAMES and t.text.lower() not in HEADS
                                and t.text.lower() not in POST_HEADS and t.text.lower() not in CONNECTORS)
               for t in toks)


def find_mentions(sentence: Sentence, ctx: Context, register: bool = True) -> list[Mention]:
    """Every name in the sentence, in order, each linked or registered as new."""
    out: list[Mention] = []
    toks = sentence.tokens
    for i, j in runs(sentence):
        generic_before = i > 0 and toks[i - 1].text.lower() in ("the", "this", "that", "our", "its")
        while i < j and toks[i].text.lower() in LEADING:
            generic_before = True
            i += 1
        out += _segment(sentence, ctx, i, j, generic_before, register)
    return out


def _segment(sentence: Sentence, ctx: Context, i: int, j: int, generic_before: bool, register: bool) -> list[Mention]:
    toks = sentence.tokens
    out: list[Mention] = []
    p = i
    while p < j:
        low = toks[p].text.lower()
        if low in CONNECTORS:
            p += 1
            continue
        # 1. a curated (or already registered) name, longest first
        q, hit = _known(sentence, ctx, p, j)
        if hit and q < j and toks[q].text.lower() in HEADS and q + 1 == j and ctx.section_of(hit) in ("organisations", "bodies"):
            q = j  # "the BCSP Board": the acronym's own body
        if hit and q < j and _extends(sentence, ctx, q, j) and ctx.section_of(hit) in ("organisations", "bodies"):
            name = _name(sentence, p, j)
            m = ctx.entity(name, sentence, toks[p].start, toks[j - 1].end, parent=hit, register=register)
            if m:
                out.append(m)
                p = j
                continue
        if hit and q < j and ctx.section_of(hit) in ("organisations", "bodies") and post_end(toks, q, j) > q:
            e = post_end(toks, q, j)  # "BSCB Independent Chair": a post of the named body
            title = _name(sentence, p, e)
            m = ctx.post(title, hit, role_of(title), sentence, toks[p].start, toks[e - 1].end, register=register)
            if m:
                out.append(m)
            p = e
            continue
        if hit:
            section = ctx.section_of(hit)
            kind = {"people": "person", "posts": "post"}.get(section, "entity")
            m = Mention(toks[p].start, toks[q - 1].end, _name(sentence, p, q), kind, hit, hit in ctx.new, 1.0)
            out.append(ctx.remember(m) if kind == "entity" else m)
            p = q
            continue
        # 2. an honorific and a person's name
        if low.rstrip(".") in HONORIFICS and p + 1 < j:
            n = person_words(toks, p + 1, j)
            if n:
                name = _name(sentence, p + 1, p + 1 + n)
                m = ctx.person(name, toks[p].text, sentence, toks[p].start, toks[p + n].end, register=register)
                if m:
                    out.append(m)
                p += 1 + n
                while p < j and toks[p].text in POSTNOMINALS:
                    p += 1
                continue
        # 3. a post title
        e = post_end(toks, p, j)
        if e > p and _is_post(toks, p, e):
            title = _name(sentence, p, e)
            head_end = next((k + 1 for k in range(p, e) if is_post_word(toks[k].text)), e)
            org = _remit(sentence, ctx, p, e, head_end)
            if org is None and e < j:
                q, hit = _known(sentence, ctx, e, j)
                if hit and q == j and ctx.section_of(hit) in ("organisations", "bodies"):
                    org, e = hit, j  # "Independent Chair Birmingham Safeguarding Children Board"
                    title = _name(sentence, p, e)
            m = ctx.post(title, org, role_of(title), sentence, toks[p].start, toks[e - 1].end, register=register)
            if m:
                out.append(m)
            p = e
            continue
        # 4. an organisation or body ending in a head word
        end = _head_end(toks, p, j)
        if end > p:
            name = _name(sentence, p, end)
            if end - p == 1 and toks[p].text.lower() in HEADS:
                if generic_before or p > i:
                    target = ctx.generic(toks[p].text.lower())
                    if target:
                        out.append(Mention(toks[p].start, toks[p].end, name, "entity", target, target in ctx.new, 0.75,
                                           toks[p].text.lower()))
            elif not _all_caps(toks[p:end]) or end - p <= 2:
                m = ctx.entity(name, sentence, toks[p].start, toks[end - 1].end, register=register)
                if m:
                    out.append(m)
            p = end
            continue
        # 5. a person's name without honorific (the rules decide whether to trust it)
        n = person_words(toks, p, j)
        if n:
            name = _name(sentence, p, p + n)
            m = ctx.person(name, None, sentence, toks[p].start, toks[p + n - 1].end, register=False)
            out.append(m or Mention(toks[p].start, toks[p + n - 1].end, name, "person", "", True, 0.6))
            p += n
            while p < j and toks[p].text in POSTNOMINALS:
                p += 1
            continue
        p += 1
    return out


def _known(sentence: Sentence, ctx: Context, p: int, j: int) -> tuple[int, str | None]:
    toks = sentence.tokens
    for q in range(min(j, p + ctx.index.longest), p, -1):
        if toks[q - 1].text.lower() in CONNECTORS:
            continue
        text = _name(sentence, p, q)
        entity_id, certainty = ctx.link(text, ("organisations", "bodies", "people", "posts"))
        if entity_id and certainty >= 0.85 and (certainty == 1.0 or q - p >= 2):
            if q - p == 1 and toks[p].text.lower() in HEADS:
                continue
            return q, entity_id
    return p, None


def _extends(sentence: Sentence, ctx: Context, q: int, j: int) -> bool:
    """Whether the words after a curated name make a longer name of their own
    ("BSOL CCG Safeguarding Assurance Group"), not a second name ("... and X CCG")."""
    toks = sentence.tokens
    if toks[j - 1].text.lower() not in HEADS or post_end(toks, q, j) > q:
        return False
    if toks[q].text.lower() in CONNECTORS or any(t.text.lower() in ("and", "&") for t in toks[q:j]):
        return False
    return all(_known(sentence, ctx, k, j)[1] is None for k in range(q, j))


def _head_end(toks: list[Token], p: int, j: int) -> int:
    """End of the longest piece from p ending in a head word and not split by 'and'."""
    best = p
    for k in range(p, j):
        low = toks[k].text.lower()
        if low in HEADS:
            best = k + 1
            nxt = k + 1
            if nxt < j and toks[nxt].text.lower() in ("and", "&") and any(t.text.lower() in HEADS for t in toks[nxt + 1 : j]):
                break  # "Strategic Health Forum and Safeguarding in Education Group": two names
        if toks[k].text.lower() in ("of", "for", "in") and best > p and k + 1 < j and toks[j - 1].text.lower() not in HEADS:
            break
    return best


def _is_post(toks: list[Token], p: int, e: int) -> bool:
    words = [t.text.lower() for t in toks[p:e]]
    if len(words) == 1 and words[0] in ("member", "executive", "lead", "head", "leader", "officer"):
        return False
    return any(is_post_word(w) for w in words)


def _all_caps(toks: list[Token]) -> bool:
    return all(t.text.isupper() or t.text.lower() in CONNECTORS for t in toks)

