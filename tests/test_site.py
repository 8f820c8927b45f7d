"""End to end: build a vault with the project's configuration and read the HTML as a
browser would. Every internal link reaches a page and an id; no wikilink syntax leaks into
visible text; exactly the planted broken links are shown as unresolved and logged."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "vault"
# The planted broken links: (file, line, target), as the build must report them.
PLANTED = [
    ("Broken links.md", 3, "[[No such note]]"),
    ("Broken links.md", 4, "[[Random Forest#No such heading]]"),
    ("Broken links.md", 5, "[[Leakage#^no-such-block]]"),
    ("Broken links.md", 6, "![[missing-image.png]]"),
    ("Broken links.md", 7, "[[../../outside the vault]]"),
    ("Uses draft.md", 1, "[[Draft idea]]"),
]


class Page(HTMLParser):
    """What a browser would take from a page: ids, link targets, visible text."""

    SKIP = {"code", "pre", "script", "style", "template"}

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.duplicate_ids: list[str] = []
        self.links: list[str] = []
        self.unresolved = 0
        self.text: list[str] = []
        self._skipping = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.duplicate_ids.append(attrs["id"])
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("img", "audio", "video", "iframe") and attrs.get("src"):
            self.links.append(attrs["src"])
        if "wikilink-unresolved" in (attrs.get("class") or "").split():
            self.unresolved += 1
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.text.append(data)


def read_site(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


def target_file(site: Path, page: str, href: str) -> tuple[str, str] | None:
    """The site file and fragment an internal href points to, None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    url = urljoin("/" + page, unquote(parts.path)) if parts.path else "/" + page
    path = url.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(parts.fragment)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("e2e")
    docs = work / "vault"
    shutil.copytree(FIXTURE, docs)
    result = build_site(docs, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site", read_site(work / "site"), result.stderr


def note_pages(pages):
    return {name: page for name, page in pages.items() if name not in ("404.html",) and not name.startswith(("assets/", "search/"))}


def test_every_internal_link_reaches_a_page_and_an_id(built):
    site, pages, _ = built
    checked = 0
    for name, page in note_pages(pages).items():
        for href in page.links:
            target = target_file(site, name, href)
            if target is None:
                continue
            path, fragment = target
            assert (site / path).exists(), f"{name}: {href} -> missing {path}"
            if fragment and path.endswith(".html"):
                assert fragment in pages[path].ids, f"{name}: {href} -> no id {fragment!r} in {path}"
            checked += 1
    assert checked > 30


def test_ids_are_unique_on_every_page(built):
    """Embedded notes bring their content, never their ids."""
    _, pages, _ = built
    for name, page in note_pages(pages).items():
        assert page.duplicate_ids == [], name


def test_no_wikilink_syntax_in_visible_text(built):
    _, pages, _ = built
    for name, page in note_pages(pages).items():
        text = "".join(page.text)
        assert "[[" not in text and "]]" not in text, name


def test_code_keeps_wikilink_syntax(built):
    site, _, _ = built
    html = (site / "Models" / "Gradient boosting" / "index.html").read_text(encoding="utf-8")
    assert "[[not a link]]" in html and "np.array([[" in re.sub(r"<[^>]+>", "", html)


def test_unresolved_elements_match_planted_links(built):
    _, pages, _ = built
    assert sum(page.unresolved for page in note_pages(pages).values()) == len(PLANTED)


def test_each_planted_link_is_logged_once_with_file_and_line(built):
    _, _, log = built
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == len(PLANTED), log
    for path, line, target in PLANTED:
        assert sum(f"{path}:{line}:" in w and target in w for w in warnings) == 1, (path, line, target)


def test_drafts_are_not_published(built):
    site, _, _ = built
    assert not (site / "Draft idea").exists()
    assert (site / "Uses draft" / "index.html").exists()


def test_home_page_lists_every_note_when_the_vault_has_none(built):
    site, pages, _ = built
    assert not (FIXTURE / "index.md").exists()
    linked = {unquote(h) for h in pages["index.html"].links}
    notes = [p.relative_to(FIXTURE).with_suffix("").as_posix() + "/" for p in FIXTURE.rglob("*.md")]
    assert [n for n in notes if n not in linked and "Draft" not in n] == []


def test_backlinks_tags_and_graph(built):
    site, pages, _ = built
    boosting = pages["Models/Gradient boosting/index.html"]
    assert "backlinks" in boosting.ids
    assert any("Random%20Forest" in h for h in boosting.links)  # Random Forest links here
    assert (site / "tags" / "models" / "index.html").exists()
    graph = __import__("json").loads((site / "assets" / "graph.json").read_text())
    titles = {n["title"] for n in graph["nodes"]}
    assert {"Gradient boosting", "Random Forest", "Leakage"} <= titles and graph["links"]


def test_block_and_heading_targets_exist(built):
    _, pages, _ = built
    boosting = pages["Models/Gradient boosting/index.html"]
    assert {"^shrinkage", "shrinkage", "how-it-works", "pitfalls"} <= boosting.ids
    forest = pages["Models/Trees/Random Forest/index.html"]
    assert {"same-heading", "same-heading_1"} <= forest.ids


def test_page_size_does_not_list_every_note(built):
    _, pages, _ = built
    page = pages["Data/Leakage/index.html"]
    assert not any("Uses%20draft" in h or "Uses draft" in h for h in page.links)


def test_strict_build_fails_on_the_planted_links(tmp_path):
    docs = tmp_path / "vault"
    shutil.copytree(FIXTURE, docs)
    result = build_site(docs, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert f"Aborted with {len(PLANTED)} warnings in strict mode" in result.stdout + result.stderr


def test_the_project_site_builds_strictly(project_site):
    seed = Page((project_site / "ML System Design interview" / "index.html").read_text(encoding="utf-8"))
    assert "The expected answer includes:" in "".join(seed.text)
    assert "includes: *" not in "".join(seed.text)


def test_wanted_notes_when_missing_notes_are_allowed(tmp_path):
    """A vault configured to allow missing notes links them to a wanted-notes page."""
    docs = tmp_path / "vault"
    shutil.copytree(FIXTURE, docs)
    (tmp_path / "checks.toml").write_text('[levels]\nbroken-link = "warning"\n')
    result = build_site(docs, tmp_path / "site", plugin={"checks": str(tmp_path / "checks.toml")})
    assert result.returncode == 0, result.stderr
    pages = read_site(tmp_path / "site")
    wanted = pages["wanted/index.html"]
    assert "wanted-no-such-note" in wanted.ids
    broken = pages["Broken links/index.html"]
    assert "../wanted/#wanted-no-such-note" in broken.links
    assert "unresolved link" not in result.stderr and "broken-link" in result.stderr  # logged as info


def test_the_plugin_without_its_markdown_extension_says_what_to_add(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"(?m)^  - obsidian_markdown\b.*\n", "", config)
    assert without != config
    env = dict(os.environ, DOCS_DIR=str(ROOT / "docs"), SITE_DIR=str(tmp_path / "site"), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "-"], input=without, env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "obsidian-vault: add obsidian_markdown to markdown_extensions" in result.stderr
    assert not (tmp_path / "site").exists()
