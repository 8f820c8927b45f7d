"""End to end: the site audit on built sites. The project's docs/ and the fixture vaults
audit clean; a vault with a planted defect, and built pages edited afterwards, show that
each check fires and names the file and line; `make build` fails on a finding."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from site_auditor import audit
from vault import Vault

FIXTURES = ROOT / "tests" / "fixtures"
AUDIT_VAULT = FIXTURES / "audit_vault"
FINDING_LINE = re.compile(
    r"""
    ^(?P<path>[^:\n]+)          # the site file or the note
    :(?P<line>\d+)              # its line (the HTML line for a site file)
    :(?P<column>\d+)
    :\ error\ (?P<kind>[a-z-]+)
    :\ (?P<message>.+)$
    """,
    re.VERBOSE,
)


def findings(work: Path, vault: bool = True) -> set[tuple[str, str, int]]:
    """(kind, path from ``work``, line) of each finding on ``work``/site (built from ``work``/vault)."""
    report = audit(str(work / "site"), str(work / "vault") if vault else None)
    return {(f.kind, Path(f.path).resolve().relative_to(work.resolve()).as_posix(), f.line) for f in report.findings}


# -- sites that audit clean ------------------------------------------------------------------


def test_the_project_site_audits_clean(project_site):
    report = audit(str(project_site), str(ROOT / "docs"))
    assert report.lines() == []
    published = sum(1 for _ in Vault.load(str(ROOT / "docs")).published())
    assert report.notes == published and report.pages > published
    assert report.links > 20 * published and report.fragments > 5 * published


@pytest.mark.parametrize("name", ["vault", "checks_vault"])
def test_the_fixture_vaults_audit_clean(name, tmp_path):
    """Their planted broken links are shown and reported alike: no finding."""
    shutil.copytree(FIXTURES / name, tmp_path / "vault")
    result = build_site(tmp_path / "vault", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "broken-link" in result.stderr  # the planted ones
    report = audit(str(tmp_path / "site"), str(tmp_path / "vault"))
    assert report.lines() == []
    assert report.notes >= 5 and report.media >= 1 and report.fragments > 20


# -- a vault with a defect, and pages edited after the build ---------------------------------

# The audit vault shows `[[` from raw HTML (not Markdown) on index.md's page, on Beta's and in
# Alpha's embed of Beta's section; index.md's `[\[escaped]]` is escaped; the planted broken
# links are shown and reported alike (Beta's also inside Alpha's embed, where it is Beta's).
BASELINE = {("leaked-wikilink", "site/Alpha/index.html"), ("leaked-wikilink", "site/Beta/index.html"), ("leaked-wikilink", "site/index.html")}


@pytest.fixture(scope="module")
def audit_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("audit")
    shutil.copytree(AUDIT_VAULT, work / "vault")
    result = build_site(work / "vault", work / "site")
    assert result.returncode == 0, result.stderr
    return work


@pytest.fixture
def work(audit_site, tmp_path) -> Path:
    """A copy of the built audit vault's site, to edit."""
    shutil.copytree(audit_site / "vault", tmp_path / "vault")
    shutil.copytree(audit_site / "site", tmp_path / "site")
    return tmp_path


def edit(work: Path, page: str, old: str, new: str) -> int:
    """Replace the first ``old`` on a built page; the line it was on."""
    path = work / "site" / page
    html = path.read_text(encoding="utf-8")
    assert old in html, f"{page} has no {old!r}"
    path.write_text(html.replace(old, new, 1), encoding="utf-8")
    return html[: html.index(old)].count("\n") + 1


def test_the_audit_vault_shows_raw_brackets_only_where_not_escaped(audit_site):
    raw = {path: [line for _, p, line in findings(audit_site) if p == path] for _, path in BASELINE}
    assert {path: len(lines) for path, lines in raw.items()} == {path: 1 for _, path in BASELINE}
    html = (audit_site / "site" / "index.html").read_text(encoding="utf-8").split("\n")
    assert "[[shown as written]]" in html[raw["site/index.html"][0] - 1]
    # Without the vault, the escaped `[[` is reported too.
    without = [line for _, path, line in findings(audit_site, vault=False) if path == "site/index.html"]
    assert len(without) == 2 and "[[escaped]]" in html[min(without) - 1]


EDITS = {
    "a broken href": (
        "Alpha/index.html", 'class="wikilink" href="../Beta/"', 'class="wikilink" href="../Betta/"',
        {("missing-file", "site/Alpha/index.html"), ("fine-not-linked", "vault/Alpha.md")},
    ),
    "a bad fragment": (
        "index.html", 'href="Beta/#section"', 'href="Beta/#sectoin"',
        {("missing-fragment", "site/index.html"), ("fine-not-linked", "vault/index.md")},
    ),
    "a bad block fragment": (
        "index.html", 'href="Beta/#^blk"', 'href="Beta/#%5Eblock"',
        {("missing-fragment", "site/index.html"), ("fine-not-linked", "vault/index.md")},
    ),
    "a missing image": (
        "index.html", 'src="pic.png"', 'src="pic.jpg"',
        {("missing-file", "site/index.html"), ("fine-not-linked", "vault/index.md")},
    ),
    "a missing PDF": (
        "index.html", 'src="paper.pdf"', 'src="papers.pdf"',
        {("missing-file", "site/index.html"), ("fine-not-linked", "vault/index.md")},
    ),
    "a missing sound": (  # the player's fallback link still reaches the file: the link is fine
        "index.html", 'src="talk.mp3"', 'src="talks.mp3"',
        {("missing-file", "site/index.html")},
    ),
    "a literal [[ in a paragraph": (
        "Beta/index.html", '<h2 id="section"', '<p>Oops [[here</p><h2 id="section"',
        {("leaked-wikilink", "site/Beta/index.html")},
    ),
    "a broken link the page does not show": (
        "index.html", '<span class="wikilink-unresolved" title="Unresolved link: no note with this name, path or alias">Nowhere</span>', "Nowhere",
        {("reported-not-shown", "vault/index.md")},
    ),
    "a broken link the checker does not report": (
        "Alpha/index.html", "on to <a", 'on to <span class="wikilink-unresolved" title="Unresolved link: no note with this name, path or alias">Ghost</span> <a',
        {("shown-not-reported", "vault/Alpha.md")},
    ),
    "a broken link shown with other text": (  # paired by kind, in order: a label may render differently
        "index.html", "alias\">Nowhere</span>", "alias\"><em>No</em>where at all</span>",
        set(),
    ),
    "a broken link of another kind": (
        "index.html", "Unresolved link: no note with this name, path or alias", "Unresolved link: the note has no such heading",
        {("reported-not-shown", "vault/index.md"), ("shown-not-reported", "vault/index.md")},
    ),
}


@pytest.fixture(scope="module")
def baseline(audit_site) -> set:
    found = findings(audit_site)
    assert {(kind, path) for kind, path, _ in found} == BASELINE
    return found


@pytest.mark.parametrize("name", EDITS)
def test_each_check_fires_on_an_edited_page(work, baseline, name):
    page, old, new, expected = EDITS[name]
    line = edit(work, page, old, new)
    found = findings(work) - baseline
    assert {(kind, path) for kind, path, _ in found} == expected
    on_site = [at for kind, path, at in found if path.startswith("site/")]
    assert on_site == [line] * len(on_site)  # the HTML line of the edit


def test_a_note_without_its_page(work, baseline):
    (work / "site" / "Beta" / "index.html").unlink()
    found = {(kind, path) for kind, path, _ in findings(work) - baseline}
    assert found == {("missing-page", "vault/Beta.md"), ("missing-file", "site/index.html"), ("missing-file", "site/Alpha/index.html")}


def test_a_broken_link_is_placed_on_its_line_in_the_note(work, baseline):
    edit(work, "index.html", '<span class="wikilink-unresolved" title="Unresolved link: no note with this name, path or alias">Nowhere</span>', "")
    report = audit(str(work / "site"), str(work / "vault"))
    [line] = [line for line in report.lines() if "reported-not-shown" in line]
    assert line.endswith("index.md:11:70: error reported-not-shown: [[Nowhere]]: the checker reports broken-link, "
                         "but index.html does not show 'Nowhere' as a broken link")


# -- the command line and make build -----------------------------------------------------------


def run_audit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "commands" / "site_audit.py"), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_command_line_prints_one_line_per_finding_and_fails(work):
    edit(work, "index.html", 'href="Beta/#section"', 'href="Beta/#sectoin"')
    result = run_audit(str(work / "site"), "--vault", str(work / "vault"))
    assert result.returncode == 1, result.stderr
    *lines, summary = result.stdout.splitlines()
    assert [FINDING_LINE.match(line)["kind"] for line in lines] == [
        "leaked-wikilink", "leaked-wikilink", "missing-fragment", "leaked-wikilink", "fine-not-linked"]  # by file and line
    assert summary.startswith("site audit: 5 findings (1 fine-not-linked, 3 leaked-wikilink, 1 missing-fragment) in 6 pages (")


def test_the_command_line_passes_a_clean_site(project_site):
    result = run_audit(str(project_site), "--vault", str(ROOT / "docs"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.match(r"site audit: 0 findings in \d+ pages \(\d+ links, \d+ media, \d+ fragments checked, \d+ notes compared", result.stdout)


def test_make_build_fails_on_a_finding_of_the_audit(tmp_path):
    """A vault the strict build passes, but whose page shows `[[` as text (raw HTML, which
    MkDocs never checks)."""
    (tmp_path / "vault").mkdir()
    (tmp_path / "vault" / "index.md").write_text("# Home\n\n<div>[[raw html]]</div>\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(DOCS_DIR=str(tmp_path / "vault"), SITE_DIR=str(tmp_path / "site"))
    # -o: the virtual environment is taken as it is, never rebuilt by a test
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "build"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert result.returncode != 0
    assert "Documentation built" in result.stderr  # the strict build passed; the audit failed
    assert re.search(r"index\.html:\d+:\d+: error leaked-wikilink: '\[\[raw html\]\]' shown as text", result.stdout)
