"""The home page: a vault's index.md, else its root README.md (MkDocs' home page too), each
followed by the recently updated notes and the A-Z index; else a generated one. A README.md
beside an index.md is left out of the site by MkDocs, and the model agrees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site, write_vault
from site_auditor import audit
from vault import README_BESIDE_INDEX, Vault, readmes_beside_index
from vault.checks import CheckConfig, check

HREF = re.compile(r"""<a\ href="(?P<href>[^"]*)">(?P<text>[^<]*)</a>""", re.VERBOSE)


def built(tmp_path: Path, files: dict[str, str]) -> tuple[Path, str]:
    """The vault built strictly: its site folder and the build's log."""
    vault = write_vault(tmp_path / "vault", files)
    result = build_site(vault, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert audit(str(tmp_path / "site"), str(vault)).lines() == []
    return tmp_path / "site", result.stderr


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_a_root_readme_is_the_home_page_with_the_index_after_its_text(tmp_path):
    site, log = built(tmp_path, {
        "README.md": "# About this vault\n\nWelcome, start at [[Alpha]].\n",
        "Alpha.md": "Back to [[README|the start]].\n",
        "Beta.md": "Nothing links here.\n",
    })
    home = article(site / "index.html")
    assert home.index("Welcome, start at") < home.index("Recently updated") < home.index("All notes")
    assert {(m["href"], m["text"]) for m in HREF.finditer(home)} >= {("Alpha/", "Alpha"), ("Beta/", "Beta")}
    assert ">README<" not in home  # the home page does not list itself
    assert not (site / "README").exists()
    assert 'href="../">the start</a>' in article(site / "Alpha" / "index.html")
    assert "README.md:1:1: warning orphan" not in log and "Beta.md:1:1: warning orphan" in log


def test_without_index_or_readme_the_home_page_is_generated(tmp_path):
    site, _ = built(tmp_path, {"Alpha.md": "Alone.\n", "sub/README.md": "A folder's page.\n"})
    home = article(site / "index.html")
    assert "All notes" in home and "A folder's page" not in home
    assert "A folder's page." in article(site / "sub" / "index.html")


def test_a_readme_beside_index_is_left_out_and_unpublished(tmp_path):
    site, log = built(tmp_path, {
        "index.md": "# Home\n\nStart at [[Alpha]].\n",
        "README.md": "# For the repository\n\nClone me.\n",
        "Alpha.md": "Home is [[index]].\n",
    })
    home = article(site / "index.html")
    assert "Start at" in home and "Clone me" not in home and "README" not in home
    assert "Excluding 'README.md' from the site because it conflicts with 'index.md'." in log
    assert "README.md:1:1" not in log  # not an orphan: not published


def test_a_link_to_a_readme_beside_index_is_unpublished(tmp_path):
    vault = write_vault(tmp_path, {
        "index.md": "Home.\n", "README.md": "Readme.\n", "Alpha.md": "See [[README]].\n",
        "sub/index.md": "Sub.\n", "sub/README.md": "Sub readme.\n",
    })
    loaded = Vault.load(str(vault))
    assert not loaded.notes["README.md"].published and not loaded.notes["sub/README.md"].published
    findings = [(f.path, f.kind) for f in check(loaded, CheckConfig())]
    assert ("Alpha.md", "unpublished-link") in findings
    assert not any(path.endswith("README.md") for path, _ in findings)
    message = next(f.message for f in check(loaded, CheckConfig()) if f.kind == "unpublished-link")
    assert README_BESIDE_INDEX in message


@pytest.mark.parametrize("paths, shadowed", [
    (["README.md", "index.md"], {"README.md"}),
    (["README.md", "Note.md"], set()),
    (["a/README.md", "a/index.md", "README.md"], {"a/README.md"}),
    (["a/README.md", "index.md"], set()),
    (["readme.md", "index.md"], set()),  # MkDocs' name is case-sensitive: an ordinary note
    (["a/index.md", "b/README.md"], set()),
])
def test_readmes_beside_index(paths, shadowed):
    assert readmes_beside_index(paths) == shadowed
