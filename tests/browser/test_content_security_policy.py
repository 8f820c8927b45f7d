"""The Content-Security-Policy on the project's own pages: math (KaTeX), diagrams (mermaid),
the graph (force-graph) and Material's scripts all work under it with no violation, and it
is enforced: a script injected into the page does not run."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import GRAPH_PAGE, MATH_PAGE, MERMAID_PAGE, PRACTICE_PAGE, RECORD_VIOLATIONS, wait_until_drawn

PAGES = {
    "home": "",
    "math": MATH_PAGE,
    "mermaid": MERMAID_PAGE,
    "graph": GRAPH_PAGE,
    "practice": PRACTICE_PAGE,
    "tags": "tags/",
}

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__injected = true";
  document.body.append(script);
  return window.__injected === true;
}"""


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_pages_work_under_the_policy_and_it_is_enforced(tab, path):
    tab.page.add_init_script(RECORD_VIOLATIONS)
    tab.open(path)
    page = tab.page
    wait_until_drawn(page, path)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_count(1)
    assert "'unsafe-inline'" not in policy.get_attribute("content").split("script-src", 1)[1].split(";", 1)[0]
    assert page.evaluate("() => window.__violations") == []
    assert tab.errors == [] and tab.console_errors() == []
    # Enforced: an inline script added to the page is refused and reported.
    assert page.evaluate(INJECT) is False
    page.wait_for_function("() => window.__violations.length > 0")
