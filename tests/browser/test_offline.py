"""The site works offline: no request leaves 127.0.0.1, and pages run without console errors
or uncaught exceptions, including the ones that load KaTeX, mermaid and the graph."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import wait_for_graph_if_scripted

PAGES = {
    "home": "",
    "math": "Logistic regression/",
    "mermaid": "Recommendation system/",
    "graph": "graph/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_request_leaves_the_site_and_no_errors(tab, path):
    tab.open(path)
    page = tab.page
    # What the page loads lazily must have loaded before the record is read.
    if path == PAGES["math"]:
        expect(page.locator("article .arithmatex .katex").first).to_be_visible()
    if path == PAGES["mermaid"]:
        expect(page.locator("article .mermaid-diagram[data-rendered] svg").first).to_be_visible()
    wait_for_graph_if_scripted(page)
    page.wait_for_load_state("networkidle")

    assert tab.requests, "no request recorded"
    assert tab.foreign_requests() == [], "requests to other hosts"
    assert tab.failed == [], "failed requests"
    assert tab.console_errors() == [], "console errors"
    assert tab.errors == [], "page errors"
