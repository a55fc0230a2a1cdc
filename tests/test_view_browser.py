"""The HTML view in a real browser: Debian's Chromium driven by Playwright.

Every page is opened from file:// with the browser offline and every request other
than the page itself (and in-memory blob: and data: addresses) refused and recorded; each test also fails on any dialog
(alert), page error or console error. Never run `playwright install`: the browser is
/usr/bin/chromium (scripts/test installs it).
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from benchmarks.view_synth import synthetic_index
from graph.build.pipeline import build
from graph.files import write_atomic
from graph.project import Project
from graph.view import make_view, write_view
from graph.view.data import WARN_NODES
from graph.view.html import render
from tests.support.chromium import ARGS, CHROMIUM
from tests.support.projects import FIXTURES, REPO, copy_project
from tests.test_view import two_areas

pytestmark = pytest.mark.browser

HOSTILE_BODY = "<img src=x onerror=alert(1)> href Panel"
HOSTILE_PERSON = "</script><script>alert(2)</script> Smith"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@dataclass
class Page:
    """An opened view and everything it tried to do that it should not."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def shown(self) -> set[str]:
        """Ids of the nodes the network is drawing now."""
        return set(self.js("() => Object.keys(window.govgraph.network.getPositions())"))

    def click_node(self, nid: str) -> None:
        """A real mouse click on the node, centred first, at a point no other node covers.

        The layout has a time budget, so on a busy machine nodes may overlap; the point
        is chosen from a grid over the node's box where the network finds this node.
        """
        x, y = self.js(
            """async (id) => {
            const net = window.govgraph.network;
            // A search starts a short focus animation: wait until the view stops moving,
            // or the animation would carry the node away from the point we click.
            let last = null;
            for (let i = 0; i < 60; i++) {
                const now = JSON.stringify([net.getViewPosition(), net.getScale()]);
                if (now === last) break;
                last = now;
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            net.moveTo({position: net.getPositions([id])[id], scale: 1.2, animation: false});
            const b = net.getBoundingBox(id);
            const frame = document.getElementById(window.govgraph.state.mode === 'network' ? 'network' : 'chart')
                .getBoundingClientRect();
            for (const fy of [0.5, 0.3, 0.7, 0.15, 0.85]) {
                for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
                    const p = net.canvasToDOM({x: b.left + (b.right - b.left) * fx,
                                               y: b.top + (b.bottom - b.top) * fy});
                    if (net.getNodeAt(p) === id) return [frame.left + p.x, frame.top + p.y];
                }
            }
            throw new Error('node ' + id + ' is covered by other nodes');
        }""",
            nid,
        )
        self.page.mouse.click(x, y)

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")

    def details(self) -> str:
        return str(self.page.text_content("#details"))


@pytest.fixture(scope="module")
def open_view(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def opener(path: Path, timeout: float = 30_000, fragment: str = "", **context_options: Any) -> Page:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, **context_options)
        context.set_offline(True)
        contexts.append(context)
        page = context.new_page()
        view = Page(page, path.resolve().as_uri())

        def reaches_out(url: str) -> bool:
            # The page itself (whatever its fragment) and in-memory blob: and data: URLs
            # (a saved PNG) are not the network.
            return url.split("#")[0] != view.url and not url.startswith(("blob:", "data:"))

        def refuse(route: Any) -> None:
            if reaches_out(route.request.url):
                view.requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", refuse)
        page.on("request", lambda r: reaches_out(r.url) and view.requests.append(r.url))
        page.on("dialog", lambda d: (view.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: view.problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and view.problems.append(f"console: {m.text}"))
        page.goto(view.url + fragment)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout)
        return view

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def mini_page_file(mini_built: Project) -> Path:
    out = mini_built.root / "view.html"
    write_view(mini_built.out, out)
    return out


@pytest.fixture(scope="module")
def xss_built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini council plus hostile names, quotes and a hostile document title."""
    project = copy_project(FIXTURES / "view" / "xss" / "data", tmp_path_factory.mktemp("xss"))
    build(project)
    return project


def _clean(view: Page) -> None:
    assert view.requests == [], "the page tried to reach the network"
    assert view.problems == []


# -- offline, search, details ----------------------------------------------------------

NETWORK = "#mode=network"


def test_the_harness_sees_a_page_that_reaches_out(open_view: Any, tmp_path: Path) -> None:
    """Guards the guard: a page that does load something remote is caught."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<body data-ready="true"><img src="https://cdn.example.org/x.png">'
        "<script>fetch('http://example.org/data.json').catch(() => {})</script></body>",
        encoding="utf-8",
    )
    view = open_view(leaky)
    view.page.wait_for_timeout(200)
    assert "https://cdn.example.org/x.png" in view.requests
    assert "http://example.org/data.json" in view.requests


def test_opens_offline_on_the_structure(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    assert view.js("() => window.govgraph.state.mode") == "structure"
    assert view.page.is_checked("#mode-structure")
    # The top three layers: the Council, the Partnership accountable to it, its Executive Group.
    assert view.shown() == {"anytown-council", "ascp", "executive-group"}
    assert view.js("() => window.govgraph.layers()") == {"anytown-council": 0, "ascp": 1, "executive-group": 2}
    assert "+1 below" in view.js("() => window.govgraph.nodes.get('executive-group').label")
    assert "3 entities, 3 lines" in view.page.text_content("#status")  # reports to and part of: one connector
    assert view.page.url.endswith("#mode=structure")
    assert view.page.is_hidden("#areas")  # one area: nothing to choose
    _clean(view)


def test_opens_offline_as_a_network(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    assert len(view.shown()) == 12
    assert "12 nodes, 12 lines shown" in view.page.text_content("#status")
    assert view.page.is_hidden("#warning")
    _clean(view)


@pytest.mark.parametrize("fragment", ["", NETWORK])
@pytest.mark.parametrize(
    ("query", "nid", "heading"),
    [
        ("CDRP", "cdrp", "Child Death Review Panel"),
        ("cdrp", "cdrp", "Child Death Review Panel"),
        ("the Council", "anytown-council", "Anytown Borough Council"),
        ("Zoë Ó Briain", "zoe-o-briain", "Zoë Ó Briain"),
        ("zoe o briain", "zoe-o-briain", "Zoë Ó Briain"),
    ],
)
def test_search_selects_and_focuses_the_node(
    open_view: Any, mini_page_file: Path, fragment: str, query: str, nid: str, heading: str
) -> None:
    view = open_view(mini_page_file, fragment=fragment)
    view.search(query)
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == [nid]
    assert view.page.text_content("#details h2") == heading
    _clean(view)


def test_search_for_nothing_says_so(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    view.search("Ofsted")
    assert "No entity matches" in view.page.text_content("#search-results")
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == []


@pytest.mark.parametrize("fragment", ["#focus=cdrp", NETWORK])
def test_clicking_a_node_shows_its_card(open_view: Any, mini_page_file: Path, fragment: str) -> None:
    view = open_view(mini_page_file, fragment=fragment)
    view.click_node("cdrp")
    text = view.details()
    assert view.page.text_content("#details h2") == "Child Death Review Panel"
    for row in view.js("() => window.govgraph.data.cards.cdrp"):  # the rows of govgraph about
        assert row["what"] in text
        for i in row["quotes"]:
            assert view.js(f"() => window.govgraph.data.quotes[{i}].quote") in text
    assert "The Child Death Review Panel (CDRP)" in text
    assert "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel" in text
    assert "Anytown Safeguarding Children Partnership minutes, 12 March 2019, 2019-03-12" in text
    _clean(view)


def test_a_card_leads_to_what_it_names(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment="#focus=cdrp")
    view.click_node("cdrp")
    view.page.click("#details button.link:has-text('Executive Group')")
    assert view.page.text_content("#details h2") == "Executive Group"
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["executive-group"]
    _clean(view)


def test_a_card_focuses_the_structure_on_its_entity(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    view.click_node("cdrp")
    view.page.click("#details .focus-button")
    assert view.js("() => [window.govgraph.state.mode, window.govgraph.state.focus]") == ["structure", "cdrp"]
    assert view.shown() == {"cdrp", "executive-group", "ascp", "anytown-council", "sam-patel"}
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["cdrp"]
    assert "#mode=structure&focus=cdrp" in view.page.url
    _clean(view)


def test_a_card_leads_to_the_before_and_after_of_its_changes(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment="#focus=north-ccg")
    view.click_node("north-ccg")
    view.page.click("#details button.link:has-text('North and South Anytown CCGs merge')")
    assert view.js("() => [window.govgraph.state.mode, window.govgraph.state.change]") == ["change", "ccg-merger"]
    assert view.shown() == {"north-ccg", "south-ccg", "anytown-ccg"}
    _clean(view)


def test_clicking_a_line_shows_its_evidence(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    x, y = view.js(
        """(id) => {
        const net = window.govgraph.network, p = net.getPositions(['cdrp', 'executive-group']);
        net.moveTo({scale: 1.5, position: p['cdrp'], animation: false});
        const a = net.canvasToDOM(p['cdrp']), b = net.canvasToDOM(p['executive-group']);
        const frame = document.getElementById('network').getBoundingClientRect();
        // a point on the line, clear of both nodes and of any other line
        for (const f of [0.62, 0.5, 0.7, 0.4, 0.8, 0.3]) {
            const q = {x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f};
            if (net.getNodeAt(q) === undefined && net.getEdgeAt(q) === id) {
                return [frame.left + q.x, frame.top + q.y];
            }
        }
        throw new Error('line ' + id + ' is covered');
    }""",
        "relation-fcd5adae9756",
    )
    view.page.mouse.click(x, y)
    assert view.js("() => window.govgraph.network.getSelectedEdges()") == ["relation-fcd5adae9756"]
    assert "reports to the Executive Group" in view.details()
    assert "Child Death Review Panel \u2192 reports to \u2192 Executive Group" in view.details()
    _clean(view)


def test_clicking_a_connector_in_the_chart_shows_its_evidence(open_view: Any, mini_page_file: Path) -> None:
    """In the chart a box hangs from the one above by a connector drawn on the canvas."""
    view = open_view(mini_page_file, fragment="#focus=cdrp")
    x, y = view.js(
        """(id) => {
        const g = window.govgraph, net = g.chart;
        const line = g.drawnLines().find((l) => l.ids.includes(id));
        if (!line || !line.points) throw new Error('no connector for ' + id);
        // the middle of its longest segment, clear of the boxes it joins
        let best = null;
        for (let i = 1; i < line.points.length; i++) {
            const [a, b] = [line.points[i - 1], line.points[i]], len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            const mid = {x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2};
            if ((!best || len > best.len) && net.getNodeAt(net.canvasToDOM(mid)) === undefined) best = {len, mid};
        }
        const p = net.canvasToDOM(best.mid), frame = document.getElementById('chart').getBoundingClientRect();
        return [frame.left + p.x, frame.top + p.y];
    }""",
        "relation-fcd5adae9756",
    )
    view.page.mouse.click(x, y)
    assert "Child Death Review Panel \u2192 reports to \u2192 Executive Group" in view.details()
    assert "reports to the Executive Group" in view.details()
    _clean(view)


# -- time and filters ------------------------------------------------------------------


def test_date_control_hides_what_did_not_yet_exist(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    assert {"anytown-ccg", "north-ccg"} <= view.shown()
    view.page.uncheck("#asof-all")
    view.page.focus("#asof-slider")
    view.page.keyboard.press("Home")
    assert view.page.text_content("#asof-label") == "as of 2018-03-31"
    assert "anytown-ccg" not in view.shown() and "north-ccg" in view.shown()
    view.page.keyboard.press("ArrowRight")
    assert view.page.text_content("#asof-label") == "as of 2018-04-01"
    assert "anytown-ccg" in view.shown() and "north-ccg" not in view.shown()
    view.page.fill("#asof-date", "2017-06-01")
    assert "anytown-ccg" not in view.shown()
    view.page.check("#asof-all")
    assert {"anytown-ccg", "north-ccg"} <= view.shown()
    _clean(view)


def test_the_date_control_redraws_the_structure(open_view: Any, mini_page_file: Path) -> None:
    """The Partnership's lines are undated, so they show on every date; the chart is
    redrawn on the date chosen and says so."""
    view = open_view(mini_page_file)
    view.page.uncheck("#asof-all")
    view.page.fill("#asof-date", "2018-01-01")
    assert view.shown() == {"anytown-council", "ascp", "executive-group"}
    assert "as of 2018-01-01" in view.page.text_content("#status")
    _clean(view)


def test_planned_lines_show_only_from_their_date(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    shown_edges = "() => window.govgraph.shownEdges()"
    assert "ascp-replaces-alscb:0" in view.js(shown_edges)
    view.page.uncheck("#asof-all")
    view.page.fill("#asof-date", "2019-08-31")
    assert "ascp-replaces-alscb:0" not in view.js(shown_edges)
    view.page.fill("#asof-date", "2019-09-01")
    assert "ascp-replaces-alscb:0" in view.js(shown_edges)


def test_filters(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    view.page.check("#hide-people")
    assert not {"sam-patel", "zoe-o-briain"} & view.shown()
    view.page.uncheck("#hide-people")
    view.page.check("#accountability-only")
    assert view.shown() == {"cdrp", "executive-group", "ascp", "anytown-council"}
    view.page.uncheck("#accountability-only")
    view.page.uncheck("input[data-type=organisation]")
    assert not {"anytown-council", "anytown-police", "north-ccg"} & view.shown()
    view.page.check("input[data-type=organisation]")
    view.page.uncheck("input[data-kind=funds]")
    assert "relation-46ef47106952" not in view.js("() => window.govgraph.shownEdges()")
    view.page.check("input[data-type=document]")
    assert {"document:minutes", "document:letter"} <= view.shown()
    _clean(view)


def test_the_structure_follows_the_filters_and_depth(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    view.page.fill("#depth", "4")
    view.page.dispatch_event("#depth", "change")
    assert view.shown() == {"anytown-council", "ascp", "executive-group", "cdrp"}
    view.page.uncheck("input[data-kind=reports-to]")
    assert "executive-group" in view.shown()  # still part of the Partnership
    view.page.uncheck("input[data-kind=part-of]")
    assert view.shown() == {"anytown-council", "ascp"}
    _clean(view)


# -- the structure: legible at first view, people when focused ---------------------------


def measure_first_view(view: Page) -> dict[str, Any]:
    """From the page's own positions and label sizes: each box drawn in the chart, in
    screen pixels, its layer, and the size its label is drawn at."""
    return dict(
        view.js(
            """() => {
        const g = window.govgraph, net = g.chart, layers = g.layers();
        const frame = document.getElementById('chart').getBoundingClientRect();
        const boxes = g.shownNodes().map((id) => {
            const b = net.getBoundingBox(id);
            const a = net.canvasToDOM({x: b.left, y: b.top}), c = net.canvasToDOM({x: b.right, y: b.bottom});
            return {id, layer: layers[id], left: a.x, top: a.y, right: c.x, bottom: c.y,
                    font: g.nodes.get(id).font ? g.nodes.get(id).font.size : null};
        });
        return {boxes, font: g.fontSize * net.getScale(), width: frame.width, height: frame.height};
    }"""
        )
    )


def test_the_first_view_is_legible(open_view: Any, corpus_built: Project) -> None:
    """At 1400x900 every label of the top three layers is on screen, none overlaps
    another and none is drawn smaller than 11 px."""
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out)
    seen = measure_first_view(view)
    boxes = seen["boxes"]
    layers = {b["id"]: b["layer"] for b in boxes}
    assert set(layers.values()) == {0, 1, 2}, "the first view shows the top three layers"
    assert len(boxes) >= 60
    # The chart's tops and layers are those of the documents' structures.
    assert (layers["bcc"], layers["cso-committee"], layers["bscb"]) == (0, 1, 2)
    assert layers["west-midlands-police"] == 0
    assert not {b["id"] for b in boxes} & {
        n
        for n in view.js(
            "() => window.govgraph.data.nodes.filter(n => n.type === 'person' || n.type === 'post').map(n => n.id)"
        )
    }
    print(f"first view: {len(boxes)} labels, drawn at {seen['font']:.1f} px")
    assert seen["font"] >= 11, f"labels drawn at {seen['font']:.1f} px"
    for b in boxes:
        assert b["font"] is None  # every box uses the chart's one font size
        assert 0 <= b["left"] and b["right"] <= seen["width"] and 0 <= b["top"] and b["bottom"] <= seen["height"], b[
            "id"
        ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            )
            assert apart, f"{a['id']} overlaps {b['id']}"
    shot = REPO / "build" / "view-structure.png"  # the README's first figure (docs/) is a copy
    shot.parent.mkdir(exist_ok=True)
    view.page.screenshot(path=str(shot))
    _clean(view)


def test_focusing_shows_people_and_posts(open_view: Any, corpus_built: Project) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out)
    view.search("BSCB")
    shown = view.shown()
    assert view.js("() => window.govgraph.state.focus") == "bscb"
    assert {"bscb", "cso-committee", "bcc", "penny-thompson", "bscb-executive-board", "cdop"} <= shown
    assert view.page.is_visible("#unfocus")
    assert "Around Birmingham Safeguarding Children Board" in view.page.text_content("#status")
    view.page.click("#unfocus")
    assert "penny-thompson" not in view.shown()
    assert view.js("() => window.govgraph.state.focus") is None
    _clean(view)


# -- before and after a change --------------------------------------------------------------


def _lines(view: Page) -> dict[str, str]:
    """Statement id -> how the before-and-after chart marks it."""
    return dict(
        view.js(
            "() => { const s = window.govgraph.state; return window.govgraph.data.changes.find(c => c.id === s.change).lines; }"
        )
    )


def test_before_and_after_the_move_to_masa(open_view: Any, corpus_built: Project) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out, fragment="#mode=change&change=masa-replaces-lscb")
    assert view.page.text_content("#title").startswith("Before and after: Birmingham's Multi-Agency Safeguarding")
    both = view.shown()
    assert {"bscb", "birmingham-masa", "bcc", "bsol-ccg", "west-midlands-police", "penny-thompson"} <= both
    assert "(ended)" in view.js("() => window.govgraph.nodes.get('bscb').label")
    assert "(new)" in view.js("() => window.govgraph.nodes.get('birmingham-masa').label")
    assert "no date, so it is drawn as if made the day after the latest document" in view.page.text_content(
        "#change-summary"
    )
    # The replacement itself is disputed (four deadlines, two Acts) and drawn so.
    (replaced,) = [
        line for line in view.js("() => window.govgraph.drawnLines()") if "masa-replaces-lscb:0" in line["ids"]
    ]
    assert replaced["color"] == "#862e9c" and replaced["dashes"] == [10, 3, 2, 3]
    view.page.click("#change-evidence")
    assert view.page.text_content("#details h2") == view.js(
        "() => window.govgraph.data.changes.find(c => c.id === 'masa-replaces-lscb').label"
    )
    assert "will replace Local Safeguarding Children Boards by 29th September 2019" in view.details()
    assert "deadline is 2019-09-29" in view.details() and "deadline is 2020-09" in view.details()
    view.page.click("#details button.close")
    positions = view.js("() => window.govgraph.chart.getPositions(['bcc', 'bsol-ccg'])")
    view.page.check("#side-before")
    assert "birmingham-masa" not in view.shown() and "bscb" in view.shown()
    view.page.check("#side-after")
    assert "bscb" not in view.shown() and "birmingham-masa" in view.shown()
    assert view.js("() => window.govgraph.chart.getPositions(['bcc', 'bsol-ccg'])") == positions, "boxes stay put"
    view.page.check("#side-both")
    assert view.shown() == both
    shot = REPO / "build" / "view-masa.png"  # the README's second figure (docs/) is a copy
    view.page.screenshot(path=str(shot))
    # Each line it draws carries its citation: the table lists them with their quotes.
    view.page.click("#show-table")
    table = str(view.page.text_content("#lines-table"))
    assert "removed (ended)" in table and "added (started)" in table
    assert "The BSCB supports them as system leaders, challenges and holds them to account." in table
    rows = view.js("() => document.querySelectorAll('#lines-body tr').length")
    assert rows == len(view.js("() => window.govgraph.shownEdges()")) == len(_lines(view))
    _clean(view)


def test_before_and_after_the_childrens_trust(open_view: Any, corpus_built: Project, tmp_path: Path) -> None:
    """`govgraph view --change` writes a page that opens on the change."""
    out = tmp_path / "trust.html"
    write_view(
        corpus_built.out,
        out,
        change="Birmingham Children's Services moved from the City Council to Birmingham Children's Trust",
    )
    view = open_view(out)
    assert view.js("() => [window.govgraph.state.mode, window.govgraph.state.change]") == [
        "change",
        "birmingham-childrens-services-to-trust",
    ]
    assert view.page.input_value("#change-select") == "birmingham-childrens-services-to-trust"
    assert "In force on 2018-04-01: the day before is 2018-03-31." in view.page.text_content("#change-summary")
    assert "(new)" in view.js("() => window.govgraph.nodes.get('birmingham-childrens-trust').label")
    states = _lines(view)
    added = [i for i, st in states.items() if st == "added"]
    assert added and "removed" not in states.values()
    view.page.check("#side-before")
    assert "birmingham-childrens-trust" not in view.shown() and "bcc" in view.shown()
    view.page.check("#side-after")
    assert "birmingham-childrens-trust" in view.shown()
    view.page.click("#show-table")
    table = str(view.page.text_content("#lines-table"))
    assert "Birmingham City Council" in table and "holds to account" in table and "added (started)" in table
    _clean(view)


# -- shareable: the address keeps the view; PNG; print ---------------------------------------


def _state(view: Page) -> dict[str, Any]:
    return dict(view.js("() => JSON.parse(JSON.stringify(window.govgraph.state))"))


@pytest.mark.parametrize(
    "steps",
    [
        ["search:BSCB", "depth:2", "date:2018-06-01", "kind-off:part-of"],
        ["mode:change", "change:bsol-ccg-merger", "side:after"],
        ["mode:network", "people-off", "type-on:document", "labels-on", "date:2018-03-31"],
    ],
)
def test_the_address_reopens_the_same_view(open_view: Any, corpus_built: Project, steps: list[str]) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    first = open_view(out)
    for step in steps:
        what, _, value = step.partition(":")
        if what == "search":
            first.search(value)
        elif what == "depth":
            first.page.fill("#depth", value)
            first.page.dispatch_event("#depth", "change")
        elif what == "date":
            first.page.uncheck("#asof-all")
            first.page.fill("#asof-date", value)
        elif what == "kind-off":
            first.page.uncheck(f"input[data-kind={value}]")
        elif what == "mode":
            first.page.check(f"#mode-{value}")
            first.page.wait_for_selector("body[data-ready=true]", state="attached")
        elif what == "change":
            first.page.select_option("#change-select", value)
        elif what == "side":
            first.page.check(f"#side-{value}")
        elif what == "people-off":
            first.page.check("#hide-people")
        elif what == "type-on":
            first.page.check(f"input[data-type={value}]")
        elif what == "labels-on":
            first.page.check("#edge-labels")
    if "mode:network" in steps:
        first.page.wait_for_function(
            "() => window.govgraph.network && document.getElementById('status').textContent.includes('nodes,')"
        )
    fragment = "#" + first.page.url.split("#", 1)[1]
    second = open_view(out, fragment=fragment)
    if "mode:network" in steps:
        second.page.wait_for_function("() => document.getElementById('status').textContent.includes('nodes,')")
    assert _state(second) == _state(first)
    assert second.shown() == first.shown()
    assert second.page.text_content("#status") == first.page.text_content("#status")
    assert second.page.text_content("#title") == first.page.text_content("#title")
    assert second.page.url == first.page.url
    _clean(first)
    _clean(second)


@pytest.mark.parametrize(
    "fragment",
    [
        "#mode=<img src=x onerror=alert(1)>&focus=</script><script>alert(2)</script>",
        "#depth=-3&date=2018-13-40&change=nope&side=sideways&types=,,&off=%3Cb%3E&area=national",
        "#" + "x" * 5000,
    ],
)
def test_a_hostile_or_broken_address_is_ignored(open_view: Any, mini_page_file: Path, fragment: str) -> None:
    view = open_view(mini_page_file, fragment=fragment)
    assert view.js("() => window.govgraph.state.mode") == "structure"
    assert view.js("() => [window.govgraph.state.focus, window.govgraph.state.depth, window.govgraph.state.day]") == [
        None,
        3,
        None,
    ]
    assert view.js("() => document.querySelectorAll('img, [onerror], b').length") == 0
    assert view.shown() == {"anytown-council", "ascp", "executive-group"}
    _clean(view)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _png_ink(data: bytes) -> float:
    """The share of the image's bytes that are not white (RGBA rows, filters ignored)."""
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return sum(1 for b in raw[::4] if b not in (0, 255)) / max(len(raw) // 4, 1)


@pytest.mark.parametrize("fragment", ["", "#mode=change&change=masa-replaces-lscb", NETWORK])
def test_save_as_png(open_view: Any, corpus_built: Project, fragment: str, tmp_path: Path) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out, fragment=fragment, accept_downloads=True)
    if fragment == NETWORK:
        view.page.wait_for_function("() => document.getElementById('status').textContent.includes('nodes,')")
    with view.page.expect_download() as saving:
        view.page.click("#save-png")
    download = saving.value
    assert download.suggested_filename.startswith("govgraph-") and download.suggested_filename.endswith(".png")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    canvas = view.js(
        "() => { const c = document.querySelector(window.govgraph.state.mode === 'network' ? '#network canvas' : '#chart canvas'); return [c.width, c.height]; }"
    )
    width, height = _png_size(data)
    assert width == canvas[0] and height > canvas[1], "the chart as drawn, with a title band"
    assert _png_ink(data) > 0.01, "not a blank image"
    _clean(view)


def test_print_shows_the_chart_and_its_evidence(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment="#focus=cdrp")
    view.js("() => { window.printed = 0; window.addEventListener('beforeprint', () => { window.printed += 1; }); }")
    pdf = view.page.pdf()  # Chromium fires beforeprint and afterprint around it, as for paper
    assert pdf[:4] == b"%PDF" and b"/Subtype /Image" in pdf
    assert view.js("() => window.printed") == 1
    assert view.js("() => document.querySelectorAll('#print-chart img').length") == 0
    # What the print stylesheet lays out between those two events:
    view.js("() => window.dispatchEvent(new Event('beforeprint'))")
    view.page.emulate_media(media="print")
    display = "(s) => getComputedStyle(document.querySelector(s)).display"
    for hidden in ("header", "nav", "#canvas-area", "#details"):
        assert view.js(display, hidden) == "none", hidden
    assert view.js(display, "#lines") == "block"
    assert view.js("() => document.querySelector('#print-chart img').src.startsWith('data:image/png')")
    assert view.page.is_visible("#print-chart img")
    table = str(view.page.text_content("#lines-table"))
    assert (
        "reports to the Executive Group" in table
        and "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel" in table
    )
    view.page.emulate_media(media="screen")
    view.js("() => window.dispatchEvent(new Event('afterprint'))")
    assert view.js("() => document.querySelectorAll('#print-chart img').length") == 0
    _clean(view)


# -- the text alternative ------------------------------------------------------------------


@pytest.mark.parametrize("fragment", ["", "#focus=cdrp", "#mode=change&change=ascp-replaces-alscb", NETWORK])
def test_the_table_of_lines_is_reachable_by_keyboard(open_view: Any, mini_page_file: Path, fragment: str) -> None:
    view = open_view(mini_page_file, fragment=fragment)
    if fragment == NETWORK:
        view.page.wait_for_function("() => document.getElementById('status').textContent.includes('nodes,')")
    view.page.keyboard.press("Tab")
    assert view.js("() => document.activeElement.id") == "skip-to-table"
    view.page.keyboard.press("Enter")
    assert view.page.is_visible("#lines-table")
    assert view.js("() => document.activeElement.id") == "lines"
    assert view.page.get_attribute("#show-table", "aria-expanded") == "true"
    shown = view.js("() => window.govgraph.shownEdges()")
    rows = view.js(
        "() => Array.from(document.querySelectorAll('#lines-body tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))"
    )
    assert len(rows) == len(shown) > 0
    edges = {e["id"]: e for e in view.js("() => window.govgraph.data.edges")}
    data = view.js("() => window.govgraph.data")
    wanted = sorted(
        (
            view.js(f"() => window.govgraph.data.nodes.find(n => n.id === {json.dumps(edges[i]['from'])}).label"),
            edges[i]["label"],
        )
        for i in shown
    )
    assert sorted((r[0], r[1].replace("disputed: ", "")) for r in rows) == wanted
    for row in rows:
        evidence = row[-1]
        assert any(q["quote"] in evidence for q in data["quotes"]), row
    if "change" in fragment:
        assert view.page.is_visible("#lines-state-col")
        assert {r[4] for r in rows} >= {"added (started)", "the change itself"}
    view.page.click("#show-table")
    assert view.page.is_hidden("#lines-table")
    _clean(view)


# -- static pages ----------------------------------------------------------------------


def test_focus_page_selects_its_centre(open_view: Any, mini_built: Project, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    write_view(mini_built.out, out, centre="CDRP", depth=1)
    view = open_view(out)
    assert view.shown() == {"cdrp", "executive-group", "sam-patel"}
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["cdrp"]
    assert view.page.text_content("#title") == "Around Child Death Review Panel (depth 1)"
    assert view.page.is_disabled("#mode-change")  # a neighbourhood has no before and after
    _clean(view)


def test_as_of_page_is_a_fixed_snapshot(open_view: Any, mini_built: Project, tmp_path: Path) -> None:
    out = tmp_path / "asof.html"
    write_view(mini_built.out, out, day=date(2018, 3, 31))
    view = open_view(out, fragment=NETWORK)
    assert "anytown-ccg" not in view.shown() and "north-ccg" in view.shown()
    assert view.page.is_disabled("#asof-all") and view.page.is_disabled("#asof-slider")
    assert view.page.text_content("#asof-label") == "as of 2018-03-31 (fixed)"
    _clean(view)


# -- bad input: hostile and non-ASCII text ---------------------------------------------


def test_hostile_names_and_quotes_are_shown_as_text(open_view: Any, xss_built: Project) -> None:
    out = xss_built.root / "view.html"
    write_view(xss_built.out, out)
    view = open_view(out, fragment=NETWORK)
    assert view.js("() => document.querySelectorAll('img, [onerror], iframe, object, embed').length") == 0
    assert view.js("() => document.scripts.length") == 3
    view.search("</script>")  # the hostile panel's acronym
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["hostile-panel"]
    assert view.page.text_content("#details h2") == HOSTILE_BODY
    view.click_node("hostile-person")
    assert view.page.text_content("#details h2") == HOSTILE_PERSON
    text = view.details()
    assert 'Chair: </script><script>alert(2)</script> Smith & "Jones".' in text
    view.click_node("zoe-o-briain")  # her chair is evidenced by the letter, whose title is hostile
    assert "Letter </script><img src=x onerror=alert(3)> on the new arrangements, 2019-05-02" in view.details()
    assert view.js("() => document.querySelectorAll('img, [onerror]').length") == 0
    view.page.check("input[data-type=document]")
    assert "document:letter" in view.shown()
    _clean(view)  # no alert dialog was opened, no page error


def test_hostile_names_in_the_chart_its_table_and_its_png(open_view: Any, xss_built: Project, tmp_path: Path) -> None:
    out = xss_built.root / "view.html"
    write_view(xss_built.out, out)
    view = open_view(out, accept_downloads=True)
    view.search("</script>")
    assert view.js("() => window.govgraph.state.focus") == "hostile-panel"
    assert {"hostile-panel", "hostile-person", "executive-group"} <= view.shown()
    assert view.page.text_content("#title") == "Structure around " + HOSTILE_BODY
    view.click_node("hostile-person")
    assert view.page.text_content("#details h2") == HOSTILE_PERSON
    view.page.click("#show-table")
    table = str(view.page.text_content("#lines-table"))
    assert HOSTILE_BODY in table and HOSTILE_PERSON in table
    assert "The <img src=x onerror=alert(1)> href Panel (</script>) reports to the Executive Group." in table
    with view.page.expect_download() as saving:
        view.page.click("#save-png")
    assert "<" not in saving.value.suggested_filename and "/" not in saving.value.suggested_filename
    view.js("() => window.dispatchEvent(new Event('beforeprint'))")
    assert view.js("() => document.querySelectorAll('img').length") == 1  # the printed chart, a data: PNG
    view.js("() => window.dispatchEvent(new Event('afterprint'))")
    assert view.js("() => document.querySelectorAll('img, [onerror], iframe, object, embed').length") == 0
    assert view.js("() => document.scripts.length") == 3
    _clean(view)


def test_non_ascii_names_render(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file, fragment=NETWORK)
    view.click_node("zoe-o-briain")
    assert view.page.text_content("#details h2") == "Zoë Ó Briain"
    assert "Zoë Ó Briain, Chair of the Anytown Safeguarding Children Partnership." in view.details()
    assert view.js("() => window.govgraph.nodes.get('zoe-o-briain').label") == "Zoë Ó Briain"
    _clean(view)


# -- areas ---------------------------------------------------------------------------

HOSTILE_AREA = "<img src=x onerror=alert(5)> Westmere </script>&amp;"


@pytest.fixture(scope="module")
def areas_page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini council (Anytown) beside Westmere, with Ofsted and the DfE national."""
    project = two_areas(tmp_path_factory.mktemp("areas"))
    out = project.root / "view.html"
    write_view(project.out, out)
    return out


def _areas(view: Page, ids: Any) -> set[str]:
    """The areas of these nodes."""
    return set(
        view.js("(ids) => window.govgraph.data.nodes.filter(n => ids.includes(n.id)).map(n => n.area)", list(ids))
    )


def _table(view: Page) -> list[list[str]]:
    """The table of lines, opened: its caption, then each row's cells."""
    if view.page.is_hidden("#lines"):
        view.page.click("#show-table")
    return [[str(view.page.text_content("#lines-caption"))]] + view.js(
        "() => Array.from(document.querySelectorAll('#lines-body tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))"
    )


def _wait_for_network(view: Page) -> None:
    view.page.wait_for_function(
        "() => window.govgraph.state.mode !== 'network' || document.getElementById('status').textContent.includes('nodes,')"
    )


def test_the_area_filter_hides_the_other_area_in_every_mode(open_view: Any, areas_page_file: Path) -> None:
    view = open_view(areas_page_file)
    boxes = "() => Array.from(document.querySelectorAll('#areas input')).map(b => [b.dataset.area, b.checked])"
    assert view.js(boxes) == [["Anytown", True], ["Westmere", True]]
    assert "National bodies (2) are shown with any area." in view.page.text_content("#areas")
    assert {"anytown-council", "westmere-council"} <= view.shown()
    view.page.uncheck("input[data-area=Anytown]")
    assert view.js(boxes) == [["Anytown", False], ["Westmere", True]]
    assert view.page.url.endswith("#mode=structure&area=Westmere")
    # Structure: Westmere's alone (the national bodies here draw no line of accountability).
    assert view.shown() == {"westmere-council", "wsp", "westmere-cdrp"}
    assert view.page.text_content("#title") == "Structure of accountability (Westmere)"
    caption, *rows = _table(view)
    assert caption == ["Structure of accountability (Westmere): 2 lines."]
    assert {(r[0], r[2]) for r in rows} == {
        ("Westmere Safeguarding Partnership", "Westmere District Council"),
        ("Child Death Review Panel", "Westmere Safeguarding Partnership"),
    }
    view.search("CDRP")  # a name both areas use: the one of the area shown
    assert view.js("() => window.govgraph.state.focus") == "westmere-cdrp"
    assert "; area: Westmere" in view.details()
    view.page.click("#unfocus")
    # Network: Westmere's and the national bodies, and only their lines.
    view.page.check("#mode-network")
    _wait_for_network(view)
    assert _areas(view, view.shown()) == {"Westmere", "national"} and {"ofsted", "dfe"} <= view.shown()
    caption, *rows = _table(view)
    assert caption == ["Network of every entity and line (Westmere): 4 lines."]
    assert ("Ofsted", "inspects", "Westmere District Council") in {tuple(r[:3]) for r in rows}
    assert not any("Anytown" in cell for row in rows for cell in row)
    # Before and after: only Westmere's change is offered, and chosen.
    view.page.check("#mode-change")
    offered = "() => Array.from(document.querySelectorAll('#change-select option')).filter(o => !o.disabled).map(o => o.value)"
    assert view.js(offered) == ["wsp-replaces-westmere-lscb"]
    assert view.js("() => window.govgraph.state.change") == "wsp-replaces-westmere-lscb"
    assert view.shown() == {"westmere-lscb", "wsp", "westmere-cdrp", "westmere-council"}
    assert _areas(view, view.shown()) == {"Westmere"}
    assert view.page.text_content("#title").endswith("(Westmere)")
    # No area: the national bodies alone, and no change of theirs.
    view.page.uncheck("input[data-area=Westmere]")
    assert view.page.text_content("#status") == "No change event recorded in the areas chosen."
    assert view.shown() == set()
    view.page.check("#mode-network")
    _wait_for_network(view)
    assert view.shown() == {"ofsted", "dfe"}
    assert view.page.text_content("#title") == "Network of every entity and line (national bodies only)"
    assert "area=national" in view.page.url
    view.page.check("input[data-area=Anytown]")
    assert _areas(view, view.shown()) == {"Anytown", "national"}
    _clean(view)


@pytest.mark.parametrize(
    "steps",
    [
        ["area-off:Anytown"],
        ["mode:network", "area-off:Westmere"],
        ["area-off:Anytown", "mode:change", "side:after"],
        ["area-off:Anytown", "area-off:Westmere", "mode:network"],
    ],
)
def test_the_area_filter_survives_the_address(open_view: Any, areas_page_file: Path, steps: list[str]) -> None:
    first = open_view(areas_page_file)
    for step in steps:
        what, _, value = step.partition(":")
        if what == "area-off":
            first.page.uncheck(f"input[data-area={value}]")
        elif what == "mode":
            first.page.check(f"#mode-{value}")
        elif what == "side":
            first.page.check(f"#side-{value}")
    _wait_for_network(first)
    fragment = "#" + first.page.url.split("#", 1)[1]
    assert "area=" in fragment
    second = open_view(areas_page_file, fragment=fragment)
    _wait_for_network(second)
    assert _state(second) == _state(first)
    assert second.shown() == first.shown()
    for selector in ("#status", "#title"):
        assert second.page.text_content(selector) == first.page.text_content(selector)
    assert second.js("() => Array.from(document.querySelectorAll('#areas input')).map(b => b.checked)") == first.js(
        "() => Array.from(document.querySelectorAll('#areas input')).map(b => b.checked)"
    )
    assert _table(second) == _table(first)
    assert second.page.url == first.page.url
    _clean(first)
    _clean(second)


@pytest.mark.parametrize(
    ("fragment", "areas"),
    [
        ("#area=Nowhere", ["Anytown", "Westmere"]),
        ("#area=westmere", ["Anytown", "Westmere"]),  # an area is its whole name, as written
        ("#area=Westmere&area=Nowhere&area=Westmere", ["Westmere"]),
        ("#area=constructor&area=__proto__&area=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", ["Anytown", "Westmere"]),
    ],
)
def test_a_broken_area_in_the_address_is_ignored(
    open_view: Any, areas_page_file: Path, fragment: str, areas: list[str]
) -> None:
    view = open_view(areas_page_file, fragment=fragment)
    assert view.js("() => window.govgraph.state.areas") == areas
    assert view.js("() => document.querySelectorAll('img, [onerror]').length") == 0
    _clean(view)


def test_hostile_area_names_are_shown_as_text(open_view: Any, tmp_path: Path) -> None:
    project = two_areas(tmp_path / "hostile", second=HOSTILE_AREA)
    out = project.root / "view.html"
    write_view(project.out, out)
    view = open_view(out)
    rows = view.js("() => Array.from(document.querySelectorAll('#areas label')).map(l => l.textContent)")
    assert rows == [HOSTILE_AREA + "4", "Anytown12"]  # sorted, each with its count of entities
    view.page.uncheck("input[data-area=Anytown]")
    assert view.page.text_content("#title") == f"Structure of accountability ({HOSTILE_AREA})"
    assert view.shown() == {"westmere-council", "wsp", "westmere-cdrp"}
    view.search("WSP")
    assert f"; area: {HOSTILE_AREA}" in view.details()
    caption, *_ = _table(view)
    assert caption[0].startswith(f"Structure around Westmere Safeguarding Partnership ({HOSTILE_AREA}): ")
    again = open_view(out, fragment="#" + view.page.url.split("#", 1)[1])
    assert again.js("() => window.govgraph.state.areas") == [HOSTILE_AREA]
    assert again.page.text_content("#title") == view.page.text_content("#title")
    for page in (view, again):
        assert page.js("() => document.querySelectorAll('img, [onerror], iframe, object, embed').length") == 0
        assert page.js("() => document.scripts.length") == 3
        _clean(page)  # no alert dialog was opened, no page error


# -- scale and the real corpus ---------------------------------------------------------


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big") / "big.html"
    write_atomic(out, render(make_view(synthetic_index(2000))))
    return out


def test_two_thousand_nodes_become_interactive_with_a_warning(open_view: Any, big_page: Path) -> None:
    view = open_view(big_page, timeout=60_000, fragment=NETWORK)
    assert view.page.is_visible("#warning")
    assert f"Showing 2000 nodes: more than {WARN_NODES}" in view.page.text_content("#warning")
    assert not view.page.is_checked("#edge-labels")
    view.page.check("#hide-people")
    assert len(view.shown()) < 2000
    nid, acronym = view.js(
        "() => { const n = window.govgraph.data.nodes.find(n => n.type === 'body'); return [n.id, n.acronym]; }"
    )
    view.search(acronym)
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == [nid]
    _clean(view)


def test_two_thousand_nodes_as_a_structure(open_view: Any, big_page: Path) -> None:
    view = open_view(big_page, timeout=60_000)
    layers = view.js("() => window.govgraph.layers()")
    assert set(layers.values()) == {0, 1, 2} and len(layers) > 100
    nid, acronym = view.js(
        "() => { const n = window.govgraph.data.nodes.find(n => n.type === 'body'); return [n.id, n.acronym]; }"
    )
    view.search(acronym)
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == [nid]
    assert view.js("() => window.govgraph.state.focus") == nid
    _clean(view)


def test_the_corpus_view(open_view: Any, corpus_built: Project) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out, fragment=NETWORK)
    view.search("CDOP")
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["cdop"]
    view.click_node("cdop")
    quotes = view.js(
        "() => { const d = window.govgraph.data; return d.cards.cdop.flatMap(r => r.quotes).map(i => d.quotes[i].quote); }"
    )
    assert quotes and all(q in view.details() for q in quotes)
    shot = REPO / "build" / "view.png"  # the README's network figure (docs/view.png) is a copy
    shot.parent.mkdir(exist_ok=True)
    view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    _clean(view)
