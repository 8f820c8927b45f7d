"""No injected script runs: the payload vault (tests/xss_vault.py) in Chromium. Every page type
opens with no dialog, no console error and no Content-Security-Policy violation, and shows the
payloads as text; a note with raw HTML that would run code is stopped by the policy."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

import xss_vault as x

from .conftest import VIEWPORT, Tab, served_site
from .helpers import PREVIEW_TIMEOUT_MS, RECORD_VIOLATIONS, wait_for_graph_if_scripted



@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss-browser")
    with served_site(root / "site", root / "docs", lambda base: x.build_xss_site(root, SITE_URL=base)) as served:
        yield served


@dataclass
class Watched(Tab):
    dialogs: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        return self.page.evaluate("() => window.__violations")

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == [], f"a payload ran: {self.dialogs}"
        assert self.errors == [] and self.console_errors() == []
        assert self.violations() == []


@pytest.fixture
def xss_tab(browser, xss_site):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    record = Watched(page=page, site=xss_site)
    page.on("dialog", lambda dialog: (record.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda m: record.console.append((m.type, m.text, f"{m.location.get('url')}:{m.location.get('lineNumber')}")))
    page.on("pageerror", lambda e: record.errors.append(f"{e.name}: {e.message}"))
    try:
        yield record
    finally:
        context.close()


PAGES = {
    # id: (site path, texts the page must show)
    "note": ("Payload/", [x.TITLE, x.ALIASES[1], "#" + x.TAG, x.HEADING, x.OPENING]),
    "links, backlinks, embed": ("Hub/", [x.DISPLAY, x.FILE_NOTE, x.URL_NOTE, x.MISSING, x.TITLE]),
    "note named by a payload": (f"{x.FILE_NOTE}/", [x.FILE_NOTE]),
    "home": ("", [x.TITLE, x.FILE_NOTE, x.URL_NOTE]),
    "tags": ("tags/", ["#" + x.TAG]),
    "tag page": (f"tags/{x.TAG.casefold()}/", ["#" + x.TAG, x.TITLE]),
    "graph": ("graph/", []),
}


@pytest.mark.parametrize(("path", "texts"), PAGES.values(), ids=PAGES.keys())
def test_each_page_type_shows_payloads_as_text_and_runs_none(xss_tab, path, texts):
    xss_tab.open(path)
    page = xss_tab.page
    wait_for_graph_if_scripted(page)
    article = page.locator("article.md-content__inner")
    for text in texts:
        expect(article).to_contain_text(text)
    if path == "Payload/":
        assert page.title() == f"{x.TITLE} - ML System Design Knowledge Base"
        expect(page.locator("article h1")).to_have_text(x.TITLE)
    if path == "graph/":  # the tag filter lists the payload tag as text
        expect(page.locator(".kb-graph select option", has_text=x.TAG)).to_have_count(1)
    page.wait_for_load_state("networkidle")
    xss_tab.assert_nothing_ran()


def test_search_results_show_a_payload_as_text(xss_tab):
    xss_tab.open()
    page = xss_tab.page
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("onerror", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(x.TITLE)
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    xss_tab.assert_nothing_ran()


def test_the_hover_preview_of_the_payload_note_shows_it_as_text(xss_tab):
    xss_tab.open("Hub/")
    page = xss_tab.page
    link = page.locator("article a.wikilink", has_text=x.DISPLAY).first
    link.hover()
    preview = page.locator(".kb-preview:visible")
    expect(preview).to_have_count(1, timeout=PREVIEW_TIMEOUT_MS)
    expect(preview.locator(".kb-preview__title")).to_have_text(x.TITLE)
    expect(preview).to_contain_text(x.OPENING)
    assert preview.locator("img, script").count() == 0
    xss_tab.assert_nothing_ran()


def test_instant_navigation_to_the_payload_note_runs_nothing(xss_tab):
    xss_tab.open("Hub/")
    page = xss_tab.page
    page.locator("article a.wikilink", has_text=x.DISPLAY).first.click()
    page.wait_for_url("**/Payload/")
    expect(page.locator("article h1")).to_have_text(x.TITLE)
    page.wait_for_load_state("networkidle")
    xss_tab.assert_nothing_ran()


def test_practice_cards_show_questions_as_text_and_run_none(xss_tab):
    """The deck's questions: one escaped in its note (shown as text), one raw (dropped)."""
    xss_tab.open("practice/")
    page = xss_tab.page
    card = page.locator(".kb-practice__card")
    expect(page.locator(".kb-practice")).to_have_attribute("data-state", "ready")
    expect(card.locator(".kb-practice__question")).to_have_text(x.QUESTION)
    expect(card.locator(".kb-practice__note")).to_have_text(x.TITLE)
    page.keyboard.press("j")
    expect(card.locator(".kb-practice__question")).to_have_text("Raw and in a question")
    assert card.locator("img, script, [onerror]").count() == 0
    page.wait_for_load_state("networkidle")
    xss_tab.assert_nothing_ran()


def test_raw_html_in_a_note_is_stopped_by_the_policy(xss_tab):
    xss_tab.open(f"{x.RAW_NOTE}/")
    page = xss_tab.page
    page.wait_for_load_state("networkidle")
    before = xss_tab.violations()
    page.locator("article a", has_text="link").click()  # a javascript: URL
    page.wait_for_function("(count) => window.__violations.length > count", arg=len(before))
    assert xss_tab.dialogs == []
    assert any(v.startswith("script-src-elem blocked inline") for v in before), before  # <script>alert(18)</script>
    assert any(v.startswith("script-src-attr blocked inline") for v in before), before  # onerror=
    # The page itself still works: Material's scripts ran (search is wired up).
    expect(page.locator("input.md-search__input")).to_be_enabled()
