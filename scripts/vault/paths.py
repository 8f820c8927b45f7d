"""Names and paths in a vault, kept apart by type.

- ``VaultPath``: a file's path from the vault root, POSIX separators, with extension
  (``"ml/Logistic regression.md"``). This is what MkDocs calls ``src_uri``.
- ``NoteName``: a note's name as Obsidian shows it: the file name without ``.md``.
- A *key* is the case- and normalization-insensitive form used for look-ups.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from typing import NewType

VaultPath = NewType("VaultPath", str)
NoteName = NewType("NoteName", str)

NOTE_SUFFIX = ".md"

# Characters Obsidian refuses in a file name (path separators aside).
FORBIDDEN_NAME_CHARS = frozenset('*"\\<>:|?#^[]')

ATTACHMENT_KINDS = {
    "image": {"png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif"},
    "audio": {"mp3", "wav", "m4a", "ogg", "3gp", "flac", "webm"},
    "video": {"mp4", "ogv", "mov", "mkv"},
    "pdf": {"pdf"},
}
EXTENSION_KIND = {ext: kind for kind, exts in ATTACHMENT_KINDS.items() for ext in exts}

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def key(text: str) -> str:
    """Look-up key: Unicode NFC, case-folded (Obsidian links are case-insensitive)."""
    return unicodedata.normalize("NFC", text).casefold()


@functools.lru_cache(maxsize=65536)
def note_name(path: VaultPath) -> NoteName:
    return NoteName(posixpath.splitext(posixpath.basename(path))[0])


def folder(path: VaultPath) -> str:
    return posixpath.dirname(path)


@functools.lru_cache(maxsize=65536)
def extension(path: str) -> str:
    """Lower-case extension without the dot, '' if none."""
    base = posixpath.basename(path)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def attachment_kind(path: str) -> str:
    """'image', 'audio', 'video', 'pdf' or 'file' for any other attachment."""
    return EXTENSION_KIND.get(extension(path), "file")


_FORBIDDEN_CHAR = re.compile("[" + re.escape("".join(sorted(FORBIDDEN_NAME_CHARS))) + "]")


@functools.lru_cache(maxsize=65536)
def forbidden_chars(name: str) -> str:
    """The characters of ``name`` that Obsidian forbids, in order of appearance."""
    if _FORBIDDEN_CHAR.search(name) is None:  # nearly every name: one search in C
        return ""
    return "".join(dict.fromkeys(c for c in name if c in FORBIDDEN_NAME_CHARS))


def join_in_vault(base_folder: str, relative: str) -> str | None:
    """Resolve a ``./`` or ``../`` link path against a folder; None if it leaves the vault."""
    if relative.startswith("/") or _WINDOWS_DRIVE.match(relative):
        return None
    joined = posixpath.normpath(posixpath.join(base_folder, relative))
    if joined == ".." or joined.startswith("../"):
        return None
    return "" if joined == "." else joined


def clamp_in_vault(base_folder: str, relative: str) -> str:
    """A ``./`` or ``../`` path joined to a folder, the ``..`` that would leave the vault
    dropped (as a path that climbs above a web server's root stops at it)."""
    joined = posixpath.normpath(posixpath.join(base_folder, relative))
    while joined == ".." or joined.startswith("../"):
        joined = joined[3:]
    return "" if joined in (".", "") else joined


def is_absolute_or_url(target: str) -> bool:
    return target[:1] == "/" or "://" in target or (target[1:2] == ":" and bool(_WINDOWS_DRIVE.match(target)))
