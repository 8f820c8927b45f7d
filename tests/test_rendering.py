"""Rendering fixtures: tests/rendering/cases/NAME.md beside the HTML it must render to.

The cases are notes in the fixture vault tests/rendering/, rendered with the Markdown
extensions of the project's mkdocs.yml. Run with UPDATE_FIXTURES=1 to rewrite the HTML
after a deliberate change, then read the diff.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from vault import Vault

HERE = Path(__file__).parent / "rendering"
ROOT = Path(__file__).parent.parent
CASES = sorted((HERE / "cases").glob("*.md"))


@pytest.fixture(scope="module")
def render():
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)
    vault = Vault.load(str(HERE))

    def render(path: Path) -> str:
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        page = path.relative_to(HERE).as_posix()
        # As on the site: tags link to their pages (our plugin writes them).
        configs["obsidian_markdown"] = {"vault": vault, "page": page, "nested_markdown": (names, configs), "tag_pages": True}
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        return md.convert(vault.notes[page].body) + "\n"

    return render


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_rendering(case, render):
    actual = render(case)
    expected_path = case.with_suffix(".html")
    if os.environ.get("UPDATE_FIXTURES") or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not os.environ.get("UPDATE_FIXTURES"):
            pytest.fail(f"wrote missing fixture {expected_path.name}: review it and run again")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
        pytest.fail(f"{case.name} renders differently:\n{diff}")


def test_there_are_cases():
    assert len(CASES) >= 7


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_source_fixes_from_the_model_equal_a_fresh_scan(case):
    """The page's code lines and comments come from the vault scan; the result is what
    scanning the page again would give."""
    from obsidian_markdown.source import fixed, remove_comments

    vault = Vault.load(str(HERE))
    page = case.relative_to(HERE).as_posix()
    md = markdown.Markdown(extensions=["obsidian_markdown"], extension_configs={"obsidian_markdown": {"vault": vault, "page": page}})
    lines = md.preprocessors["normalize_whitespace"].run(vault.notes[page].body.split("\n"))
    source = md.preprocessors["obsidian_source"]
    text = "\n".join(lines)
    assert source._from_model(text) is not None or "\t" in vault.notes[page].text
    assert source.run(lines) == fixed(*_split(remove_comments(text)))


def _split(scanned):
    text, code = scanned
    return text.split("\n"), code


def test_pages_and_embeds_are_not_scanned_again(render, monkeypatch):
    """Every page and every embedded section takes its code lines and comments from the
    vault scan (the comments case has a tab after a comment, which needs a fresh scan)."""
    import obsidian_markdown.source as source

    scanned = []
    monkeypatch.setattr(source, "remove_comments", lambda text: scanned.append(text) or (text, []))
    for case in CASES:
        if case.stem != "comments":
            render(case)
    assert scanned == []
    assert "![[" in (HERE / "cases" / "embeds.md").read_text(encoding="utf-8")
