"""The home page of a vault that has no ``index.md``: every published note, A to Z."""

from __future__ import annotations

import re
from itertools import groupby
from urllib.parse import quote

from vault import Vault

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~=$%^-])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, HTML)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def note_link(title: str, path: str) -> str:
    return f"[{escape_markdown(title)}]({quote('/' + path)})"


def home_markdown(vault: Vault) -> str:
    notes = sorted(vault.published(), key=lambda n: (n.title.casefold(), n.path))
    lines = ["---", "title: Home", "---", "", f"This site has {len(notes)} notes.", ""]
    for letter, group in groupby(notes, key=lambda n: n.title[:1].upper() if n.title[:1].isalpha() else "#"):
        lines += [f"## {escape_markdown(letter)}", ""]
        lines += [f"- {note_link(note.title, note.path)}" for note in group]
        lines.append("")
    return "\n".join(lines)
