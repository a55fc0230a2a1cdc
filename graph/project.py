"""Where a govgraph project keeps its inputs and outputs.

Kept apart from the build so that every command can find its project without
importing the YAML loader, rdflib or the SHACL engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from graph.errors import InputError, Place

# The tool's own ontology, carried in the package (graph/ontology links to ontology/).
TOOL_ONTOLOGY = Path(str(files("graph") / "ontology"))


@dataclass
class Project:
    """Where a govgraph project keeps its inputs and outputs."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def facts(self) -> Path:
        return self.root / "data" / "facts"

    @property
    def shapes(self) -> Path:
        return self._ontology_file("shapes.ttl")

    @property
    def ontology(self) -> Path:
        return self._ontology_file("govgraph.ttl")

    def _ontology_file(self, name: str) -> Path:
        """A project may carry its own ontology/; otherwise the tool's own is used."""
        own = self.root / "ontology" / name
        return own if own.is_file() else TOOL_ONTOLOGY / name

    @property
    def out(self) -> Path:
        return self.root / "build"

    def require(self) -> None:
        """Fail early and clearly when run outside a project."""
        for path in (self.sources, self.facts):
            if not path.is_dir():
                raise InputError(
                    f"{path} not found: run in a govgraph project or pass --project DIR",
                    place=Place(str(path)),
                    rule="project",
                )
