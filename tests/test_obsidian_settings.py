"""Obsidian's own settings honoured without changing the vault: Excluded files, the template
folders and Obsidian Publish's selection keep notes off the site, links to them say why, and
a settings file that cannot be read is one finding naming it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, write_vault
from vault import Vault
from vault.checks import check
from vault.obsidian_settings import ObsidianSettings, ignore_filter, load

# -- Excluded files: (entry, vault path, excluded) -------------------------------------------

IGNORE_FILTERS = [
    ("Archive/", "Archive/Old.md", True),
    ("Archive/", "archive/Old.md", True),  # case is ignored
    ("Archive/", "Notes/Archive/Old.md", False),  # a prefix of the path, not a part of it
    ("Archive/", "Archive.md", False),
    ("Archive", "Archived ideas.md", True),  # without the slash, any path that starts so
    ("Daily/2020", "Daily/2020-01-01.md", True),
    ("Daily/2020", "Daily/2020/01.md", True),
    ("Daily/2020", "Daily/2021-01-01.md", False),
    ("Notes/todo.md", "Notes/todo.md", True),
    ("a.b", "axb.md", False),  # a prefix is literal text
    ("  Archive/  ", "Archive/Old.md", True),  # trimmed
    (r"/\.excalidraw/", "Drawings/Plan.excalidraw.md", True),  # between slashes: a regular expression,
    (r"/\.excalidraw/", "Plan.md", False),
    ("/DRAFT/", "notes/my draft.md", True),  # searched anywhere, ignoring case
    (r"/^Daily/\d{4}/", "Daily/2020/x.md", True),
    (r"/^Daily/\d{4}/", "Journal/Daily/2020/x.md", False),
    ("/a/", "b/a.md", True),
    ("//", "x//y.md", False),  # two characters: a prefix, which no vault path has
]


@pytest.mark.parametrize("entry, path, excluded", IGNORE_FILTERS)
def test_excluded_files_entries_as_obsidian_reads_them(entry, path, excluded):
    assert ignore_filter(entry).matches(path) is excluded


@pytest.mark.parametrize("entry", ["", "   "])
def test_an_empty_entry_excludes_nothing(entry):
    assert ignore_filter(entry) is None


# -- what each setting keeps off the site ------------------------------------------------------

def vault_settings(tmp_path: Path, files: dict[str, object]) -> ObsidianSettings:
    for name, content in files.items():
        target = tmp_path / ".obsidian" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return load(str(tmp_path))


# (settings files, vault path, frontmatter `publish`, why it is not published or None)
NOTES = [
    ({}, "templates/Note.md", None, "it is a template (in 'templates/', the default templates folder, which MkDocs never publishes)"),
    ({}, "Meta/Templates/Note.md", None, None),
    ({"templates.json": {"folder": "Meta/Templates"}}, "Meta/Templates/Daily.md", None,
     "it is a template (in 'Meta/Templates/', .obsidian/templates.json)"),
    ({"templates.json": {"folder": "/Meta/Templates/"}}, "Meta/Templates/Daily.md", None, "it is a template (in 'Meta/Templates/', .obsidian/templates.json)"),
    # MkDocs leaves templates/ out of every site, so it stays unpublished beside the setting's folder
    ({"templates.json": {"folder": "Meta/Templates"}}, "templates/Note.md", None, "it is a template (in 'templates/', the default templates folder, which MkDocs never publishes)"),
    ({"templates.json": {"folder": ""}}, "templates/Note.md", None, "it is a template (in 'templates/', the default templates folder, which MkDocs never publishes)"),
    ({"plugins/templater-obsidian/data.json": {"templates_folder": "_tpl"}}, "_tpl/Meeting.md", None,
     "it is a template (in '_tpl/', Templater's folder, .obsidian/plugins/templater-obsidian/data.json)"),
    ({"plugins/templater-obsidian/data.json": {"templates_folder": ""}}, "Meeting.md", None, None),
    ({"app.json": {"userIgnoreFilters": ["Archive/"]}}, "Archive/Old.md", None,
     "Obsidian's Excluded files entry 'Archive/' matches it (.obsidian/app.json userIgnoreFilters)"),
    ({"app.json": {"userIgnoreFilters": ["Archive/"]}}, "Archive/Old.md", True,
     "Obsidian's Excluded files entry 'Archive/' matches it (.obsidian/app.json userIgnoreFilters)"),  # publish: true is Publish's
    ({"app.json": {"userIgnoreFilters": None}}, "Archive/Old.md", None, None),  # Obsidian writes null for none
    ({"publish.json": {"excluded": ["Private"]}}, "Private/Secret.md", None,
     "it is in Obsidian Publish's excluded 'Private' (.obsidian/publish.json; `publish: true` would override)"),
    ({"publish.json": {"excluded": ["Private"]}}, "Private/Secret.md", True, None),  # publish: true overrides
    ({"publish.json": {"excluded": ["Private"]}}, "Private notes.md", None, None),  # a folder, not a prefix
    ({"publish.json": {"excluded": ["Notes/Secret.md"]}}, "Notes/Secret.md", None,
     "it is in Obsidian Publish's excluded 'Notes/Secret.md' (.obsidian/publish.json; `publish: true` would override)"),
    # Included folders only pre-select notes in Publish's dialog: the rest may be published too
    ({"publish.json": {"included": ["Public"]}}, "Loose.md", None, None),
    ({"publish.json": {"included": ["Public"]}}, "Loose.md", True, None),
    ({"publish.json": {"included": ["Public"]}}, "Public/Sub/Page.md", None, None),
    ({"publish.json": {"included": ["/"]}}, "Anything.md", None, None),  # the whole vault
    ({"publish.json": {"included": [], "excluded": []}}, "Anything.md", None, None),
    ({"publish.json": {"included": ["Public"], "excluded": ["Public/Drafts"]}}, "Public/Drafts/x.md", None,
     "it is in Obsidian Publish's excluded 'Public/Drafts' (.obsidian/publish.json; `publish: true` would override)"),
]


@pytest.mark.parametrize("files, path, publish, reason", NOTES)
def test_why_a_note_is_not_published(tmp_path, files, path, publish, reason):
    settings = vault_settings(tmp_path, files)
    assert settings.problems == []
    assert settings.note_unpublished_because(path, lambda: publish) == reason


# (publish.json, attachment path, kept off the site)
ATTACHMENTS = [
    ({"excluded": ["Private"]}, "Private/photo.png", True),
    ({"excluded": ["Private"]}, "Public/photo.png", False),
    ({"included": ["Public"]}, "elsewhere/photo.png", False),  # Publish adds the media published notes embed
]


@pytest.mark.parametrize("publish, path, left_out", ATTACHMENTS)
def test_attachments_in_publish_excluded_folders_are_not_published(tmp_path, publish, path, left_out):
    settings = vault_settings(tmp_path, {"publish.json": publish})
    assert (settings.attachment_unpublished_because(path) is not None) is left_out


def test_attachments_matched_by_excluded_files_are_published(tmp_path):
    """Obsidian still shows an excluded image in the notes that embed it."""
    settings = vault_settings(tmp_path, {"app.json": {"userIgnoreFilters": ["attachments/"]}})
    assert settings.attachment_unpublished_because("attachments/pic.png") is None


# -- settings that cannot be applied: one finding naming the file ------------------------------

# (file, content, line, start of the message)
BAD_FILES = [
    ("app.json", '{"userIgnoreFilters": ["Archive/",]}', 1, "not valid JSON (Expecting value at line 1, column 35)"),
    ("app.json", '{\n  "userIgnoreFilters": [\n    "Archive/"\n  ]\n', 5, "not valid JSON"),
    ("app.json", "[1, 2]", 1, "not a JSON object but list"),
    ("app.json", '{"userIgnoreFilters": "Archive/"}', 1, "'userIgnoreFilters' should be a list of strings"),
    ("app.json", '{"userIgnoreFilters": ["/(unclosed/"]}', 1, "Excluded files entry '/(unclosed/' is not a regular expression Python reads"),
    ("publish.json", '{"excluded": "Private"}', 1, "'excluded' should be a list of strings"),
    ("templates.json", b"\xff\xfe{}", 0, "cannot read Obsidian's settings"),
]


@pytest.mark.parametrize("name, content, line, message", BAD_FILES)
def test_a_bad_settings_file_is_one_finding_naming_it(tmp_path, name, content, line, message):
    target = tmp_path / ".obsidian" / name
    target.parent.mkdir(parents=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "Note.md").write_text("[[{{title}}]]\n", encoding="utf-8")
    (tmp_path / "Hub.md").write_text("# Hub\n", encoding="utf-8")
    findings = [f for f in check(Vault.load(str(tmp_path))) if f.kind not in ("orphan", "dead-end")]
    assert [(f.path, f.line, f.kind) for f in findings] == [(f".obsidian/{name}", line, "unreadable")]
    assert findings[0].message.startswith(message)
    # The rest keeps working: the template is still not published, and not checked.
    assert Vault.load(str(tmp_path)).note("templates/Note.md").published is False


# -- end to end: a vault with a .obsidian folder, through the checker and `mkdocs build` ---------

VAULT = {
    ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Archive/", "/\\.excalidraw/"], "alwaysUpdateLinks": True}),
    ".obsidian/templates.json": json.dumps({"folder": "Meta/Templates", "dateFormat": "YYYY-MM-DD"}),
    ".obsidian/publish.json": json.dumps({"siteId": "x", "included": ["index.md", "Notes"], "excluded": ["Notes/Private"]}),
    "index.md": "# Home\n\nStart at [[Hub]].\n",
    "Notes/Hub.md": (
        "---\naliases:\n  - \ntags: notes, hub\n---\n# Hub\n\n"
        "Back [[index|home]]. Published: [[Shared]], [[Loose]].\n\n"
        "Not published: [[Old]], [[Plan.excalidraw]], [[Secret]], [[Daily]], [[Draft]].\n\n"
        "![[photo.png]]\n"
    ),
    "Notes/Draft.md": "---\ndraft: true\n---\nA draft linking [[Nowhere]].\n",
    "Notes/Private/Secret.md": "Secret, linking [[Nowhere]].\n",
    "Notes/Private/Shared.md": "---\npublish: true\n---\nShared despite its folder: [[Hub]].\n",
    "Notes/Private/photo.png": "not really a png",
    "Loose.md": "Outside the included folders, published all the same: [[Hub]].\n",
    "Archive/Old.md": "Archived, linking [[Nowhere]].\n",
    "Drawings/Plan.excalidraw.md": "A drawing, linking [[Nowhere]].\n",
    "Meta/Templates/Daily.md": "---\ntags:\n  - \n---\n# {{date}}\n\n[[{{title}}]] and ![[{{date}}.png]]\n",
}
HIDDEN = {"Notes/Draft.md", "Notes/Private/Secret.md", "Archive/Old.md",
          "Drawings/Plan.excalidraw.md", "Meta/Templates/Daily.md", "Notes/Private/photo.png"}
# Each link from Hub to a note or file kept off the site: the finding says which setting.
UNPUBLISHED_LINKS = {
    "[[Old]]": "'Old' is not published: Obsidian's Excluded files entry 'Archive/' matches it (.obsidian/app.json userIgnoreFilters)",
    "[[Plan.excalidraw]]": "'Plan.excalidraw' is not published: Obsidian's Excluded files entry '/\\\\.excalidraw/' matches it (.obsidian/app.json userIgnoreFilters)",
    "[[Secret]]": "'Secret' is not published: it is in Obsidian Publish's excluded 'Notes/Private' (.obsidian/publish.json; `publish: true` would override)",
    "[[Daily]]": "'Daily' is not published: it is a template (in 'Meta/Templates/', .obsidian/templates.json)",
    "[[Draft]]": "'Draft' is not published: `draft: true` or `publish: false` in its frontmatter",
    "![[photo.png]]": "'photo.png' is not published: it is in Obsidian Publish's excluded 'Notes/Private' (.obsidian/publish.json)",
}


@pytest.fixture(scope="module")
def settings_vault(tmp_path_factory) -> Path:
    return write_vault(tmp_path_factory.mktemp("obsidian-settings") / "vault", VAULT)


def test_the_checker_reports_links_to_what_is_not_published_and_nothing_in_it(settings_vault):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "commands" / "check_links.py"), str(settings_vault), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    problems = json.loads(result.stdout)["problems"]
    assert result.returncode == 1
    assert {p["target"]: p["message"].split(": ", 1)[1] for p in problems if p["kind"] == "unpublished-link"} == UNPUBLISHED_LINKS
    assert {p["path"] for p in problems if p["kind"] == "unpublished-link"} == {str(settings_vault / "Notes" / "Hub.md")}
    # Nothing inside the hidden notes is checked (their [[Nowhere]] links, the template's
    # placeholders), none is an orphan, and what Obsidian wrote in frontmatter is fine.
    assert [p for p in problems if p["kind"] != "unpublished-link"] == []


def test_the_site_leaves_out_what_is_not_published(settings_vault, tmp_path):
    site = tmp_path / "site"
    result = build_site(settings_vault, site)
    assert result.returncode == 0, result.stderr
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "Notes/Hub/index.html", "Notes/Private/Shared/index.html"} <= files
    pages = {path.removesuffix(".md") + "/index.html" for path in HIDDEN if path.endswith(".md")}
    assert pages & files == set()
    assert "Notes/Private/photo.png" not in files
    assert not any(part.startswith(".obsidian") for f in files for part in f.split("/"))
    # The build logs each link to them with why it is not published, and no finding in them.
    for target, message in UNPUBLISHED_LINKS.items():
        assert f"error unpublished-link: {target}: {message}" in result.stderr
    def findings_in(paths):
        return [line for line in result.stderr.splitlines() if any(f" {path}:" in line for path in paths)]

    assert len(findings_in({"Notes/Hub.md"})) == len(UNPUBLISHED_LINKS)
    assert findings_in(HIDDEN) == []
