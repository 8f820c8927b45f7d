"""Steps the search tests share: typing into Material's search box, reading its results."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

# Each result item shown: Material's class (the worker's results are rendered by Material).
# Material hides the list while its search box is closed, its items still in the page (seen
# after an instant navigation on a busy machine): a reader sees only the shown ones.
RESULT_ITEM = ".md-search-result__item:visible"
# The page each result item shown links to (its first link), decoded, in the order shown.
RESULT_PAGES_JS = """() => [...document.querySelectorAll(".md-search-result__item")]
  .filter((item) => item.checkVisibility())
  .map((item) => item.querySelector("a[href]"))
  .filter(Boolean)
  .map((a) => decodeURIComponent(new URL(a.href).pathname))"""


def type_query(page: Page, query: str) -> None:
    """Open Material's search box and type, key by key, as a reader does.

    Material closes the search box 125 ms after an instant navigation; a test types faster
    than a reader, and on a busy machine that close can come after the box was opened again
    (the results are then there, hidden). The box is opened and typed into once more then:
    the box left focused, so that a click focuses it, and Material opens it, again."""
    search = page.locator("input.md-search__input")
    for attempt in range(3):
        if attempt:
            search.blur()
        search.click()
        search.fill("")  # Material keeps the last query in the box
        search.press_sequentially(query, delay=20)
        # Material reads the box on keyup. Playwright inserts a character no key of its
        # keyboard layout makes (Hangul, kana, Cyrillic) without key events, where a reader's
        # input method sends them: one key that changes nothing stands in for those.
        search.press("End")
        page.wait_for_timeout(200)
        if page.locator("#__search").is_checked():
            return


def result_pages(page: Page, wanted: str | None = None) -> list[str]:
    """The pages the results link to, once there are results (and, with ``wanted``, once
    one of them links to that page: results of earlier keystrokes may show first)."""
    first = page.locator(RESULT_ITEM).first
    try:
        expect(first).to_be_visible(timeout=3_000)
    except AssertionError:
        # Material's close after an instant navigation came after the query was typed (a busy
        # machine): the results are there, hidden. The query is typed again.
        if not page.locator("#__search").is_checked():
            type_query(page, page.locator("input.md-search__input").input_value())
        expect(first).to_be_visible()  # slow results, or those of the query typed again
    if wanted is not None:
        try:
            page.wait_for_function(f"(wanted) => ({RESULT_PAGES_JS})().includes(wanted)", arg=wanted)
        except PlaywrightTimeoutError:
            pytest.fail(f"no result links to {wanted!r}; results: {page.evaluate(RESULT_PAGES_JS)}")
    return page.evaluate(RESULT_PAGES_JS)
