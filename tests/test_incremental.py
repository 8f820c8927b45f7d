"""`make serve` (`mkdocs serve --dirty`) renders again only the pages an edit reaches, and what
it serves after each edit is what a clean build of the same vault gives.

Three levels:
- which pages an edit reaches (vault/changes.py), as a table of invalidation cases;
- notes rescanned only when their file changed (``Vault.load(known=...)``);
- a serve session of edits (tests/serve_session.py, in its own process): after each edit, the
  site it serves equals, file by file, a clean `mkdocs build` of the vault as it then is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import vault as vault_module
from conftest import ROOT, build_site, write_vault
from vault import Vault
from vault.changes import affected_pages

# -- which pages an edit reaches ------------------------------------------------------------

BASE = {
    "index.md": "# Home\n\n[[A]], [[B]], [[C]], [[D]], [[E]]\n",
    "A.md": "---\naliases: [Alpha]\n---\nA links [[B]] here.\n\n## Part one\n\nFirst part. ^blk\n\n## Part two\n\nSecond part.\n",
    "B.md": "B embeds ![[A#Part one]] and links [[A#Part two]].\n",
    "C.md": "C embeds ![[B]].\n",
    "D.md": "D links [[A#^blk]] and [[Alpha]].\n",
    "E.md": "E stands alone.\n",
    "Draft.md": "---\ndraft: true\n---\nNot published: [[E]].\n",
}


def edited(**changes: str | None) -> dict[str, str]:
    texts = dict(BASE)
    for name, text in changes.items():
        path = name.replace("_", " ") + ".md"
        if text is None:
            texts.pop(path)
        else:
            texts[path] = text
    return texts


A = BASE["A.md"]
CASES = {
    # edit: (vault after, pages rendered again, or "everything")
    "nothing changed": (edited(), set()),
    "prose of a note: it, the note it links to (backlink context), its embedders (B, C through B)": (
        edited(A=A.replace("A links [[B]] here.", "A links [[B]] over there.")), {"A.md", "B.md", "C.md"}),
    "prose of a note nothing embeds: it and its targets": (edited(D="D links [[A#^blk]] and [[Alpha]]!\n"), {"D.md", "A.md"}),
    "a link added: the new target too": (edited(A=A + "\nAlso [[E]].\n"), {"A.md", "B.md", "C.md", "E.md"}),
    "a link removed: the old target too": (edited(D="D links [[A#^blk]].\n"), {"D.md", "A.md"}),
    "an embedded section: its embedders, and theirs": (
        edited(A=A.replace("First part.", "First part, longer.")), {"A.md", "B.md", "C.md"}),
    "a heading renamed: every note linking to the note": (
        edited(A=A.replace("## Part two", "## Part 2")), {"A.md", "B.md", "C.md", "D.md", "index.md"}),
    "a block id removed: every note linking to the note": (
        edited(A=A.replace(" ^blk", "")), {"A.md", "B.md", "C.md", "D.md", "index.md"}),
    "an unpublished note edited: nothing": (edited(Draft=BASE["Draft.md"] + "more\n"), set()),
    "frontmatter: aliases": (edited(A=A.replace("[Alpha]", "[Alpha, Alef]")), "everything"),
    "frontmatter: published": (edited(Draft=BASE["Draft.md"].replace("draft: true", "draft: false")), "everything"),
    "frontmatter added to a note without": (edited(E="---\ntags: [x]\n---\nE stands alone.\n"), "everything"),
    "a note added": (edited(F="New.\n"), "everything"),
    "a note deleted": (edited(E=None), "everything"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_pages_an_edit_reaches(case):
    after, expected = CASES[case]
    affected = affected_pages(Vault.from_texts(BASE), Vault.from_texts(after))
    if expected == "everything":
        assert affected.everything is not None and affected.notes == frozenset()
    else:
        assert affected.everything is None
        assert set(affected.notes) == expected


def test_a_rename_and_a_new_attachment_reach_every_page():
    renamed = {("F.md" if path == "E.md" else path): text for path, text in BASE.items()}
    assert affected_pages(Vault.from_texts(BASE), Vault.from_texts(renamed)).everything
    assert affected_pages(Vault.from_texts(BASE), Vault.from_texts(BASE, attachments=("pic.png",))).everything


# -- notes rescanned only when their file changed ------------------------------------------


def test_a_serve_rebuild_scans_only_the_notes_whose_file_changed(tmp_path, monkeypatch):
    root = write_vault(tmp_path / "vault", BASE)
    scanned: list[str] = []
    real = vault_module.read_note
    monkeypatch.setattr(vault_module, "read_note", lambda path, text: scanned.append(path) or real(path, text))
    known: dict = {}
    first = Vault.load(str(root), known=known)
    assert sorted(scanned) == sorted(BASE)
    assert not first.notes["Draft.md"].published

    scanned.clear()
    (root / "E.md").write_text("E changed.\n", encoding="utf-8")
    (root / "B.md").unlink()
    second = Vault.load(str(root), known=known)
    assert scanned == ["E.md"]
    assert second.notes["E.md"].text == "E changed.\n" and "B.md" not in second.notes and "B.md" not in known
    # Each load gets notes of its own: marking one unpublished leaves the next load's alone.
    second.hide({"D.md"})
    assert Vault.load(str(root), known=known).notes["D.md"].published
    assert scanned == ["E.md"]
    assert {p: n.text for p, n in second.notes.items()} == {p: n.text for p, n in Vault.load(str(root)).notes.items()}


# -- a serve session: after each edit, the site equals a clean build -------------------------

SESSION_VAULT = {
    "index.md": "---\ntitle: Home\n---\n# Home\n\nStart at [[A]]; see [[B]], [[C]], [[D]], [[E]], [[folder/F]].\n",
    "A.md": "---\naliases: [Alpha]\ntags: [topic]\n---\nA links to [[B]] in this sentence.\n\n## Part one\n\nText of part one. ^blk\n\n## Part two\n\nMore text #inline\n",
    "B.md": "B embeds a section and links to [[A#Part two]].\n\n![[A#Part one]]\n",
    "C.md": "C embeds B, so A through B.\n\n![[B]]\n",
    "D.md": "D links to [[A#^blk]], [[Alpha]], [[Alef]] and [[Missing note]].\n",
    "E.md": "E embeds a picture.\n\n![[pic.png]]\n",
    "folder/F.md": "F links to [[E]].\n",
}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000185d44d5a0000000049454e44ae426082")
A_TEXT = SESSION_VAULT["A.md"]
SESSION = [
    ("prose edited", {"write": {"A.md": A_TEXT.replace("in this sentence", "in this longer sentence")}}),
    ("inline tag added", {"write": {"E.md": "E embeds a picture. #inline #fresh\n\n![[pic.png]]\n"}}),
    ("heading renamed", {"write": {"A.md": A_TEXT.replace("## Part two", "## Part 2")}}),
    ("embedded section edited", {"write": {"A.md": A_TEXT.replace("Text of part one.", "Text of part one, edited.")}}),
    ("block id removed", {"write": {"A.md": A_TEXT.replace(" ^blk", "")}}),
    ("link added", {"write": {"E.md": "E embeds a picture and links [[D]].\n\n![[pic.png]]\n"}}),
    ("link removed", {"write": {"E.md": "E embeds a picture.\n\n![[pic.png]]\n"}}),
    ("alias added in frontmatter", {"write": {"A.md": A_TEXT.replace("[Alpha]", "[Alpha, Alef]")}}),
    ("note added", {"write": {"Missing note.md": "Now written, linking [[A]].\n"}}),
    ("attachment added", {"write_hex": {"pic.png": PNG.hex()}}),
    ("note deleted", {"delete": ["C.md"]}),
    ("note renamed", {"rename": [["folder/F.md", "folder/G.md"]]}),
    ("home page edited", {"write": {"index.md": SESSION_VAULT["index.md"] + "\nWelcome.\n"}}),
    ("checks' levels changed", {"checks": '[levels]\nbroken-link = "warning"\n'}),
]
# Files whose content depends on the build's date, not on the vault; the search index, which
# `mkdocs serve` writes in the background after each build (tests/browser/test_search_serve.py).
NOT_COMPARED = {"sitemap.xml", "sitemap.xml.gz"}
NOT_COMPARED_FOLDERS = ("pagefind/",)


def site_files(site: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(site)): p for p in sorted(site.rglob("*")) if p.is_file()}
    return {path: p.read_bytes() for path, p in files.items()
            if path not in NOT_COMPARED and not path.startswith(NOT_COMPARED_FOLDERS)}


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("serve-session")
    write_vault(work / "vault", SESSION_VAULT)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("checks: checks.toml", f"checks: {work / 'checks.toml'}")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    (work / "edits.json").write_text(json.dumps([edit for _, edit in SESSION]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "serve_session.py"), str(work / "mkdocs.yml"), str(work / "vault"),
         str(work / "site"), str(work / "out"), str(work / "edits.json")],
        capture_output=True, text=True, timeout=600, cwd=work, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (work / "log.txt").write_text(result.stderr, encoding="utf-8")
    return work


@pytest.mark.parametrize("step", range(len(SESSION)), ids=[name for name, _ in SESSION])
def test_after_each_edit_the_served_site_equals_a_clean_build(session, step, tmp_path):
    state = session / "out" / str(step)
    checks = state / "checks.toml"
    clean = tmp_path / "clean"
    result = build_site(state / "vault", clean, plugin={"checks": str(checks)})
    assert result.returncode == 0, result.stderr[-3000:]
    served, built = site_files(state / "site"), site_files(clean)
    assert sorted(served) == sorted(built)
    assert [path for path in built if served[path] != built[path]] == []


def test_an_edit_renders_only_the_pages_it_reaches(session):
    log = (session / "log.txt").read_text(encoding="utf-8")
    counts = [line.split("rendering ")[1] for line in log.splitlines() if "obsidian-vault: rendering" in line]
    assert counts[0].startswith("every page")  # the first build
    # prose of A: A, B (its backlinks quote A; it embeds A), C (embeds B), the home page (recently updated)
    assert counts[1] == "4 pages the edit reaches"
    assert counts[2] == "2 pages the edit reaches"  # an inline tag in E: E and the home page; tag pages are generated
