"""The plugin's options, as written under ``plugins:`` in ``mkdocs.yml``::

    plugins:
      - obsidian-vault:
          checks: checks.toml
          render_workers: 2
          scan_workers: 2
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class VaultPluginOptions(base.Config):
    # The link checks' levels and orphan exemptions (see vault/checks.py), relative to
    # mkdocs.yml; a missing file means every check at its default level.
    checks = c.File(exists=False, default="checks.toml")
    # 2: a full `mkdocs build` renders and builds its pages on two cores where the machine
    # has them (mkdocs_internals.py); 1: every page in MkDocs' own process.
    render_workers = c.Choice((1, 2), default=2)
    # 2: a large vault is read on two cores (vault/parallel.py); 1: in one process.
    scan_workers = c.Choice((1, 2), default=2)
