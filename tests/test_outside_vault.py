"""Nothing outside the vault is read or written: links, embeds and symbolic links cannot bring
a file from outside docs_dir into the site, and the build writes only into site_dir."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from vault import Vault
from vault.checks import check

SECRETS = {  # outside the vault: none of these bytes may reach the site
    "outside/secret.md": b"# Secret\n\nOUTSIDE-SECRET-NOTE\n",
    "outside/secret.png": b"\x89PNG\r\n\x1a\nOUTSIDE-SECRET-IMAGE",
    "outside/folder/hidden.md": b"OUTSIDE-SECRET-FOLDER\n",
}
LINKS = [  # (line in Home.md, the link) each reported as outside-vault
    (3, "[[../outside/secret]]"),
    (4, "![[../outside/secret.png]]"),
    (5, "![[../../etc/passwd]]"),
    (6, "[[/etc/passwd]]"),
    (7, "![[/etc/passwd]]"),
    (8, "[[file:///etc/passwd]]"),
]
SYMLINKS = {  # vault path -> target outside the vault, each reported as outside-vault
    "secret.md": "outside/secret.md",
    "secret.png": "outside/secret.png",
    "folder": "outside/folder",
}
PROJECT = ["mkdocs.yml", "checks.toml", "overrides", "scripts"]


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every file and folder under ``folder``: (kind, size, mtime, sha256 of the bytes)."""
    listing = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        info = path.lstat()
        if path.is_symlink():
            listing[str(path.relative_to(folder))] = ("link", os.readlink(path), info.st_mtime_ns)
        elif path.is_dir():
            listing[str(path.relative_to(folder))] = ("dir", info.st_mtime_ns)
        else:
            listing[str(path.relative_to(folder))] = ("file", info.st_size, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return listing


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project (so no one else's edits show), a vault, files outside it; the
    build runs in the copy and writes into work/site."""
    work = tmp_path_factory.mktemp("outside")
    for name, data in SECRETS.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data)
    vault = work / "vault"
    vault.mkdir()
    body = ["# Home", ""] + [link for _, link in LINKS] + ["", "[[Inside]] and [[inside link]], ![[secret]] ![[secret.png]] [[hidden]]", ""]
    (vault / "Home.md").write_text("\n".join(body), encoding="utf-8")
    (vault / "Inside.md").write_text("INSIDE-NOTE [[Home]]\n", encoding="utf-8")
    os.symlink("Inside.md", vault / "inside link.md")  # a link inside the vault is an ordinary note
    for name, target in SYMLINKS.items():
        os.symlink(work / target, vault / name)
    project = work / "project"
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            project.mkdir(exist_ok=True)
            shutil.copy2(source, project / name)
    before = snapshot(work)
    env = dict(os.environ, DOCS_DIR=str(vault), SITE_DIR=str(work / "site"), NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(project / "scripts"),
               PYTHONDONTWRITEBYTECODE="1")  # Python's own bytecode cache is not the build's output
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                            env=env, capture_output=True, text=True, timeout=300, cwd=project)
    after = snapshot(work, skip=work / "site")
    return work, result, before, after


def site_bytes(site: Path) -> list[tuple[str, bytes]]:
    return [(str(p.relative_to(site)), p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()]


def test_build_succeeds(built):
    _, result, _, _ = built
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_the_build_writes_only_into_site(built):
    work, _, before, after = built
    assert after == before
    assert sorted(p.name for p in work.iterdir()) == ["outside", "project", "site", "vault"]


@pytest.mark.parametrize("secret", [data.split(b"\n")[-1] or data.split(b"\n")[-2] for data in SECRETS.values()] + [b"root:x:0:0"])
def test_no_outside_content_in_the_site(built, secret):
    work, _, _, _ = built
    assert secret.startswith((b"OUTSIDE-SECRET", b"root:"))
    leaked = [path for path, data in site_bytes(work / "site") if secret in data]
    assert leaked == []


def test_nothing_published_through_a_symlink_out(built):
    work, _, _, _ = built
    site = work / "site"
    assert not (site / "secret").exists() and not (site / "secret.png").exists() and not (site / "folder").exists()
    assert "INSIDE-NOTE" in (site / "inside link" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("line, link", LINKS)
def test_links_out_are_reported_once(built, line, link):
    _, result, _, _ = built
    logged = [m for m in result.stderr.splitlines() if f" Home.md:{line}:1: error outside-vault: {link}:" in m]
    assert len(logged) == 1, result.stderr


@pytest.mark.parametrize("path, target", SYMLINKS.items())
def test_symlinks_out_are_reported_by_the_model_build_and_checker(built, path, target):
    work, result, _, _ = built
    vault = work / "vault"
    findings = [f for f in check(Vault.load(str(vault))) if f.path == path]
    assert [(f.kind, f.message) for f in findings] == [
        ("outside-vault", f"symbolic link to {work / target}, a {'folder' if path == 'folder' else 'file'} outside the vault: not read")]
    assert path not in Vault.load(str(vault)).notes and path not in Vault.load(str(vault)).attachments
    logged = [m for m in result.stderr.splitlines() if m.split()[2:3] == [f"{path}:1:1:"]]
    assert len(logged) == 1 and "error outside-vault: symbolic link to" in logged[0], result.stderr
    checker = subprocess.run([sys.executable, str(ROOT / "scripts" / "commands" / "check_links.py"), str(vault), "--format", "json"],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
    problems = [p for p in json.loads(checker.stdout)["problems"] if p["path"] == f"{vault}/{path}"]
    assert [p["kind"] for p in problems] == ["outside-vault"]
