#!/usr/bin/env python3
"""Rename or move a note and keep every link to it:
``python scripts/commands/rename_note.py OLD NEW [--vault DIR] [--dry-run]``.

OLD is a vault path (``ml/Old.md``) or a name resolved like a link (``Old``, ``ml/Old``).
NEW is a name (the note stays in its folder), a path from the vault root (``ml/New``; the
note moves) or ``./New`` (the vault root). Every ``[[link]]`` and ``![[embed]]`` to OLD is
rewritten, keeping headings, block ids and display text; links through an alias stay as
they are. Each change prints as ``path:line:column: old -> new``; ``--dry-run`` writes
nothing. Exit status 0 when done, 2 when refused (missing or ambiguous OLD, NEW taken by a
note, an alias or a file, a forbidden name) with the reason.
"""

from __future__ import annotations

import argparse
import os
import sys

from vault_edit.names import Refusal
from vault_edit.rename import perform, plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rename_note.py", description="Rename a note and rewrite every link to it.")
    parser.add_argument("old", help="the note: a vault path or a name")
    parser.add_argument("new", help="the new name, or a path from the vault root to move it")
    parser.add_argument("--vault", default=os.environ.get("DOCS_DIR", "docs"), help="the vault folder (default: $DOCS_DIR, else docs)")
    parser.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    args = parser.parse_args(argv)

    def shown(path: str) -> str:
        return os.path.join(args.vault, path).replace(os.sep, "/")

    try:
        rename = plan(args.vault, args.old, args.new)
        for change in rename.changes:
            print(f"{shown(change.path)}:{change.line}:{change.column}: {change.old} -> {change.new}")
        for notice in rename.notices:
            print(f"rename_note.py: note: {notice}", file=sys.stderr)
        if not args.dry_run:
            perform(rename)
    except Refusal as refusal:
        print(f"rename_note.py: error: {refusal}", file=sys.stderr)
        return 2
    files = len({c.path for c in rename.changes})
    done = "would rename" if args.dry_run else "renamed"
    print(f"{done} {shown(rename.old)} -> {shown(rename.new)}: {len(rename.changes)} links in {files} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
