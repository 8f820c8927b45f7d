"""The site works offline: no request leaves 127.0.0.1, and pages run without console errors
or uncaught exceptions, including the ones that load KaTeX, mermaid and the graph."""

from __future__ import annotations

import pytest

from .helpers import GRAPH_PAGE, MATH_PAGE, MERMAID_PAGE, PRACTICE_PAGE, wait_until_drawn

PAGES = {
    "home": "",
    "math": MATH_PAGE,
    "mermaid": MERMAID_PAGE,
    "graph": GRAPH_PAGE,
    "practice": PRACTICE_PAGE,
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_request_leaves_the_site_and_no_errors(tab, path):
    tab.open(path)
    page = tab.page
    # What the page loads lazily must have loaded before the record is read.
    wait_until_drawn(page, path)

    assert tab.requests, "no request recorded"
    assert tab.foreign_requests() == [], "requests to other hosts"
    assert tab.failed == [], "failed requests"
    assert tab.console_errors() == [], "console errors"
    assert tab.errors == [], "page errors"
