"""`make serve` as a writer uses it: `mkdocs serve --dirty` on a vault, edits saved one after
another, and the pages read over HTTP after each: the edited page, the pages that show it
(backlinks, embeds, tag pages, the home page, the graph JSON), added, deleted and renamed
notes, and an alias added in frontmatter. Each wait ends as soon as the page shows the edit;
a page that never does fails the test after a minute."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, write_vault

WAIT_SECONDS = 60

VAULT = {
    "index.md": "---\ntitle: Home\n---\n# Home\n\nStart at [[Alpha note]]; also [[Beta]] and [[Gamma]].\n",
    "Alpha note.md": "---\ntags: [topic]\n---\nAlpha points to [[Beta]] in its first sentence.\n\n## Details\n\nAlpha's details.\n",
    "Beta.md": "Beta shows a section of Alpha.\n\n![[Alpha note#Details]]\n",
    "Gamma.md": "Gamma links to [[Beta]] and to [[Delta]], and to [[Nickname]].\n",
    "Old name.md": "A note about to be renamed, linked from [[Gamma]].\n",
}


class Server:
    def __init__(self, base: str):
        self.base = base

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def wait(self, path: str, shows, what: str) -> str:
        """The page at ``path`` once ``shows(status, text)`` holds."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            status, text = self.get(path)
            if status and shows(status, text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"{path}: {what} did not happen within {WAIT_SECONDS} s (last status {status})")

    def wait_for_text(self, path: str, text: str) -> str:
        return self.wait(path, lambda status, page: status == 200 and text in page, f"showing {text!r}")


@pytest.fixture
def served(tmp_path):
    vault = write_vault(tmp_path / "vault", VAULT)
    port = free_port()
    env = dict(os.environ, DOCS_DIR=str(vault), NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}/")
    try:
        server.wait_for_text("Alpha%20note/", "Alpha points to")
        yield vault, server, tmp_path / "serve.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def article(page: str) -> str:
    match = re.search(r"<article.*?</article>", page, re.DOTALL)
    assert match, "no article in the page"
    return match.group(0)


def graph_links(server: Server) -> set[tuple[str, str]]:
    status, text = server.get("assets/graph.json")
    assert status == 200
    graph = json.loads(text)
    urls = {node["id"]: node["url"] for node in graph["nodes"]}
    return {(urls[a], urls[b]) for a, b in graph["links"]}


def test_edits_reach_every_page_that_shows_them(served):
    vault, server, log = served
    alpha = vault / "Alpha note.md"

    # Prose: the page, the backlink context on the page it links to, the embed of its section.
    alpha.write_text(VAULT["Alpha note.md"].replace("first sentence", "rewritten opening sentence")
                     .replace("Alpha's details.", "Alpha's revised details. #fresh-tag"), encoding="utf-8")
    server.wait_for_text("Alpha%20note/", "rewritten opening sentence")
    server.wait_for_text("Beta/", "rewritten opening sentence")  # Beta's "Linked from"
    assert "Alpha's revised details." in article(server.get("Beta/")[1])  # the embed
    server.wait_for_text("tags/fresh-tag/", "Alpha note")
    assert "Alpha note" in server.get("")[1]  # home: recently updated
    assert ("Alpha%20note/", "Beta/") in graph_links(server)

    # A link added and one removed: the graph and the target's backlinks follow.
    alpha.write_text("---\ntags: [topic]\n---\nAlpha now points to [[Gamma]] only.\n\n## Details\n\nAlpha's details.\n", encoding="utf-8")
    server.wait_for_text("Gamma/", "Alpha now points to")
    server.wait(("Beta/"), lambda status, page: "Alpha now points" not in page and "rewritten opening" not in page,
                "Beta's backlink from Alpha going away")
    links = graph_links(server)
    assert ("Alpha%20note/", "Gamma/") in links and ("Alpha%20note/", "Beta/") not in links

    # A note added: the link that wanted it resolves.
    assert 'href="../Delta/"' not in article(server.get("Gamma/")[1])
    (vault / "Delta.md").write_text("Delta exists now.\n", encoding="utf-8")
    server.wait_for_text("Delta/", "Delta exists now.")
    server.wait("Gamma/", lambda status, page: 'href="../Delta/"' in article(page), "Gamma's link to Delta resolving")

    # An alias added in frontmatter: [[Nickname]] resolves to Beta.
    (vault / "Beta.md").write_text("---\naliases: [Nickname]\n---\n" + VAULT["Beta.md"], encoding="utf-8")
    server.wait("Gamma/", lambda status, page: page.count('href="../Beta/"') == 2, "Gamma's [[Nickname]] resolving")

    # Renamed, then deleted: the old URL answers 404, links follow.
    (vault / "Old name.md").rename(vault / "New name.md")
    server.wait("New%20name/", lambda status, page: status == 200, "the renamed note's page")
    server.wait("Old%20name/", lambda status, page: status == 404, "the old name's page going away")
    (vault / "Delta.md").unlink()
    server.wait("Delta/", lambda status, page: status == 404, "the deleted note's page going away")
    server.wait("Gamma/", lambda status, page: 'href="../Delta/"' not in article(page), "Gamma's link to Delta breaking")

    rendering = [line for line in log.read_text(encoding="utf-8").splitlines() if "obsidian-vault: rendering" in line]
    assert any("pages the edit reaches" in line for line in rendering)
    assert any("every page" in line for line in rendering[1:])  # added, renamed, deleted, frontmatter
