"""Hover previews: pointing at a wikilink, or reaching it with the keyboard, shows a preview
of the linked note within 3 seconds."""

from __future__ import annotations

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
