#!/usr/bin/env python3
"""Create a note from the template: ``python scripts/commands/new_note.py "Note name" [--vault DIR]``.

``make new NAME="Note name"`` runs this. The name may hold folders (``"ml/Feature store"``);
a bare name goes where Obsidian puts new notes (the vault root unless ``.obsidian/app.json``
names a folder). The template is ``templates/Note.md`` in the vault (or the folder
``.obsidian/templates.json`` names), with Obsidian's ``{{title}}``, ``{{date}}`` and
``{{time}}``. Exit status 0 and the new file's path; 2 and the reason when the name is
forbidden or taken (as a name or alias, case-insensitively) or the template is missing.
"""

from __future__ import annotations

import argparse
import os
import sys

from vault_edit.create import create_note
from vault_edit.names import Refusal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_note.py", description="Create a note from the vault's note template.")
    parser.add_argument("name", help='the note name, optionally with folders: "ml/Feature store"')
    parser.add_argument("--vault", default=os.environ.get("DOCS_DIR", "docs"), help="the vault folder (default: $DOCS_DIR, else docs)")
    parser.add_argument("--template", help="the template file (default: templates/Note.md in the vault)")
    args = parser.parse_args(argv)
    try:
        path = create_note(args.vault, args.name, args.template)
    except Refusal as refusal:
        print(f"new_note.py: error: {refusal}", file=sys.stderr)
        return 2
    print(os.path.join(args.vault, path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
