"""Names a note may take, and the ones already taken.

The characters come from ``vault.paths.FORBIDDEN_NAME_CHARS``, the definition the
``forbidden-characters`` check uses; matching is the resolver's (``vault.paths.key``:
case-insensitive, Unicode NFC).
"""

from __future__ import annotations

from vault import Note, Vault, VaultPath
from vault import paths


class Refusal(Exception):
    """An edit that must not happen; the message says why (the CLIs exit with status 2)."""


def segment_problem(segment: str) -> str | None:
    """Why Obsidian would refuse this file or folder name, or None."""
    if not segment.strip():
        return "is empty"
    if segment != segment.strip():
        return "starts or ends with a space"
    if segment.startswith("."):
        return "starts with '.' (a hidden file)"
    if segment.endswith("."):
        return "ends with '.' (Windows drops it)"
    bad = paths.forbidden_chars(segment)
    if bad:
        return f"contains {bad!r}, which Obsidian forbids in names"
    return None


def note_path(written: str, base_folder: str = "") -> VaultPath:
    """The vault path a name given on the command line stands for.

    ``written`` is a note name (``Feature store``), optionally with folders from the vault
    root (``ml/Feature store``) and ``.md``. Without a folder the note goes in
    ``base_folder``; ``./Name`` means the vault root. Raises Refusal for a forbidden name."""
    text = written.strip()
    if text.startswith("./"):
        text, base_folder = text[2:], ""
    if text.lower().endswith(paths.NOTE_SUFFIX):
        text = text[: -len(paths.NOTE_SUFFIX)]
    if text.startswith("/") or paths.is_absolute_or_url(text):
        raise Refusal(f"{written!r}: give a name or a path inside the vault, not an absolute path or URL")
    segments = text.split("/")
    for segment in segments:
        if segment in (".", ".."):
            raise Refusal(f"{written!r}: '{segment}' is not allowed in a note path")
        problem = segment_problem(segment)
        if problem:
            raise Refusal(f"{written!r}: the name {segment!r} {problem}" if segment != text else f"the name {text!r} {problem}")
    if len(segments) == 1 and base_folder:
        segments.insert(0, base_folder)
    return VaultPath("/".join(segments) + paths.NOTE_SUFFIX)


def taken(vault: Vault, path: VaultPath, exclude: Note | None = None) -> str | None:
    """Why ``path`` cannot be a new note of ``vault``: a file already there, or a note name or
    alias equal to its name (drafts count: Obsidian sees them); None when it is free.
    ``exclude`` is a note that does not count (the one being renamed)."""
    wanted = paths.key(path)
    name = paths.key(paths.note_name(path))
    for note in vault.notes.values():
        if note is exclude:
            continue
        if paths.key(note.name) == name:
            return f"a note named {note.name!r} already exists: {note.path}"
        for alias in note.aliases:
            if paths.key(alias) == name:
                return f"{paths.note_name(path)!r} is already an alias of {note.path}"
    for attachment in vault.attachments:
        if paths.key(attachment) == wanted:
            return f"{attachment} already exists"
    return None
