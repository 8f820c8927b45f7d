"""How the search worker plans a query (overrides/assets/javascripts/workers/search.js), in
Chromium: the index slices each word needs, which words a query searches within its budget,
and the order of the results. Unit tables; the budgets at scale are measured by
test_search_scale.py and `make bench`."""

from __future__ import annotations

import pytest

from conftest import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search.js"
SITE_LINE = 'const site = new URL("../../../", self.location.href);'

# Slices as Pagefind bounds them: the shortest prefixes telling neighbours apart.
CHUNKS = [
    ["a", "conta", 30_000],
    ["contr", "cos", 88_000],
    ["cou", "fee", 47_000],
    ["fef", "fir", 40_000],
    ["fis", "los", 48_000],
    ["low", "rank", 56_000],
    ["ranki", "rar", 38_000],
    ["ras", "the", 401_000],
    ["thf", "zz", 20_000],
    ["\u00e9", "\u6a5f", 25_000],
    ["\u6a5f\u68b0", "\u9fff", 15_000],
]


@pytest.fixture(scope="module")
def worker(browser):
    """A blank page holding the worker's functions (its Pagefind is never loaded)."""
    source = WORKER.read_text(encoding="utf-8")
    assert SITE_LINE in source, "the worker no longer finds the site so: update this fixture"
    source = source.replace(SITE_LINE, 'const site = new URL("http://127.0.0.1/");')
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>worker</title>")
    page.add_script_tag(content=source)
    page.evaluate("""(chunks) => {
        const utf8 = (text) => new TextEncoder().encode(text);
        window.testChunks = chunks.map(([first, last, bytes]) => [utf8(first), utf8(last), bytes]);
    }""", CHUNKS)
    yield page
    context.close()


def slices(worker, word: str) -> list[int]:
    return worker.evaluate("(word) => slicesOf(word, window.testChunks)", word)


@pytest.mark.parametrize(("word", "expected"), [
    ("ranking", [5, 6]),  # "rank".."rank" may hold it, "ranki".."rar" does
    ("rank", [5, 6]),  # and the words it begins
    ("loss", [4]),  # "fis".."los": the bound is a prefix of the word
    ("contrastive", [1]),
    ("co", [0, 1, 2]),  # a prefix: every slice that may hold a word it begins
    ("the", [7]),
    ("zebra", [8]),
    ("\u6a5f", [9, 10]),  # bytes, not UTF-16 units
    ("\u00e0", []),  # between two slices' bounds
])
def test_a_word_needs_the_slices_pagefind_fetches_for_it(worker, word, expected):
    assert slices(worker, word) == expected


def plan(worker, words: list[str], fetched: list[int] = (), frequent: list[list] = (), pages: int = 100) -> dict:
    return worker.evaluate("""([words, done, frequent, pages]) => {
        fetched.clear();
        done.forEach((index) => fetched.add(index));
        return plan(words, { chunks: window.testChunks, frequent, pages });
    }""", [words, list(fetched), list(frequent), pages])


@pytest.mark.parametrize(("words", "fetched", "searched", "skipped"), [
    (["feed", "first"], [], ["feed", "first"], []),  # 47 + 40 KB: both fit
    (["contrastive", "loss"], [], ["loss"], ["contrastive"]),  # 88 + 48 KB do not: the cheaper
    (["the", "ranking", "model"], [], ["ranking", "model"], ["the"]),  # model shares a slice with ranking
    (["the"], [], ["the"], []),  # over the budget alone: still searched
    (["feed", "z"], [], ["feed"], []),  # a short last word is still being typed, though it would fit
    (["contrastive", "loss"], [1], ["contrastive"], ["loss"]),  # fetched before: kept, and counted
    (["loss", "contrastive"], [1], ["contrastive"], ["loss"]),
    (["the", "ranking"], [7], ["the", "ranking"], []),  # a common word fetched before costs nothing
    (["the", "ranking"], [], ["ranking"], ["the"]),
    (["zebra", "\u6a5f"], [], ["zebra", "\u6a5f"], []),
])
def test_a_query_searches_its_cheapest_words_within_the_budget(worker, words, fetched, searched, skipped):
    planned = plan(worker, words, fetched)
    assert planned["searched"] == searched
    assert sorted(planned["skipped"]) == sorted(skipped)
    budget = worker.evaluate("SLICES_BUDGET")
    assert planned["spent"] <= budget or len(planned["searched"]) == 1


@pytest.mark.parametrize(("word", "frequent", "pages"), [
    ("loss", [["loss", 9108]], 9108),
    ("doubles", [["doubl", 8382]], 8382),  # the stem Pagefind looks "doubles" up by
    ("ranking", [["rank", 9390], ["ranki", 10]], 9390),
    ("lo", [["loss", 9108], ["low", 10000], ["model", 10000]], 10000),  # every word it begins
    ("isotonic", [["is", 10001]], 0),  # "is" is no stem of it
    ("generalization", [["general", 5000]], 0),  # may be: not counted (searched, as a rare word)
    ("contrastive", [["loss", 9108]], 0),
    ("\u5b66", [["\u5b66", 3000], ["\u5b66\u7fd2", 4000]], 4000),
])
def test_a_word_is_on_as_many_pages_as_the_frequent_words_it_finds(worker, word, frequent, pages):
    assert worker.evaluate("([word, frequent]) => pagesOf(word, frequent)", [word, frequent]) == pages


FREQUENT = [["model", 10000], ["rank", 9390], ["loss", 9108], ["the", 9000], ["first", 8000]]


@pytest.mark.parametrize(("words", "frequent", "searched", "skipped"), [
    (["loss", "first"], FREQUENT, ["first"], ["loss"]),  # found on 8,000 pages, at most: twice is too much
    (["loss", "first"], [["loss", 9108], ["first", 4000]], ["loss", "first"], []),  # 4,000, twice
    (["feed", "first"], FREQUENT, ["feed", "first"], []),  # with a word on 1,000 pages at most
    (["model"], FREQUENT, ["model"], []),  # alone: searched
])
def test_words_on_many_pages_are_not_searched_together(worker, words, frequent, searched, skipped):
    planned = plan(worker, words, frequent=frequent, pages=10_000)
    assert planned["searched"] == searched
    assert sorted(planned["skipped"]) == sorted(skipped)


def test_a_long_query_searches_at_most_ten_words_of_a_large_index(worker):
    """Words no listed word counts for are on FREQUENT_PAGES at most, or on as many as the
    index holds: eleven of them are too much work at 10,000 pages, not at 100."""
    words = ["apple", "avocado", "banana", "berry", "bread", "butter", "cake", "candy", "carrot", "cherry", "chili"]
    assert plan(worker, words, pages=100)["searched"] == words  # one 30 KB slice holds them all
    planned = plan(worker, words, pages=10_000)
    assert len(planned["searched"]) == 10 and len(planned["skipped"]) == 1


def test_a_plan_counts_a_shared_slice_once(worker):
    planned = plan(worker, ["feed", "fern", "first"])
    assert planned["searched"] == ["feed", "fern", "first"] and sorted(planned["slices"]) == [2, 3]
    assert planned["spent"] == 47_000 + 40_000


def ranked(worker, pages: list[dict], query: str, skipped: list[str]) -> list[str]:
    return worker.evaluate("""([pages, query, skipped]) => ranked(pages, query, skipped).map((page) => page.url)""",
                           [pages, query, skipped])


def page(url: str, title: str, content: str = "") -> dict:
    return {"url": url, "meta": {"title": title}, "content": content}


@pytest.mark.parametrize(("query", "skipped", "pages", "expected"), [
    (
        "Contrastive loss pitfalls", [],
        [page("/a", "Contrastive loss pitfalls 2"), page("/b", "Triplet loss", "contrastive loss pitfalls"),
         page("/c", "Contrastive loss pitfalls"), page("/d", "Contrastive loss — pitfalls 3")],
        ["/c", "/a", "/d", "/b"],  # exact title; titles with every word (punctuation aside); the rest
    ),
    (
        "contrastive loss", ["contrastive"],
        [page("/focal", "Focal loss"), page("/links", "Focal loss 2", "see Contrastive loss"),
         page("/mine", "Contrastive loss in practice")],
        ["/mine", "/links", "/focal"],  # the word left out, in the text, lifts a page
    ),
    (
        "régularisation L2", [],
        [page("/x", "Other"), page("/fr", "Régularisation L2")],
        ["/fr", "/x"],
    ),
    (
        "foret aleatoire", [],
        [page("/x", "Forêt"), page("/fr", "Forêt aléatoire")],
        ["/fr", "/x"],  # accents typed without them
    ),
    (
        "\u6a5f\u68b0\u5b66\u7fd2", ["\u5b66", "\u7fd2"],
        [page("/apart", "A", "\u6a5f\u68b0\u2008\u3068\u2008\u5b66\u2008\u7fd2"),
         page("/run", "B", "\u6a5f\u2008\u68b0\u2008\u5b66\u2008\u7fd2\u2008\u306e")],
        ["/run", "/apart"],  # a Han run whole, the index's separators aside
    ),
])
def test_results_are_ranked_by_title_then_by_the_words_left_out(worker, query, skipped, pages, expected):
    assert ranked(worker, pages, query, skipped) == expected


@pytest.mark.parametrize(("excerpt", "skipped", "expected"), [
    ("a <mark>loss</mark> for contrastive pairs", ["contrastive"], "a <mark>loss</mark> for <mark>contrastive</mark> pairs"),
    ("Contrastive learning", ["contrast"], "<mark>Contrast</mark>ive learning"),  # where a word starts with it
    ("uncontrasted", ["contrast"], "uncontrasted"),
    ("<mark>contrastive</mark> loss", ["contrastive"], "<mark>contrastive</mark> loss"),  # not twice
    ("a &lt;b&gt; tag", ["b"], "a &lt;<mark>b</mark>&gt; tag"),
    ("a &lt;b&gt; tag", ["lt"], "a &lt;b&gt; tag"),  # an entity is not a word
    ("no change", [], "no change"),
])
def test_the_words_left_out_are_marked_in_excerpts_too(worker, excerpt, skipped, expected):
    assert worker.evaluate("([excerpt, skipped]) => markedToo(excerpt, skipped)", [excerpt, skipped]) == expected


@pytest.mark.parametrize(("title", "words", "expected"), [
    ("\u30d9\u2008\u30fc\u2008\u30b9 \u5206\u2008\u5272 2023", ["\u5206\u5272"], "\u30d9\u30fc\u30b9 <mark>\u5206\u5272</mark> 2023"),  # a real space stays
    ("1\u2008\u5e74\u2008\u5206", [], "1\u5e74\u5206"),
    ("Gradient <boosting>", ["boost"], "Gradient &lt;<mark>boost</mark>ing&gt;"),
])
def test_titles_read_as_written_with_the_words_marked(worker, title, words, expected):
    assert worker.evaluate("([title, words]) => markedTitle(title, words)", [title, words]) == expected


def test_what_this_typing_fetched_before_counts_against_the_budget(worker):
    """A pause inside a word fetched the slice of its prefix: later words fit what is left."""
    planned = worker.evaluate("""() => {
        fetched.clear();
        typed = { start: "fe", bytes: 70_000 };  // "fe", "fee"... fetched on the way
        try { return plan(["feed", "first"], { chunks: window.testChunks, frequent: [], pages: 100 }); } finally { typed = { start: null, bytes: 0 }; }
    }""")
    assert planned["searched"] == ["first"] and planned["skipped"] == ["feed"]  # 40 KB fits, 47 more does not
    assert planned["fetches"] == 40_000
