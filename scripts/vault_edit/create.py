"""A new note from the template, in the right place, under a name that is free.

Where it goes: ``NAME`` may hold folders from the vault root (``ml/Feature store``); a bare
name goes where Obsidian puts new notes (Settings > Files and links > Default location:
a folder, else the vault root; ``docs/`` keeps its notes at the root).
"""

from __future__ import annotations

import datetime
import os

from vault import Vault, VaultPath
from vault import paths

from . import settings as obsidian_settings
from .names import Refusal, note_path, taken
from .templates import fill


def create_note(root: str, name: str, template: str | None = None, now: datetime.datetime | None = None) -> VaultPath:
    """Write the note ``name`` into the vault at ``root`` from ``template`` (a file path;
    default: the vault's template folder + ``Note.md``) and return its vault path.
    Raises Refusal for a forbidden name, a name or alias already taken, or a missing template."""
    if not os.path.isdir(root):
        raise Refusal(f"{root!r} is not a folder")
    settings = obsidian_settings.load(root)
    path = note_path(name, settings.new_note_folder)
    vault = Vault.load(root)
    reason = taken(vault, path)
    if reason:
        raise Refusal(f"cannot create {path}: {reason}")
    template_file = template or os.path.join(root, *settings.template.split("/"))
    try:
        with open(template_file, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise Refusal(f"template {template_file} does not exist (give another with --template)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise Refusal(f"cannot read template {template_file}: {error}") from None
    when = now or datetime.datetime.now()
    text = fill(text, paths.note_name(path), when, settings.date_format, settings.time_format)
    full = os.path.join(root, *path.split("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    try:
        with open(full, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise Refusal(f"cannot create {path}: it already exists") from None
    return path
