"""Search: a Pagefind index of the built site, which the browser fetches in small slices.

Material's own search downloads one index of the whole site on every page view and strips
every character outside ``\\w`` (no Korean, Chinese, Japanese or Cyrillic word is ever found).
Instead, after each build, every page's article is handed to Pagefind (the ``pagefind-bin``
package, pinned in requirements.txt: its binary is inside the wheel, nothing is downloaded),
which writes a chunked index into ``site/pagefind/``. In the browser, Material's search box
and result list stay; their web worker (``overrides/assets/javascripts/workers/search.js``,
named in the ``config`` block of ``overrides/main.html``) answers Material's queries with
Pagefind: a page view fetches the worker, Pagefind's script and a tiny
``search/search_index.json`` (the settings Material's highlighter reads); the index comes in
slices with the first query (README, "Search").

What the index holds, page by page (``searchable_html``):

- the article only (no header, navigation or footer), its first ``<h1>`` as the title;
- aliases (``<p class="note-aliases">``) weighted above anything, so ``GBDT`` finds
  *Gradient boosting* first, and tags (``<p class="note-tags">``) as the title; Pagefind
  already weights headings above text;
- not what carries ``data-search-exclude`` (backlinks, the local graph, embeds' copies) nor
  the headings' permalink signs;
- Chinese, Japanese and Korean text with a separator between characters (``SEPARATOR``):
  Pagefind splits words on whitespace only (its segmenting "extended" build segments only
  pages whose ``<html lang>`` is Chinese or Japanese, and a vault mixes languages). The worker
  turns a run of such characters in a query into an exact phrase of single characters (any
  substring of the text is found, wherever words begin), and removes the separator from the
  excerpts it shows.

``mkdocs build`` indexes synchronously. ``mkdocs serve`` must not wait for it after an edit:
the page is served at once, with the last index (kept outside the site, linked back in after
MkDocs cleans the site folder), and a background thread writes the new index beside it and
swaps it in with a rename.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import pagefind_bundle

log = logging.getLogger("mkdocs.plugins.obsidian_vault")

BUNDLE = "pagefind"  # the index's folder in the site
MATERIAL_INDEX = "search/search_index.json"  # what Material's bundle fetches on each page view
# Pagefind's prebuilt interfaces: the site shows results in Material's own list instead.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# Scripts written without spaces between words (Han, kana), and their punctuation: each
# character is a word for the index. The same ranges are in workers/search.js (UNSPACED),
# which splits queries alike. Korean puts spaces between words: Pagefind's own words, found
# by their start (a word with its particles: 학습률이 is found by 학습률).
UNSPACED = (
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Unified Ideographs Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff00-\uffef"  # full-width forms (，！？) and half-width Katakana
    "\U00020000-\U0003134f"  # CJK Unified Ideographs Extensions B-G
)
# U+2008 PUNCTUATION SPACE: whitespace, so Pagefind splits words there (and shows a space).
SEPARATOR = "\u2008"
AROUND_UNSPACED = re.compile(f"(?<=[{UNSPACED}])(?=[^\\s])|(?<=[^\\s])(?=[{UNSPACED}])")


ARTICLE = re.compile(
    r"""
    <article\s+class="md-content__inner\s+md-typeset"\s*>   # Material's article: the page's text
    (?P<body>.*?)
    </article>
    """,
    re.VERBOSE | re.DOTALL,
)
LANG = re.compile(r"""<html\b[^>]*\blang="(?P<lang>[^"]+)\"""")
TEXT = re.compile(r"(?<=>)[^<]+")  # text between tags (the article has no raw '<' in text)
EXCLUDED = re.compile(r"""\sdata-search-exclude(?:=(?:""|''))?(?=[\s>])""")
ALIASES = re.compile(r"""<p\s+class="note-aliases\"""")
TAGS = re.compile(r"""<p\s+class="note-tags\"""")
ALIAS_WEIGHT = 10  # headings: h1 7, h2 6, ... text 1 (Pagefind's defaults)
TAG_WEIGHT = 7  # a note's tags name its subject, as its title does
# Permalink signs after headings, and the "edit this page" button.
IGNORED_SELECTORS = ".headerlink, .md-content__button"


def separate_cjk(text: str) -> str:
    """Text with SEPARATOR on each side of a Han or kana character (or their punctuation)
    that has no space there."""
    return AROUND_UNSPACED.sub(SEPARATOR, text)


def searchable_html(page_html: str) -> str | None:
    """What Pagefind indexes of a page: its article, marked up for the index; None for a
    page without one (redirects)."""
    article = ARTICLE.search(page_html)
    if article is None:
        return None
    body = EXCLUDED.sub(' data-pagefind-ignore="all"', article["body"])
    body = ALIASES.sub(f'<p class="note-aliases" data-pagefind-weight="{ALIAS_WEIGHT}"', body)
    body = TAGS.sub(f'<p class="note-tags" data-pagefind-weight="{TAG_WEIGHT}"', body)
    body = TEXT.sub(lambda m: separate_cjk(m.group()), body)
    lang = LANG.search(page_html)
    return (
        f'<!doctype html><html lang="{lang["lang"] if lang else "en"}"><head><meta charset="utf-8"></head>'
        f"<body><main data-pagefind-body>{body}</main></body></html>"
    )


def material_settings(page_html: str | None = None) -> str:
    """search/search_index.json for Material's bundle: no documents, only the settings its
    on-page highlighter reads (split the query on whitespace and hyphens)."""
    lang = LANG.search(page_html or "")
    return json.dumps({"config": {"lang": [lang["lang"] if lang else "en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []}, sort_keys=True)


def pagefind_binary() -> str:
    try:
        from pagefind_bin import get_executable  # the pinned wheel's own binary
    except ImportError as error:
        raise RuntimeError("pagefind-bin is not installed: `make` installs requirements.txt") from error
    return str(get_executable())


def index_site(site_dir: str, bundle_dir: str) -> int:
    """Index the site's pages into ``bundle_dir`` (replaced); returns the number of pages."""
    site = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="kb-search-") as staging:
        count, first = 0, None
        for path in sorted(site.rglob("*.html")):
            relative = path.relative_to(site)
            if relative.parts[0] == BUNDLE or relative.as_posix() == "404.html":
                continue
            try:
                page_html = path.read_text(encoding="utf-8", errors="replace")
            except FileNotFoundError:  # serve: MkDocs is cleaning the folder for its next build
                continue
            searchable = searchable_html(page_html)
            if searchable is None:
                continue
            first = first or page_html
            target = Path(staging, "site", relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(searchable, encoding="utf-8")
            count += 1
        out = Path(staging, "bundle")
        if count:
            command = [pagefind_binary(), "--site", str(Path(staging, "site")), "--output-path", str(out),
                       "--exclude-selectors", IGNORED_SELECTORS, "--silent"]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
            for name in UNUSED:
                (out / name).unlink(missing_ok=True)
            try:
                pagefind_bundle.write_chunk_costs(out)  # what the worker plans queries by
            except (OSError, pagefind_bundle.FormatError) as error:
                log.warning(f"Search: no {pagefind_bundle.COSTS} (every word of a query is searched): {error}")
        else:
            out.mkdir()
        _replace(out, Path(bundle_dir))
        settings = Path(site_dir, MATERIAL_INDEX)
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(material_settings(first), encoding="utf-8")
    return count


def _replace(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``: two renames, so a reader sees the old index or the
    new one, never half of one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.move(str(new), str(staged))
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


class SiteSearch:
    """The plugin's search index: written after each build, in the background while serving."""

    def __init__(self):
        self.background = False  # `mkdocs serve`: never make a rebuild wait for the index
        self._lock = threading.Lock()
        self._wanted: str | None = None  # the site folder to index next (serve)
        self._thread: threading.Thread | None = None
        self._kept: str | None = None  # serve: the last index written, outside the site folder

    def index(self, site_dir: str) -> None:
        """After a build: index the site now (build), or soon without blocking (serve)."""
        if not self.background:
            started = time.perf_counter()
            try:
                count = index_site(site_dir, os.path.join(site_dir, BUNDLE))
            except (OSError, RuntimeError) as error:
                raise PluginError(f"obsidian-vault: the search index was not written: {error}") from error
            log.info(f"Search: indexed {count} pages in {time.perf_counter() - started:.2f} seconds")
            return
        self._restore(site_dir)
        with self._lock:
            self._wanted = site_dir
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="search-index", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Until the background index is written (tests)."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def _restore(self, site_dir: str) -> None:
        """A cleaned site folder gets the last index back at once (hard links: no copying)."""
        target = os.path.join(site_dir, BUNDLE)
        if self._kept is None or os.path.exists(target):
            return
        try:
            shutil.copytree(self._kept, target, copy_function=os.link)
        except OSError:
            shutil.copytree(self._kept, target, dirs_exist_ok=True)
        settings = os.path.join(site_dir, MATERIAL_INDEX)
        if not os.path.exists(settings) and os.path.exists(os.path.join(self._kept, "..", "settings.json")):
            os.makedirs(os.path.dirname(settings), exist_ok=True)
            shutil.copyfile(os.path.join(self._kept, "..", "settings.json"), settings)

    def _work(self) -> None:
        while True:
            with self._lock:
                site_dir, self._wanted = self._wanted, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                started = time.perf_counter()
                keep = self._kept or os.path.join(tempfile.mkdtemp(prefix="kb-search-kept-"), BUNDLE)
                count = index_site(site_dir, keep)
                shutil.copyfile(os.path.join(site_dir, MATERIAL_INDEX), os.path.join(keep, "..", "settings.json"))
                self._kept = keep
                staged = os.path.join(site_dir, f".{BUNDLE}.linked")
                shutil.rmtree(staged, ignore_errors=True)
                shutil.copytree(keep, staged, copy_function=os.link)
                _replace(Path(staged), Path(site_dir, BUNDLE))
                log.info(f"Search: indexed {count} pages in {time.perf_counter() - started:.2f} seconds (in the background)")
            except Exception as error:  # noqa: BLE001 (the site is served on; search keeps the last index)
                log.warning(f"Search: the index was not rebuilt: {error}")

