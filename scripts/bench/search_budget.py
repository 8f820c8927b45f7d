"""Search at scale, in a real browser (`make bench`): bytes and time of the search box.

    .venv/bin/python scripts/bench/search_budget.py [--notes 5000 10000] [--seed 0] [--keep DIR]

For each size it generates a synthetic vault (scripts/bench/synthetic_vault.py), builds it with
the project (``mkdocs build``; the log gives the indexing time), serves the site on 127.0.0.1 and
opens a note page in Chromium (/usr/bin/chromium, through Playwright), then:

- **page view**: the bytes of search data fetched before anyone types (Material's
  ``search/search_index.json``, the search worker, anything of ``pagefind/``); budget 100 KB;
- **first query**: two words of a note's title, then (each in a new browser) its whole title and a
  sentence of the vault's prose, typed key by key at 120 ms a key; every byte fetched from the
  first key until the results stand still; budget 300 KB; the whole title must bring its note first;
- **time to results**: from the last key to the first result Material shows for the whole query,
  timed in the page (target 1 s; a busy machine inflates it: read it as provisional, the bytes
  are exact);
- the index on disk: files and bytes.

Bytes are response bodies as served (no compression by the server; Pagefind's index files are
compressed already). Prints a Markdown table; exit 1 if a byte budget is missed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench.synthetic_vault import generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE_VIEW_BUDGET = 100_000
FIRST_QUERY_BUDGET = 300_000
TIME_TARGET_S = 1.0
TYPING_DELAY_MS = 120  # between keys: a quick typist (each pause longer than the worker's 150 ms is a search)
SEARCH_DATA = ("search/search_index.json", "assets/javascripts/workers/search.js", "pagefind/")
LAST_KEY_JS = """() => {
  window.__keyAt = null; window.__resultsAt = null;
  document.addEventListener("keydown", () => { window.__keyAt ??= performance.now() }, { once: true, capture: true });
  new MutationObserver((changes, observer) => {
    if (window.__keyAt !== null && changes.some((c) => [...c.addedNodes].some((n) => n.nodeType === 1))) {
      window.__resultsAt = performance.now(); observer.disconnect();
    }
  }).observe(document.querySelector(".md-search-result__list"), { childList: true });
}"""
# A sentence the synthetic vault's prose holds (scripts/bench/synthetic_vault.py, PLAIN_SENTENCES):
# nine words, most of them in nearly every note.
SENTENCE = "When traffic doubles, the ranking model is usually the first thing to break"
INDEXED = re.compile(r"Search: indexed (?P<pages>\d+) pages in (?P<seconds>[\d.]+) seconds")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def build(vault: Path, site: Path, base: str) -> tuple[float, float | None]:
    """(build seconds, indexing seconds from the log)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOCS_DIR=str(vault), SITE_DIR=str(site), SITE_URL=base)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    indexed = INDEXED.search(proc.stderr)
    return elapsed, float(indexed["seconds"]) if indexed else None


def served_bytes(site: Path, base: str, url: str) -> int:
    """The size of the file a URL of the site serves (the server sends files as they are)."""
    if not url.startswith(base):
        return 0
    path = site / unquote(url[len(base):].split("?", 1)[0].split("#", 1)[0])
    if path.is_dir():
        path = path / "index.html"
    return path.stat().st_size if path.is_file() else 0


def queries(site: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """The page viewed, and (kind, query, the page the results must hold) for each first query:
    the first two words of a note's title, its whole title, a sentence."""
    graph = json.loads((site / "assets" / "graph.json").read_text(encoding="utf-8"))
    notes = sorted((n for n in graph["nodes"] if n["url"]), key=lambda n: n["url"])
    viewed, searched = notes[len(notes) // 3], notes[len(notes) // 2]
    wanted = "/" + unquote(searched["url"])  # graph.json URLs are encoded
    words = " ".join(searched["title"].split()[:2])
    return viewed["url"], [("two words of a title", words, wanted), ("a whole title", searched["title"], wanted),
                           ("a sentence", SENTENCE, wanted)]


def measure(site: Path, base: str, viewed: str, query: str, wanted: str | None, browser=None) -> dict:
    """One visit in a fresh browser context (of ``browser``, else of a Chromium started here):
    a page view, then one query typed; with ``wanted``, until that page is among the results."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                return measure(site, base, viewed, query, wanted, chromium)
            finally:
                chromium.close()
    context = browser.new_context()
    try:
        sizes: list[tuple[str, int]] = []
        context.on("requestfinished", lambda r: sizes.append((r.url, served_bytes(site, base, r.url))))
        page = context.new_page()
        page.goto(base + viewed, wait_until="load")
        page.wait_for_load_state("networkidle")
        view = [(url, size) for url, size in sizes if url.startswith(tuple(base + f for f in SEARCH_DATA))]
        before = len(sizes)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query[:-1], delay=TYPING_DELAY_MS)
        page.wait_for_timeout(TYPING_DELAY_MS)
        # From the last key to the next results Material shows (the worker answers the whole
        # query; results of earlier keys do not count), timed in the page.
        page.evaluate(LAST_KEY_JS)
        box.press(query[-1])
        page.wait_for_function("() => window.__resultsAt !== null", timeout=30_000)
        seconds = page.evaluate("() => (window.__resultsAt - window.__keyAt) / 1000")
        if wanted:
            page.wait_for_function(
                """(wanted) => [...document.querySelectorAll(".md-search-result__item a[href]")]
                     .some((a) => decodeURIComponent(new URL(a.href).pathname) === wanted)""",
                arg=wanted, timeout=30_000,
            )
        else:
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        first = page.evaluate("""() => { const a = document.querySelector(".md-search-result__item a[href]");
                                         return a ? decodeURIComponent(new URL(a.href).pathname) : null }""")
        page.wait_for_load_state("networkidle")
        query_sizes = sizes[before:]
    finally:
        context.close()
    return {
        "query": query,
        "first_is_wanted": first == wanted,
        "view_bytes": sum(s for _, s in view),
        "view_files": len(view),
        "query_bytes": sum(s for _, s in query_sizes),
        "query_files": len(query_sizes),
        "query_detail": sorted(((size, url[len(base):]) for url, size in query_sizes), reverse=True),
        "seconds": seconds,
    }


def bench(n_notes: int, work: Path, seed: int) -> dict:
    vault, site = work / f"vault-{n_notes}", work / f"site-{n_notes}"
    for path in (vault, site):
        shutil.rmtree(path, ignore_errors=True)
    print(f"{n_notes} notes: generating", file=sys.stderr, flush=True)
    generate(str(vault), n_notes, seed)
    site.mkdir(parents=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{n_notes} notes: building", file=sys.stderr, flush=True)
    build_s, index_s = build(vault, site, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        print(f"{n_notes} notes: searching in Chromium", file=sys.stderr, flush=True)
        viewed, cases = queries(site)
        results = []
        for kind, query, wanted in cases:
            # two words need not bring the note up: any result will do
            result = measure(site, base, viewed, query, wanted if kind == "a whole title" else None)
            result["kind"] = kind
            results.append(result)
    finally:
        server.shutdown()
        server.server_close()
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    for result in results:
        result.update(notes=n_notes, build_s=build_s, index_s=index_s,
                      bundle_files=len(bundle), bundle_bytes=sum(p.stat().st_size for p in bundle))
    return results


def kb(value: int) -> str:
    return f"{value / 1000:.1f} KB"


def report(results: list[dict]) -> bool:
    print("| notes | page view: search bytes (files) | first query | its bytes (files) | time to results* | first result is the note | index: seconds / files / MB | build seconds* |")
    print("| ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |")
    ok = True
    for r in results:
        view_ok, query_ok = r["view_bytes"] <= PAGE_VIEW_BUDGET, r["query_bytes"] <= FIRST_QUERY_BUDGET
        ok = ok and view_ok and query_ok
        print(f"| {r['notes']} | {kb(r['view_bytes'])} ({r['view_files']}) {'PASS' if view_ok else 'FAIL'} "
              f"| {r['kind']}: {r['query']!r} | {kb(r['query_bytes'])} ({r['query_files']}) {'PASS' if query_ok else 'FAIL'} "
              f"| {r['seconds']:.2f} s {'PASS' if r['seconds'] <= TIME_TARGET_S else 'FAIL'} "
              f"| {('yes' if r['first_is_wanted'] else 'no') if r['kind'] == 'a whole title' else '-'} "
              f"| {r['index_s'] if r['index_s'] is not None else '?'} / {r['bundle_files']} / {r['bundle_bytes'] / 1e6:.1f} "
              f"| {r['build_s']:.1f} |")
    print(f"\nBudgets: page view <= {PAGE_VIEW_BUDGET // 1000} KB of search data before typing, first query <= "
          f"{FIRST_QUERY_BUDGET // 1000} KB; *times: target 1 s, provisional on a busy machine.")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, nargs="+", default=[5000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="list what the first query fetched")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the vaults and sites")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        results = [result for n in args.notes for result in bench(n, work, args.seed)]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.verbose:
        for r in results:
            print(f"\n{r['notes']} notes, first query {r['query']!r}: " + ", ".join(f"{url} {size}" for size, url in r["query_detail"]))
    report(results)  # PASS or FAIL per budget, printed; make bench goes on to its other measures
    return 0


if __name__ == "__main__":
    sys.exit(main())
