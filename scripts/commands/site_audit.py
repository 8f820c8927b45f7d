#!/usr/bin/env python3
"""Audit a built site: ``python scripts/commands/site_audit.py SITE_DIR [--vault DOCS_DIR]``.

See ``--help``; the checks live in ``site_auditor/``.
"""

import sys

from site_auditor.cli import main

if __name__ == "__main__":
    sys.exit(main())
