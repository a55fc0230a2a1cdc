"""Judging answers to the blind question set (tests/questions/*.yaml).

An answer is right when the command exits as expected and every expected name is in
what it answers. "What it answers" is every value of its rows (not the quotes), plus
every name, alias and acronym of each entity a row points to, so that "BSCB" and
"Birmingham Safeguarding Children Board" are the same answer. A date expected in
English ("October 2017") also matches its ISO form (2017-10).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from click.testing import CliRunner

from graph.cli import cli
from graph.dates import find_dates
from graph.names import normalise

ID_KEYS = re.compile(r"(^id$|_id$)")
# A number as the documents may write it.
NUMBERS = {
    n: [str(n), word, *extra]
    for n, word, *extra in [
        (1, "one", "once", "a single"),
        (2, "two", "twice"),
        (3, "three", "thrice"),
        (4, "four"),
        (5, "five"),
        (6, "six"),
        (7, "seven"),
        (8, "eight"),
        (9, "nine"),
        (10, "ten"),
        (11, "eleven"),
        (12, "twelve"),
    ]
}


@dataclass
class Verdict:
    ok: bool
    why: str
    output: str


def run(project: str, argv: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", project, *argv, "--format", "json", "--no-cite"])
    return result.exit_code, result.output


def _norm(text: str) -> str:
    """Normalised for comparison: hyphens are spaces ("deputy-chair" = "Deputy Chair")."""
    return normalise(text.replace("-", " "))


def answer_text(output: str, index: dict[str, Any]) -> str:
    """Everything an answer says, normalised, with the names of the entities it points to."""
    try:
        data = json.loads(output)
    except ValueError:
        return _norm(output)
    words: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("citations", "question", "command", "notes"):
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif value is not None:
            words.append(str(value))
            if ID_KEYS.search(key) and isinstance(value, str):
                e = index["entities"].get(value)
                if e:
                    words.extend([e["name"], *e.get("aliases", []), *e.get("acronyms", [])])

    walk(data)
    return " | ".join(_norm(w) for w in words)


def _forms(expected: str) -> list[str]:
    forms = []
    for alt in expected.split(" | "):
        forms.append(_norm(alt))
        for d in find_dates(alt):
            forms.append(_norm(d.iso))
    return [f for f in forms if f]


def _contains(text: str, form: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


def judge(question: dict[str, Any], code: int, output: str, index: dict[str, Any]) -> Verdict:
    """Whether the output answers the question as the documents do."""
    if question["answer"] == "not-stated" and code == 1:
        return Verdict(True, "", output)  # "not found" answers with no name, whatever it restates
    text = answer_text(output, index)
    for name in question.get("expect_not") or []:
        if any(_contains(text, f) for f in _forms(name)):
            return Verdict(False, f"gives {name!r}, which it should not", output)
    if question["answer"] == "not-stated":
        return Verdict(False, f"exit {code}: should say the documents do not say", output)
    if code != 0:
        return Verdict(False, f"exit {code}", output)
    for name in question.get("expect") or []:
        if not any(_contains(text, f) for f in _forms(name)):
            return Verdict(False, f"{name!r} not in the answer", output)
    count = question.get("count")
    if count is not None and not any(_contains(text, f) for f in NUMBERS.get(int(count), [str(count)])):
        return Verdict(False, f"count {count} not in the answer", output)
    return Verdict(True, "", output)
