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
