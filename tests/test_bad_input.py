"""Bad input never crashes or hangs the build: one clear warning naming the file and line,
the rest of the vault still builds, and nothing is written outside site/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site

NOTES: dict[str, bytes] = {
    "bad yaml.md": b"---\ntitle: [unclosed\naliases: x\n---\nBody of bad yaml.\n",
    "latin1.md": b"Caf\xe9 menu, still shown.\n",
    "empty.md": b"",
    "escape.md": b"Out of the vault: [[../../outside]].\n",
    "self embed.md": b"Before.\n\n![[self embed]]\n\nAfter.\n",
    "a/Same.md": b"Same name, folder a.\n",
    "b/Same.md": b"Same name, folder b.\n",
    "links same.md": b"Which one? [[Same]]\n",
    "First line.md": b"Note: this first line looks like MultiMarkdown metadata.\n\nSecond paragraph.\n",
}
# (file, line, level MkDocs logs it at, words the single message must contain).
# Error-level findings are WARNINGs (a strict build fails); warning-level ones are INFO.
EXPECTED = [
    ("bad yaml.md", 3, "WARNING", "error frontmatter: invalid YAML frontmatter"),
    ("latin1.md", 1, "WARNING", "error encoding: invalid UTF-8"),
    ("escape.md", 1, "WARNING", "error outside-vault: [[../../outside]]"),
    ("self embed.md", 3, "INFO", "warning embed-cycle: embed ![[self embed]] loops"),
    ("links same.md", 1, "INFO", "warning ambiguous-link: [[Same]]: 2 files share this name (a/Same.md, b/Same.md)"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("bad")
    docs = work / "vault"
    for name, data in NOTES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data)
    before = sorted(p for p in work.rglob("*"))
    result = build_site(docs, work / "site", timeout=120)
    after = sorted(p for p in work.rglob("*") if "site" not in p.relative_to(work).parts)
    return work, result, before, after


def test_build_succeeds(built):
    _, result, _, _ = built
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path, line, level, words", EXPECTED)
def test_one_message_with_file_and_line(built, path, line, level, words):
    _, result, _, _ = built
    messages = [m for m in result.stderr.splitlines() if f" {path}:{line}:" in m and not re.search(" (orphan|dead-end):", m)]
    assert len(messages) == 1, result.stderr
    assert messages[0].startswith(level) and words in messages[0], messages[0]


def test_no_other_warnings(built):
    _, result, _, _ = built
    warnings = [w for w in result.stderr.splitlines() if w.startswith("WARNING")]
    assert len(warnings) == sum(level == "WARNING" for *_, level, _ in EXPECTED), result.stderr


def test_every_note_is_published_and_nothing_is_lost(built):
    work, _, _, _ = built
    site = work / "site"
    for name in NOTES:
        assert (site / Path(name).with_suffix("") / "index.html").exists(), name
    assert "Caf\ufffd menu, still shown." in (site / "latin1" / "index.html").read_text(encoding="utf-8")
    first = (site / "First line" / "index.html").read_text(encoding="utf-8")
    assert "this first line looks like MultiMarkdown metadata" in first
    bad_yaml = (site / "bad yaml" / "index.html").read_text(encoding="utf-8")
    assert "Body of bad yaml." in bad_yaml and "unclosed" not in bad_yaml


def test_nothing_written_outside_site(built):
    _, _, before, after = built
    assert after == [p for p in before]
