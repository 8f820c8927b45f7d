"""Symbolic links in a vault. The vault is what lies under its folder, each file read once,
at its own path:

- a link to a file inside the vault is an ordinary file of the vault;
- a link to a file or folder outside the vault is reported and not read (nothing outside the
  vault reaches the site);
- a link to a folder inside the vault is reported and not followed: a link to a folder that
  contains it (a loop) would make a walk go round until the path is too long, and any other
  would show the same notes at two paths.
"""

from __future__ import annotations

import os

from .paths import VaultPath


def inside(path: str, folder: str) -> bool:
    """Whether a real (resolved) path is ``folder`` itself or lies under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def link_problem(real_root: str, full: str, path: VaultPath, is_folder: bool) -> tuple[str, str] | None:
    """(kind, message) for the symbolic link at ``full`` (vault path ``path``), or None
    when it is an ordinary file of the vault."""
    target = os.path.realpath(full)
    if not inside(target, real_root):
        what = "folder" if is_folder else "file"
        return "outside-vault", f"symbolic link to {target}, a {what} outside the vault: not read"
    if not is_folder:
        return None
    shown = os.path.relpath(target, real_root).replace(os.sep, "/")
    if inside(os.path.realpath(os.path.dirname(full)), target):
        return "unreadable", f"symbolic link loop: points to {shown!r}, a folder that contains it: not followed"
    return "unreadable", f"symbolic link to the vault's folder {shown!r}: not followed (its notes are read at their own path)"
