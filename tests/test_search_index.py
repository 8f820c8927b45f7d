"""The search index (scripts/vault_plugin/search.py): what each page gives Pagefind, the
index a build writes, the background index of `mkdocs serve`, and the two Material templates
copied with one change each (they must follow the pinned Material)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conftest import ROOT, build_site, write_vault
from vault_plugin import pagefind_bundle, search

SEP = search.SEPARATOR
MATERIAL = Path(__import__("material").__file__).parent / "templates"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search.js"

SEPARATED = [
    # (text, as indexed)
    ("plain words stay", "plain words stay"),
    ("機械学習", f"機{SEP}械{SEP}学{SEP}習"),
    ("参数。学习率", f"参{SEP}数{SEP}。{SEP}学{SEP}习{SEP}率"),
    ("GBDT模型 is", f"GBDT{SEP}模{SEP}型 is"),
    ("データ", f"デ{SEP}ー{SEP}タ"),
    ("경사하강법은 손실", "경사하강법은 손실"),  # Korean spaces its words
    ("Градиентный спуск", "Градиентный спуск"),
    ("régularisation", "régularisation"),
    ("𠮷野家", f"𠮷{SEP}野{SEP}家"),  # outside the Basic Multilingual Plane
]


@pytest.mark.parametrize(("text", "indexed"), SEPARATED)
def test_han_and_kana_are_one_character_a_word(text, indexed):
    assert search.separate_cjk(text) == indexed


def page(article: str, lang: str = "en") -> str:
    return f'<html lang="{lang}"><head><title>t</title></head><body><header>menu</header><article class="md-content__inner md-typeset">{article}</article><footer>f</footer></body></html>'


def test_the_article_alone_is_indexed_with_aliases_and_tags_weighted_and_exclusions_ignored():
    html = search.searchable_html(page(
        '<h1>Gradient boosting</h1><p class="note-aliases">Also called <em>GBDT</em></p>'
        '<p class="note-tags"><a class="tag" href="t">#ml</a></p><p>Text 機械</p>'
        '<section class="backlinks" data-search-exclude><h2>Linked from</h2></section>'
        "<div data-search-exclude=\"\">embedded</div>"
    ))
    assert "menu" not in html and "<footer>" not in html
    assert '<main data-pagefind-body><h1>Gradient boosting</h1>' in html
    assert f'<p class="note-aliases" data-pagefind-weight="{search.ALIAS_WEIGHT}">' in html
    assert f'<p class="note-tags" data-pagefind-weight="{search.TAG_WEIGHT}">' in html
    assert html.count('data-pagefind-ignore="all"') == 2 and "data-search-exclude" not in html
    assert f"Text 機{SEP}械" in html
    assert '<html lang="en">' in html


def test_a_page_without_an_article_is_not_indexed():
    assert search.searchable_html("<html><body><p>redirect</p></body></html>") is None


def test_the_worker_splits_queries_over_the_ranges_the_index_splits():
    """workers/search.js LETTERS + PUNCTUATION are search.py's UNSPACED, in another notation."""
    def ranges(text: str) -> set[tuple[int, int]]:
        found = re.findall(r"\\+u\{?([0-9a-fA-F]{4,5})\}?-\\+u\{?([0-9a-fA-F]{4,5})\}?", text)
        return {(int(a, 16), int(b, 16)) for a, b in found}

    worker = WORKER.read_text(encoding="utf-8")
    letters = re.search(r'const LETTERS = "([^"]+)"', worker)[1]
    punctuation = re.search(r'const PUNCTUATION = "([^"]+)"', worker)[1]
    python = {(ord(a), ord(b)) for a, b in re.findall(r"(.)-(.)", search.UNSPACED)}
    javascript = ranges(letters) | ranges(punctuation)
    covered = lambda spans: {c for a, b in spans for c in range(a, b + 1)}  # noqa: E731
    assert covered(javascript) == covered(python)


def material_block(text: str, name: str) -> str:
    return re.search(r"\{%\s*block " + name + r"\s*%\}(.*?)\{%\s*endblock\s*%\}", text, re.S)[1]


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\{#.*?#\}", "", text, flags=re.S)).strip()


def test_the_config_block_is_materials_with_our_worker():
    ours = material_block((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), "config")
    theirs = material_block((MATERIAL / "base.html").read_text(encoding="utf-8"), "config")
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.\w+\.min\.js)"', theirs)
    assert worker, "Material's config block no longer names its worker so: refresh overrides/main.html"
    expected = theirs.replace(worker[0], '"search": "assets/javascripts/workers/search.js"')
    assert normalized(ours) == normalized(expected)


def test_the_header_is_materials_with_the_search_box_always_there():
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    condition = re.search(
        r'\s*\{% if "material/search" in config\.plugins %\}\s*\{% set search = [^%]*%\}\s*\{% if search\.enabled %\}(?P<box>.*?)\{% endif %\}\s*\{% endif %\}',
        theirs, re.S,
    )
    assert condition, "Material's header no longer shows search so: refresh overrides/partials/header.html"
    expected = theirs[: condition.start()] + condition["box"] + theirs[condition.end() :]
    assert normalized(ours) == normalized(expected)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-index")
    docs = write_vault(root / "docs", {
        "index.md": "# Home\n\n[[Alpha]] [[Beta]]\n",
        "Alpha.md": "---\naliases: [First letter]\n---\nAlpha text about zebras.\n\n[[Beta]]\n",
        "Beta.md": "Beta text about 機械学習.\n\n[[Alpha]]\n",
    })
    result = build_site(docs, root / "site", strict=True)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_build_writes_the_index_and_materials_settings_only(small_site):
    bundle = small_site / search.BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not any(name.startswith(("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui")) for name in (p.name for p in bundle.iterdir()))
    settings = (small_site / search.MATERIAL_INDEX).read_text(encoding="utf-8")
    assert '"docs": []' in settings and len(settings) < 200
    pages = {p["url"]: p for p in pagefind_bundle.indexed_pages(bundle)}
    assert set(pages) >= {"/", "/Alpha/", "/Beta/"} and "/404.html" not in pages
    assert "First letter" in pages["/Alpha/"]["content"]
    assert "Linked from" not in pages["/Alpha/"]["content"], "backlinks are not indexed"
    assert "zebras" in pages["/Alpha/"]["content"]


def test_serving_indexes_in_the_background_and_keeps_the_last_index(small_site, tmp_path):
    site = tmp_path / "site"
    import shutil

    shutil.copytree(small_site, site, ignore=shutil.ignore_patterns(search.BUNDLE))
    served = search.SiteSearch()
    served.background = True
    served.index(str(site))  # returns at once; the index follows
    served.wait()
    assert (site / search.BUNDLE / "pagefind.js").is_file()
    # MkDocs cleans the site folder before its next build: the last index is back at once.
    shutil.rmtree(site / search.BUNDLE)
    (site / search.MATERIAL_INDEX).unlink()
    started = time.perf_counter()
    served.index(str(site))
    assert (site / search.BUNDLE / "pagefind.js").is_file() and (site / search.MATERIAL_INDEX).is_file()
    assert time.perf_counter() - started < 60  # not a timing test: it returned before the thread ended
    served.wait()
    assert not (site / f".{search.BUNDLE}.old").exists() and not (site / f".{search.BUNDLE}.new").exists()


@pytest.mark.parametrize("data", [
    bytes([0x83, 0x01]),  # an array missing two items
    bytes([0x63, 0x61]),  # a string missing two bytes
    bytes([0x9F, 0x01]),  # an indefinite array never closed
    b"",
])
def test_cbor_that_cannot_be_read_is_a_format_error(data):
    with pytest.raises(pagefind_bundle.FormatError):
        pagefind_bundle.cbor(data)


def test_a_build_writes_each_slice_of_the_word_index_with_its_bounds_and_bytes(small_site):
    """pagefind/chunks.json, which the worker plans queries by, matches the slices on disk and
    Pagefind's metadata: bounds in order, each slice's file size, every indexed word inside one."""
    bundle = small_site / search.BUNDLE
    costs = json.loads((bundle / pagefind_bundle.COSTS).read_text(encoding="utf-8"))
    language = pagefind_bundle.main_language(bundle)
    assert costs["language"] == language["language"]
    meta = pagefind_bundle.cbor(pagefind_bundle.decompressed(bundle / f"pagefind.{language['hash']}.pf_meta"))
    assert [[first, last] for first, last, _ in costs["chunks"]] == [[first, last] for first, last, _ in meta[2]]
    sizes = sorted(p.stat().st_size for p in (bundle / "index").glob("*.pf_index"))
    assert sorted(size for *_, size in costs["chunks"]) == sizes
    words = []
    for _, _, name in meta[2]:
        index = pagefind_bundle.cbor(pagefind_bundle.decompressed(bundle / "index" / f"{name}.pf_index"))
        words += [entry[0] for entry in index[0]]  # each word: [word, pages, ...]
    assert {"alpha", "beta"} <= set(words) and any(word.startswith("zebra") for word in words)  # stemmed
    for word in words:
        assert any(first <= word[: len(first)] and word[: len(last)] <= last for first, last, _ in costs["chunks"]), word
    assert costs["frequent"] == []  # no word is on over FREQUENT_PAGES of a few pages
    assert costs["pages"] == len(pagefind_bundle.indexed_pages(bundle))


def test_the_worker_reads_the_frequent_words_as_listed():
    """workers/search.js counts a word missing from `frequent` as on FREQUENT_PAGES at most."""
    worker = WORKER.read_text(encoding="utf-8")
    assert int(re.search(r"const FREQUENT_PAGES = ([\d_]+);", worker)[1].replace("_", "")) == pagefind_bundle.FREQUENT_PAGES


def test_the_words_on_many_pages_are_listed_with_their_pages_commonest_first(small_site, monkeypatch):
    """What the worker searches last (workers/search.js, pagesOf and plan): here, the words on
    more than one page."""
    frequent = pagefind_bundle.chunk_costs(small_site / search.BUNDLE, frequent_pages=1)["frequent"]
    counts = dict(frequent)
    assert counts["text"] == 2 and counts["about"] == 2  # Alpha and Beta
    assert not any(word.startswith("zebra") for word in counts)  # Alpha only
    assert [pages for _, pages in frequent] == sorted((pages for _, pages in frequent), reverse=True)
    monkeypatch.setattr(pagefind_bundle, "FREQUENT_MAX", 1)
    assert pagefind_bundle.chunk_costs(small_site / search.BUNDLE, frequent_pages=1)["frequent"] == frequent[:1]


def test_a_bundle_without_the_metadata_it_expects_is_reported(tmp_path):
    (tmp_path / pagefind_bundle.ENTRY).write_text('{"version": "9", "languages": {}}', encoding="utf-8")
    with pytest.raises(pagefind_bundle.FormatError, match="no language index"):
        pagefind_bundle.chunk_costs(tmp_path)
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "x.pf_fragment").write_bytes(__import__("gzip").compress(b"not pagefind"))
    with pytest.raises(pagefind_bundle.FormatError, match="not a Pagefind file"):
        pagefind_bundle.indexed_pages(tmp_path)


def test_reading_the_word_index_leaves_the_garbage_collector_as_it_was(small_site):
    import gc

    bundle = small_site / search.BUNDLE
    assert gc.isenabled()
    pagefind_bundle.chunk_costs(bundle)
    assert gc.isenabled()
    gc.disable()
    try:
        pagefind_bundle.chunk_costs(bundle)
        assert not gc.isenabled()
    finally:
        gc.enable()
