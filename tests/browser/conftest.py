"""Browser tests: the project's site, built once, served on 127.0.0.1 and read by Debian's
Chromium through the `playwright` package (never Playwright's own browser download).

Fixtures:
- `site` (session): `mkdocs build --strict` of docs/ into a temp dir, served by a static server
  on a free port of 127.0.0.1 (SITE_URL points there, so Material's instant navigation is on);
  it knows the graph JSON, the vault model and how to map URLs to pages.
- `browser` (session): one headless Chromium. A missing `/usr/bin/chromium` is a
  skip with the reason, except in CI (`CI=true`), where it is a failure.
- `tab` (per test): a new context and page that record every request, console message and page
  error; requests to any host but 127.0.0.1 are recorded, then aborted (nothing leaves the machine).

The front-end contract these tests hold graph.js and previews.js to is in README.md beside this file.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]

from vault import Vault

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000  # any single wait: an element, a click, an expectation
NAVIGATION_TIMEOUT_MS = 20_000
BUILD_TIMEOUT_S = 300


def unavailable(reason: str) -> None:
    """No browser to run: a failure in CI, a skip with the reason elsewhere."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI; `make test` installs chromium as root)", pytrace=False)
    pytest.skip(f"{reason}: run `make test` as root (it installs chromium) or `apt-get install -y chromium`")


# -- the site --------------------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@dataclass
class Site:
    base: str  # http://127.0.0.1:PORT/
    directory: Path
    vault: Vault = field(repr=False)
    graph: dict = field(repr=False)  # assets/graph.json as built

    def url(self, path: str = "") -> str:
        """The absolute URL of a site path written plainly: url("Logistic regression/")."""
        return self.base + quote(path, safe="/#")

    def page_of(self, url: str, relative_to: str | None = None) -> str | None:
        """The decoded site path ("ROC AUC/", "" for home) of a URL on this site, without
        query or fragment; None for a URL elsewhere. Relative URLs are joined to `relative_to`."""
        absolute = urljoin(relative_to or self.base, url)
        if not absolute.startswith(self.base):
            return None
        return unquote(urlsplit(absolute).path)[1:]

    @staticmethod
    def note_page(note_path: str) -> str:
        """The decoded site path of a note's page (use_directory_urls): "Calibration.md" ->
        "Calibration/", "index.md" -> "", "a/index.md" -> "a/"."""
        stem = note_path[: -len(".md")]
        return stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"

    def node_title(self, path: str) -> str:
        """The title of the note whose page is at a decoded site path, from the graph JSON."""
        for node in self.graph["nodes"]:
            if self.page_of(node["url"]) == path:
                return node["title"]
        raise KeyError(f"no graph node for page {path!r}")


@contextlib.contextmanager
def served_site(directory: Path, docs: Path, build: Callable[[str], Path]) -> Iterator[Site]:
    """Serve ``directory`` on a free local port; ``build(base URL)`` writes the site there
    first (its URL must be known to the build) and returns the site's folder."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        built = build(base)
        graph = json.loads((built / "assets" / "graph.json").read_text(encoding="utf-8"))
        thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
        thread.start()
        try:
            yield Site(base=base, directory=built, vault=Vault.load(str(docs)), graph=graph)
        finally:
            server.shutdown()
            thread.join(timeout=10)
    finally:
        server.server_close()


def _build_project_site(directory: Path, base: str) -> Path:
    env = dict(os.environ, DOCS_DIR=str(ROOT / "docs"), SITE_DIR=str(directory), SITE_URL=base, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return directory


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("browser-site")
    with served_site(directory, ROOT / "docs", lambda base: _build_project_site(directory, base)) as served:
        yield served


# -- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing")
    for old in ARTIFACTS.glob("failed-*.png"):  # failure screenshots describe the last run only
        old.unlink(missing_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """One page of one browser context, with everything it did on the record."""

    page: object  # playwright.sync_api.Page
    site: Site = field(repr=False)
    requests: list[str] = field(default_factory=list, repr=False)  # every URL requested, in order
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, where)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in the page
    failed: list[str] = field(default_factory=list)  # requests that failed or answered >= 400

    def open(self, path: str = "") -> None:
        self.page.goto(self.site.url(path), wait_until="load")

    def console_errors(self) -> list[str]:
        return [f"{text} ({where})" for kind, text, where in self.console if kind == "error"]

    def foreign_requests(self) -> list[str]:
        """Requests whose host is not 127.0.0.1. data: and blob: URLs never leave the browser."""
        return [url for url in self.requests if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname != "127.0.0.1"]


NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@pytest.fixture
def tab(browser, site, request):
    yield from watched_tab(browser, site, request, VIEWPORT)


def watched_tab(browser, site, request, viewport):
    """A page of its own context at ``viewport``, every request, console message and error
    recorded; a screenshot in tests/artifacts when the test fails."""
    context = browser.new_context(viewport=viewport, color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    record = Tab(page=page, site=site)
    # Every request of the context (pages and their workers) is recorded; one to another host
    # is then aborted, so a regression is caught without any traffic leaving the machine.
    context.on("request", lambda r: record.requests.append(r.url))
    context.on("requestfailed", lambda r: record.failed.append(f"{r.url}: {r.failure}"))
    context.on("response", lambda r: r.status >= 400 and record.failed.append(f"{r.url}: HTTP {r.status}"))
    context.route(NOT_LOCAL, lambda route: route.abort("blockedbyclient"))
    page.on("console", lambda m: record.console.append((m.type, m.text, f"{m.location.get('url')}:{m.location.get('lineNumber')}")))
    page.on("pageerror", lambda e: record.errors.append(f"{e.name}: {e.message}\n{e.stack}"))
    try:
        yield record
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            try:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                page.screenshot(path=str(ARTIFACTS / f"failed-{name}.png"), timeout=5_000)
            except Exception:  # noqa: BLE001 - a diagnostic only
                pass
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.report_call = report  # lets `tab` save a screenshot of a failed test
    return report
