"""Material's search finds notes by alias (the "Also called" line), by title and by text."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

SEARCHES = {
    # (query, the note page the results must link to)
    "alias GBDT": ("GBDT", "Gradient boosting/"),
    "alias only in aliases": ("AUROC", "ROC AUC/"),
    "title": ("Two-tower model", "Two-tower model/"),
    "phrase": ("reliability diagram", "Calibration/"),
}

RESULT_PAGES_JS = """() => [...document.querySelectorAll(".md-search-result__item a[href]")]
  .map((a) => decodeURIComponent(new URL(a.href).pathname))"""


@pytest.mark.parametrize(("query", "expected"), SEARCHES.values(), ids=SEARCHES.keys())
def test_search_finds_the_note(tab, site, query, expected):
    if query == "AUROC":  # what makes this case worth having: the alias is in no note's text
        notes = list(site.vault.published())
        assert any(query in n.aliases for n in notes) and not any(query.lower() in n.body.lower() for n in notes)
    tab.open()
    page = tab.page
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    wanted = "/" + expected
    try:
        page.wait_for_function(f"(wanted) => ({RESULT_PAGES_JS})().includes(wanted)", arg=wanted)
    except PlaywrightTimeoutError:
        pytest.fail(f"no result links to {wanted!r}; results: {sorted(set(page.evaluate(RESULT_PAGES_JS)))}")
    assert tab.errors == [] and tab.console_errors() == []
