"""A `mkdocs serve --dirty` session without the HTTP server, run in a process of its own by
tests/test_incremental.py: the builds serve runs (one plugin instance, one site folder, the
configuration read again each time), a list of edits applied one by one, and after each
edit's build a copy of the vault and of the site.

    python tests/serve_session.py CONFIG VAULT SITE OUT EDITS.json

Each edit: ``{"write": {path: text}, "write_hex": {path: bytes in hex}, "delete": [path],
"rename": [[old, new]], "checks": text}`` (paths in the vault; ``checks``: the plugin's checks
file, beside CONFIG). After edit ``i``, ``OUT/i/vault``, ``OUT/i/site`` and
``OUT/i/checks.toml`` hold what there was.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def apply(vault: Path, checks: Path, edit: dict) -> None:
    for old, new in edit.get("rename", []):
        (vault / new).parent.mkdir(parents=True, exist_ok=True)
        (vault / old).rename(vault / new)
    for path in edit.get("delete", []):
        (vault / path).unlink()
    for path, text in edit.get("write", {}).items():
        (vault / path).parent.mkdir(parents=True, exist_ok=True)
        (vault / path).write_text(text, encoding="utf-8")
    for path, data in edit.get("write_hex", {}).items():
        (vault / path).write_bytes(bytes.fromhex(data))
    if "checks" in edit:
        checks.write_text(edit["checks"], encoding="utf-8")


def main(config_file: str, vault: str, site: str, out: str, edits_file: str) -> None:
    edits = json.loads(Path(edits_file).read_text(encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")  # as `mkdocs serve` logs

    def build_once(first: bool = False):
        config = load_config(config_file=config_file, docs_dir=vault, site_dir=site)
        if first:
            config.plugins.on_startup(command="serve", dirty=True)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=True)
        config.plugins["obsidian-vault"].search.wait()  # serve writes the search index in the background
        return config

    config = build_once(first=True)
    for i, edit in enumerate(edits):
        apply(Path(vault), Path(config_file).parent / "checks.toml", edit)
        build_once()
        shutil.copytree(vault, Path(out) / str(i) / "vault")  # file times kept (copy2)
        shutil.copytree(site, Path(out) / str(i) / "site")
        checks = Path(config_file).parent / "checks.toml"
        if checks.exists():
            shutil.copy2(checks, Path(out) / str(i) / "checks.toml")
    config.plugins.on_shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
