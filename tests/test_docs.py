"""Every command is documented: --help with an example, and a mention in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.project import Project

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"{name} --help has no example"
    assert f"govgraph {name}" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_in_the_readme(name: str) -> None:
    assert f"govgraph {name}" in README, f"README does not mention `govgraph {name}`"


def test_top_level_help_is_fast_to_import() -> None:
    import subprocess
    import sys

    code = "import sys, graph.cli; print(' '.join(sorted(m for m in ('rdflib', 'pyvis', 'networkx', 'pyoxigraph', 'pyshacl', 'pyrudof') if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "", f"importing the CLI loads {out.strip()}"


@pytest.mark.parametrize("argv", [["tree", "BSCB"], ["tree", "CDOP", "--up"], ["about", "CDOP"], ["below", "BSCB"]])
def test_the_structure_commands_do_not_load_networkx(argv: list[str], corpus_built: Project) -> None:
    """networkx takes about 100 ms to import: only the path questions (chain, explain) pay it."""
    import subprocess
    import sys

    code = (
        "import sys; from graph.cli import cli; cli.main(sys.argv[1:], standalone_mode=False); "
        "print('networkx' in sys.modules, file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "--project", str(corpus_built.root), *argv], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()
    assert run.stderr.strip().splitlines()[-1] == "False"
