"""Shared fixtures: a tiny hand-made council, one synthetic area and the real corpus, each built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build.pipeline import build
from graph.project import Project
from tests.support.projects import FIXTURES, REPO, copy_project


@pytest.fixture
def mini_project(tmp_path: Path) -> Project:
    """A fresh, unbuilt copy of the mini council (safe to corrupt)."""
    return copy_project(FIXTURES / "mini" / "data", tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini council, built once per session (do not modify)."""
    project = copy_project(FIXTURES / "mini" / "data", tmp_path_factory.mktemp("mini"))
    build(project)
    return project


@pytest.fixture(scope="session")
def corpus_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real Birmingham corpus, built once per session (do not modify)."""
    project = copy_project(REPO / "data", tmp_path_factory.mktemp("corpus"))
    build(project)
    return project


@pytest.fixture(scope="session")
def synth_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One synthetic area (benchmarks/synth.py), built by the real pipeline once per session."""
    from benchmarks.synth import write_project

    root = tmp_path_factory.mktemp("synth")
    write_project(root, areas=1)
    project = Project(root)
    build(project, shacl=False)
    return project
