"""The public example set: questions about the pack with expected answers.

Each entry of ``questions.yaml`` is run through the CLI (``ask`` for English
questions, or a structured command) on the real corpus build, in JSON, and every
expected string must occur in the answer (and no ``absent`` string may).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from graph.cli import cli
from graph.project import Project

QUESTIONS = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


def _text(value: Any) -> str:
    """Every string in an answer, lower-cased, for containment checks."""
    if isinstance(value, dict):
        return " | ".join(_text(v) for k, v in value.items() if k != "citations")
    if isinstance(value, list):
        return " | ".join(_text(v) for v in value)
    return str(value).lower() if value is not None else ""


def _id(case: dict[str, Any]) -> str:
    text = case.get("ask") or " ".join(case["command"])
    return text if len(text) <= 60 else text[:57] + "..."


def test_there_are_enough_questions() -> None:
    assert len(QUESTIONS) >= 40
    commands = {c["expect_command"] if "ask" in c else c["command"][0] for c in QUESTIONS}
    assert {
        "chairs",
        "members",
        "roles",
        "reports-to",
        "chain",
        "explain",
        "changes",
        "diff",
        "conflicts",
        "search",
    } <= commands


@pytest.mark.parametrize("case", QUESTIONS, ids=_id)
def test_question(corpus_built: Project, case: dict[str, Any]) -> None:
    args = ["ask", case["ask"]] if "ask" in case else list(case["command"])
    result = CliRunner().invoke(cli, ["--project", str(corpus_built.root), *args, "--format", "json"])
    assert result.exit_code == case.get("exit", 0), result.output
    if result.exit_code != 0:
        for expected in case.get("expect", []):
            assert expected.lower() in result.output.lower()
        return
    answer = json.loads(result.output)
    if "ask" in case:  # ask answers each part of a question; these ask one thing
        answer = answer["parts"][0]
        assert answer["notes"][-1].startswith(f"ran: govgraph {case['expect_command']}"), answer["notes"]
    text = _text(answer)
    for expected in case.get("expect", []):
        assert expected.lower() in text, f"{expected!r} not in answer"
    for unexpected in case.get("absent", []):
        assert unexpected.lower() not in text, f"{unexpected!r} should not be in answer"
    for row in answer["rows"]:
        for hop in row.get("hops", [row]):
            assert hop.get("citations") or answer["command"] == "search", "every row is cited"
