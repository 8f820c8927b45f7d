"""Hover previews: pointing at a wikilink, or reaching it with the keyboard, shows a preview
of the linked note within 3 seconds."""

from __future__ import annotations

from playwright.sync_api import expect

from .helpers import expect_preview_of

NOTE = "Calibration/"
WIKILINKS = "article.md-content__inner a.wikilink"


def test_hovering_a_wikilink_shows_its_preview(tab, site):
    tab.open(NOTE)
    link = tab.page.locator(WIKILINKS).first
    link.scroll_into_view_if_needed()
    link.hover()
    expect_preview_of(tab.page, site, link)
    assert tab.errors == [] and tab.console_errors() == []


def test_focusing_a_wikilink_with_the_keyboard_shows_its_preview(tab, site):
    tab.open(NOTE)
    page = tab.page
    links = page.locator(WIKILINKS)
    first = site.page_of(links.first.evaluate("a => a.href"))
    # A link to another note than the first one, so that this preview cannot be the hover's.
    link = next(
        links.nth(i) for i in range(links.count())
        if site.page_of(links.nth(i).evaluate("a => a.href")) not in (first, NOTE)
    )
    # Focus lands on the link from the keyboard: focus it, step back, then Tab forward to it.
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert link.evaluate("a => a === document.activeElement"), "Tab did not reach the link"
    expect_preview_of(page, site, link)
    assert tab.errors == [] and tab.console_errors() == []


# A page without math of its own (the home page), and a note whose preview opens with math.
NO_MATH_PAGE, MATH_NOTE = "", "Logistic regression/"


def test_a_preview_typesets_its_math_on_a_page_without_math(tab, site):
    tab.open(NO_MATH_PAGE)
    page = tab.page
    assert page.locator("article .arithmatex").count() == 0, "the page has math of its own"
    assert page.evaluate("() => typeof katex") == "undefined", "KaTeX is loaded before any preview"
    links = page.locator("article.md-content__inner a")
    hrefs = links.evaluate_all("(links) => links.map((a) => a.href)")
    link = links.nth(next(i for i, href in enumerate(hrefs) if site.page_of(href) == MATH_NOTE))
    link.scroll_into_view_if_needed()
    link.hover()
    expect_preview_of(page, site, link)
    preview = page.locator(".kb-preview:visible")
    expect(preview.locator(".arithmatex .katex").first).to_be_visible()
    expect(preview.locator(".arithmatex:not(:has(.katex))")).to_have_count(0)
    assert "\\(" not in preview.inner_text() and "\\[" not in preview.inner_text(), "raw TeX in the preview"
    assert tab.errors == [] and tab.console_errors() == []
