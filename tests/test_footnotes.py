"""Footnotes that Obsidian shows without complaint build strictly: a definition nothing
cites, and footnotes inside an embedded note, leave no link to a missing anchor."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from conftest import build_site, write_vault
from obsidian_markdown.footnotes import DanglingFootnoteTreeprocessor
from site_auditor import audit

FOOTNOTE_HREF = re.compile(r"""href="(?P<href>\#fn(?:ref)?\d*:[^"]*)\"""")

VAULT = {
    "index.md": "# Home\n\nRead [[Lonely]].\n\n![[Cited]]\n",
    "Lonely.md": "Some text.\n\n[^1]: A footnote nobody cites.\n",
    "Cited.md": "Cited[^a] here, see [[Lonely]].\n\n[^a]: The cited note.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("footnotes")
    vault = write_vault(work / "vault", VAULT)
    result = build_site(vault, work / "site", strict=True)
    assert result.returncode == 0, result.stderr
    return work, result.stderr


def test_a_strict_build_logs_no_warning(site):
    _, log = site
    assert "WARNING" not in log
    assert "no such anchor" not in log


def test_the_pages_link_only_to_footnotes_they_show(site):
    work, _ = site
    lonely = (work / "site" / "Lonely" / "index.html").read_text(encoding="utf-8")
    assert "A footnote nobody cites." in lonely
    assert FOOTNOTE_HREF.search(lonely) is None
    home = (work / "site" / "index.html").read_text(encoding="utf-8")
    assert "The cited note." in home and "Cited<sup>1</sup> here" in home
    assert FOOTNOTE_HREF.search(home) is None
    cited = (work / "site" / "Cited" / "index.html").read_text(encoding="utf-8")
    assert {m["href"] for m in FOOTNOTE_HREF.finditer(cited)} == {"#fn:a", "#fnref:a"}


def test_the_site_audit_agrees(site):
    work, _ = site
    assert audit(str(work / "site"), str(work / "vault")).lines() == []


# (Markdown, HTML of the footnotes' list items)
UNLINKED = [
    ("x\n\n[^1]: Never cited.\n", '<li id="fn:1">\n<p>Never cited.</p>\n</li>'),
    ("x\n\n[^1]: Never cited, *emphasis* last.\n",
     '<li id="fn:1">\n<p>Never cited, <em>emphasis</em> last.</p>\n</li>'),
    ("x[^1]\n\n[^1]: Cited.\n",
     '<li id="fn:1">\n<p>Cited.&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>'),
    ("x\n\n[^1]: Never cited.\n\n        code last\n",
     '<li id="fn:1">\n<p>Never cited.</p>\n<pre><code>code last\n</code></pre>\n</li>'),
]


@pytest.mark.parametrize("source, item", UNLINKED)
def test_only_back_references_to_nowhere_are_removed(source, item):
    md = markdown.Markdown(extensions=["footnotes"])
    md.treeprocessors.register(DanglingFootnoteTreeprocessor(md), "dangling", 3)
    html = md.convert(source)
    assert re.findall(r"<li id=.*?</li>", html, re.DOTALL) == [item]
