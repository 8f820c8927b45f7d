"""Steps several browser tests share: waiting for lazily drawn parts, checking a hover preview."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

PREVIEW_TIMEOUT_MS = 3_000  # a preview must be shown within 3 s of hover or focus

# An init script: each document records its Content-Security-Policy violations in
# window.__violations, from before its own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def graph_scripted(page: Page) -> bool:
    """Whether the page loads graph.js (until it lands, the graph containers stay empty)."""
    return page.locator('script[src*="javascripts/graph.js"]').count() > 0


# Pages whose lazily loaded parts (KaTeX, mermaid, the graph) must have loaded before a test
# reads what the page requested or reported.
MATH_PAGE, MERMAID_PAGE, GRAPH_PAGE = "Logistic regression/", "Recommendation system/", "graph/"
PRACTICE_PAGE = "practice/"


def wait_until_drawn(page: Page, path: str) -> None:
    """Wait for the math of MATH_PAGE, the diagram of MERMAID_PAGE, the card of PRACTICE_PAGE
    and any graph, then for the network to settle."""
    if path == MATH_PAGE:
        expect(page.locator("article .arithmatex .katex").first).to_be_visible()
    if path == MERMAID_PAGE:
        expect(page.locator("article .mermaid-diagram[data-rendered] svg").first).to_be_visible()
    if path == PRACTICE_PAGE:
        expect(page.locator('.kb-practice[data-state="ready"]')).to_have_count(1)
    wait_for_graph_if_scripted(page)
    page.wait_for_load_state("networkidle")


def wait_for_graph_if_scripted(page: Page) -> None:
    """On a page with a graph container and graph.js, wait until every graph is drawn, so
    whatever it requests is on the record."""
    if page.locator(".kb-graph").count() and graph_scripted(page):
        expect(page.locator('.kb-graph:not([data-ready="1"])')).to_have_count(0)


def expect_preview_of(page: Page, site, link: Locator) -> None:
    """A visible .kb-preview for the page `link` points to: its data-url is that page (as a
    URL from the site root or from the current page) and it shows that note's title."""
    target = site.page_of(link.evaluate("a => a.href"))
    assert target is not None, "the link leaves the site"
    title = site.node_title(target)
    preview = page.locator(".kb-preview:visible")
    expect(preview, f"a visible .kb-preview for {target!r}").to_have_count(1, timeout=PREVIEW_TIMEOUT_MS)
    data_url = preview.get_attribute("data-url")
    assert data_url, ".kb-preview has no data-url"
    shown = {site.page_of(data_url, relative_to=page.url), site.page_of(data_url)}
    assert target in shown, f"preview data-url {data_url!r} is not {target!r}"
    expect(preview).to_contain_text(title, timeout=PREVIEW_TIMEOUT_MS)
