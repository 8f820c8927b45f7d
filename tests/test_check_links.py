"""The link checker: every kind, its messages, formats and exit codes, and agreement with
the built site (what it flags is broken in the HTML, and nothing else is)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from test_site import Page, read_site
from vault import Vault
from vault.syntax import parse_link
from vault.checks import ERROR, KINDS, CheckConfig, Finding, check, format_finding

FIXTURE = ROOT / "tests" / "fixtures" / "checks_vault"
CHECKER = ROOT / "scripts" / "commands" / "check_links.py"

# (path, line, kind) of every planted problem, and nothing else.
PLANTED = {
    ("Bad front.md", 3, "frontmatter"),
    ("Bad front.md", 1, "orphan"),
    ("Hub.md", 8, "broken-link"),
    ("Hub.md", 8, "broken-heading"),
    ("Hub.md", 8, "broken-block"),
    ("Hub.md", 8, "missing-embed"),
    ("Hub.md", 8, "unpublished-link"),
    ("Hub.md", 8, "outside-vault"),
    ("Hub.md", 10, "ambiguous-link"),
    ("Hub.md", 10, "case-mismatch"),
    ("Hub.md", 10, "broken-link"),
    ("Hub.md", 10, "forbidden-characters"),
    ("Hub2.md", 1, "alias-collision"),
    ("Hub2.md", 1, "orphan"),
    ("Leaf.md", 1, "alias-collision"),
    ("Leaf.md", 8, "duplicate-block-id"),
    ("Lonely.md", 1, "orphan"),
    ("Orphan-free.md", 1, "dead-end"),
    ("other/Twin.md", 1, "orphan"),
    ("sub/Markdown links.md", 5, "broken-link"),
    ("sub/Markdown links.md", 5, "broken-heading"),
    ("sub/Markdown links.md", 5, "missing-embed"),
    ("sub/Markdown links.md", 7, "broken-heading"),
}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def vault():
    return Vault.load(str(FIXTURE))


def test_every_planted_problem_and_nothing_else(vault):
    found = {(f.path, f.line, f.kind) for f in check(vault)}
    assert found == PLANTED


def test_every_kind_is_planted_except_those_that_need_special_files():
    planted = {kind for *_, kind in PLANTED}
    assert set(KINDS) - planted == {"encoding", "unreadable", "embed-cycle", "embed-too-deep", "broken-external", "unsafe-html", "path-collision", "question-difficulty"}  # tested elsewhere


SUGGESTIONS = [
    ("[[Lefa]]", "Leaf"),
    ("[[Leaf#Sectoin]]", "Leaf#Section"),
    ("[[Leaf#^anchr]]", "Leaf#^anchor"),
    ("![[pic.jpg]]", "pic.png"),
]


@pytest.mark.parametrize("target, suggestion", SUGGESTIONS)
def test_did_you_mean(vault, target, suggestion):
    [finding] = [f for f in check(vault) if f.target == target and f.suggestion]
    assert finding.suggestion == suggestion


def test_levels_can_be_changed_and_ignored(vault):
    config = CheckConfig(levels={"orphan": "ignore", "ambiguous-link": "error"})
    findings = check(vault, config)
    assert not [f for f in findings if f.kind == "orphan"]
    assert config.level("ambiguous-link") == ERROR


def test_text_format_and_exit_code():
    result = run("tests/fixtures/checks_vault")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert 'tests/fixtures/checks_vault/Hub.md:8:9: error broken-link: [[Lefa]]: no note named \'Lefa\' (did you mean "Leaf"?)' in lines
    assert lines[-1] == "12 errors, 9 warnings, 2 notices in 10 notes (33 links)"


FORMATTED = [
    (Finding("Hub.md", 8, 9, "broken-link", "[[Lefa]]: no note named 'Lefa'", "[[Lefa]]", "Leaf"), "error", None,
     "Hub.md:8:9: error broken-link: [[Lefa]]: no note named 'Lefa' (did you mean \"Leaf\"?)"),
    (Finding("a/B.md", 3, 0, "frontmatter", "bad YAML"), "warning", "docs/a/B.md",
     "docs/a/B.md:3:1: warning frontmatter: bad YAML"),  # a whole line: its first column
    (Finding("B.md", 0, 0, "unreadable", "cannot read"), "error", None, "B.md:1:1: error unreadable: cannot read"),
    (Finding("B.md", 2, 1, "ambiguous-link", "[[A]]: 2 files share this name; write [[x/A]] to choose", "[[A]]", "x/A"),
     "warning", None, "B.md:2:1: warning ambiguous-link: [[A]]: 2 files share this name; write [[x/A]] to choose"),
]


@pytest.mark.parametrize("finding, level, path, expected", FORMATTED)
def test_format_finding(finding, level, path, expected):
    assert format_finding(finding, level, path) == expected


def test_the_checker_prints_each_finding_as_format_finding_does(vault):
    """One line shape for the checker and the build log: the text format is format_finding's."""
    config = CheckConfig()
    expected = [format_finding(f, config.level(f.kind), f"tests/fixtures/checks_vault/{f.path}") for f in check(vault)]
    assert run("tests/fixtures/checks_vault").stdout.splitlines()[:-1] == expected


def test_json_format():
    result = run("tests/fixtures/checks_vault", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["counts"] == {"error": 12, "warning": 9, "info": 2}
    assert len(data["problems"]) == len(PLANTED)
    first = data["problems"][0]
    assert set(first) == {"path", "line", "column", "kind", "level", "target", "message", "suggestion"}


def test_github_format_escapes_and_levels():
    result = run("tests/fixtures/checks_vault", "--format", "github")
    lines = result.stdout.splitlines()
    assert "::error file=tests/fixtures/checks_vault/Hub.md,line=8,col=9,title=broken-link::[[Lefa]]: no note named 'Lefa' (did you mean \"Leaf\"?)" in lines
    assert any(line.startswith("::notice file=") and "dead-end" in line for line in lines)
    assert any(line.startswith("::warning file=tests/fixtures/checks_vault/other/Twin.md") for line in lines)


def test_sarif_format():
    data = json.loads(run("tests/fixtures/checks_vault", "--format", "sarif").stdout)
    results = data["runs"][0]["results"]
    assert data["version"] == "2.1.0" and len(results) == len(PLANTED)
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    assert {rule["id"] for rule in data["runs"][0]["tool"]["driver"]["rules"]} == {k for *_, k in PLANTED}


@pytest.mark.parametrize("args, code", [
    (["docs"], 0),
    (["tests/fixtures/checks_vault"], 1),
    (["tests/fixtures/checks_vault", "--level", "broken-link=warning", "--level", "broken-heading=warning",
      "--level", "broken-block=warning", "--level", "missing-embed=warning", "--level", "unpublished-link=warning",
      "--level", "outside-vault=warning", "--level", "frontmatter=info"], 0),
    (["tests/fixtures/checks_vault", "--level", "frontmatter=ignore", "--fail-on", "warning", "--level", "orphan=ignore"], 1),
    (["docs", "--fail-on", "info"], 0),
    (["no/such/folder"], 2),
    (["docs", "--level", "nonsense=error"], 2),
    (["docs", "--level", "orphan=loud"], 2),
    (["docs", "--format", "xml"], 2),
])
def test_exit_codes(args, code):
    assert run(*args).returncode == code


def test_bad_config_file_is_a_usage_error(tmp_path):
    (tmp_path / "checks.toml").write_text('[levels]\norphan = "loud"\n')
    result = run(str(ROOT / "docs"), "--config", str(tmp_path / "checks.toml"))
    assert result.returncode == 2 and "orphan" in result.stderr


def test_the_project_vault_is_clean():
    """make test fails if docs/ has a problem at error level (or warning: issue 5)."""
    result = run("docs", "--fail-on", "warning")
    assert result.returncode == 0, result.stdout


# -- agreement with the site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("agree")
    shutil.copytree(FIXTURE, work / "vault")
    result = build_site(work / "vault", work / "site")
    assert result.returncode == 0, result.stderr
    return work, read_site(work / "site"), result


def page_of(path: str) -> str:
    stem = path.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem}/index.html"


class Unresolved(Page):
    """Also collects the text of each unresolved link."""

    def __init__(self, html):
        self.broken: list[str] = []
        self._in: int | None = None  # depth inside an unresolved link
        super().__init__(html)

    def handle_starttag(self, tag, attrs):
        if "wikilink-unresolved" in (dict(attrs).get("class") or ""):
            self._in = 0
            self.broken.append("")
        if self._in is not None:
            self._in += 1  # elements open inside the unresolved link (its code)
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._in is not None:
            self._in -= 1
            if not self._in:
                self._in = None
        super().handle_endtag(tag)

    def handle_data(self, data):
        if self._in is not None:
            self.broken[-1] += data
        super().handle_data(data)


def test_checker_broken_links_are_exactly_the_unresolved_links_in_the_html(site, vault):
    work, pages, _ = site
    shown = Counter()
    for html_file in (work / "site").rglob("*.html"):
        page = Unresolved(html_file.read_text(encoding="utf-8"))
        for text in page.broken:
            shown[(html_file.relative_to(work / "site").as_posix(), text)] += 1
    flagged = Counter(
        (page_of(f.path), parse_link(f.target).display.replace("`", ""))  # code spans show as code
        for f in check(vault)
        if KINDS[f.kind][0] == ERROR and f.target.startswith(("[", "!["))
    )
    assert flagged and shown == flagged


def test_every_link_the_checker_passes_works_in_the_html(site):
    work, pages, _ = site
    from test_site import target_file

    for name, page in pages.items():
        if name.startswith(("assets/", "search/")) or name == "404.html":
            continue
        for href in page.links:
            target = target_file(work / "site", name, href)
            if target is None:
                continue
            path, fragment = target
            assert (work / "site" / path).exists(), (name, href)
            if fragment and path.endswith(".html"):
                assert fragment in pages[path].ids, (name, href)


def test_strict_build_fails_on_exactly_the_error_level_findings(tmp_path, vault):
    shutil.copytree(FIXTURE, tmp_path / "vault")
    result = build_site(tmp_path / "vault", tmp_path / "site", strict=True)
    errors = [f for f in check(vault) if KINDS[f.kind][0] == ERROR]
    assert result.returncode == 1
    assert f"Aborted with {len(errors)} warnings in strict mode" in result.stdout + result.stderr
    logged = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    # The build logs each finding in the checker's own line shape.
    assert sorted(logged) == sorted(f"WARNING -  {format_finding(f, ERROR)}" for f in errors)


LEAF = {p for p in PLANTED if p[0] == "Leaf.md"}  # warnings only
HUB = {p for p in PLANTED if p[0] == "Hub.md"}  # errors among them


@pytest.mark.parametrize("only, expected, code", [
    (["tests/fixtures/checks_vault/Leaf.md"], LEAF, 0),  # named from the working folder, as git names it
    (["Leaf.md"], LEAF, 0),  # named inside the vault
    (["tests/fixtures/checks_vault/Leaf.md", "Hub.md"], LEAF | HUB, 1),
    (["tests/fixtures/checks_vault/other/Twin.md"], {("other/Twin.md", 1, "orphan")}, 0),
    ([], set(), 0),  # no changed note: nothing to report
])
def test_only_reports_the_named_notes_with_the_whole_vault_read(only, expected, code):
    result = run("tests/fixtures/checks_vault", "--format", "json", "--only", *only)
    data = json.loads(result.stdout)
    prefix = "tests/fixtures/checks_vault/"
    assert {(p["path"].removeprefix(prefix), p["line"], p["kind"]) for p in data["problems"]} == expected
    assert result.returncode == code
    assert data["links"] == 33  # every note was read: links into the others resolve as on the site


@pytest.mark.parametrize("given", ["tests/fixtures/checks_vault/Nope.md", "README.md", "../checks_vault/Leaf.md"])
def test_only_a_file_outside_the_vault_is_a_usage_error(given):
    result = run("tests/fixtures/checks_vault", "--only", given)
    assert result.returncode == 2
    assert f"--only {given}: no such file in the vault 'tests/fixtures/checks_vault'" in result.stderr


def test_the_checker_loads_no_markdown_yaml_or_network_modules():
    """The checker starts fast: its modules do not import Python-Markdown, PyYAML (only a
    frontmatter the simple reader cannot read needs it) or the network stack (only
    --external needs it). Each of these took tens of milliseconds to import."""
    probe = (
        "import sys, link_checker.cli, vault.checks;"
        "print(sorted(m for m in ('markdown', 'pymdownx.arithmatex', 'yaml', 'urllib.request', 'http.client') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_a_missing_name_linked_often_is_compared_with_the_names_once(tmp_path, monkeypatch):
    """Broken links repeat their targets: "did you mean" is worked out once per name."""
    from conftest import write_vault
    import vault.checks as checks

    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n[[Gradient bosting]] [[Gradient bosting]]\n\n[[Gradient bosting|again]]\n",
        "Gradient boosting.md": "# Gradient boosting\n\n[[index]]\n",
    })
    compared = Counter()
    real = checks.close_match
    monkeypatch.setattr(checks, "close_match", lambda word, candidates, cutoff=0.6: compared.update([word]) or real(word, candidates, cutoff))
    suggestions = [f.suggestion for f in check(Vault.load(str(docs))) if f.kind == "broken-link"]
    assert suggestions == ["Gradient boosting"] * 3
    assert compared == {"Gradient bosting": 1}
