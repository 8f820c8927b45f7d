"""Screenshots of the home page, a note, the graph page and the Practice page, saved in tests/artifacts/ for a
person to look at: the window as a reader sees it, after math, diagrams and graphs are drawn."""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, VIEWPORT
from .helpers import PREVIEW_TIMEOUT_MS, wait_for_graph_if_scripted

NOTE = "Calibration/"


def top(page):
    pass


def neighbourhood(page):
    """The end of the note: backlinks and the local graph."""
    page.locator(".local-graph").scroll_into_view_if_needed()


def preview(page):
    """A hover preview open over the text."""
    link = page.locator("article.md-content__inner a.wikilink").first
    link.scroll_into_view_if_needed()
    link.hover()
    expect(page.locator(".kb-preview:visible")).to_have_count(1, timeout=PREVIEW_TIMEOUT_MS)


def practice_card(page):
    """The Practice page with its first card revealed."""
    expect(page.locator('.kb-practice[data-state="ready"]')).to_have_count(1)
    page.locator(".kb-practice__button--reveal").click()


SHOTS = {
    "home": ("", top),
    "note-calibration": (NOTE, top),
    "note-calibration-neighbourhood": (NOTE, neighbourhood),
    "note-calibration-preview": (NOTE, preview),
    "graph": ("graph/", top),
    "practice": ("practice/", practice_card),
}

SETTLED_JS = "() => [...document.querySelectorAll('.kb-graph')].every((el) => !el.kbGraph || el.kbGraph.settled)"


@pytest.mark.parametrize(("path", "action"), SHOTS.values(), ids=SHOTS.keys())
def test_screenshot(tab, request, path, action):
    tab.open(path)
    page = tab.page
    expect(page.locator("article h1").first).to_be_visible()
    if page.locator("article .arithmatex").count():
        expect(page.locator("article .arithmatex .katex").first).to_be_visible()
    wait_for_graph_if_scripted(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED_JS, timeout=20_000)  # a laid-out graph, where graph.js says when that is
    action(page)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{request.node.callspec.id}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), animations="disabled")  # CSS transitions at their end

    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert struct.unpack(">II", data[16:24]) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(data) > 20_000, "an almost empty picture"
    assert tab.errors == [] and tab.console_errors() == []
