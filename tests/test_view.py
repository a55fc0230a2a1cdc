"""The network view without a browser: its data, its escaping, its file, its command.

The browser tests (test_view_browser.py) check what a user sees; these check what the
page is made of, quickly, on the mini council and a synthetic index.
"""

from __future__ import annotations

import copy
import importlib.machinery
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graph.files
from benchmarks.view_synth import synthetic_index
from graph.analysis.timeline import holds_on, lifetimes, snapshot
from graph.build.index import load_index
from graph.cli import cli
from graph.errors import Ambiguous, InputError, NotFound
from graph.view import html as view_html
from graph.view import make_view, write_view
from graph.view.data import WARN_NODES, as_of, breakpoints, holds
from graph.view.html import render, script_json

HOSTILE = "<img src=x onerror=alert(1)> href </script><script>alert(2)</script> & \u2028\u2029 Zoë"


@pytest.fixture(scope="module")
def mini_index(mini_built: Any) -> dict[str, Any]:
    return load_index(mini_built.out)


@pytest.fixture(scope="module")
def mini_view(mini_index: dict[str, Any]) -> dict[str, Any]:
    return make_view(mini_index)


def _node(data: dict[str, Any], nid: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["id"] == nid)


def _edges(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in data["edges"] if e["kind"] == kind]


# -- the data --------------------------------------------------------------------------


def test_every_entity_and_document_is_a_node_of_its_type(mini_index: dict[str, Any], mini_view: dict[str, Any]) -> None:
    types = {n["id"]: n["type"] for n in mini_view["nodes"]}
    for eid, entity in mini_index["entities"].items():
        assert types[eid] == entity["type"]
    assert types["document:minutes"] == "document"
    assert {"organisation", "body", "person", "post", "document"} == set(types.values())


@pytest.mark.parametrize(
    ("kind", "pair", "label"),
    [
        ("reports-to", ("cdrp", "executive-group"), "reports to"),
        ("accountable-to", ("ascp", "anytown-council"), "accountable to"),
        ("funds", ("anytown-council", "ascp"), "funds"),
        ("part-of", ("executive-group", "ascp"), "part of"),
        ("membership", ("zoe-o-briain", "ascp"), "chair"),
        ("appointment", ("sam-patel", "anytown-dph"), "holds post"),
        ("post-of", ("anytown-dph", "anytown-council"), "post in"),
        ("change", ("north-ccg", "anytown-ccg"), "merged into"),
        ("change", ("alscb", "ascp"), "replaced by"),
    ],
)
def test_lines_have_kind_direction_and_label(
    mini_view: dict[str, Any], kind: str, pair: tuple[str, str], label: str
) -> None:
    hits = [e for e in _edges(mini_view, kind) if (e["from"], e["to"]) == pair]
    assert len(hits) == 1
    assert hits[0]["label"] == label


def test_planned_lines_are_marked_planned(mini_view: dict[str, Any]) -> None:
    planned = {(e["from"], e["to"]) for e in mini_view["edges"] if e["planned"]}
    assert planned == {("alscb", "ascp")}


def test_facts_carry_their_evidence_and_documents_their_title(mini_view: dict[str, Any]) -> None:
    cdrp = _node(mini_view, "cdrp")
    facts = [mini_view["facts"][i] for i in cdrp["facts"]]
    quotes = {ev["quote"] for f in facts for ev in f["evidence"]}
    assert "The Child Death Review Panel (CDRP)" in quotes
    assert "reports to the Executive Group" in quotes
    assert any(f["text"] == "Child Death Review Panel reports to Executive Group" for f in facts)
    assert mini_view["documents"]["minutes"] == {
        "title": "Anytown Safeguarding Children Partnership minutes, 12 March 2019",
        "date": "2019-03-12",
    }


def test_claims_about_a_change_are_shown_with_its_lines(mini_view: dict[str, Any]) -> None:
    (line,) = [e for e in _edges(mini_view, "change") if e["from"] == "alscb"]
    texts = [mini_view["facts"][i]["text"] for i in line["facts"]]
    assert texts[0].startswith("The Partnership replaces")
    assert "The Partnership replaces the Local Safeguarding Children Board: deadline is 2019-09" in texts[1:]
    assert len(texts) == 3


def test_search_names_include_acronyms_and_aliases(mini_view: dict[str, Any]) -> None:
    assert "CDRP" in _node(mini_view, "cdrp")["names"]
    assert "the Council" in _node(mini_view, "anytown-council")["names"]


# -- time ------------------------------------------------------------------------------


def test_intervals_follow_the_merger(mini_view: dict[str, Any]) -> None:
    assert _node(mini_view, "anytown-ccg")["start"] == "2018-04-01"
    assert _node(mini_view, "north-ccg")["end"] == "2018-03-31"
    assert mini_view["dates"] == ["2018-03-31", "2018-04-01", "2019-09-01"]


@pytest.mark.parametrize("day", ["2017-01-01", "2018-03-31", "2018-04-01", "2019-08-31", "2019-09-01", "2030-01-01"])
def test_the_pages_date_rule_agrees_with_the_timeline(
    mini_index: dict[str, Any], mini_view: dict[str, Any], day: str
) -> None:
    """The page filters by precomputed intervals; they must give timeline's snapshots."""
    when = date.fromisoformat(day)
    shown = {n["id"] for n in mini_view["nodes"] if n["type"] != "document" and holds(n, day)}
    assert shown == set(snapshot(mini_index, when)["entities"])
    spans = lifetimes(mini_index)
    for statement in mini_index["statements"]:
        if statement["type"] in ("relation", "membership", "appointment"):
            (line,) = [e for e in mini_view["edges"] if e["id"] == statement["id"]]
            assert holds(line, day) == holds_on(statement, when, spans), statement["id"]


def test_a_planned_line_without_a_start_is_in_force_on_no_date() -> None:
    index = synthetic_index(60, seed=3)
    relation = next(s for s in index["statements"] if s["type"] == "relation")
    relation["status"] = "planned"
    (line,) = [e for e in make_view(index)["edges"] if e["id"] == relation["id"]]
    assert line["planned"] and line["never"]
    assert not holds(line, "2018-06-01")


def test_breakpoints_are_starts_and_days_after_ends() -> None:
    items = [{"start": "2018-04-01", "end": None}, {"start": None, "end": "2019-09-30"}]
    assert breakpoints(items, []) == ["2018-03-31", "2018-04-01", "2019-10-01"]
    assert breakpoints([{"start": None, "end": None}], []) == []


def test_as_of_keeps_only_what_held(mini_view: dict[str, Any]) -> None:
    before = as_of(mini_view, date(2018, 3, 31))
    ids = {n["id"] for n in before["nodes"]}
    assert "north-ccg" in ids and "anytown-ccg" not in ids
    assert before["meta"]["as_of"] == "2018-03-31"
    assert all(e["from"] in ids and e["to"] in ids for e in before["edges"])
    assert not any(e["planned"] for e in as_of(mini_view, date(2019, 1, 1))["edges"])


# -- focus -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "depth", "expect"),
    [
        ("CDRP", 0, {"cdrp"}),
        ("CDRP", 1, {"cdrp", "executive-group", "sam-patel"}),
        (
            "Child Death Review Panel",
            2,
            {"cdrp", "executive-group", "sam-patel", "ascp", "anytown-dph"},
        ),
    ],
)
def test_focus_keeps_the_neighbourhood(mini_index: dict[str, Any], name: str, depth: int, expect: set[str]) -> None:
    data = make_view(mini_index, centre=name, depth=depth)
    assert {n["id"] for n in data["nodes"]} == expect
    assert data["meta"]["focus"] == "cdrp"
    assert not _edges(data, "source")


def test_focus_never_guesses(mini_index: dict[str, Any]) -> None:
    with pytest.raises(Ambiguous) as info:
        make_view(mini_index, centre="CCG")
    assert len(info.value.candidates) == 3
    with pytest.raises(NotFound):
        make_view(mini_index, centre="Ofsted")


def test_focus_on_an_entity_that_did_not_yet_exist(mini_index: dict[str, Any]) -> None:
    with pytest.raises(NotFound, match="did not exist on 2018-01-01"):
        make_view(mini_index, centre="NHS Anytown CCG", day=date(2018, 1, 1))


# -- the page: escaping, offline, deterministic ----------------------------------------


def test_script_json_cannot_end_the_script_element() -> None:
    text = script_json({"name": HOSTILE})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"name": HOSTILE}


def _hostile_index() -> dict[str, Any]:
    index = synthetic_index(40, seed=2)
    for entity in index["entities"].values():
        entity["name"] = HOSTILE
        entity["evidence"][0]["quote"] = HOSTILE
    for doc in index["documents"].values():
        doc["title"] = HOSTILE
    return index


def _strip_element_text(page: str) -> str:
    """The page without the text inside <script> and <style> (markup only)."""
    return re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", page, flags=re.DOTALL | re.IGNORECASE)


def test_hostile_text_never_reaches_the_markup() -> None:
    page = render(make_view(_hostile_index()))
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3, "only the page's own three scripts end"
    assert len(re.findall(r"<script\b", _strip_element_text(page), re.IGNORECASE)) == 3
    assert "<img" not in page
    assert HOSTILE not in page
    data = re.search(r'<script type="application/json" id="govgraph-data">(.*?)</script>', page, re.DOTALL)
    assert data and json.loads(data.group(1))["nodes"][0]["label"] == HOSTILE


def test_the_page_is_one_offline_file(mini_view: dict[str, Any]) -> None:
    page = render(mini_view)
    markup = _strip_element_text(page)
    assert not re.search(r"\s(src|href)\s*=", markup, re.IGNORECASE), "no element may load anything"
    assert not re.search(r"<(link|iframe|object|embed|img|base)\b", markup, re.IGNORECASE)
    assert "default-src 'none'" in markup
    for url in re.findall(r"url\(([^)]*)\)", page):
        assert url.strip("'\"").startswith("data:")
    assert "vis-network" in page and "@@" not in markup


def test_the_page_is_deterministic(mini_index: dict[str, Any]) -> None:
    assert render(make_view(mini_index)) == render(make_view(copy.deepcopy(mini_index)))


def test_missing_pyvis_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(view_html.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(InputError, match="pyvis"):
        view_html.vis_assets()


def fake_pyvis(monkeypatch: pytest.MonkeyPatch, package: Path) -> None:
    """Make the view find a pyvis package at ``package``."""
    spec = importlib.machinery.ModuleSpec("pyvis", None, is_package=True)
    spec.submodule_search_locations = [str(package)]
    monkeypatch.setattr(view_html.importlib.util, "find_spec", lambda name: spec)


def test_vis_network_moved_in_pyvis_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "lib" / "vis-9.1.2").mkdir(parents=True)  # the folder without its files
    fake_pyvis(monkeypatch, tmp_path)
    with pytest.raises(
        InputError, match=r"vis-network not found in the installed pyvis: looked for lib/vis-\*/"
    ) as error:
        view_html.vis_assets()
    assert "vis-network.min.js" in str(error.value) and str(tmp_path) in str(error.value)


def test_the_newest_vis_network_in_pyvis_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for version in ("9.1.2", "9.10.0", "10.0"):
        folder = tmp_path / ("templates/lib" if version == "10.0" else "lib") / f"vis-{version}"
        folder.mkdir(parents=True)
        (folder / "vis-network.min.js").write_text(
            f"var version = '{version}';\n//# sourceMappingURL=x.map\n", encoding="utf-8"
        )
        (folder / "vis-network.css").write_text(f"/* {version} */", encoding="utf-8")
    (tmp_path / "lib" / "vis-11.0").mkdir()  # incomplete: not a candidate
    fake_pyvis(monkeypatch, tmp_path)
    assert view_html.vis_assets() == ("var version = '10.0';\n", "/* 10.0 */")


def test_writes_only_the_output_file(mini_built: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "view.html"
    summary = write_view(mini_built.out, out)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "out",
        "out/view.html",
    ]
    assert (summary.nodes, summary.edges) == (12, 12) and summary.bytes == out.stat().st_size
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_failed_write_leaves_the_previous_page(
    mini_built: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "view.html"
    out.write_text("previous", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(graph.files.os, "replace", broken)
    with pytest.raises(InputError, match="cannot write here: disk full"):
        write_view(mini_built.out, out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert os.listdir(tmp_path) == ["view.html"]


# -- the command -----------------------------------------------------------------------


def _run(project: Any, *args: str) -> Any:
    return CliRunner().invoke(cli, ["--project", str(project.root), "view", *args])


def test_command_writes_the_page(mini_built: Any, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    result = _run(mini_built, "-o", str(out), "--focus", "CDRP", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 3 nodes, 2 lines" in result.output
    assert out.is_file()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--as-of", "2018-13-40"], 2, "invalid date '2018-13-40'"),
        (["--as-of", "yesterday"], 2, "invalid date"),
        (["--focus", "CCG"], 1, "Candidates: NHS Anytown CCG"),
        (["--focus", "Ofsted"], 1, "no entity matches"),
        (["--depth", "3"], 2, "--depth needs --focus"),
        (["--focus", "CDRP", "--depth", "-1"], 2, "Invalid value for '--depth'"),
    ],
)
def test_command_refuses_bad_input(mini_built: Any, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "v.html"
    result = _run(mini_built, "-o", str(out), *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_command_without_a_build_says_so(mini_project: Any) -> None:
    result = _run(mini_project)
    assert result.exit_code == 2
    assert "run `govgraph build` first" in result.output


def test_command_warns_above_the_threshold(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "index.json").write_text(json.dumps(synthetic_index(WARN_NODES + 50)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "view"])
    assert result.exit_code == 0, result.output
    assert f"{WARN_NODES + 50} nodes is more than {WARN_NODES}" in result.output
    assert (tmp_path / "build" / "view.html").is_file()


def test_synthetic_index_has_the_size_asked_for() -> None:
    data = make_view(synthetic_index(2000))
    entities = [n for n in data["nodes"] if n["type"] != "document"]
    assert len(entities) == 2000
    assert len([e for e in data["edges"] if e["kind"] != "source"]) > 2000
