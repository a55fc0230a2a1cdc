"""The README's tour is what the commands print (regenerate it with scripts/tour)."""

from __future__ import annotations

import io

import pytest
from cogapp import Cog

from graph.project import Project
from tests.support.projects import REPO


def test_the_tour_is_what_the_commands_print(corpus_built: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_TOUR", str(corpus_built.root))
    cog = Cog()
    cog.set_output(stdout=io.StringIO(), stderr=(errors := io.StringIO()))
    status = cog.main(["cog", "--check", "-p", "from tests.support.tour import show", str(REPO / "README.md")])
    assert status == 0, f"the README's tour has drifted: run scripts/tour\n{errors.getvalue()}"


def _pasted_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("```sparql\n", 1)[1].split("```", 1)[0]
    return [q.strip() for q in block.split("\n\n") if q.strip()]


@pytest.mark.parametrize("query", _pasted_queries(), ids=lambda q: q.splitlines()[0][:40])
def test_every_query_to_paste_answers_on_the_corpus(corpus_built: Project, query: str) -> None:
    from click.testing import CliRunner

    from graph.cli import cli

    body = "\n".join(line for line in query.splitlines() if not line.startswith("#"))
    result = CliRunner().invoke(cli, ["--project", str(corpus_built.root), "sparql", body, "--format", "csv"])
    assert result.exit_code == 0, result.output
    if body.lstrip().startswith("ASK"):
        assert result.output.strip() == "true"
    else:
        assert len(result.output.strip().splitlines()) > 1, "no rows"
