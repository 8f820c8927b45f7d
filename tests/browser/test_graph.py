"""The graph page draws every note, and clicking a node opens that note.

A canvas has no element per node, so the test asks graph.js where it draws a node: the
`.kb-graph` element carries `el.kbGraph.screenPosition(url)` and `el.kbGraph.settled`
(README.md beside this file). Once the layout has settled, the test clicks the node that stands
farthest from any other (no overlap can steal the click) and expects its note to open by
Material's instant navigation: on the graph page and in a note's local graph alike."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

SETTLE_TIMEOUT_MS = 20_000  # a 300-tick layout, then a 400 ms zoom to fit
MIN_GAP_PX = 8  # the chosen node's distance to its nearest neighbour on screen
LOCAL_NOTE = "Calibration/"  # a note with a few neighbours in its local graph
MARKER = "window.__kbMarker"  # set before the click: a full page load would lose it
HOOK = (
    "the test needs, on each drawn .kb-graph element, `el.kbGraph = { screenPosition(url), settled }`: "
    "screenPosition(graph.json url) -> {x, y} in viewport CSS pixels (null when not drawn), and settled "
    "true once the layout has stopped and the zoom-to-fit is over (see tests/browser/README.md)"
)


def note_pages(site) -> list[str]:
    """The decoded site path of every published note whose page was built."""
    pages = [site.note_page(note.path) for note in site.vault.published()]
    missing = [p for p in pages if not (site.directory / p / "index.html").is_file()]
    assert missing == [], "notes without a page"
    return pages


POSITIONS_JS = """(el, urls) => {
  const api = el.kbGraph;
  if (!api || typeof api.screenPosition !== "function") return null;
  const out = {};
  for (const url of urls) {
    const p = api.screenPosition(url);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) out[url] = [p.x, p.y];
  }
  return out;
}"""


def test_graph_page_shows_every_note(tab, site):
    tab.open("graph/")
    nodes = site.graph["nodes"]
    pages = note_pages(site)
    assert len(pages) == len(list(site.vault.published())) > 1
    assert sorted(site.page_of(node["url"]) for node in nodes) == sorted(pages), "graph.json: one node per note page"

    graph = tab.page.locator('.kb-graph[data-graph="global"]')
    expect(graph).to_have_count(1)
    expect(graph).to_have_attribute("data-ready", "1")
    expect(graph).to_have_attribute("data-nodes", str(len(nodes)))
    canvas = graph.locator("canvas").first
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box and box["width"] >= 200 and box["height"] >= 200, f"canvas too small: {box}"
    assert tab.errors == [] and tab.console_errors() == []


def test_clicking_a_node_opens_its_note_without_a_reload(tab, site):
    tab.open("graph/")
    graph = tab.page.locator('.kb-graph[data-graph="global"]')
    urls = [node["url"] for node in site.graph["nodes"]]
    expect_opened_without_reload(tab, site, click_a_node(tab.page, graph, urls))


def test_clicking_a_node_of_a_local_graph_opens_its_note_without_a_reload(tab, site):
    tab.open(LOCAL_NOTE)
    graph = tab.page.locator('.kb-graph[data-graph="local"]')
    centre = graph.get_attribute("data-url")
    assert site.page_of(centre, relative_to=site.base) == LOCAL_NOTE
    # Clicking the note's own node does nothing: any other node of its neighbourhood.
    urls = [node["url"] for node in site.graph["nodes"] if node["url"] != centre]
    expect_opened_without_reload(tab, site, click_a_node(tab.page, graph, urls, every_node_drawn=False))


def click_a_node(page, graph, urls: list[str], every_node_drawn: bool = True) -> str:
    """Waits until `graph` (a .kb-graph locator) has settled, clicks the node among `urls` that
    stands farthest from any other, and returns its url. Sets MARKER on the window first."""
    expect(graph).to_have_attribute("data-ready", "1")
    canvas = graph.locator("canvas").first
    canvas.scroll_into_view_if_needed()

    def positions() -> dict[str, tuple[float, float]]:
        found = graph.evaluate(POSITIONS_JS, urls)
        assert found is not None, "graph.js exposes no position of its nodes; " + HOOK
        return {url: tuple(xy) for url, xy in found.items()}

    def clickable(found) -> tuple[str, float] | None:
        """The node inside the canvas and the viewport that is farthest from its nearest
        neighbour, and that distance."""
        box = canvas.bounding_box()
        left, top = max(box["x"], 0) + MIN_GAP_PX, max(box["y"], 0) + MIN_GAP_PX
        right = min(box["x"] + box["width"], page.viewport_size["width"]) - MIN_GAP_PX
        bottom = min(box["y"] + box["height"], page.viewport_size["height"]) - MIN_GAP_PX
        inside = {u: p for u, p in found.items() if left <= p[0] <= right and top <= p[1] <= bottom}
        best = None
        for url, (x, y) in inside.items():
            gap = min((math.dist((x, y), q) for u, q in found.items() if u != url), default=math.inf)
            if best is None or gap > best[1]:
                best = (url, gap)
        return best

    # The layout runs, then the view zooms to fit: click only once graph.js says it is done,
    # and the chosen node has kept its place for a moment.
    positions()  # fails at once, saying what is needed, when graph.js exposes no positions
    try:
        page.wait_for_function("(el) => el.kbGraph?.settled === true", arg=graph.element_handle(), timeout=SETTLE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pytest.fail("graph.js never reported `el.kbGraph.settled === true`; " + HOOK)
    before = positions()
    if every_node_drawn:
        assert len(before) == len(urls), "every node of the graph page has a position"
    else:
        assert before, "no node of the graph has a position"
    for _ in range(SETTLE_TIMEOUT_MS // 250):
        page.wait_for_timeout(250)
        now = positions()
        choice = clickable(now)
        assert choice is not None, f"no node drawn inside the visible canvas: {len(now)} positions"
        url, gap = choice
        if url in before and math.dist(before[url], now[url]) < 0.5:
            break
        before = now
    else:
        pytest.fail("graph.js says the graph is settled, but its nodes still move")
    assert gap >= MIN_GAP_PX, f"every node overlaps another (best gap {gap:.1f}px)"

    page.evaluate(f"() => {{ {MARKER} = 'kept'; }}")
    page.mouse.click(*now[url])
    return url


def expect_opened_without_reload(tab, site, url: str) -> None:
    """The note at graph.json's `url` is shown, with the address bar on it, and the window
    that was clicked in is still there: Material's instant navigation, not a page load."""
    page = tab.page
    path = site.page_of(url)
    expect(page).to_have_url(re.compile("^" + re.escape(site.url(path)) + r"(#.*)?$"))
    expect(page.locator("article h1").first).to_have_text(site.node_title(path))
    assert page.evaluate(f"() => {MARKER}") == "kept", f"{path} was opened by a full page load, not instant navigation"
    assert tab.errors == [] and tab.console_errors() == []
