"""The site built by Zensical (0.0.73), Material's successor, which loads no MkDocs plugin:
from the project's root, with the project installed, ``zensical build`` reads mkdocs.yml and
runs our Markdown extension on every page. Every wikilink, embed, image and anchor must work,
and the site must show exactly the link checker's broken links (the site audit)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_vault
from site_auditor import audit
from vault import Vault

ZENSICAL = Path(sys.executable).parent / "zensical"
PROJECT = ["mkdocs.yml", "overrides"]


def copy_project(project: Path, docs: Path | None = None) -> Path:
    """The project's configuration and theme overrides in ``project``, with a copy of the
    vault ``docs`` as its docs/ (Zensical wants the vault inside the project)."""
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    if docs is not None:
        shutil.copytree(docs, project / "docs")
    return project / "docs"


def zensical_build(project: Path) -> tuple[subprocess.CompletedProcess, Path]:
    """``zensical build`` from the project's root: mkdocs.yml as it is, docs/ and site/."""
    env = {k: v for k, v in os.environ.items() if k not in ("DOCS_DIR", "SITE_DIR")}
    result = subprocess.run([str(ZENSICAL), "build", "--clean"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return result, project / "site"


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("zensical-project")
    copy_project(project, ROOT / "docs")
    result, site = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_project_builds_with_its_home_page(project_site):
    assert (project_site / "index.html").is_file()
    assert (project_site / "ML System Design interview" / "index.html").is_file()


def test_every_link_and_anchor_of_the_project_works_and_agrees_with_the_checker(project_site):
    report = audit(str(project_site), str(ROOT / "docs"))
    assert report.findings == []
    published = [note for note in Vault.load(str(ROOT / "docs")).published()]
    assert report.notes == len(published) and report.links > 1000 and report.fragments > 0


def test_no_link_is_left_as_a_vault_path(project_site):
    """Zensical rewrites links to `.md` files; none is left for the browser to miss."""
    local = re.compile(r'(?:href|src)="(?P<url>(?![a-z]+:)[^"]*\.md(?:#[^"]*)?)"')
    left = {page.name: local.findall(page.read_text(encoding="utf-8")) for page in project_site.rglob("*.html")}
    assert {page: urls for page, urls in left.items() if urls} == {}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_folders_embeds_images_and_anchors(tmp_path, directory_urls):
    project = tmp_path / "project"
    project.mkdir()
    docs = copy_project(project)
    write_vault(docs, {
        "index.md": "# Home\n\nSee [[Deep]], [[Deep#Part two]], [[Deep#^key]] and [[Other Note|the other]].\n\n![[Deep#Part two]]\n",
        # Same-page heading links, as a public documentation vault writes them by the hundred
        # (Zensical's own check warns that their anchors do not exist: the links work).
        "a/b/Deep.md": "# Deep\n\nA claim. ^key See [[#Part two]].\n\n## Part two\n\nBack to [[index|home]], up to [[Other Note]]. ![[pic.png|40]]\n",
        "Other Note.md": "# Other Note\n\n![[Deep]]\n\nAn image: ![[pic.png]]\n",
        "img/pic.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
        "Secret plan.md": "---\ndraft: true\n---\n# Secret plan\n\nNot for the site.\n",
    })
    if not directory_urls:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    result, site = zensical_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "a" / "b" / ("Deep/index.html" if directory_urls else "Deep.html")).is_file()
    # Zensical still makes a page of the draft (no plugin to leave it out): its text is withheld.
    draft = (site / ("Secret plan/index.html" if directory_urls else "Secret plan.html")).read_text(encoding="utf-8")
    assert "Not for the site" not in draft and "This note is not published." in draft
    report = audit(str(site), str(docs))
    assert report.findings == []
    assert report.notes == 3 and report.media >= 3 and report.fragments >= 3
