"""Reproducible builds: the same vault gives the same bytes, wherever it lies and whenever it
is built. Dates come from git (else the files' times), never from the clock of the build."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import ROOT, build_site

FILE_TIME = datetime(2001, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
COMMIT_TIME = datetime(2002, 3, 4, 5, 6, 7, tzinfo=timezone.utc)


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def set_times(vault: Path, when: datetime) -> None:
    for path in vault.rglob("*"):
        os.utime(path, (when.timestamp(), when.timestamp()), follow_symlinks=False)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The project's vault copied to two places (file times kept), built into two sites."""
    work = tmp_path_factory.mktemp("reproducible")
    first, second = work / "a" / "vault", work / "b" / "elsewhere" / "docs"
    shutil.copytree(ROOT / "docs", first, symlinks=True)
    set_times(first, FILE_TIME)
    shutil.copytree(first, second, symlinks=True)  # copy2 keeps the times
    results = [build_site(first, work / "a" / "site", timeout=600), build_site(second, work / "b" / "out", timeout=600)]
    for result in results:
        assert result.returncode == 0, result.stderr
    return files_of(work / "a" / "site"), files_of(work / "b" / "out")


def test_same_files(two_builds):
    first, second = two_builds
    assert sorted(first) == sorted(second)
    assert len(first) > 100


def test_same_bytes(two_builds):
    first, second = two_builds
    different = [path for path in first if first[path] != second.get(path)]
    assert different == []


def test_dates_are_the_notes_not_the_builds(two_builds):
    site, _ = two_builds
    day = FILE_TIME.strftime("%Y-%m-%d")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", site["sitemap.xml"].decode()))
    assert dates == {day}
    with gzip.GzipFile(fileobj=__import__("io").BytesIO(site["sitemap.xml.gz"])) as packed:
        assert packed.read() == site["sitemap.xml"]
        assert packed.mtime == int(datetime(2001, 2, 3, tzinfo=timezone.utc).timestamp())
    assert f"{day}: " in site["index.html"].decode()  # recently updated, on the home page


def test_dates_come_from_git_when_the_vault_is_in_git(tmp_path):
    vault = tmp_path / "repo" / "notes"
    vault.mkdir(parents=True)
    (vault / "A.md").write_text("A links to [[B]].\n", encoding="utf-8")
    (vault / "B.md").write_text("B links to [[A]].\n", encoding="utf-8")
    stamp = COMMIT_TIME.isoformat()
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "notes"]):
        subprocess.run(command, cwd=tmp_path / "repo", env=env, check=True, timeout=60)
    set_times(vault, FILE_TIME)  # git wins over the files' times
    result = build_site(vault, tmp_path / "site", timeout=300)
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {COMMIT_TIME.strftime("%Y-%m-%d")}
