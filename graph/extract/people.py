"""People and their posts.

Layouts (each common in council papers, letters and inspection reports):

- "Penny Thompson CBE, Independent Chair BSCB"; "Cllr Kate Booth, Cabinet Member for
  Children's Wellbeing"; "David Bishop, Head of Service, Birmingham City Council"
- "Dr. Dennis Wilkes (AD, Public Health)"; "Councillor Mohammed Aikhlaq (Chair)"
- "Board Vice-Chair, Chief Superintendent Claire Bell"; "Chair: Cllr Mohammed Aikhlag"
- a letter's address block: a name line, a post line, an organisation line
- signature tables: a row of names over a row of posts, cells split by tabs

A name without an honorific is trusted only next to a post. Each person with a post
gives an appointment; a chair's post also gives a membership with its role ("Penny
Thompson, Chair of BSCB" -> chair of BSCB).
"""

from __future__ import annotations

import re

from graph.extract.args import resolve
from graph.extract.context import Context, Mention
from graph.extract.lexicon import CAPACITY
from graph.extract.mentions import find_mentions, role_of
from graph.extract.text import Sentence, lines_of, tokenize

_AFTER_NAME = re.compile(r"^(?:\s+[A-Z][A-Za-z]{1,9}(?:,\s*[A-Z][A-Za-z]{1,9})*)?\s*(?:,|–|—|-|:)?\s*$")
# ", Skills and Culture" after "Cabinet Member for Education": the rest of a remit
_REMIT_TAIL = re.compile(r"^((?:\s*,\s*[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*)*\s*,?\s+(?:and|&)\s+[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*)")
BARE_CHAIRS = {"chair", "chairman", "chairwoman", "chairperson", "vice-chair", "vice chair", "co-chair",
               "deputy chair", "deputy chairman", "vice chairman"}
_PAREN = re.compile(r"^\s*\(\s*$")
_BEFORE_NAME = re.compile(r"^\s*[,:–—-]\s*$|^\s+$")


def find(sentence: Sentence, ctx: Context, mentions: list[Mention]) -> None:
    claimed: set[int] = set()
    ctx.last_mentions = mentions
    for k, m in enumerate(mentions):
        if m.kind != "person":
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt and nxt.kind == "post":
            gap = sentence.between(m.end, nxt.start)
            if _AFTER_NAME.match(gap) and "\n" not in gap:
                org = _org_after(sentence, mentions, k + 1)
                _appoint(ctx, sentence, m, nxt, org, m.start, (org[1] if org else nxt.end), 0.85, "person-comma-post")
                claimed.add(k + 1)
                continue
            after = sentence.between(nxt.end, min(sentence.end, nxt.end + 40)).lstrip()
            if _PAREN.match(gap) and after.startswith((")", ",")):
                org = _org_after(sentence, mentions, k + 1)
                _appoint(ctx, sentence, m, nxt, org, m.start, (org[1] if org else nxt.end) + 1, 0.85, "person-paren-post")
                claimed.add(k + 1)
                continue
        if k == 0 or mentions[k - 1].kind != "post" or k - 1 in claimed:
            continue
        post = mentions[k - 1]
        if sentence.between(post.end, m.start).strip() == "" and k >= 2 and mentions[k - 2].kind == "post" \
                and k - 2 not in claimed and _BEFORE_NAME.match(sentence.between(mentions[k - 2].end, post.start)):
            post = mentions[k - 2]  # "Board Vice-Chair, Chief Superintendent Claire Bell": the rank is no post
        elif not _BEFORE_NAME.match(sentence.between(post.end, m.start)):
            continue
        _appoint(ctx, sentence, m, post, None, post.start, m.end, 0.8, "post-comma-person")


def _org_after(sentence: Sentence, mentions: list[Mention], k: int) -> tuple[str, int] | None:
    """", Birmingham City Council" right after a post: the post's organisation."""
    if k + 1 >= len(mentions):
        return None
    org = mentions[k + 1]
    gap = sentence.between(mentions[k].end, org.start)
    if org.kind == "entity" and re.match(r"^\s*,\s*$|^\s+(?:at|of)\s+$", gap) and org.certainty >= 0.75:
        after = sentence.between(org.end, min(sentence.end, org.end + 3))
        if not after or after[:1] in ",.;\n \t)":
            return org.id, org.end
    return None


def _appoint(ctx: Context, sentence: Sentence, person: Mention, post: Mention, org: tuple[str, int] | None,
             start: int, end: int, confidence: float, rule: str) -> None:
    person_id = resolve(ctx, sentence, person)
    title = post.text
    tail = _REMIT_TAIL.match(sentence.between(post.end, sentence.end))
    if tail and re.search(r"\b(?:for|of)\b|,", title + tail.group(1)) and not org and \
            not any(m.kind == "person" and post.end <= m.start < post.end + len(tail.group(1)) for m in ctx.last_mentions):
        title += tail.group(1)  # "Cabinet Member for Education, Skills and Culture"
        end = max(end, post.end + len(tail.group(1)))
    capacity = None
    for word, value in CAPACITY.items():
        if title.lower().startswith(word + " "):
            capacity, title = value, title[len(word) + 1 :]
    role = role_of(title)
    organisation = org[0] if org else (_post_org(ctx, post) or (ctx.subject if role else None))
    if not person_id:
        return
    post_mention = ctx.post(title, organisation, role, sentence, post.start, post.end,
                            register=title.lower() not in BARE_CHAIRS)
    if post_mention is None:
        # "Councillor Mohammed Aikhlaq (Chair)": a role on a body, not a post of its own
        if role and organisation and ctx.section_of(organisation) in ("organisations", "bodies"):
            ctx.propose("memberships", {"member": person_id, "body": organisation, "role": role}, sentence, start, end,
                        confidence * (person.certainty if person.id else 0.9), rule)
        return
    confidence *= min(person.certainty if person.id else 0.9, post_mention.certainty + 0.1)
    data = {"person": person_id, "post": post_mention.id, "capacity": capacity}
    ctx.propose("appointments", data, sentence, start, end, confidence, rule)
    body = ctx.new[post_mention.id].data.get("organisation") if post_mention.id in ctx.new else \
        (ctx.index.entities[post_mention.id].organisation if post_mention.id in ctx.index else None)
    if role and body and ctx.section_of(body) in ("organisations", "bodies"):
        ctx.propose("memberships", {"member": person_id, "body": body, "role": role}, sentence, start, end,
                    confidence, rule)


def _post_org(ctx: Context, post: Mention) -> str | None:
    if post.id in ctx.new:
        return ctx.new[post.id].data.get("organisation")
    known = ctx.index.get(post.id) if post.id else None
    return known.organisation if known else None


def find_blocks(ctx: Context) -> None:
    """Address blocks and signature tables, which span lines."""
    text = ctx.doc.text
    lines = [(s, e) for s, e in lines_of(text) if text[s:e].strip()]
    for (a, b), (c, d) in zip(lines, lines[1:]):
        if "\t" in text[a:b] and text[a:b].count("\t") == text[c:d].count("\t") and text[b:c].count("\n") == 1:
            _table_rows(ctx, lines, a, b, c, d)
        elif "\t" not in text[a:b] and text[b:c].count("\n") <= 2 and b - a <= 60 and d - c <= 90:
            _address_block(ctx, a, b, c, d)


def _line_sentence(text: str, start: int, end: int) -> Sentence:
    sentence = Sentence(start, end, text[start:end])
    sentence.tokens = tokenize(sentence.text, start)
    return sentence


def _only(ctx: Context, sentence: Sentence, kind: str) -> Mention | None:
    """The one mention of ``kind`` that fills the line (apart from letters after a name)."""
    found = find_mentions(sentence, ctx)
    if len(found) != 1 or found[0].kind != kind:
        return None
    rest = sentence.between(sentence.start, found[0].start) + sentence.between(found[0].end, sentence.end)
    return found[0] if re.fullmatch(r"[\s,]*(?:[A-Z][A-Za-z]{1,6}[\s,]*)*", rest) else None


def _address_block(ctx: Context, a: int, b: int, c: int, d: int) -> None:
    text = ctx.doc.text
    name_line = _line_sentence(text, a, b)
    person = _only(ctx, name_line, "person")
    if person is None:
        return
    post_line = _line_sentence(text, c, d)
    post = _only(ctx, post_line, "post")
    if post is None:
        return
    org = None
    nl = text.find("\n", d + 1)
    if 0 <= d + 1 < len(text) and nl > d + 1:
        org_line = _line_sentence(text, d + 1, nl)
        found = _only(ctx, org_line, "entity")
        if found:
            org = (found.id, nl)
    block = Sentence(a, org[1] if org else d, text[a : org[1] if org else d])
    _appoint(ctx, block, person, post, org, a, block.end, 0.8, "address-block")


def _table_rows(ctx: Context, lines: list[tuple[int, int]], a: int, b: int, c: int, d: int) -> None:
    """A row of names over a row of posts; a row of organisations above gives columns."""
    text = ctx.doc.text
    names = _cells(text, a, b)
    posts = _cells(text, c, d)
    header: list[Mention | None] = []
    i = lines.index((a, b))
    for s, e in reversed(lines[max(0, i - 6) : i]):
        if text[s:e].count("\t") == text[a:b].count("\t"):
            cells = [_only(ctx, _line_sentence(text, cs, ce), "entity") for cs, ce in _cells(text, s, e)]
            if all(cells):
                header = cells
                break
        else:
            break
    block = Sentence(a, d, text[a:d])
    for col, ((ns, ne), (ps, pe)) in enumerate(zip(names, posts)):
        person = _only(ctx, _line_sentence(text, ns, ne), "person")
        post = _only(ctx, _line_sentence(text, ps, pe), "post")
        if person and post:
            org = header[col] if col < len(header) and header[col] and not _post_org_named(ctx, post) else None
            _appoint(ctx, block, person, post, (org.id, org.end) if org else None, a, d, 0.8, "signature-table")


def _post_org_named(ctx: Context, post: Mention) -> bool:
    """Whether the post's own title names its organisation ("CQC Inspector")."""
    return any(m.kind == "entity" for m in find_mentions(_line_sentence(post.text, 0, len(post.text)), ctx, register=False))


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
