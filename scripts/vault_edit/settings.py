"""The few Obsidian settings the edits follow, read from the vault's ``.obsidian`` folder
when it has one: where new notes go (Files and links) and the template folder and
date/time formats (Templates). A missing file or key means Obsidian's default."""

from __future__ import annotations

import os
from dataclasses import dataclass

from vault.obsidian_settings import DEFAULT_TEMPLATE_FOLDER, SETTINGS_FOLDER, folder_path, read_settings_file

from .names import Refusal
from .templates import DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT

TEMPLATE_NAME = "Note.md"  # the template `make new` uses, in the template folder


@dataclass(frozen=True)
class Settings:
    new_note_folder: str = ""  # "" is the vault root
    template_folder: str = DEFAULT_TEMPLATE_FOLDER
    date_format: str = DEFAULT_DATE_FORMAT
    time_format: str = DEFAULT_TIME_FORMAT

    @property
    def template(self) -> str:
        """The default template's path inside the vault."""
        return f"{self.template_folder}/{TEMPLATE_NAME}" if self.template_folder else TEMPLATE_NAME


def _read(root: str, name: str) -> dict:
    """The settings file's object (the vault model reads it the same way); an edit refuses
    to go on with a file it cannot read."""
    data, problem = read_settings_file(root, name)
    if problem is not None:
        raise Refusal(f"{os.path.join(root, SETTINGS_FOLDER, name)}: {problem[1]}")
    return data


def load(root: str) -> Settings:
    app, templates = _read(root, "app.json"), _read(root, "templates.json")
    # newFileLocation "root" or "current" (no note is open here) both mean the vault root.
    folder = app.get("newFileFolderPath", "") if app.get("newFileLocation") == "folder" else ""
    return Settings(
        new_note_folder=str(folder or "").strip("/"),
        template_folder=folder_path(templates.get("folder")) or DEFAULT_TEMPLATE_FOLDER,
        date_format=str(templates.get("dateFormat") or DEFAULT_DATE_FORMAT),
        time_format=str(templates.get("timeFormat") or DEFAULT_TIME_FORMAT),
    )
