"""Which page shows which note, and what a note's source says about `[[` it shows as text
(escaped, or opening no link).

The only places the audit reads the vault model besides the link checker's findings.
"""

from __future__ import annotations

import posixpath
import re


from .urls import INDEX, SiteFile

INDEX_NAMES = ("index", "README")  # MkDocs' names of a folder's own page

# `[[` written with one bracket escaped: not a link, shown as `[[` on the page.
ESCAPED_BRACKETS = re.compile(
    r"""
    (?P<both>\\\[\\\[)            # \[\[ : both brackets escaped
    | (?P<first>\\\[\[)          # \[[ : the first
    | (?P<second>\[\\\[)         # [\[ : the second
    | (?P<split>\\\[(?P<marks>[*_~=]+)\\\[)   # \[**\[ : both, emphasis marks between
    """,
    re.VERBOSE,
)


UNESCAPED = re.compile(r"\\(?P<char>[\[\]])")  # `\]` as the page shows it


def page_candidates(note_path: str) -> tuple[str, ...]:
    """The site files MkDocs may give a note: ``a/Note.md`` -> ``a/Note/index.html``
    (directory URLs) or ``a/Note.html``; ``a/index.md`` and ``a/README.md`` -> ``a/index.html``."""
    stem = note_path.removesuffix(".md")
    folder, name = posixpath.split(stem)
    if name in INDEX_NAMES:
        return (posixpath.join(folder, INDEX),)
    return (posixpath.join(stem, INDEX), stem + ".html")


def note_pages(vault, files: frozenset[str]) -> dict[str, SiteFile | None]:
    """Each published note's page on the site (None: it has none)."""
    found: dict[str, SiteFile | None] = {}
    for note in vault.published():
        found[note.path] = next((SiteFile(c) for c in page_candidates(note.path) if c in files), None)
    return found


def escaped_brackets(note) -> list[str]:
    """What follows each `[[` a note writes escaped (``\\[[``, ``[\\[`` or ``\\[\\[``) in its
    prose, up to the line's end (the page shows it after the `[[`). Which escapes stand in
    prose (not code, math or a comment) the vault's scan recorded: Note.escaped_brackets."""
    escapes = set(note.escaped_brackets)
    if not escapes:
        return []
    text, found = note.text, []
    for m in ESCAPED_BRACKETS.finditer(text):
        if m["both"]:
            in_prose = m.start() in escapes and m.start() + 2 in escapes
        elif m["split"]:
            in_prose = m.start() in escapes and m.start() + 2 + len(m["marks"]) in escapes
        else:
            in_prose = (m.start() if m["first"] else m.start() + 1) in escapes
        if in_prose:
            end = text.find("\n", m.end())
            found.append(UNESCAPED.sub(r"\g<char>", text[m.end() : end if end >= 0 else None]))
    return found


def unlinked_brackets(note) -> list[str]:
    """What follows each `[[` in a note's prose that opens no link (``[[memos`` with no
    closing brackets), up to the line's end: Obsidian shows it as text, and so does the page."""
    text, found = note.text, []
    for at in note.unlinked_brackets:
        end = text.find("\n", at)
        found.append(text[at + 2 : end if end >= 0 else None])
    return found
