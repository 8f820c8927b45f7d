"""`mkdocs serve` keeps search working after edits: the index follows the edit, in the
background (scripts/vault_plugin/search.py, SiteSearch), and search answers meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, free_port, write_vault

from .conftest import VIEWPORT
from .search_helpers import result_pages, type_query

TIMEOUT_S = 120


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"mkdocs serve: {what} within {TIMEOUT_S} s")


@pytest.fixture
def served(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n[[Alpha]]\n",
        "Alpha.md": "Alpha is about aardvarks.\n\n[[index]]\n",
    })
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, DOCS_DIR=str(docs), SITE_URL=base, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_until(lambda: fetch(base + "pagefind/pagefind-entry.json") is not None, "no search index")
        yield base, docs
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_search_finds_a_word_added_while_serving(browser, served):
    base, docs = served
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base, wait_until="load")
        type_query(page, "aardvarks")
        assert result_pages(page, wanted="/Alpha/")[0] == "/Alpha/"
        (docs / "Alpha.md").write_text("Alpha is about aardvarks and zebrafish.\n\n[[index]]\n", encoding="utf-8")
        wait_until(lambda: "zebrafish" in (fetch(base + "Alpha/") or ""), "the edited page was not served")
        # The index follows in the background; search keeps answering until then.
        entry = fetch(base + "pagefind/pagefind-entry.json")
        assert entry is not None, "the last index is served while the new one is written"

        def found() -> bool:
            page.goto(base, wait_until="load")
            type_query(page, "zebrafish")
            page.wait_for_timeout(1500)
            return "/Alpha/" in page.evaluate(
                """() => [...document.querySelectorAll(".md-search-result__item a[href]")]
                     .map((a) => decodeURIComponent(new URL(a.href).pathname))""")

        wait_until(found, "search did not find the word added")
        assert errors == []
    finally:
        context.close()
