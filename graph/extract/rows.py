"""Rows of people and of terms that a PDF ran together, each read on its own.

Layouts:

- a table whose header row names its columns ("Name | Organisation | Role"), its cells
  split by tabs, bars, slashes or spaces, or printed a cell a line;
- an attendance block: a label ("Present:", "Apologies for Absence", "In attendance")
  then rows "Jane Smith – Head of Housing, Anytown Borough Council", often all on one
  line (a row printed on a line of its own ends there); the block ends at the next
  label, a numbered item, "Item" or a blank line;
- a table flattened into one run of words, each row starting "Jane Smith (JS)": the
  person's initials in brackets mark where a row starts, the title follows (its remit
  ends where the next column's name starts);
- an attendance block run into one line with no separator at all ("Present Jane Smith
  Head of Housing Anytown Council John Brown ..."): a row starts at a name followed by
  a title, and its organisation runs to the next row's name;
- an attendance table flattened with its ticks ("Jane Smith ABC ✓ Head of Housing"):
  the tick marks the row, the agency column comes before it and the title after;
- a table whose cells were joined with " / ": a row "Representing / Title / Name /
  Initials", the person's own cell a name and the cell before it their title (with its
  organisation after a dash, "Head of Housing – Anytown Borough Council", or a chair's
  role in brackets, "(ABC Chair)"); a glossary "ABC / Expansion / DEF / Expansion".

Columns are kept apart: a title never takes the next cell's words, a name never takes
the previous row's last word. The spans read here are returned so that the sentence
rules do not read them again as one long sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.extract import acronyms
from graph.extract.args import resolve
from graph.extract.collector import Collector
from graph.extract.discourse import Discourse
from graph.extract.lexicon import (
    ATTENDING_LABEL,
    HONORIFICS,
    NOT_NAMES,
    PLACE_PREFIXES,
    head_word,
    is_generic,
    role_of,
    word_key,
)
from graph.extract.linking import Linker
from graph.extract.mentions import is_common, is_initial, is_name_word, is_post_word
from graph.extract.people import appoint, organisation_like
from graph.extract.text import Sentence, Token, lines_of, tokenize
from graph.extract.types import Mention

_HONORIFIC = r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Revd)\.?\s+)"
_WORD = r"[A-Z][\w'’.-]*"
# "Jane Smith – ": a row's person, before the dash that starts their title.
_DASH_ROW = re.compile(
    rf"(?<![\w'’])({_HONORIFIC}{_WORD}(?:[ \t]+{_WORD}){{0,3}}|{_WORD}(?:[ \t]+{_WORD}){{1,3}})"
    rf"(?:[ \t]+\((?P<note>[^()\n]{{0,20}}[a-z][^()\n]{{0,20}})\))?"  # "Mrs S. Whitlam (Chair) - Director of ..."
    rf"(?:[ \t]+[–—/|-][ \t]+|[ ]*\t[ \t]*)(?=[A-Z])"
)
_LABEL = re.compile(
    rf"(?:^|(?<=[\s:.]))(?:(?P<present>(?i:{ATTENDING_LABEL}))"
    r"|(?P<apologies>Apologies(?:\s+for\s+[Aa]bsence)?|APOLOGIES(?:\s+FOR\s+ABSENCE)?|Absent))\b\s*:?"
)
_BLOCK_END = re.compile(r"[ \t]\d{1,2}(?:\.\d+)*\.?[ \t]+(?=[A-Z][a-z])|\bItem\b|\n[ \t]*\n")
_CELL = re.compile(r"[ \t]+/[ \t]+")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z]{2,}[a-z]{0,2}\b)")  # "OfficerCAA": two cells a PDF joined
_PERSON_CELL = re.compile(rf"{_HONORIFIC}?{_WORD}(?:[ \t]+{_WORD}){{1,3}}")
_CHAIR_ROLE = r"(?:Vice[- ]|Co-|Deputy\s+)?Chair"
_CHAIR_OF = re.compile(rf"\((?P<body>[A-Z][\w&'’ -]{{1,40}}?)\s+(?P<role>{_CHAIR_ROLE})\)")
_TITLE_ORG = re.compile(r"\s+[–—-]\s+")
_TAIL_ORG = re.compile(r"\)\s+(?P<org>[A-Z][\w&'’ -]*)$")


def glossaries(linker: Linker, discourse: Discourse, collector: Collector) -> list[tuple[int, int]]:
    """Read every " / " glossary first (the title may name the body by its acronym)."""
    return list(_slash_lines(linker, discourse, collector, glossary=True))


def find(linker: Linker, discourse: Discourse, collector: Collector) -> list[tuple[int, int]]:
    """Read every attendance block and table of people; the spans read."""
    read = list(_headed_tables(linker, discourse, collector))
    read += _attendance(linker, discourse, collector)
    return [
        *read,
        *_slash_lines(linker, discourse, collector, glossary=False, skip=tuple(read)),
        *_initialled(linker, discourse, collector),
        *_column_runs(linker, discourse, collector),
        *_ticked(linker, discourse, collector),
    ]


# --- tables whose header names the columns -----------------------------------------

# What a header cell says its column holds.
_COLUMNS = {
    "name": {"name", "names", "member", "members", "board member", "board members", "attendee", "attendees"},
    "title": {"title", "job title", "role", "position", "post", "designation", "job role"},
    "org": {"organisation", "organization", "agency", "representing", "organisation / agency", "agency / organisation"},
}
_IGNORED = {"attendance", "attended", "initials", "present", "apologies", "status", "notes", "comments", "meetings"}
_SEPARATORS = (re.compile(r"[ ]*\t[ ]*"), re.compile(r"[ \t]+\|[ \t]+"), _CELL, re.compile(r" {2,}"))


def _headed_tables(linker: Linker, discourse: Discourse, collector: Collector) -> Iterator[tuple[int, int]]:
    """A table whose header row names its columns ("Name | Organisation | Role |
    Attendance"), one person a row: each cell read as its header says, so a title never
    takes the organisation's words nor an organisation the title's."""
    text = discourse.doc.text
    lines = lines_of(text)
    n = 0
    while n < len(lines):
        a, b = lines[n]
        found = _header(text[a:b])
        n += 1
        if found is None:
            vertical = _vertical_header(text, lines, n - 1)
            if vertical:
                n = n - 1 + vertical["width"]
                yield from _vertical_rows(linker, discourse, collector, lines, n, vertical)
            continue
        separator, columns = found
        members = "name" in columns and _column_text(text[a:b], separator, columns["name"]) in _COLUMNS["name"] - {
            "name",
            "names",
        }
        members = members or bool(re.search(r"\bMembers\b", text[max(0, a - 200) : a]))
        while n < len(lines) and text[lines[n][0] : lines[n][1]].strip():
            c, d = lines[n]
            cells = _split(text, c, d, separator)
            if len(cells) < 2:
                break
            _column_row(linker, discourse, collector, cells, columns, members)
            yield c, d
            n += 1


def _vertical_header(text: str, lines: list[tuple[int, int]], n: int) -> dict[str, int] | None:
    """A header printed one cell a line ("Name" / "Organisation" / "Role"), as a table
    comes out of a web page: the column of each kind, counted in lines."""
    columns: dict[str, int] = {}
    k = 0
    while n + k < len(lines):
        cell = " ".join(text[lines[n + k][0] : lines[n + k][1]].lower().split())
        kind = next((kind for kind, words in _COLUMNS.items() if cell in words), None)
        if kind is None and cell not in _IGNORED or kind in columns:
            break
        if kind:
            columns[kind] = k
        k += 1
    if k >= 2 and columns.get("name") == 0 and ("title" in columns or "org" in columns):
        columns["width"] = k
        return columns
    return None


def _vertical_rows(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    lines: list[tuple[int, int]],
    n: int,
    columns: dict[str, int],
) -> Iterator[tuple[int, int]]:
    """The rows under a header printed one cell a line: ``width`` lines each."""
    text = discourse.doc.text
    width = columns.pop("width")
    members = bool(re.search(r"\bMembers\b", text[max(0, lines[n - width][0] - 200) : lines[n - 1][1]]))
    while n + width <= len(lines):
        cells = lines[n : n + width]
        if not _PERSON_CELL.fullmatch(text[cells[0][0] : cells[0][1]].strip() or "-"):
            return
        _column_row(linker, discourse, collector, cells, columns, members)
        yield cells[0][0], cells[-1][1]
        n += width


def _header(line: str) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """The separator and the column of each kind a header line names, if it is one."""
    for separator in _SEPARATORS:
        cells = [" ".join(c.lower().split()) for c in separator.split(line.strip())]
        if len(cells) < 2:
            continue
        columns: dict[str, int] = {}
        for k, cell in enumerate(cells):
            kind = next((kind for kind, words in _COLUMNS.items() if cell in words), None)
            if kind is None and cell not in _IGNORED:
                return None
            if kind and kind not in columns:
                columns[kind] = k
        if "name" in columns and ("title" in columns or "org" in columns):
            return separator, columns
        return None
    return None


def _column_text(line: str, separator: re.Pattern[str], k: int) -> str:
    cells = separator.split(line.strip())
    return " ".join(cells[k].lower().split()) if k < len(cells) else ""


def _split(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The cells of a row, as spans, empty cells kept in their place."""
    out, pos = [], start
    for m in separator.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [
        (a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip())) for a, b in out
    ]


def _column_row(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    cells: list[tuple[int, int]],
    columns: dict[str, int],
    members: bool,
) -> None:
    """One row: the person, their title, and the organisation they are from."""
    text = discourse.doc.text

    def cell(kind: str) -> tuple[int, int] | None:
        k = columns.get(kind)
        return cells[k] if k is not None and k < len(cells) and cells[k][1] > cells[k][0] else None

    name = cell("name")
    if name is None or not _PERSON_CELL.fullmatch(text[name[0] : name[1]]):
        return
    words = text[name[0] : name[1]].split()
    if not _is_name([w for w in words if w.lower().rstrip(".") not in HONORIFICS]):
        return
    start, end = cells[0][0], cells[-1][1]
    sentence = Sentence(start, end, text[start:end], tokenize(text[start:end], start))
    person = _person(linker, sentence, name[0], name[1])
    if person is None:
        return
    title, org_cell = cell("title"), cell("org")
    if org_cell and title is None and _place(text[org_cell[0] : org_cell[1]]):
        title, org_cell = org_cell, None  # "Lay Member" in the organisation column: a place, not an employer
    org = None
    if org_cell and _organisation_cell(text[org_cell[0] : org_cell[1]]):
        found = discourse.entity(text[org_cell[0] : org_cell[1]], sentence, org_cell[0], org_cell[1])
        org = (found.id, org_cell[1]) if found and found.id else None
    if title:
        if org:
            _appoint_title(linker, discourse, collector, sentence, person, title, org, "row-columns", 0.85)
        else:
            _titled(linker, discourse, collector, sentence, person, title[0], title[1], "row-columns")
    if members:
        _seat(linker, discourse, collector, sentence, person, "member", start, end)


def _organisation_cell(cell: str) -> bool:
    """A cell of an organisation column that names one: "Anytown Carers", not a sector
    ("Local Authority", "Police") or "Independent"."""
    words = cell.split()
    return organisation_like(cell) or (
        len(words) >= 2
        and all(w[:1].isupper() or w.lower() in ("of", "and", "&", "for") for w in words)
        and not is_generic(cell)
    )


def _place(cell: str) -> bool:
    """A cell that names a place on a board rather than an organisation ("Lay Member")."""
    words = cell.split()
    return bool(words) and is_post_word(words[-1])


# --- attendance blocks ------------------------------------------------------------


def _attendance(linker: Linker, discourse: Discourse, collector: Collector) -> Iterator[tuple[int, int]]:
    text = discourse.doc.text
    labels = _labels(text)
    for n, label in enumerate(labels):
        start = label.end()
        end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
        stop = _BLOCK_END.search(text, start, end)
        end = stop.start() if stop else end
        rows = [m for m in _DASH_ROW.finditer(text, start, end)]
        if not rows:
            present = bool(label.group("present"))
            read = list(_run_on(linker, discourse, collector, start, end, present))
            yield from read or _names_apart(linker, discourse, collector, start, end, present)
            continue
        starts = [
            row.start(1) if k == 0 and not text[start : row.start(1)].strip() else _name_start(row)
            for k, row in enumerate(rows)
        ]
        for k, (row, name_start) in enumerate(zip(rows, starts)):
            later = [s for s in starts[k + 1 :] if s is not None]
            if name_start is not None:
                row_end = _line_end(text, row.end(), later[0] if later else end)
                _dash_row(linker, discourse, collector, name_start, row, row_end, bool(label.group("present")))
                yield name_start, row_end  # the rest of the block is read as sentences (a row of another form)


def _labels(text: str) -> list[re.Match[str]]:
    """The labels over lists of people: followed by a colon, or a capitalised word that
    starts a line ("to present the report" is a word, not a label), or "Present" written
    with its capital inside a line and followed by a name, as a PDF runs a heading into
    the line before it ("(SAR minutes sent separately) Present Jane Smith ...")."""
    return [
        m
        for m in _LABEL.finditer(text)
        if text[m.end() - 1] == ":"
        or (m.group()[0].isupper() and (_at_line_start(text, m.start()) or _names_follow(text, m)))
    ]


def _names_follow(text: str, label: re.Match[str]) -> bool:
    words = text[label.end() : label.end() + 60].split(" ")[:2]
    return label.group() in ("Present ", "Also Present ", "In attendance ") and len(words) == 2 and _is_name(words)


def _run_on(
    linker: Linker, discourse: Discourse, collector: Collector, start: int, end: int, present: bool
) -> Iterator[tuple[int, int]]:
    """An attendance block a PDF ran into one line with no separator at all ("Jane Smith
    Head of Housing Anytown Council John Brown Chief Executive ..."): a row starts at a
    name followed by a title, the title ends at its post word (and its remit), and what
    comes before the next row's name is whose the post is."""
    text = discourse.doc.text
    if "\t" in text[start:end]:
        return  # a table's cells: read by its columns
    toks = tokenize(text[start:end], start)
    starts: list[tuple[int, int]] = []  # first name token, first title token
    k = 0
    while k + 2 < len(toks):
        width = _row_name(toks, k)
        spaced = width and k + width < len(toks) and not text[toks[k + width - 1].end : toks[k + width].start].strip()
        head = _title_post(toks, k + width) if spaced else None  # "Jane Smith, Head of ...": a row of another form
        if head is None:
            k += 1
            continue
        starts.append((k, k + width))
        k = head + 1  # "Tammy Bradley Operations Director": "Bradley Operations" is not a row
    rows = []
    for n, (first, title) in enumerate(starts):
        row_end = toks[starts[n + 1][0]].start if n + 1 < len(starts) else end
        rows.append((first, title, _title_end(text, toks[title - 1].end, row_end), row_end))
    if len(rows) < MIN_ROWS or 2 * sum(text[e : e + 1] == "," for _, _, e, _ in rows) >= len(rows):
        return  # "Jo Bell Head of Housing, Anytown Council": commas part the columns, another layout
    for first, title, title_end, row_end in rows:
        row_start = toks[first].start
        while row_end > title_end and text[row_end - 1] in " \t\n,;":
            row_end -= 1
        sentence = Sentence(row_start, row_end, text[row_start:row_end], tokenize(text[row_start:row_end], row_start))
        person = _person(linker, sentence, row_start, toks[title - 1].end)
        if person is None:
            continue
        a = toks[title].start
        if title_end <= a:
            continue
        org_start = title_end + len(text[title_end:row_end]) - len(text[title_end:row_end].lstrip(" \t\n,"))
        found = discourse.entity(text[org_start:row_end], sentence, org_start, row_end) if org_start < row_end else None
        org = (found.id, row_end) if found and found.id and text[org_start].isupper() else None
        _appoint_title(linker, discourse, collector, sentence, person, (a, title_end), org, "row-run-on")
        if present:
            _seat(linker, discourse, collector, sentence, person, "attendee", row_start, row_end)
        yield row_start, row_end


def _names_apart(
    linker: Linker, discourse: Discourse, collector: Collector, start: int, end: int, present: bool
) -> Iterator[tuple[int, int]]:
    """A block whose columns a PDF printed apart, so that names follow one another with
    nothing between them ("Jo Bell Cllr Sam Lee Dr Ann Roe Head of Housing, ..."): no
    title can be paired with its name, so the block gives only the seats of the names in
    those runs, and its other words are not read as sentences."""
    text = discourse.doc.text
    toks = tokenize(text[start:end], start)
    names: list[tuple[int, int]] = []  # first token, end token
    k = 0
    while k < len(toks):
        a = k + 1 if toks[k].norm.rstrip(".") in HONORIFICS else k
        width = _row_name(toks, a) if a < len(toks) else 0
        if width:
            names.append((k, a + width))
            k = a + width
        else:
            k += 1
    runs = [
        n
        for n, (a, b) in enumerate(names)
        if any(
            0 <= m < len(names) and abs(m - n) == 1 and _spaced(text, toks, names[min(m, n)][1], names[max(m, n)][0])
            for m in (n - 1, n + 1)
        )
    ]
    if sum(1 for n in runs) < MIN_ROWS:
        return
    for n in runs:
        a, b = names[n]
        sentence = Sentence(toks[a].start, toks[b - 1].end, text[toks[a].start : toks[b - 1].end], toks[a:b])
        person = _person(linker, sentence, toks[a].start, toks[b - 1].end)
        if person is not None and present:
            _seat(linker, discourse, collector, sentence, person, "attendee", toks[a].start, toks[b - 1].end)
    yield start, end


def _spaced(text: str, toks: list[Token], b: int, a: int) -> bool:
    """Whether the name ending before token b is followed by the one at token a, with only spaces between."""
    return b == a and not text[toks[b - 1].end : toks[a].start].strip()


def _appoint_title(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    sentence: Sentence,
    person: Mention,
    title: tuple[int, int],
    org: tuple[str, int] | None,
    rule: str,
    confidence: float = 0.8,
) -> None:
    """``person`` in the post titled by the text at ``title`` (the row's sentence is the
    quote), of ``org`` when the row names it."""
    post = Mention(*title, discourse.doc.text[title[0] : title[1]], "post", "", True, 0.9)
    quoted = (sentence.start, sentence.end)
    appoint(sentence, [person, post], linker, discourse, collector, person, post, org, *quoted, confidence, rule)


def _row_name(toks: list[Token], k: int) -> int:
    """How many tokens from k are a person's name ("Jane Smith", "Jane A. Smith"), or 0."""
    for width in (3, 2):
        words = [t.text for t in toks[k : k + width]]
        if len(words) == width and (width == 2 or is_initial(words[1])) and _is_name(words) and not is_common(words[0]):
            return width
    return 0


def _title_post(toks: list[Token], k: int) -> int | None:
    """The post word of a title starting at token k: within five words, the words before
    it words titles are made of ("Patient Experience Manager"), not a name."""
    for n in range(k, min(len(toks), k + 5)):
        if is_post_word(toks[n].text):
            return n
        if not (is_common(toks[n].text) or toks[n].norm in _JOINING):
            return None
    return None


def _line_end(text: str, start: int, end: int) -> int:
    """Where a row that starts a line ends: at the line's end when the next line starts
    anew (rows printed one a line), else at ``end`` (rows a PDF ran together)."""
    nl = text.find("\n", start, end)
    while nl >= 0:
        rest = text[nl:end].lstrip()
        if rest and not rest[:1].islower():
            return nl
        nl = text.find("\n", nl + 1, end)
    return end


def _at_line_start(text: str, pos: int) -> bool:
    """A label starts a line, or follows an item number ("1 Apologies for Absence")."""
    before = text[max(0, text.rfind("\n", 0, pos) + 1) : pos]
    return not before.strip() or bool(re.fullmatch(r".*[\s:]\d{1,2}(?:\.\d+)*\.?\s+", " " + before))


def _name_start(row: re.Match[str]) -> int | None:
    """Where the person's name starts when a row runs on from the one before ("..., BUILD,
    Norwich Christine Macdonald –"): the last two words, three with an initial or a particle."""
    words = list(re.finditer(r"\S+", row.group(1)))
    honorific = next((w for w in words if w.group().lower().rstrip(".") in HONORIFICS), None)
    if honorific is not None:
        words = words[words.index(honorific) :]
        rest = [w.group() for w in words[1:]]
        surname = len(rest) == 1 and is_name_word(rest[0]) and word_key(rest[0]) not in NOT_NAMES  # "Dr Ahmed"
        return row.start(1) + words[0].start() if surname or _is_name(rest) else None
    keep = 3 if len(words) >= 3 and (is_initial(words[-2].group()) or words[-2].group().islower()) else 2
    words = words[-keep:]
    return row.start(1) + words[0].start() if _is_name([w.group() for w in words]) else None


def _is_name(words: list[str]) -> bool:
    names = [w for w in words if not is_initial(w)]
    return len(names) >= 2 - (len(words) - len(names)) and all(
        is_name_word(w) and word_key(w) not in NOT_NAMES and not head_word(w) and not is_post_word(w) for w in names
    )


def _dash_row(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    name_start: int,
    row: re.Match[str],
    row_end: int,
    present: bool,
) -> None:
    """ "Jane Smith – Head of Housing, Anytown Borough Council (representing X)"."""
    text = discourse.doc.text
    end = row_end
    while end > row.end() and text[end - 1] in " \t\n,;":
        end -= 1
    body_end = _before_notes(text, row.end(), end)
    sentence = Sentence(name_start, end, text[name_start:end], tokenize(text[name_start:end], name_start))
    person = _person(linker, sentence, name_start, row.end(1))
    if person is None:
        return
    _titled(linker, discourse, collector, sentence, person, row.end(), body_end, "row-dash")
    seat = role_of(row.group("note") or "")
    if seat:  # "(Chair)" after the name: the chair of the body the list is of
        _seat(linker, discourse, collector, sentence, person, seat, name_start, row.end())
    if present:
        _seat(linker, discourse, collector, sentence, person, "attendee", name_start, end)


def _before_notes(text: str, start: int, end: int) -> int:
    """Where a row's text in [start, end) ends before its separators and bracketed notes
    ("(representing X)", "(For Item 4.1)")."""
    body = text[start:end].rstrip(" \t\n,;")
    return start + len(re.sub(r"(?:\s*\([^()]*\))+\s*$", "", body))


def _seat(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    sentence: Sentence,
    person: Mention,
    role: str,
    start: int,
    end: int,
) -> None:
    """A person a list names, in ``role`` on the body the document is about (if known)."""
    person_id = resolve(linker, sentence, person)
    if discourse.subject and person_id:
        collector.propose(
            "memberships",
            {"member": person_id, "body": discourse.subject, "role": role},
            sentence,
            start,
            end,
            0.7 * person.certainty,
            f"list-{role}",
        )


def _person(linker: Linker, sentence: Sentence, start: int, end: int) -> Mention | None:
    name = sentence.between(start, end)
    first = name.split()[0]
    honorific = first if first.lower().rstrip(".") in HONORIFICS else None
    if honorific and len(name.split()) > 2:  # "Dr Ahmed": with no given name, the title stays
        start += len(name) - len(name[len(first) :].lstrip())
        name = name[len(first) :].strip()
    return linker.person(name, honorific, sentence, start, end)


def _titled(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    sentence: Sentence,
    person: Mention,
    start: int,
    end: int,
    rule: str,
) -> None:
    """The title and organisation printed in [start, end) for ``person``."""
    text = discourse.doc.text
    pieces = _pieces(text, start, end)
    while pieces and text[pieces[0][0]].islower():
        pieces.pop(0)  # "minutes / Senior Officer, Anytown Council": a note before the title
    start = pieces[0][0] if pieces else start
    if len(pieces) == 2 and _whose_first(text[pieces[0][0] : pieces[0][1]], text[pieces[1][0] : pieces[1][1]]):
        # "Anytown Police / Detective Inspector": the organisation printed first.
        (a, b), (c, d) = pieces
        _titled_split(linker, discourse, collector, sentence, person, c, d, a, b, rule)
        return
    if not pieces or not _titles(text[pieces[0][0] : pieces[0][1]]):
        return  # "Anytown Borough Council" alone: whom they represent, not a post
    # The last piece that names an organisation is whose the post is: "Director,
    # Specialist Services, CYPS, LB Lambeth". Failing one, the last of three or more.
    split = next(
        (i for i in range(len(pieces) - 1, 0, -1) if organisation_like(text[pieces[i][0] : pieces[i][1]])), None
    )
    if split is None and (len(pieces) >= 3 or (len(pieces) == 2 and _named(text[pieces[1][0] : pieces[1][1]]))):
        split = len(pieces) - 1
    title_end = pieces[split - 1][1] if split else pieces[-1][1]
    org = None
    if split:
        a, b = pieces[split][0], pieces[-1][1]
        found = discourse.entity(text[a:b], sentence, a, b)
        org = (found.id, b) if found and found.id else None
    post = Mention(start, title_end, text[start:title_end], "post", "", True, 0.9)
    appoint(sentence, [person, post], linker, discourse, collector, person, post, org, sentence.start, end, 0.85, rule)


def _titles(piece: str) -> bool:
    """A piece that names a post ("Detective Inspector", "Councillor")."""
    return any(is_post_word(w) or w.lower() == "councillor" for w in re.findall(r"[\w-]+", piece))


def _whose_first(first: str, second: str) -> bool:
    """ "Anytown Police", "Detective Inspector": a row that prints whose the post is
    before the post."""
    return not _titles(first) and (organisation_like(first) or _named(first)) and _titles(second)


def _named(piece: str) -> bool:
    """ "Certitude", "Lambeth Community Safety": capitalised words, one of them a proper
    name, and no post word: the second piece of a row's "Title, Whose" names an
    organisation the lexicon does not know, not a remit ("Children and Young People")."""
    words = re.findall(r"[\w'’&-]+", re.sub(r"\([^()]*\)", " ", piece))  # "(CESC)" spells the remit
    return (
        bool(words)
        and all(w[:1].isupper() or w in _JOINING for w in words)
        and not any(map(is_post_word, words))
        and any(word_key(w) not in NOT_NAMES and w not in _JOINING for w in words)
    )


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between commas, tabs, or spaced dashes, slashes or bars
    ("Head of Housing – Anytown Council"), brackets kept whole."""
    out, depth, pos = [], 0, start
    for i in range(start, end):
        c = text[i]
        depth += c == "("
        depth -= c == ")" and depth > 0
        if depth == 0 and (c in ",\t" or (c in "–—-/|" and text[i - 1 : i] == " " and text[i + 1 : i + 2] == " ")):
            out.append((pos, i))
            pos = i + 1
    out.append((pos, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a] in " \t\n":
            a += 1
        while b > a and text[b - 1] in " \t\n":
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


# --- " / " tables and glossaries ------------------------------------------------------


def _slash_lines(
    linker: Linker, discourse: Discourse, collector: Collector, glossary: bool, skip: tuple[tuple[int, int], ...] = ()
) -> Iterator[tuple[int, int]]:
    text = discourse.doc.text
    members = False
    for a, b in lines_of(text):
        if any(s < b and a < e for s, e in skip):
            continue  # read already, as a table's or an attendance block's row
        line = text[a:b]
        members = members or bool(re.search(r"\bMembers\b", line))
        if len(_CELL.findall(line)) < 2:
            continue
        cells = _cells(text, a, b)
        sentence = Sentence(a, b, line, tokenize(line, a))
        if (
            _glossary(linker, discourse, collector, text, cells, sentence)
            if glossary
            else _person_row(linker, discourse, collector, text, cells, sentence, members)
        ):
            yield a, b


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a " / " line (a slash inside brackets is the cell's own), with cells a
    PDF glued together ("Designated OfficerCAA") cut apart."""
    out, depth, pos = [], 0, start
    for m in re.finditer(r"[()]|[ \t]+/[ \t]+", text[start:end]):
        if m.group() == "(":
            depth += 1
        elif m.group() == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((pos, start + m.start()))
            pos = start + m.end()
    out.append((pos, end))
    cut = []
    for a, b in out:
        glue = _GLUED.search(text, a, b)
        if glue and glue.start() > a:
            cut += [(a, glue.start()), (glue.start(), b)]
        else:
            cut.append((a, b))
    return [(a, b) for a, b in cut if text[a:b].strip()]


def _glossary(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    text: str,
    cells: list[tuple[int, int]],
    sentence: Sentence,
) -> bool:
    """Pairs "ABC / Expansion" along the line."""
    found = False
    i = 0
    while i + 1 < len(cells):
        (a, b), (c, d) = cells[i], cells[i + 1]
        short = text[a:b].strip()
        if re.fullmatch(r"[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&]{0,6}", short):
            pair = Sentence(a, d, text[a:d], tokenize(text[a:d], a))
            if acronyms.define(pair, linker, discourse, collector, short, text[c:d].strip(), d):
                found = True
                i += 2
                continue
        i += 1
    return found


def _person_row(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    text: str,
    cells: list[tuple[int, int]],
    sentence: Sentence,
    members: bool,
) -> bool:
    """A row with one cell that is a person's name: the cell before is their title."""
    for k, (a, b) in enumerate(cells):
        if k == 0 or not _PERSON_CELL.fullmatch(text[a:b]):
            continue
        words = text[a:b].split()
        if not _is_name([w for w in words if w.lower().rstrip(".") not in HONORIFICS]):
            continue
        person = _person(linker, sentence, a, b)
        if person is None:
            continue
        ta, tb = cells[k - 1]
        title = text[ta:tb]
        chair = _CHAIR_OF.search(title)
        if chair:
            _chair_of(linker, discourse, collector, sentence, person, ta + chair.start("body"), ta + chair.end("body"))
            tb = ta + len(title[: chair.start()].rstrip())
            title = text[ta:tb]
        dash = _TITLE_ORG.search(title)
        tail = _TAIL_ORG.search(title)
        if dash and organisation_like(title[dash.end() :].split(" (")[0]):
            _titled_split(linker, discourse, collector, sentence, person, ta, ta + dash.start(), ta + dash.end(), tb)
        elif tail and organisation_like(tail.group("org")):
            _titled_split(
                linker, discourse, collector, sentence, person, ta, ta + tail.start() + 1, ta + tail.start("org"), tb
            )
        else:
            _titled(linker, discourse, collector, sentence, person, ta, tb, "row-cells")
        if members:
            _seat(linker, discourse, collector, sentence, person, "member", ta, b)
        return True
    return False


def _titled_split(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    sentence: Sentence,
    person: Mention,
    title_start: int,
    title_end: int,
    org_start: int,
    org_end: int,
    rule: str = "row-cells",
) -> None:
    """A title and whose it is, in either order: "Head of Housing – Anytown Borough
    Council", or "Anytown Police / Detective Inspector"."""
    text = discourse.doc.text
    org_text = re.sub(r"\s*\([^()]*\)\s*$", "", text[org_start:org_end])
    found = discourse.entity(org_text, sentence, org_start, org_start + len(org_text))
    org = (found.id, org_start + len(org_text)) if found and found.id else None
    post = Mention(title_start, title_end, text[title_start:title_end], "post", "", True, 0.9)
    appoint(
        sentence,
        [person, post],
        linker,
        discourse,
        collector,
        person,
        post,
        org,
        min(title_start, org_start),
        max(title_end, org_end),
        0.85,
        rule,
    )


def _chair_of(
    linker: Linker, discourse: Discourse, collector: Collector, sentence: Sentence, person: Mention, a: int, b: int
) -> None:
    """ "(SLSCB Chair)" in a title cell: the person chairs that body."""
    body = discourse.entity(sentence.between(a, b), sentence, a, b)
    role = role_of(sentence.text[b - sentence.start : b - sentence.start + 12]) or "chair"
    person_id = resolve(linker, sentence, person)
    if body and body.id and person_id:
        collector.propose(
            "memberships",
            {"member": person_id, "body": body.id, "role": role},
            sentence,
            a,
            person.end,
            0.8 * person.certainty,
            "row-chair",
        )


# --- flattened tables: "Jane Smith (JS) Title ..." ------------------------------------

_INITIALLED = re.compile(
    rf"({_HONORIFIC}?{_WORD}(?:[ \t]+{_WORD}){{1,3}})[ \t]+\({_HONORIFIC}?(?P<initials>[A-Z][A-Za-z]{{1,3}})\)"
)
_ROW_CELL = re.compile(rf"[ \t]*(?:/|[–—-](?:[ \t]*(?P<role>{_CHAIR_ROLE})[ \t]*/)?)[ \t]*")
MIN_ROWS = 3  # fewer "Name (NN)" than this is prose ("Jane Smith (JS) said ..."), not a table


def _initialled(linker: Linker, discourse: Discourse, collector: Collector) -> Iterator[tuple[int, int]]:
    text = discourse.doc.text
    rows = []
    for m in _INITIALLED.finditer(text):
        start = _initialled_start(m)
        if start is not None:
            rows.append((start, m))
    if len(rows) < MIN_ROWS:
        return
    members = bool(re.search(r"\bMembers\b", text[: rows[0][0]]))
    labels = _labels(text)
    for k, (start, m) in enumerate(rows):
        end = rows[k + 1][0] if k + 1 < len(rows) else min(len(text), m.end() + 200)
        sentence = Sentence(start, end, text[start:end], tokenize(text[start:end], start))
        person = _person(linker, sentence, start, m.end(1))
        if person is None:
            continue
        cell = _ROW_CELL.match(text, m.end(), end)
        if cell:
            # "Jane Smith (JS) / Head of Housing, Anytown Council": a row of its own, its
            # title and organisation read as in an attendance block.
            end = _line_end(text, cell.end(), end)
            _titled(
                linker,
                discourse,
                collector,
                sentence,
                person,
                cell.end(),
                _before_notes(text, cell.end(), end),
                "row-initials",
            )
        elif (title_end := _title_end(text, m.end(), end)) > m.end():
            a = m.end() + len(text[m.end() : title_end]) - len(text[m.end() : title_end].lstrip())
            post = Mention(a, title_end, text[a:title_end], "post", "", True, 0.9)
            # "Lay Member" in the members' table of the board the document is about: that board's
            own = (discourse.subject, title_end) if members and discourse.subject and _of_the_table(post.text) else None
            appoint(
                sentence,
                [person, post],
                linker,
                discourse,
                collector,
                person,
                post,
                own,
                start,
                title_end,
                0.8,
                "row-initials",
            )
        role = _list_role(labels, start, members, cell.group("role") if cell else None)
        if role:
            _seat(linker, discourse, collector, sentence, person, role, start, m.end() if role == "member" else end)
        yield start, end


def _list_role(labels: list[re.Match[str]], start: int, members: bool, printed: str | None) -> str | None:
    """The place on the document's body of a person a list names: the role printed in
    their row ("– Chair /"), else what the nearest label above the list says they are."""
    if printed:
        return role_of(printed) or "chair"
    label = next((m for m in reversed(labels) if m.end() <= start), None)
    if label is not None and label.group("present"):
        return "attendee"
    return "member" if members else None


def _initialled_start(m: re.Match[str]) -> int | None:
    """Where "Mei Lin Zhou (MZ)" starts: the longest run of name words before the
    brackets whose first and last initials are the bracketed ones ("Apols" is not)."""
    # "Independent ChairGeorge Marshman (GM)": a PDF ran two rows together, so a word
    # that turns from lower to upper case inside is two words.
    words = list(re.finditer(r"(?:[^\s]+?)(?=(?<=[a-z]{3})[A-Z][a-z]|\s|$)", m.group(1)))
    initials = m.group("initials")
    for k in range(len(words), 1, -1):
        tail = [w.group() for w in words[-k:]]
        honorific = tail[0].lower().rstrip(".") in HONORIFICS
        name = tail[1:] if honorific else tail
        if len(name) >= 2 and name[0][0] == initials[0] and name[-1][0] == initials[1] and _is_name(name):
            return m.start(1) + words[-k].start()
    return None


def _title_end(text: str, start: int, end: int) -> int:
    """Where the title after "Jane Smith (JS)" ends: at its post word ("Lay Member"), or
    after the remit that follows it up to the remit's own head word ("Director of
    Children's Services"); ``start`` if no title comes first."""
    toks = tokenize(text[start:end], start)
    head = next((k for k, t in enumerate(toks[:6]) if is_post_word(t.text)), None)
    if head is None or any(not (t.text[:1].isupper() or t.is_acronym or t.norm in _JOINING) for t in toks[:head]):
        return start
    n = head  # "Lead Cabinet Member": the title's last post word, before any remit
    while n + 1 < len(toks) and is_common(toks[n + 1].text) and not text[toks[n].end : toks[n + 1].start].strip():
        n += 1
        head = n if is_post_word(toks[n].text) else head
    if head + 1 < len(toks) and toks[head + 1].norm in ("of", "for"):
        own = next((k for k in range(head + 2, min(len(toks), head + 7)) if head_word(toks[k].text)), None)
        k = _remit_stop(text, toks, head + 2)  # "Director of Adults and Health | Health and Wellbeing Board"
        if k and (own is None or k < own):  # "Head of Safeguarding | East Anytown CCG"
            head = k - 1
        elif own is not None:
            head = own
    elif head + 1 < len(toks) and toks[head + 1].norm == "in":
        k = _remit_stop(text, toks, head + 2)  # "Consultant in Public Health | Anytown Council"
        head = k - 1 if k else head
    if head + 1 < len(toks) and text[toks[head].end : toks[head + 1].start].strip() in ("-", "–"):
        k = _remit_stop(text, toks, head + 1)  # "Assistant Director - Schools and SEN | CAF Board"
        head = k - 1 if k else head
    return toks[head].end


_JOINING = {"and", "of", "for", "the", "&", "in"}


def _remit_stop(text: str, toks: list[Token], r: int) -> int | None:
    """Where a title's remit starting at token r ends in a row a PDF ran together: at a
    slash, or before the next column's name (capitalised words ending in a head word,
    "Health and Wellbeing Board"), not inside the remit's own list ("Help, Partnership")."""
    for k in range(r + 1, min(len(toks), r + 8)):
        gap = text[toks[k - 1].end : toks[k].start]
        if "/" in gap:
            return k
        if "," in gap or toks[k - 1].norm in _JOINING or not (toks[k].text[:1].isupper() or toks[k].is_acronym):
            continue
        for e in range(k + 2, min(len(toks), k + 6) + 1):
            inner = [text[toks[n - 1].end : toks[n].start] for n in range(k + 1, e)]
            if any(g.strip() for g in inner) or not all(t.text[:1].isupper() or t.norm in _JOINING for t in toks[k:e]):
                break
            if head_word(toks[e - 1].text):
                # "Public Health Anytown County Council": the name starts at the proper word
                proper = next((n for n in range(k, e - 1) if not is_common(toks[n].text)), k)
                while proper > k and toks[proper - 1].norm in PLACE_PREFIXES:
                    proper -= 1
                return proper if all(is_common(t.text) for t in toks[k:proper]) else k
    return None


def _of_the_table(title: str) -> bool:
    """A title that is a place on the body whose members a table lists ("Lay Member")."""
    words = title.lower().split()
    return bool(words) and words[-1] in ("member", "members")


# --- columns printed one after another: N names, their N initials, then N titles ------

_NAME_LINE = re.compile(
    rf"(?P<name>{_HONORIFIC}?{_WORD}(?:[ \t]+{_WORD}){{1,3}})(?:[ \t]+\((?P<role>{_CHAIR_ROLE})\))?"
)
_INITIALS_LINE = re.compile(r"[A-Z][A-Za-z]{1,3}")


def _column_runs(linker: Linker, discourse: Discourse, collector: Collector) -> Iterator[tuple[int, int]]:
    """A table a PDF printed a column at a time: a line per name, then a line per set of
    initials in the same order (they prove the runs line up), then a line per title."""
    text = discourse.doc.text
    lines = [(a, b) for a, b in lines_of(text) if text[a:b].strip()]
    labels = _labels(text)
    n = 0
    while n < len(lines):
        names: list[tuple[int, re.Match[str]]] = []
        while n + len(names) < len(lines):
            a, b = lines[n + len(names)]
            m = _NAME_LINE.fullmatch(text[a:b].strip())
            words = m.group("name").split() if m else []
            if not m or not _is_name([w for w in words if w.lower().rstrip(".") not in HONORIFICS]):
                break
            names.append((a + len(text[a:b]) - len(text[a:b].lstrip()), m))
        k = n + len(names)
        initials = [text[a:b].strip() for a, b in lines[k : k + len(names)]]
        if len(names) < 2 or not all(_initials_fit(i, m.group("name")) for i, (_, m) in zip(initials, names)):
            n = k + 1 if not names else k
            continue
        t = k + len(names)
        while t < len(lines) and text[lines[t][0] : lines[t][1]].strip() in ("-", "–"):
            t += 1
        titles = lines[t : t + len(names)]
        if len(titles) < len(names):
            n = t
            continue
        for (start, m), (ta, tb) in zip(names, titles):
            _column_run_row(linker, discourse, collector, labels, start, m, ta, tb)
        yield names[0][0], titles[-1][1]
        n = t + len(names)


def _initials_fit(initials: str, name: str) -> bool:
    """ "LGS" are Lisa Golding-Smith's initials: the first is her first name's."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS]
    return bool(_INITIALS_LINE.fullmatch(initials)) and bool(words) and initials[0] == words[0][0]


def _column_run_row(
    linker: Linker,
    discourse: Discourse,
    collector: Collector,
    labels: list[re.Match[str]],
    start: int,
    name: re.Match[str],
    a: int,
    b: int,
) -> None:
    """One person of a table printed a column at a time: the name's line, the title's."""
    text = discourse.doc.text
    end = _before_notes(text, a, b)  # "(For Item 4.1)"
    sentence = Sentence(start, b, text[start:b], tokenize(text[start:b], start))
    person = _person(linker, sentence, start, start + len(name.group("name")))
    if person is None:
        return
    if end > a:
        _titled(linker, discourse, collector, sentence, person, a, end, "row-column-runs")
    role = _list_role(labels, start, False, name.group("role"))
    if role:
        _seat(linker, discourse, collector, sentence, person, role, start, start + len(name.group(0)))


# --- attendance tables flattened with their ticks: "Jane Smith ABC ✓ Head of Housing" --

_TICK = re.compile(r"[√✓✔]")


def _ticked(linker: Linker, discourse: Discourse, collector: Collector) -> Iterator[tuple[int, int]]:
    """An attendance table a PDF ran into one line, its columns name, agency, a tick for
    present, then the job title: the tick marks each row, the name is the two words
    before the agency (an acronym or a word or two), and the title runs to the next
    row's name. A deputy named after the tick is the deputy's, not the title."""
    text = discourse.doc.text
    ticks = list(_TICK.finditer(text))
    if len(ticks) < MIN_ROWS:
        return
    rows: list[tuple[int, int, int, str | None]] = []  # name start, name end, tick end, agency
    for n, tick in enumerate(ticks):
        since = ticks[n - 1].end() if n else max(0, tick.start() - 200)
        toks = [t for t in tokenize(text[since : tick.start()], since) if t.text not in ("-", "–")]
        for width in (1, 2):
            k = len(toks) - width - 2
            if k >= 0 and _row_name(toks, k) == 2:
                agency = toks[-1].text if width == 1 and toks[-1].is_acronym else None
                rows.append((toks[k].start, toks[k + 1].end, tick.end(), agency))
                break
    if len(rows) < MIN_ROWS:
        return
    labels = _labels(text)
    present = re.search(r"\bPresent\b", text[max(0, rows[0][0] - 300) : rows[0][0]])  # the ticks' column
    for n, (start, name_end, tick_end, agency) in enumerate(rows):
        end = rows[n + 1][0] if n + 1 < len(rows) else min(len(text), tick_end + 200)
        sentence = Sentence(start, end, text[start:end], tokenize(text[start:end], start))
        person = _person(linker, sentence, start, name_end)
        if person is None:
            continue
        after = tokenize(text[tick_end:end], tick_end)
        if (width := _row_name(after, 0)) and _title_post(after, width) is not None:
            after = after[width:]  # "√ Trish Grant Interim Director": the deputy who came
        title_start = after[0].start if after else end
        # The title is the rest of the row, up to any markup: it starts with a word titles
        # are made of, not a name ("Natalie Deputy Director"), and has a post word.
        title_end = title_start + len(re.split(r"<|\n|\s{2,}", text[title_start:end])[0].rstrip(" .,;"))
        title = tokenize(text[title_start:title_end], title_start)
        if (
            title
            and (is_common(title[0].text) or is_post_word(title[0].text) or title[0].is_acronym)
            and any(is_post_word(t.text) for t in title)
            and title[-1].norm not in _JOINING  # "Director of": the row cut off
            and "(" not in text[tick_end:title_end]  # "Jan (Vice Chair) Hemingway": columns interleaved
        ):
            org = None
            if agency:
                at = text.rfind(agency, start, tick_end)
                found = discourse.entity(agency, sentence, at, at + len(agency))
                org = (found.id, at + len(agency)) if found and found.id else None
            _appoint_title(linker, discourse, collector, sentence, person, (title_start, title_end), org, "row-ticked")
        role = "attendee" if present else _list_role(labels, start, False, None)
        if role:
            _seat(linker, discourse, collector, sentence, person, role, start, tick_end)
        yield start, end
