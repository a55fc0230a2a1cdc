"""The network view in a real browser: Debian's Chromium driven by Playwright.

Every page is opened from file:// with the browser offline and every request other
than the page itself refused and recorded; each test also fails on any dialog
(alert), page error or console error. Never run `playwright install`: the browser is
/usr/bin/chromium (scripts/test installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
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
            const frame = document.getElementById('network').getBoundingClientRect();
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

    def opener(path: Path, timeout: float = 30_000) -> Page:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_offline(True)
        contexts.append(context)
        page = context.new_page()
        view = Page(page, path.resolve().as_uri())

        def refuse(route: Any) -> None:
            if route.request.url != view.url:
                view.requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        context.route("**/*", refuse)
        page.on("request", lambda r: r.url != view.url and view.requests.append(r.url))
        page.on("dialog", lambda d: (view.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: view.problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and view.problems.append(f"console: {m.text}"))
        page.goto(view.url)
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


def test_opens_offline_without_any_request(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    assert len(view.shown()) == 12
    assert "12 nodes, 12 lines shown" in view.page.text_content("#status")
    assert view.page.is_hidden("#warning")
    _clean(view)


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
    open_view: Any, mini_page_file: Path, query: str, nid: str, heading: str
) -> None:
    view = open_view(mini_page_file)
    view.search(query)
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == [nid]
    assert view.page.text_content("#details h2") == heading
    _clean(view)


def test_search_for_nothing_says_so(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    view.search("Ofsted")
    assert "No entity matches" in view.page.text_content("#search-results")
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == []


def test_clicking_a_node_shows_its_evidence(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    view.click_node("cdrp")
    text = view.details()
    assert "The Child Death Review Panel (CDRP)" in text
    assert "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel" in text
    assert "Anytown Safeguarding Children Partnership minutes, 12 March 2019, 2019-03-12" in text
    _clean(view)


def test_clicking_a_line_shows_its_evidence(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
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


# -- time and filters ------------------------------------------------------------------


def test_date_control_hides_what_did_not_yet_exist(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
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


def test_planned_lines_show_only_from_their_date(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    shown_edges = "() => window.govgraph.shownEdges()"
    assert "ascp-replaces-alscb:0" in view.js(shown_edges)
    view.page.uncheck("#asof-all")
    view.page.fill("#asof-date", "2019-08-31")
    assert "ascp-replaces-alscb:0" not in view.js(shown_edges)
    view.page.fill("#asof-date", "2019-09-01")
    assert "ascp-replaces-alscb:0" in view.js(shown_edges)


def test_filters(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
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


# -- static pages ----------------------------------------------------------------------


def test_focus_page_selects_its_centre(open_view: Any, mini_built: Project, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    write_view(mini_built.out, out, centre="CDRP", depth=1)
    view = open_view(out)
    assert view.shown() == {"cdrp", "executive-group", "sam-patel"}
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["cdrp"]
    assert view.page.text_content("#title") == "Around Child Death Review Panel (depth 1)"
    _clean(view)


def test_as_of_page_is_a_fixed_snapshot(open_view: Any, mini_built: Project, tmp_path: Path) -> None:
    from datetime import date

    out = tmp_path / "asof.html"
    write_view(mini_built.out, out, day=date(2018, 3, 31))
    view = open_view(out)
    assert "anytown-ccg" not in view.shown() and "north-ccg" in view.shown()
    assert view.page.is_disabled("#asof-all") and view.page.is_disabled("#asof-slider")
    assert view.page.text_content("#asof-label") == "as of 2018-03-31 (fixed)"
    _clean(view)


# -- bad input: hostile and non-ASCII text ---------------------------------------------


def test_hostile_names_and_quotes_are_shown_as_text(open_view: Any, xss_built: Project) -> None:
    out = xss_built.root / "view.html"
    write_view(xss_built.out, out)
    view = open_view(out)
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


def test_non_ascii_names_render(open_view: Any, mini_page_file: Path) -> None:
    view = open_view(mini_page_file)
    view.click_node("zoe-o-briain")
    assert view.page.text_content("#details h2") == "Zoë Ó Briain"
    assert "Zoë Ó Briain, Chair of the Anytown Safeguarding Children Partnership." in view.details()
    assert view.js("() => window.govgraph.nodes.get('zoe-o-briain').label") == "Zoë Ó Briain"
    _clean(view)


# -- scale and the real corpus ---------------------------------------------------------


def test_two_thousand_nodes_become_interactive_with_a_warning(open_view: Any, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    write_atomic(out, render(make_view(synthetic_index(2000))))
    view = open_view(out, timeout=60_000)
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


def test_the_corpus_view(open_view: Any, corpus_built: Project) -> None:
    out = corpus_built.root / "view.html"
    write_view(corpus_built.out, out)
    view = open_view(out)
    view.search("CDOP")
    assert view.js("() => window.govgraph.network.getSelectedNodes()") == ["cdop"]
    view.click_node("cdop")
    quotes = view.js(
        "() => { const d = window.govgraph.data, cdop = d.nodes.find(n => n.id === 'cdop');"
        " return d.facts[cdop.facts[0]].evidence.map(e => e.quote); }"
    )
    assert quotes and all(q in view.details() for q in quotes)
    shot = REPO / "build" / "view.png"  # the README's figure (docs/view.png) is a copy
    shot.parent.mkdir(exist_ok=True)
    view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000
    _clean(view)
