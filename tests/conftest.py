"""Shared helpers: the project root, and building a vault with the project's mkdocs.yml."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_ENTRY = re.compile(r"^(?P<indent>\s*)- obsidian-vault:\n(?:(?P=indent)\s+.*\n)*", re.MULTILINE)


def build_site(
    docs: Path, site: Path, *, strict: bool = False, timeout: int = 300, plugin: dict | None = None, **extra_env: str
) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on a vault with the project's configuration; ``plugin``: options
    of our plugin instead of mkdocs.yml's (the configuration is then read from stdin, its
    relative paths from the project root)."""
    env = dict(os.environ, DOCS_DIR=str(docs), SITE_DIR=str(site), NO_MKDOCS_2_WARNING="1", **extra_env)
    config, given = str(ROOT / "mkdocs.yml"), None
    if plugin is not None:
        text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        entry = PLUGIN_ENTRY.search(text)
        assert entry is not None, "mkdocs.yml has no obsidian-vault entry"
        config, given = "-", text[: entry.start()] + f"{entry['indent']}- obsidian-vault: {json.dumps(plugin)}\n" + text[entry.end() :]
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config]
    if strict:
        command.append("--strict")
    return subprocess.run(command, env=env, input=given, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def free_port() -> int:
    """A TCP port nothing listens on, for a `mkdocs serve` of a test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """A vault folder from ``{"folder/Note.md": text or bytes}``."""
    for path, content in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (root / path).write_bytes(content)
        else:
            (root / path).write_text(content, encoding="utf-8")
    return root


PROJECT_REPO_URL = "https://forge.example/team/kb"  # the repository CI would set


@pytest.fixture(scope="session")
def project_site(tmp_path_factory) -> Path:
    """The project's docs/ built strictly, once per test run (a build takes a while): tests
    only read it."""
    site = tmp_path_factory.mktemp("project") / "site"
    result = build_site(ROOT / "docs", site, strict=True, REPO_URL=PROJECT_REPO_URL)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(autouse=True, scope="session")
def checker_cache_in_a_temporary_folder(tmp_path_factory):
    """The link checker keeps its findings under $XDG_CACHE_HOME: the tests' runs keep theirs
    in a folder of their own, not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
