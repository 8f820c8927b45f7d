"""Search reads every script a vault is written in: a word that appears in a note finds that
note, in Korean, Japanese, Chinese, Cyrillic and accented Latin (tests/fixtures/search_languages,
one note per script, and two on tags), through Material's search box, as a reader types it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import ROOT, build_site

from .conftest import served_site
from .search_helpers import result_pages, type_query

FIXTURE = ROOT / "tests" / "fixtures" / "search_languages"

WORDS = {
    # id: (what the reader types, the note page it must find)
    "korean word with a particle": ("학습률", "경사 하강법/"),
    "korean word and its particle": ("기울기", "경사 하강법/"),
    "korean two words": ("손실 함수", "경사 하강법/"),
    "korean heading": ("모멘텀", "경사 하강법/"),
    "korean alias": ("경사하강", "경사 하강법/"),
    "japanese kanji": ("過学習", "機械学習の基礎/"),
    "japanese mixed kana": ("表形式のデータ", "機械学習の基礎/"),
    "japanese katakana heading": ("ブースティング", "機械学習の基礎/"),
    "chinese": ("学习率", "梯度下降/"),
    "chinese inside a sentence": ("小批量", "梯度下降/"),
    "chinese heading": ("动量", "梯度下降/"),
    "cyrillic": ("потерь", "Градиентный спуск/"),
    "cyrillic two words": ("скорость обучения", "Градиентный спуск/"),
    "cyrillic alias": ("Спуск по градиенту", "Градиентный спуск/"),
    "accented latin": ("surapprentissage", "Régularisation/"),
    "accents typed without them": ("foret aleatoire", "Régularisation/"),
    "accents typed": ("forêt", "Régularisation/"),
    "german eszett": ("heißt", "Régularisation/"),
    "vietnamese": ("quá khớp", "Régularisation/"),
}


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-languages")

    def build(base: str):
        result = build_site(FIXTURE, root / "site", strict=True, SITE_URL=base)
        assert result.returncode == 0, result.stderr
        return root / "site"

    with served_site(root / "site", FIXTURE, build) as served:
        yield served


@pytest.fixture
def languages_tab(browser, languages_site, request):
    from .conftest import Tab, VIEWPORT

    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    page = context.new_page()
    record = Tab(page=page, site=languages_site)
    context.on("request", lambda r: record.requests.append(r.url))
    page.on("console", lambda m: record.console.append((m.type, m.text, f"{m.location.get('url')}")))
    page.on("pageerror", lambda e: record.errors.append(f"{e.name}: {e.message}"))
    try:
        yield record
    finally:
        context.close()


@pytest.mark.parametrize(("query", "expected"), WORDS.values(), ids=WORDS.keys())
def test_a_word_of_a_note_finds_it(languages_tab, query, expected):
    tab = languages_tab
    tab.open()
    type_query(tab.page, query)
    pages = result_pages(tab.page, wanted="/" + expected)
    assert pages[0] == "/" + expected, f"{query!r}: first result {pages[0]!r}, all {pages}"
    assert tab.errors == [] and tab.console_errors() == []


def test_a_cjk_excerpt_reads_as_written(languages_tab):
    """The index separates CJK characters; the excerpt shown has no separator left, and the
    match is marked."""
    tab = languages_tab
    tab.open()
    type_query(tab.page, "学习率")
    result_pages(tab.page, wanted="/梯度下降/")
    item = tab.page.locator(".md-search-result__item").first
    expect(item).to_contain_text("学习率决定每一步的大小")
    assert "\u2008" not in item.inner_text()
    expect(item.locator("mark").first).to_be_visible()


def test_a_word_in_no_note_finds_nothing(languages_tab):
    tab = languages_tab
    tab.open()
    type_query(tab.page, "강화학습")
    expect(tab.page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    expect(tab.page.locator(".md-search-result__item")).to_have_count(0)


def test_a_tag_weighs_as_a_title(languages_tab):
    """A note tagged #crosswalk comes before one that says the word three times (the tag's own
    page, which lists the notes tagged with it, may come first)."""
    tab = languages_tab
    tab.open()
    type_query(tab.page, "crosswalk")
    pages = result_pages(tab.page, wanted="/Traffic counts/")
    assert "/Pedestrian safety/" in pages
    assert pages.index("/Pedestrian safety/") < pages.index("/Traffic counts/"), pages
