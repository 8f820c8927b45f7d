"""``site_audit.py SITE_DIR [--vault DOCS_DIR]``: audit a built site.

Exit status: 0 when nothing is found, 1 when something is, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from urllib.parse import urlsplit

from . import KINDS, audit


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="site_audit.py",
        description="Read a built site as a browser would: every internal link, media file and "
        "#fragment exists, no [[ shows as text, and (with --vault) each page agrees with the link checker.",
    )
    parser.add_argument("site", nargs="?", help="the built site's folder (mkdocs' site_dir)")
    parser.add_argument("--vault", help="the vault it was built from: also compare each note's page with the link checker")
    parser.add_argument("--base", default="/", metavar="URL",
                        help="the site's URL (site_url) or its path, for /absolute links (default: /)")
    parser.add_argument("--list-kinds", action="store_true", help="list what the audit reports and exit")
    args = parser.parse_args(argv)
    if args.site is None and not args.list_kinds:
        parser.error("the site's folder is required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list_kinds:
        for kind, meaning in KINDS.items():
            print(f"{kind:20} {meaning}")
        return 0
    for name, folder in (("site", args.site), ("--vault", args.vault)):
        if folder is not None and not os.path.isdir(folder):
            print(f"site_audit.py: error: {name} {folder!r} is not a folder", file=sys.stderr)
            return 2
    start = time.perf_counter()
    report = audit(args.site, args.vault, base=urlsplit(args.base).path or "/")
    for line in report.lines():
        print(line)
    print(f"{report.summary()} in {time.perf_counter() - start:.2f} s")
    return 0 if report.ok else 1
