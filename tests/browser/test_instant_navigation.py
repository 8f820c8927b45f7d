"""Material's instant navigation swaps pages without a reload; everything our scripts add must
work on a page reached that way: math, the local graph and hover previews."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .helpers import expect_preview_of

FIRST, SECOND = "Calibration/", "Logistic regression/"  # both have math and wikilinks
MARKER = "window.__kbMarker"


def test_instant_navigation_keeps_math_graph_and_previews(tab, site):
    page = tab.page
    tab.open()
    page.evaluate(f"() => {{ {MARKER} = 'kept'; }}")

    # Home -> a note, by a link of the A-Z index; then that note -> another by a wikilink.
    link_to(site, page.locator("article.md-content__inner a"), FIRST).click()
    arrive(tab, site, FIRST)
    link_to(site, page.locator("article.md-content__inner a.wikilink"), SECOND).click()
    arrive(tab, site, SECOND)

    local = page.locator('.kb-graph[data-graph="local"]')
    expect(local).to_have_count(1)
    expect(local).to_have_attribute("data-ready", "1")
    expect(local.locator("canvas").first).to_be_visible()

    link = page.locator("article.md-content__inner a.wikilink").first
    link.scroll_into_view_if_needed()
    link.hover()
    expect_preview_of(page, site, link)
    assert tab.errors == [] and tab.console_errors() == []


def arrive(tab, site, path: str) -> None:
    """The page at `path` is shown, typeset, and was reached without a reload."""
    page = tab.page
    expect(page).to_have_url(at_page(site, path))
    expect(page.locator("article h1").first).to_have_text(site.node_title(path))
    assert page.evaluate(f"() => {MARKER}") == "kept", f"{path} was loaded by a full reload, not instant navigation"
    expect(page.locator("article .arithmatex .katex").first).to_be_visible()
    expect(page.locator("article .arithmatex:not(:has(.katex))")).to_have_count(0)



def at_page(site, path: str) -> re.Pattern:
    """The URL of a page, with any fragment (navigation.tracking writes the heading in view)."""
    return re.compile("^" + re.escape(site.url(path)) + r"(#.*)?$")


def link_to(site, links, target: str):
    """The first of `links` that points to the page `target` (a decoded site path)."""
    hrefs = links.evaluate_all("(links) => links.map((a) => a.href)")
    index = next((i for i, href in enumerate(hrefs) if site.page_of(href) == target), None)
    assert index is not None, f"no link to {target!r} among {len(hrefs)}"
    return links.nth(index)
