"""The HTML view without a browser: its data, its escaping, its file, its command.

The browser tests (test_view_browser.py) check what a user sees; these check what the
page is made of, quickly, on the mini council and a synthetic index.
"""

from __future__ import annotations

import copy
import importlib.machinery
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import graph.files
from benchmarks.view_synth import synthetic_index
from graph.analysis.timeline import holds_on, lifetimes, snapshot
from graph.build.index import load_index
from graph.build.pipeline import build
from graph.cli import cli
from graph.errors import Ambiguous, InputError, NotFound
from graph.project import Project
from graph.questions.governance import Governance
from graph.view import html as view_html
from graph.view import make_view, write_view
from graph.view.data import WARN_NODES, as_of, breakpoints, holds
from graph.view.html import render, script_json
from graph.view.styles import styles
from tests.support.projects import FIXTURES, copy_project

HOSTILE = "<img src=x onerror=alert(1)> href </script><script>alert(2)</script> & \u2028\u2029 Zoë"


@pytest.fixture(scope="module")
def mini_index(mini_built: Any) -> dict[str, Any]:
    return load_index(mini_built.out)


@pytest.fixture(scope="module")
def mini_view(mini_index: dict[str, Any]) -> dict[str, Any]:
    return make_view(mini_index)


@pytest.fixture(scope="module")
def corpus_index(corpus_built: Any) -> dict[str, Any]:
    return load_index(corpus_built.out)


@pytest.fixture(scope="module")
def corpus_view(corpus_index: dict[str, Any]) -> dict[str, Any]:
    return make_view(corpus_index)


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


def _quotes(data: dict[str, Any], indexes: list[int]) -> list[str]:
    return [data["quotes"][i]["quote"] for i in indexes]


def test_facts_carry_their_evidence_and_documents_their_title(mini_view: dict[str, Any]) -> None:
    (line,) = [e for e in _edges(mini_view, "reports-to") if e["from"] == "cdrp"]
    (fact,) = [mini_view["facts"][i] for i in line["facts"]]
    assert fact["text"] == "Child Death Review Panel reports to Executive Group"
    assert _quotes(mini_view, fact["quotes"]) == ["reports to the Executive Group"]
    assert mini_view["quotes"][fact["quotes"][0]]["doc"] == "minutes"
    assert mini_view["documents"]["minutes"] == {
        "title": "Anytown Safeguarding Children Partnership minutes, 12 March 2019",
        "date": "2019-03-12",
    }


def test_each_quote_is_carried_once(mini_view: dict[str, Any]) -> None:
    keys = [(q["doc"], q["line"], q["quote"]) for q in mini_view["quotes"]]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "eid", ["cdrp", "ascp", "anytown-council", "zoe-o-briain", "sam-patel", "anytown-dph", "alscb"]
)
def test_an_entitys_card_is_what_govgraph_about_says(
    mini_index: dict[str, Any], mini_view: dict[str, Any], eid: str
) -> None:
    """The same rows, in the same order, with the same quotes, as the CLI's profile."""
    rows = Governance(mini_index).about(eid).rows
    card = mini_view["cards"][eid]
    assert [(r["section"], r["what"], r["what_id"]) for r in rows] == [(c["section"], c["what"], c["id"]) for c in card]
    assert [[q["quote"] for q in r["citations"]] for r in rows] == [_quotes(mini_view, c["quotes"]) for c in card]


def test_a_card_says_what_the_documents_dispute(corpus_index: dict[str, Any], corpus_view: dict[str, Any]) -> None:
    rows = {(c["section"], c["what"]) for c in corpus_view["cards"]["claire-bell"]}
    assert {("disputed: rank", "Chief Superintendent"), ("disputed: rank", "Detective Chief Superintendent")} <= rows


def test_a_glossary_term_stays_with_the_entity_it_names(corpus_view: dict[str, Any]) -> None:
    texts = [corpus_view["facts"][i]["text"] for i in _node(corpus_view, "cdop")["glossary"]]
    assert any(t.startswith("CDOP stands for") for t in texts)


# -- directions: how the charts place and point each kind of line ---------------------


@pytest.mark.parametrize(
    ("kind", "answers", "place", "inverse"),
    [
        ("reports-to", "up", "up", "reported to by"),
        ("part-of", "up", "up", "has as part"),
        ("oversees", "down", "down", "overseen by"),
        ("line-manages", "down", "down", "line-managed by"),
        ("scrutinises", "down", "", "scrutinised by"),  # across structures: drawn, not placed
        ("holds-to-account", "down", "", "held to account by"),
        ("funds", "", "", "funded by"),
        ("membership", "", "up", ""),
        ("safeguarding-partner-of", "", "down", "has safeguarding partner"),
        ("change", "", "down", ""),
    ],
)
def test_line_kinds_say_which_way_they_run(kind: str, answers: str, place: str, inverse: str) -> None:
    style = next(s for s in styles()["edges"] if s["id"] == kind)
    assert (style["answers"], style["place"], style["inverse"]) == (answers, place, inverse)


# -- before and after a change ----------------------------------------------------------


def _change(data: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in data["changes"] if c["id"] == cid)


def _line_states(data: dict[str, Any], change: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    edges = {e["id"]: e for e in data["edges"]}
    return {(edges[i]["from"], edges[i]["kind"], edges[i]["to"]): st for i, st in change["lines"].items()}


def test_a_dated_merger_ends_and_starts_its_entities(mini_view: dict[str, Any]) -> None:
    merger = _change(mini_view, "ccg-merger")
    assert (merger["basis"], merger["day_before"], merger["day_after"]) == ("dated", "2018-03-31", "2018-04-01")
    assert merger["nodes"] == {"north-ccg": "ended", "south-ccg": "ended", "anytown-ccg": "started"}
    assert _line_states(mini_view, merger) == {
        ("north-ccg", "change", "anytown-ccg"): "change",
        ("south-ccg", "change", "anytown-ccg"): "change",
    }


def test_a_planned_change_is_applied_from_its_own_date(mini_view: dict[str, Any]) -> None:
    """The Partnership replaces the Board from September 2019: its lines start then."""
    change = _change(mini_view, "ascp-replaces-alscb")
    assert (change["basis"], change["day_before"], change["day_after"]) == ("planned", "2019-08-31", "2019-09-01")
    assert change["nodes"]["alscb"] == "ended" and change["nodes"]["ascp"] == "started"
    assert change["nodes"]["anytown-council"] == "kept"
    states = _line_states(mini_view, change)
    assert states[("executive-group", "reports-to", "ascp")] == "added"
    assert states[("ascp", "accountable-to", "anytown-council")] == "added"
    assert states[("zoe-o-briain", "membership", "ascp")] == "added"  # who chairs what it creates
    assert states[("alscb", "change", "ascp")] == "change"
    assert ("anytown-council", "funds", "ascp") not in states  # money is not a line of accountability


def test_a_line_the_documents_disagree_about_says_so(mini_view: dict[str, Any]) -> None:
    (line,) = [e for e in mini_view["edges"] if e["id"] == "ascp-replaces-alscb:0"]
    assert line["disputed"] == ["deadline"]
    assert all(not e["disputed"] for e in mini_view["edges"] if e["id"] != line["id"])


def test_the_move_to_masa(corpus_view: dict[str, Any]) -> None:
    """Undated and planned: drawn as if made after the latest document, the Board's lines
    ending and the three safeguarding partners' lines to the new arrangements starting."""
    masa = _change(corpus_view, "masa-replaces-lscb")
    assert (masa["basis"], masa["day_before"], masa["day_after"]) == ("undated", "2018-10-31", "2018-11-01")
    assert masa["planned"]
    assert masa["nodes"]["bscb"] == "ended" and masa["nodes"]["birmingham-masa"] == "started"
    states = _line_states(corpus_view, masa)
    assert states[("bscb", "holds-to-account", "bcc")] == "removed"
    assert states[("bscb", "presents-to", "cso-committee")] == "removed"
    assert states[("penny-thompson", "membership", "bscb")] == "removed"
    for partner in ("bcc", "bsol-ccg", "west-midlands-police"):
        assert states[(partner, "safeguarding-partner-of", "birmingham-masa")] == "added"
    assert states[("cso-committee", "part-of", "bcc")] == "kept"
    (line,) = [e for e in corpus_view["edges"] if e["id"] == "masa-replaces-lscb:0"]
    assert line["disputed"] == ["deadline", "legislation"]
    deadlines = {corpus_view["facts"][i]["text"] for i in masa["facts"]}
    assert (
        "Birmingham's Multi-Agency Safeguarding Arrangements replace the Local Safeguarding Children Board (BSCB): deadline is 2019-09-29"
        in deadlines
    )


def test_the_childrens_trust_takes_over_childrens_social_care(corpus_view: dict[str, Any]) -> None:
    move = _change(corpus_view, "birmingham-childrens-services-to-trust")
    assert (move["basis"], move["day_before"], move["day_after"]) == ("dated", "2018-03-31", "2018-04-01")
    assert move["nodes"]["birmingham-childrens-trust"] == "started" and move["nodes"]["bcc"] == "kept"
    states = _line_states(corpus_view, move)
    assert states[("bcc", "holds-to-account", "birmingham-childrens-trust")] == "added"
    assert states[("cso-committee", "scrutinises", "birmingham-childrens-trust")] == "added"
    assert "removed" not in states.values()


def test_every_line_a_change_draws_is_a_line_of_the_page(corpus_view: dict[str, Any]) -> None:
    edges = {e["id"] for e in corpus_view["edges"]}
    nodes = {n["id"] for n in corpus_view["nodes"]}
    for change in corpus_view["changes"]:
        assert set(change["lines"]) <= edges, change["id"]
        assert set(change["nodes"]) <= nodes, change["id"]
        assert set(change["nodes"].values()) <= {"kept", "ended", "started"}


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


# -- areas -----------------------------------------------------------------------------

SECOND_AREA = FIXTURES / "view" / "areas"


def two_areas(dest: Path, second: str = "Westmere") -> Project:
    """The mini council (Anytown) beside a second area named ``second``, built: that
    area has a Child Death Review Panel (CDRP) too, and Ofsted, a national body,
    inspects a council of each."""
    project = copy_project(FIXTURES / "mini" / "data", dest)
    shutil.copytree(SECOND_AREA / "data", project.root / "data", dirs_exist_ok=True)
    manifest = project.root / "data" / "sources" / "manifest.yaml"
    more = (SECOND_AREA / "manifest.yaml").read_text(encoding="utf-8")
    more = more.replace("area: Westmere", f"area: {json.dumps(second)}")  # JSON strings are YAML strings
    manifest.write_text(manifest.read_text(encoding="utf-8") + more, encoding="utf-8")
    build(project)
    return project


@pytest.fixture(scope="module")
def areas_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return two_areas(tmp_path_factory.mktemp("areas"))


@pytest.fixture(scope="module")
def areas_index(areas_built: Project) -> dict[str, Any]:
    return load_index(areas_built.out)


def _entity_areas(data: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n["area"] for n in data["nodes"] if n["type"] != "document"}


def test_each_node_and_change_carries_its_area(areas_index: dict[str, Any]) -> None:
    data = make_view(areas_index)
    assert _entity_areas(data) == {eid: e["area"] for eid, e in areas_index["entities"].items()}
    assert {"cdrp": "Anytown", "westmere-cdrp": "Westmere", "ofsted": "national"}.items() <= _entity_areas(data).items()
    assert _node(data, "document:westmere-notes")["area"] == "Westmere"
    assert _node(data, "document:minutes")["area"] == "Anytown"
    assert data["meta"]["areas"] == ["Anytown", "Westmere"]
    assert data["meta"]["area"] is None
    assert {c["id"]: c["areas"] for c in data["changes"]} == {
        "ccg-merger": ["Anytown"],
        "ascp-replaces-alscb": ["Anytown"],
        "wsp-replaces-westmere-lscb": ["Westmere"],
    }


def test_a_page_of_one_area_has_nothing_to_filter(mini_view: dict[str, Any]) -> None:
    assert mini_view["meta"]["areas"] == ["Anytown"]


@pytest.mark.parametrize(
    ("asked", "area", "other"), [("westmere", "Westmere", "Anytown"), ("Anytown", "Anytown", "Westmere")]
)
def test_a_page_of_one_area_holds_it_and_the_national_bodies(
    areas_index: dict[str, Any], asked: str, area: str, other: str
) -> None:
    data = make_view(areas_index, area=asked)
    assert data["meta"]["area"] == area and data["meta"]["areas"] == [area]
    wanted = {eid for eid, e in areas_index["entities"].items() if e["area"] in (area, "national")}
    assert set(_entity_areas(data)) == wanted and {"ofsted", "dfe"} <= wanted
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    council = {"Westmere": "westmere-council", "Anytown": "anytown-council"}
    inspects = {(e["from"], e["to"]) for e in _edges(data, "inspects")}
    assert inspects == {("ofsted", council[area])}, "Ofsted's line to the other area's council is not on the page"
    assert {a for c in data["changes"] for a in c["areas"]} == {area}
    named = {row["id"] for rows in data["cards"].values() for row in rows if row["id"]}
    assert named <= ids | {c["id"] for c in data["changes"]}, "a card names nothing of the other area"
    # Each fact is quoted from the area's own documents where it can be: Ofsted from
    # the area's, the Department for Education (named only by Anytown's note) from that.
    assert all(q["doc"] in data["documents"] for q in data["quotes"])
    own = {d for d, m in areas_index["documents"].items() if m["area"] == area}
    assert set(data["documents"]) == own | {"anytown-inspection"}
    ofsted = {data["quotes"][i]["doc"] for row in data["cards"]["ofsted"] for i in row["quotes"]}
    assert ofsted == ({"westmere-notes"} if area == "Westmere" else {"anytown-inspection"})
    page = render(data)
    for entity in areas_index["entities"].values():
        if entity["area"] == other and entity["name"] != "Child Death Review Panel":  # a name both areas use
            assert entity["name"] not in page


def test_names_on_a_page_of_one_area_resolve_within_it(areas_index: dict[str, Any]) -> None:
    with pytest.raises(Ambiguous):
        make_view(areas_index, centre="CDRP")
    assert make_view(areas_index, centre="CDRP", area="Westmere")["meta"]["focus"] == "westmere-cdrp"
    assert make_view(areas_index, centre="CDRP", area="Anytown")["meta"]["focus"] == "cdrp"
    assert make_view(areas_index, change="WSP", area="Westmere")["meta"]["change"] == "wsp-replaces-westmere-lscb"
    with pytest.raises(NotFound):
        make_view(areas_index, change="wsp-replaces-westmere-lscb", area="Anytown")


# -- the page: escaping, offline, deterministic ----------------------------------------


def test_script_json_cannot_end_the_script_element() -> None:
    text = script_json({"name": HOSTILE})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"name": HOSTILE}


def _hostile_index() -> dict[str, Any]:
    index = synthetic_index(40, seed=2)
    for i, entity in enumerate(index["entities"].values()):
        entity["name"] = HOSTILE
        entity["evidence"][0]["quote"] = HOSTILE
        entity["area"] = f"{HOSTILE} {i % 2}"  # two areas: the page filters by them
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
    assert json.loads(data.group(1))["meta"]["areas"] == [f"{HOSTILE} 0", f"{HOSTILE} 1"]


def test_the_page_is_one_offline_file(mini_view: dict[str, Any]) -> None:
    page = render(mini_view)
    markup = _strip_element_text(page)
    assert not re.search(r"\s(src|href)\s*=", markup, re.IGNORECASE), "no element may load anything"
    assert not re.search(r"<(link|iframe|object|embed|img|base)\b", markup, re.IGNORECASE)
    assert "default-src 'none'" in markup
    for url in re.findall(r"url\(([^)]*)\)", page):
        assert url.strip("'\"").startswith("data:")
    assert "vis-network" in page and "@@" not in markup


@pytest.mark.parametrize("name", view_html.JS_FILES)
def test_the_pages_own_script_never_parses_text_as_markup_or_code(name: str) -> None:
    """Names reach the page as data: shown with textContent or on the canvas, never
    through an HTML or code parser."""
    script = (view_html.ASSETS / name).read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        'setAttribute("on',
    ):
        assert sink not in script, f"{name} uses {sink}"


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
        (["--change", "ccg-merger", "--focus", "CDRP"], 2, "--change draws its own two days"),
        (["--change", "ccg-merger", "--as-of", "2018-01-01"], 2, "drop --focus and --as-of"),
        (["--change", "Ofsted"], 1, "no change"),
        (["--change", "Executive Group"], 1, "no change event involves Executive Group"),
        (["--change", 'x" } <script>alert(1)</script>'], 1, "no change"),
    ],
)
def test_command_refuses_bad_input(mini_built: Any, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "v.html"
    result = _run(mini_built, "-o", str(out), *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "cid"),
    [
        ("ccg-merger", "ccg-merger"),
        ("North and South Anytown CCGs merge into NHS Anytown CCG", "ccg-merger"),
        ("North Anytown CCG", "ccg-merger"),  # the one change that ends it
        ("the partnership replaces the local safeguarding children board", "ascp-replaces-alscb"),
        ("Anytown Local Safeguarding Children Board", "ascp-replaces-alscb"),
    ],
)
def test_command_writes_a_page_opening_on_a_change(mini_built: Any, tmp_path: Path, name: str, cid: str) -> None:
    out = tmp_path / "change.html"
    result = _run(mini_built, "-o", str(out), "--change", name)
    assert result.exit_code == 0, result.output
    label = next(c["label"] for c in make_view(load_index(mini_built.out))["changes"] if c["id"] == cid)
    assert f"It opens on the structure before and after: {label}" in result.output
    data = re.search(
        r'<script type="application/json" id="govgraph-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.DOTALL
    )
    assert data and json.loads(data.group(1))["meta"]["change"] == cid


def _page_data(path: Path) -> dict[str, Any]:
    data = re.search(
        r'<script type="application/json" id="govgraph-data">(.*?)</script>',
        path.read_text(encoding="utf-8"),
        re.DOTALL,
    )
    assert data
    return dict(json.loads(data.group(1)))


def test_command_writes_a_page_of_one_area(areas_built: Project, tmp_path: Path) -> None:
    out = tmp_path / "westmere.html"
    result = _run(areas_built, "--area", "WESTMERE", "-o", str(out), "--focus", "CDRP", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert "It shows Westmere and the national bodies only" in result.output
    data = _page_data(out)
    assert data["meta"]["area"] == "Westmere" and data["meta"]["focus"] == "westmere-cdrp"
    assert set(_entity_areas(data).values()) <= {"Westmere", "national"}


@pytest.mark.parametrize("area", ["Nowhere", "national", "<b>x</b>"])
def test_command_refuses_an_unknown_area(areas_built: Project, tmp_path: Path, area: str) -> None:
    out = tmp_path / "v.html"
    result = _run(areas_built, "-o", str(out), "--area", area)
    assert result.exit_code == 2
    assert result.output == f"Error: bad-argument: unknown area '{area}'; the documents describe: Anytown, Westmere\n"
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
