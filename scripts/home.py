"""The home page's index of every published note, A to Z.

A vault without ``index.md`` gets a generated home page that is just this index; a vault
with one gets the index appended, so every note is one click from home.
"""

from __future__ import annotations

import re
from itertools import groupby
from urllib.parse import quote

from vault import Vault

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~=$%^-])")
INDEX_HEADING = "All notes"


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, HTML)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def note_link(title: str, path: str) -> str:
    return f"[{escape_markdown(title)}]({quote('/' + path)})"


def a_to_z(vault: Vault, skip: str = "index.md") -> str:
    notes = sorted((n for n in vault.published() if n.path != skip), key=lambda n: (n.title.casefold(), n.path))
    lines = [f"## {INDEX_HEADING}", "", f"{len(notes)} notes, A to Z.", ""]
    for letter, group in groupby(notes, key=lambda n: n.title[:1].upper() if n.title[:1].isalpha() else "#"):
        lines += [f"### {escape_markdown(letter)}", ""]
        lines += [f"- {note_link(note.title, note.path)}" for note in group]
        lines.append("")
    return "\n".join(lines)


def home_markdown(vault: Vault) -> str:
    return "\n".join(["---", "title: Home", "---", "", a_to_z(vault)])
