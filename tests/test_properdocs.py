"""ProperDocs 1.6.7, the maintained fork of MkDocs 1.6, builds the same site from the same
mkdocs.yml, plugin and extension: byte for byte, but for the generator named in each page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_but_for_the_generator(tmp_path):
    ours = build_site(ROOT / "docs", tmp_path / "mkdocs", strict=True)
    assert ours.returncode == 0, ours.stderr
    env = dict(os.environ, DOCS_DIR=str(ROOT / "docs"), SITE_DIR=str(tmp_path / "properdocs"), NO_MKDOCS_2_WARNING="1")
    command = [str(PROPERDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
    theirs = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert theirs.returncode == 0, theirs.stderr
    assert "Rendered" in theirs.stderr  # our plugin ran, its workers too
    mkdocs, properdocs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    differ = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert differ and all(path.endswith(".html") for path in differ)  # the generator is named
    for path in differ:
        assert GENERATOR.sub(b"", mkdocs[path]) == GENERATOR.sub(b"", properdocs[path]), path
