"""Plain-English questions -> one of the governance questions, or an honest "can't".

A small set of patterns, tried in order; each names the command it maps to, so the
user learns the structured form. Dates in the question ("on 1 April 2018", "in 2017",
"before April 2018") become ``--as-of``. Nothing is guessed: a question that matches
no pattern gets the nearest commands as suggestions.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from graph.dates import MONTHS, read_date
from graph.errors import InputError, NotFound
from graph.names import check_text
from graph.questions.intents import Intent

MAX_QUESTION = 500

_DAY_MONTH_YEAR = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\s+\d{4}"
DATE = rf"(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?|{_DAY_MONTH_YEAR}|\d{{4}})"


# (pattern, command, groups used as arguments). Names are captured lazily and trimmed.
PATTERNS: list[tuple[str, str]] = [
    (r"(?:what|which) (?:changed|changes|happened)(?: were there)?(?: between (?P<from>{D}) and (?P<to>{D}))", "changes"),
    (r"(?:what|which) (?:changed|changes|happened)(?: were there)?(?: (?:on|in|during) (?P<on>{D}))?", "changes"),
    (r"(?:what|which) changes (?:are|were|is) (?:planned|in force|recorded)", "changes"),
    (r"(?:what is the )?diff(?:erence)? between (?P<d1>{D}) and (?P<d2>{D})", "diff"),
    (r"(?:who (?:was|is|were|will be) (?:accountable|answerable|reporting) to whom|what (?:changes|changed|will change)|"
     r"how (?:do|does|did|will) (?:the )?(?:lines|accountability|governance)(?: lines)? change) "
     r"(?:before and after|with|across|in) (?:the )?(?:move to |merger of |creation of |transition to )?(?P<change>.+)", "diff"),
    (r"(?:where|what) do(?:es)? (?:the )?(?:documents|sources|pack) (?:disagree|conflict)(?: about)?.*|(?:list |show )?(?:the )?conflicts", "conflicts"),
    (r"how (?:is|are|does|do) (?P<a>.+?) (?:connected|linked|related|accountable|answerable) (?:to|with) (?P<b>.+)", "explain"),
    (r"what (?:links|connects) (?P<a>.+?) (?:and|to|with) (?P<b>.+)", "explain"),
    (r"(?:who|what) (?:chairs|chaired|co-chairs|co-chaired|vice-chairs|leads|led|heads|headed)(?: up)? (?P<x>.+)", "chairs"),
    (r"who (?:is|was|are|were) (?:the )?(?:co-|vice[- ]|deputy |independent )?chair(?:s|man|person)?(?: of| for)? (?P<x>.+)", "chairs"),
    (r"(?:who is )?(?:the )?chair(?:s)? of (?P<x>.+)", "chairs"),
    (r"who (?:sits|sit|serves|serve|is|are|were|was) on (?P<x>.+)", "members"),
    (r"(?:who|which organisations) (?:are|were|is) (?:the )?members? of (?P<x>.+)", "members"),
    (r"(?:list |show )?(?:the )?(?:members|membership) of (?P<x>.+)", "members"),
    (r"(?:what is the )?(?:accountability )?chain (?:of|for|from|above) (?P<x>.+)", "chain"),
    (r"(?:who|what) (?:does|do|did) (?P<x>.+?) (?:ultimately )(?:report|answer)(?:s)? (?:to|into)", "chain"),
    (r"(?:who|what) (?:does|do|did) (?P<x>.+?) (?:report|answer|present)(?:s)? (?:to|into)", "reports-to"),
    (r"(?:who|what) (?:is|are|was|were) (?P<x>.+?) (?:accountable|answerable|reporting) to", "reports-to"),
    (r"(?:who|what) (?:oversees|scrutinises|scrutinizes) (?P<x>.+)", "reports-to"),
    (r"(?:to )?whom (?:does|do) (?P<x>.+?) report", "reports-to"),
    (r"what (?:roles|posts|positions|jobs) (?:does|did) (?P<x>.+?) (?:hold|have|do|occupy)", "roles"),
    (r"what (?:does|did) (?P<x>.+?) do", "roles"),
    (r"(?:what are )?(?:the )?roles of (?P<x>.+)", "roles"),
    (r"what (?:is|was|are|were) (?P<x>.+?)(?:'s|’s|s') (?:role|roles|post|posts|job|title)s?", "roles"),
    (r"who (?:is|was) (?P<x>.+)", "roles"),
    (r"who are (?P<x>.+)", "members"),
    (r"(?:find|search(?: for)?|look up|what is|what are|what was) (?P<x>.+)", "search"),
]

AS_OF = [
    (rf"\s*,?\s*(?:as of|as at|on|at) (?P<d>{DATE})\s*$", 0),
    (rf"\s*,?\s*in (?P<d>{DATE})\s*$", 0),
    (rf"\s*,?\s*before (?P<d>{DATE})\s*$", -1),
    (rf"\s*,?\s*after (?P<d>{DATE})\s*$", 1),
]


def _clean(question: str) -> str:
    text = " ".join(question.split())
    return re.sub(r"[?!.]+$", "", text).strip()


def _pop_as_of(text: str) -> tuple[str, date | None]:
    """Take a trailing date phrase off the question; it becomes --as-of."""
    for pattern, shift in AS_OF:
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m:
            span = read_date(m.group("d"))
            if span is None:
                continue
            day = span[0] - timedelta(days=1) if shift < 0 else (span[1] + timedelta(days=1) if shift > 0 else span[0])
            return text[: m.start()].strip(), day
    return text, None


def parse_question(question: str) -> Intent:
    """Map a question to an Intent, or raise NotFound suggesting the nearest commands."""
    check_text(question, "question", limit=MAX_QUESTION)
    text = _clean(question)
    # First without a trailing date phrase (it becomes --as-of), then the whole text.
    for candidate, as_of in (_pop_as_of(text), (text, None)):
        for raw, command in PATTERNS:
            if as_of and command in ("changes", "diff"):
                continue
            m = re.fullmatch(raw.replace("{D}", DATE), candidate, flags=re.IGNORECASE)
            if m:
                return _intent(command, m, as_of)
    raise NotFound(
        f"cannot map the question {question!r} to a command",
        candidates=[
            'govgraph chairs BODY ("who chairs the CDOP?")',
            'govgraph reports-to BODY ("who does the YOS board report to?")',
            'govgraph roles PERSON ("what roles does Penny Thompson hold?")',
            'govgraph members BODY, chain BODY, explain A B, changes, diff D1 D2, conflicts, search TEXT',
        ],
    )


def _intent(command: str, m: re.Match[str], as_of: date | None) -> Intent:
    groups = {k: v.strip() for k, v in m.groupdict().items() if v}
    if command == "changes":
        if "on" in groups:
            return Intent("changes", options={"start": _span(groups["on"])[0], "end": _span(groups["on"])[1]})
        if "from" in groups:
            return Intent("changes", options={"start": _span(groups["from"])[0], "end": _span(groups["to"])[1]})
        return Intent("changes")
    if command == "diff" and "change" in groups:
        return Intent("diff", options={"change": _name(groups["change"])})
    if command == "diff":
        return Intent("diff", (_span(groups["d1"])[0], _span(groups["d2"])[0]))
    if command == "conflicts":
        return Intent("conflicts")
    if command == "explain":
        return Intent("explain", (_name(groups["a"]), _name(groups["b"])), as_of)
    return Intent(command, (_name(groups["x"]),), as_of)


def _span(text: str) -> tuple[date, date]:
    span = read_date(text)
    if span is None:
        raise InputError(f"cannot read the date {text!r}", rule="bad-date")
    return span


def _name(text: str) -> str:
    """Trim what is not part of a name: a leading article, trailing punctuation."""
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    return text.strip(" '\"")
