"""Throwaway govgraph projects for the tests: the repository's data or a fixture's."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.project import Project

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "tests" / "fixtures"


def copy_project(src_data: Path, dest: Path) -> Project:
    """A throwaway project: the given data/ plus the repository's ontology/."""
    shutil.copytree(src_data, dest / "data")
    shutil.copytree(REPO / "ontology", dest / "ontology")
    return Project(dest)
