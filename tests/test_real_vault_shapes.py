"""Shapes met in public vaults, built end to end: Markdown links and images to vault files,
attachments in other folders embedded from nested notes, wikilinks holding code. Each one
resolves on the page, counts in backlinks, the graph and orphans, and a strict build of the
valid vault logs nothing (MkDocs' own link validation included)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site, write_vault
from test_site import read_site, target_file
from vault import Vault
from vault.checks import check
from vault.graph import backlinks, edges

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16

VAULT = {
    "index.md": "# Home\n\n[Guide](Guides/Guide.md) and [the API](<Reference/Tasks Api.md>), [[Table]].\n",
    "Guides/Guide.md": (
        "# Guide\n\n"
        "By name [filters](Filters), encoded [a section](../Reference/Tasks%20Api.md#Statuses),\n"
        "beside this note [next](Next.md), in brackets [api](<Reference/Tasks Api.md#`editTaskLineModal()`>).\n\n"
        "API: [[Tasks Api#`editTaskLineModal()`|`editTaskLineModal()`]] and [[Filters#`wikilink`|wikilink]].\n\n"
        "Props: [[#Types#oneOf([a, b])|oneOf([a, b])]], a block after a heading [[Filters#^wl]].\n\n"
        "## Types\n\n### oneOf([a, b])\n\nText.\n"
    ),
    "Guides/Next.md": "# Next\n\n![shadow](bases-noshadow.png#interface) and ![[pic.png]]\n\n![[clip (1).ogg]]\n\n[back](Guide.md)\n",
    "Guides/Deep/Nested.md": "# Nested\n\n![[pic.png|100]] ![[clip (1).ogg]] [up](../Guide.md) [[Next]]\n",
    "Reference/Tasks Api.md": "# Tasks Api\n\n## `editTaskLineModal()`\n\n## Statuses\n\n[[Nested]]\n\n## From \\[\\[Links\\]\\]\n",
    # a block id alone after a heading: an anchor inside the heading (MkDocs wants no <a> without href)
    "Reference/Filters.md": "# Filters\n\n## `wikilink`\n\n^wl\n\n[home](../index.md)\n",
    # a Quartz vault's table: the links' pipes unescaped (Obsidian writes `\|` there)
    "Reference/Table.md": (
        "# Table\n\n| Operation | Link |\n| --- | --- |\n"
        "| [[Filters|by name]] | ![[pic.png|100]] |\n| `[[Filters|code]]` | [[Next\\|escaped]] |\n"
    ),
}
ATTACHMENTS = ["Attachments/bases-noshadow.png", "Attachments/pic.png", "Media/clip (1).ogg"]


@pytest.fixture(scope="module")
def vault_dir(tmp_path_factory) -> Path:
    return write_vault(tmp_path_factory.mktemp("shapes") / "vault", {**VAULT, **dict.fromkeys(ATTACHMENTS, PNG)})


@pytest.fixture(scope="module")
def built(vault_dir, tmp_path_factory):
    site = tmp_path_factory.mktemp("shapes-site") / "site"
    result = build_site(vault_dir, site, strict=True)
    return site, result


def test_the_checker_finds_nothing_wrong(vault_dir):
    vault = Vault.load(str(vault_dir))
    assert [f"{f.path}:{f.line}: {f.kind}: {f.message}" for f in check(vault)] == []


def test_markdown_links_count_in_backlinks_and_the_graph(vault_dir):
    vault = Vault.load(str(vault_dir))
    assert ("Guides/Guide.md", "Reference/Filters.md") in edges(vault)  # [filters](Filters), by name
    assert ("Guides/Guide.md", "Guides/Next.md") in edges(vault)  # [next](Next.md), beside the note
    assert ("Reference/Filters.md", "index.md") in edges(vault)  # [home](../index.md)
    assert {b.source.path for b in backlinks(vault)["Reference/Tasks Api.md"]} == {"index.md", "Guides/Guide.md"}


def test_a_strict_build_logs_nothing(built):
    _, result = built
    assert result.returncode == 0, result.stderr
    logged = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert logged == []


def test_every_link_and_embed_reaches_its_file_and_id(built):
    site, _ = built
    pages = read_site(site)
    checked = 0
    for name in ("Guides/Guide/index.html", "Guides/Next/index.html", "Guides/Deep/Nested/index.html", "index.html",
                 "Reference/Table/index.html"):
        page = pages[name]
        assert page.unresolved == 0, name
        for href in page.links:
            target = target_file(site, name, href)
            if target is None:
                continue
            path, fragment = target
            assert (site / path).exists(), (name, href)
            if fragment and path.endswith(".html"):
                assert fragment in pages[path].ids, (name, href)
            checked += 1
    assert checked >= 20


def test_links_holding_code_show_as_links_with_code(built):
    site, _ = built
    html = (site / "Guides/Guide/index.html").read_text(encoding="utf-8")
    assert "[[" not in html.split('<article', 1)[1].split("</article>", 1)[0]
    assert '<code>editTaskLineModal()</code></a>' in html
    assert '>oneOf([a, b])</a>' in html


def test_links_in_a_table_keep_their_cells_with_the_pipe_unescaped(built):
    site, _ = built
    html = (site / "Reference/Table/index.html").read_text(encoding="utf-8")
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert len(cells) == 4, cells
    assert re.fullmatch(r'<a [^>]*href="../Filters/"[^>]*>by name</a>', cells[0]), cells[0]
    assert 'src="../../Attachments/pic.png"' in cells[1] and 'width="100"' in cells[1]
    assert cells[2] == "<code>[[Filters|code]]</code>"
    assert re.fullmatch(r'<a [^>]*href="../../Guides/Next/"[^>]*>escaped</a>', cells[3]), cells[3]


def test_images_in_other_folders_are_shown(built):
    site, _ = built
    html = (site / "Guides/Next/index.html").read_text(encoding="utf-8")
    assert 'src="../../Attachments/bases-noshadow.png"' in html
    assert 'src="../../Media/clip%20%281%29.ogg"' in html
    nested = (site / "Guides/Deep/Nested/index.html").read_text(encoding="utf-8")
    assert 'src="../../../Attachments/pic.png"' in nested and 'width="100"' in nested


def test_the_site_audit_finds_nothing(built, vault_dir):
    """Every href, src and fragment exists, no `[[` shows that the notes did not escape (an
    escaped heading is in the table of contents too), the checker and the pages agree."""
    from site_auditor import audit

    site, _ = built
    assert audit(str(site), str(vault_dir)).lines() == []
