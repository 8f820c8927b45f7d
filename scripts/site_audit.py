#!/usr/bin/env python3
"""Audit a built site: ``python scripts/site_audit.py SITE_DIR [--vault DOCS_DIR]``.

See ``--help``; the checks live in ``site_auditor/``.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from site_auditor.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
