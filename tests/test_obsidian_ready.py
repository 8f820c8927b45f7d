"""Opening docs/ in Obsidian writes what the site expects (wikilinks, shortest paths, one
attachments folder, the note template), the template is never published or checked, and every
note page links to its file for editing while generated pages do not."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote

from conftest import PROJECT_REPO_URL, ROOT, build_site
from test_content import CONCEPT_SECTIONS, TAGS
from test_site import read_site
from vault import Vault
from vault.checks import check
from vault_plugin.pagefind_bundle import indexed_pages

DOCS = ROOT / "docs"
SETTINGS = DOCS / ".obsidian"
TEMPLATE = DOCS / "templates" / "Note.md"
REPO = PROJECT_REPO_URL  # project_site (conftest.py): docs/ built strictly with this repository
EDIT_LINK = re.compile(r"""
    <a\ href="(?P<href>[^"]*)"   # Material's edit button: the link first,
    [^>]*\brel="edit"            # then its rel
""", re.VERBOSE)


def settings(name: str) -> dict:
    return json.loads((SETTINGS / name).read_text(encoding="utf-8"))


def fill(template: str, title: str, date: str) -> str:
    """What Obsidian's Templates plugin (and `make new`) make of the template."""
    return template.replace("{{title}}", title).replace("{{date}}", date)


# -- Obsidian's settings ---------------------------------------------------------------------


def test_obsidian_writes_the_links_the_site_resolves():
    app = settings("app.json")
    assert app["useMarkdownLinks"] is False  # [[wikilinks]]
    assert app["newLinkFormat"] == "shortest"  # [[Note]], with a folder only where names repeat
    assert app["alwaysUpdateLinks"] is True  # renaming a note in Obsidian rewrites its links
    assert app["strictLineBreaks"] is True  # one line break continues the paragraph, as on the site


def test_attachments_go_to_one_folder_inside_the_vault():
    folder = settings("app.json")["attachmentFolderPath"]
    assert folder == "attachments"
    assert not folder.startswith((".", "/")) and not (DOCS / folder).is_file()


def test_templates_come_from_the_folder_mkdocs_leaves_out():
    assert settings("templates.json")["folder"] == "templates"
    assert settings("core-plugins.json")["templates"] is True
    assert TEMPLATE.is_file()


def test_the_template_has_the_shape_of_a_note():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.startswith("---\naliases: []\ntags: []\n---\n")
    positions = [text.index(section) for section in CONCEPT_SECTIONS]
    assert positions == sorted(positions)  # every section the content tests ask for, in order
    assert "{{title}}" in text and "{{date}}" in text
    suggested = set(re.search(r"Tags: one or more of ([a-z, -]+)\.", text).group(1).split(", "))
    assert suggested == TAGS


# -- the template is not published or checked ------------------------------------------------


def test_the_vault_model_reads_the_template_but_never_publishes_it():
    vault = Vault.load(str(DOCS))
    assert vault.note("templates/Note.md").published is False
    assert [f for f in check(vault) if f.path.startswith("templates/")] == []


def test_a_link_to_the_template_is_an_unpublished_link(tmp_path):
    (tmp_path / "templates").mkdir()
    shutil.copy(TEMPLATE, tmp_path / "templates" / "Note.md")
    (tmp_path / "Hub.md").write_text("See [[Note]].\n", encoding="utf-8")
    findings = check(Vault.load(str(tmp_path)))
    assert {(f.path, f.kind) for f in findings} == {("Hub.md", "unpublished-link"), ("Hub.md", "orphan"), ("Hub.md", "dead-end")}


def test_the_site_has_no_template_and_no_obsidian_settings(project_site):
    files = [p.relative_to(project_site).as_posix() for p in project_site.rglob("*")]
    assert [f for f in files if f.startswith(("templates", ".obsidian")) or "/." in "/" + f] == []
    indexed = indexed_pages(project_site / "pagefind")
    assert [p["url"] for p in indexed if "{{title}}" in p["content"] or p["url"].startswith("/templates")] == []
    graph = json.loads((project_site / "assets" / "graph.json").read_text(encoding="utf-8"))
    assert [n for n in graph["nodes"] if "templates" in n["url"] or n["title"] == "Note"] == []


def edit_links(page: Path) -> list[str]:
    return [m.group("href") for m in EDIT_LINK.finditer(page.read_text(encoding="utf-8"))]


def test_every_note_page_links_to_its_file_for_editing(project_site):
    vault = Vault.load(str(DOCS))
    for note in vault.published():
        page = project_site / ("index.html" if note.path == "index.md" else note.path[: -len(".md")] + "/index.html")
        assert edit_links(page) == [f"{REPO}/edit/main/docs/{quote(note.path)}"], note.path
    [href] = edit_links(project_site / "Logistic regression" / "index.html")
    assert href.endswith("/docs/Logistic%20regression.md") and unquote(href).endswith("/Logistic regression.md")


def test_generated_pages_have_no_edit_link(project_site):
    pages = read_site(project_site)
    generated = [p for p in pages if p.startswith(("tags/", "graph/"))]
    assert "graph/index.html" in generated and "tags/index.html" in generated and len(generated) > 3
    assert [p for p in generated if edit_links(project_site / p)] == []


def test_the_repository_link_fetches_nothing_from_the_forge(project_site):
    html = (project_site / "Calibration" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPO}" title="Go to repository" class="md-source">' in html
    assert 'data-md-component="source"' not in html  # Material's component asks the forge's API for stars


# -- a note made from the template -----------------------------------------------------------


def test_a_note_from_the_template_builds_strictly_and_shows_no_placeholder(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SETTINGS, docs / ".obsidian")
    (docs / "templates").mkdir()
    shutil.copy(TEMPLATE, docs / "templates" / "Note.md")
    (docs / "Feature store.md").write_text(fill(TEMPLATE.read_text(encoding="utf-8"), "Feature store", "2025-01-31"), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nStart with [[Feature store]].\n", encoding="utf-8")
    result = build_site(docs, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    page = read_site(tmp_path / "site")["Feature store/index.html"]
    text = " ".join("".join(page.text).split())
    for absent in ("%%", "{{", "}}", "Replace each comment", "[[links]]"):
        assert absent not in text
    for heading in ("Intuition", "How it works", "In a system design answer", "Pitfalls", "Related", "References"):
        assert heading in text
    vault = Vault.load(str(docs))
    assert [f.kind for f in check(vault) if f.path == "Feature store.md"] == ["dead-end"]  # no link out yet
