"""The checker's findings, kept between runs: a repeat run on a vault that did not change
reads no note a second time into the model, resolves nothing and checks nothing.

The key is everything the findings depend on: the checker's own code (every module of the
vault model and of the checker), its settings (levels, orphan exemptions), and the vault as
the model's walk sees it -- each note's path and bytes, each attachment's path, what the walk
reported (symbolic links left out), and Obsidian's settings files (``.obsidian/**/*.json``:
excluded files, template folders, Publish's selection). Any difference is a miss, and the
run is a cold one, whose findings replace the entry.

One entry per vault, in ``$XDG_CACHE_HOME/obsidian-kb-checker`` (else ``~/.cache/...``), never
inside the vault. An entry is written to a temporary file and renamed into place, so two runs
that race leave one whole entry; one that cannot be read, or is of another shape, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from pymdownx import __version__ as pymdownx_version

import link_checker
import vault as vault_package
from vault.checks import CheckConfig, Finding
from vault.model import walk
from vault.obsidian_settings import SETTINGS_FOLDER

FORMAT = 1  # the entry's shape; a different one is ignored


def default_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "obsidian-kb-checker"


@dataclass
class Cached:
    """What a run reports, as the cache keeps it."""

    findings: list[Finding]
    notes: int  # published notes
    links: int


def _code_fingerprint() -> bytes:
    """The checker's own code, and what it runs on (Python; pymdown-extensions, whose slugify
    gives heading ids; PyYAML, for frontmatter the fast path cannot read): a changed module
    is another checker."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}|{pymdownx_version}|{_yaml_version()}".encode())
    for package in (vault_package, link_checker):
        folder = Path(package.__file__).parent
        for module in sorted(folder.glob("*.py")):
            digest.update(module.name.encode())
            digest.update(module.read_bytes())
    return digest.digest()


def _yaml_version() -> str:
    try:
        from importlib.metadata import version

        return version("PyYAML")
    except Exception:  # noqa: BLE001 (not installed: frontmatter the fast path cannot read is reported)
        return ""


def key(root: str, config: CheckConfig) -> str:
    """The fingerprint of everything the findings of ``root`` under ``config`` depend on."""
    digest = hashlib.blake2b(digest_size=32)

    def add(*parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode()
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(FORMAT, _code_fingerprint(), sorted(config.levels.items()), tuple(config.orphan_exempt))
    notes, attachments, problems = walk(root)
    add(len(notes), len(attachments), [tuple(problem) for problem in problems])
    for path in notes:
        try:
            with open(os.path.join(root, path), "rb") as handle:
                add(path, handle.read())
        except OSError as error:  # the model reports it; the key only needs to differ
            add(path, error.errno)
    add(attachments)
    settings = Path(root) / SETTINGS_FOLDER
    if settings.is_dir():
        for found in sorted(settings.rglob("*.json")):
            try:
                add(found.relative_to(settings).as_posix(), found.read_bytes())
            except OSError as error:
                add(str(found), error.errno)
    return digest.hexdigest()


def _entry_path(folder: Path, root: str) -> Path:
    name = hashlib.blake2b(os.path.realpath(root).encode(), digest_size=16).hexdigest()
    return folder / f"{name}.json"


def load(folder: Path, root: str, wanted: str) -> Cached | None:
    """The cached findings of ``root`` if its entry has the key ``wanted``."""
    try:
        with open(_entry_path(folder, root), encoding="utf-8") as handle:
            entry = json.load(handle)
        if entry.get("format") != FORMAT or entry.get("key") != wanted:
            return None
        findings = [Finding(*fields) for fields in entry["findings"]]
        return Cached(findings, int(entry["notes"]), int(entry["links"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, corrupt or of another shape: a cold run


def store(folder: Path, root: str, wanted: str, cached: Cached) -> None:
    """Keep ``cached`` as the entry of ``root``; a cache that cannot be written is skipped."""
    entry = {
        "format": FORMAT,
        "key": wanted,
        "vault": os.path.realpath(root),
        "notes": cached.notes,
        "links": cached.links,
        "findings": [list(astuple(finding)) for finding in cached.findings],
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".json")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(entry, handle)
            os.replace(temporary, _entry_path(folder, root))
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
