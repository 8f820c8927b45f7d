"""Search on the project's site: Material's search box answered by Pagefind
(scripts/vault_plugin/search.py, overrides/assets/javascripts/workers/search.js).

It finds a note by alias (first), title and text; results are Material's items, with the
match marked, and the page opened from one highlights it; the keyboard works as in Material;
search survives instant navigation; nothing leaves the site; and a page view fetches almost
nothing for search until the reader types."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .search_helpers import RESULT_ITEM, result_pages, type_query

SEARCHES = {
    # (query, the note page the first result must link to)
    "alias GBDT": ("GBDT", "Gradient boosting/"),
    "alias only in aliases": ("AUROC", "ROC AUC/"),
    "title": ("Two-tower model", "Two-tower model/"),
    "phrase": ("reliability diagram", "Calibration/"),
}

# What Material's bundle and the worker fetch for search on a page view, before any typing.
SEARCH_FILES = ("search/search_index.json", "assets/javascripts/workers/search.js", "pagefind/")
PAGE_VIEW_BUDGET = 100_000  # bytes of search data a page view may fetch before the reader types
FIRST_QUERY_BUDGET = 300_000  # bytes the first query may fetch


@pytest.mark.parametrize(("query", "expected"), SEARCHES.values(), ids=SEARCHES.keys())
def test_search_finds_the_note_first(tab, site, query, expected):
    if query == "AUROC":  # what makes this case worth having: the alias is in no note's text
        notes = list(site.vault.published())
        assert any(query in n.aliases for n in notes) and not any(query.lower() in n.body.lower() for n in notes)
    tab.open()
    type_query(tab.page, query)
    pages = result_pages(tab.page, wanted="/" + expected)
    assert pages[0] == "/" + expected, f"{query!r}: first result {pages[0]!r}, all {pages}"
    assert tab.errors == [] and tab.console_errors() == []


def test_results_are_material_items_with_the_match_marked_and_context(tab):
    tab.open()
    type_query(tab.page, "reliability diagram")
    result_pages(tab.page, wanted="/Calibration/")
    item = tab.page.locator(RESULT_ITEM, has=tab.page.locator('a[href*="Calibration/"]')).first
    expect(item.locator("article h1")).to_have_text("Calibration")
    expect(item.locator("mark").first).to_have_text("reliability", ignore_case=True)
    excerpt = item.locator("article p").first.inner_text()
    assert len(excerpt.split()) > 8, f"an excerpt with context, not just the words: {excerpt!r}"
    expect(tab.page.locator(".md-search-result__meta")).to_contain_text("matching document")


def test_the_keyboard_works_as_in_material_and_opens_by_instant_navigation(tab):
    tab.open()
    page = tab.page
    page.evaluate("() => { window.__kept = 'not reloaded' }")
    page.keyboard.press("/")  # focuses the search box
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("GBDT", delay=20)
    result_pages(page, wanted="/Gradient boosting/")
    page.keyboard.press("ArrowDown")  # the first result
    focused = page.evaluate("() => document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown moves into the results"
    page.keyboard.press("ArrowUp")  # back to the box
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Enter")  # opens the best result
    page.wait_for_url("**/Gradient%20boosting/**")
    assert page.evaluate("() => window.__kept") == "not reloaded", "instant navigation, not a reload"
    # The page opened from a result highlights the words searched (Material's search.highlight).
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible()
    assert tab.errors == [] and tab.console_errors() == []


def test_s_opens_search_and_escape_closes_it(tab):
    tab.open("Calibration/")
    page = tab.page
    page.keyboard.press("s")  # "s" focuses search too, as "/" does
    expect(page.locator("input.md-search__input")).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()  # Material's search is open
    page.keyboard.press("Escape")  # closes it
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("input.md-search__input")).not_to_be_focused()
    assert tab.errors == [] and tab.console_errors() == []


def test_search_works_after_instant_navigation(tab):
    tab.open()
    page = tab.page
    page.evaluate("() => { window.__kept = 'not reloaded' }")
    page.locator("article a", has_text="Calibration").first.click()
    page.wait_for_url("**/Calibration/")
    type_query(page, "AUROC")
    assert result_pages(page, wanted="/ROC AUC/")[0] == "/ROC AUC/"
    page.locator(RESULT_ITEM).first.locator("a").first.click()
    page.wait_for_url("**/ROC%20AUC/**")
    # Material closes search 125 ms after a navigation: wait for that before searching again.
    expect(page.locator("#__search")).not_to_be_checked()
    page.wait_for_timeout(300)
    type_query(page, "Two-tower")
    result_pages(page, wanted="/Two-tower model/")
    assert page.evaluate("() => window.__kept") == "not reloaded"
    assert tab.errors == [] and tab.console_errors() == []


def test_search_fetches_little_before_typing_and_nothing_from_elsewhere(tab, site):
    """The byte budgets of the issue at this vault's size (make bench measures them at 5,000
    and 10,000 notes: scripts/bench/search_budget.py)."""
    sizes: list[tuple[str, int]] = []
    tab.page.context.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    tab.open()
    tab.page.wait_for_load_state("networkidle")
    viewed = [(url, size) for url, size in sizes if url.startswith(tuple(site.url(f) for f in SEARCH_FILES))]
    loaded = sorted(url.split("/pagefind/", 1)[1] for url, _ in viewed if "/pagefind/" in url)
    assert loaded == ["pagefind.js"], f"only Pagefind's script before the reader types: {loaded}"
    assert sum(size for _, size in viewed) <= PAGE_VIEW_BUDGET, viewed
    before = len(sizes)
    type_query(tab.page, "reliability diagram")
    result_pages(tab.page, wanted="/Calibration/")
    tab.page.wait_for_load_state("networkidle")
    queried = sizes[before:]
    assert any("/pagefind/" in url for url, _ in queried)
    assert sum(size for _, size in queried) <= FIRST_QUERY_BUDGET, queried
    assert tab.foreign_requests() == []
    assert tab.failed == []
