#!/usr/bin/env python3
"""Check a vault's links: ``python scripts/check_links.py [VAULT] [--format ...]``.

See ``--help``; the checks themselves live in ``vault/checks.py``.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from link_checker.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
