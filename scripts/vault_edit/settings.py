"""The few Obsidian settings the edits follow, read from the vault's ``.obsidian`` folder
when it has one: where new notes go (Files and links) and the template folder and
date/time formats (Templates). A missing file or key means Obsidian's default."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from .names import Refusal
from .templates import DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT

DEFAULT_TEMPLATE_FOLDER = "templates"
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
    path = os.path.join(root, ".obsidian", name)
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise Refusal(f"{path}: cannot read Obsidian settings: {error}") from None
    return data if isinstance(data, dict) else {}


def load(root: str) -> Settings:
    app, templates = _read(root, "app.json"), _read(root, "templates.json")
    # newFileLocation "root" or "current" (no note is open here) both mean the vault root.
    folder = app.get("newFileFolderPath", "") if app.get("newFileLocation") == "folder" else ""
    return Settings(
        new_note_folder=str(folder or "").strip("/"),
        template_folder=str(templates.get("folder") or DEFAULT_TEMPLATE_FOLDER).strip("/"),
        date_format=str(templates.get("dateFormat") or DEFAULT_DATE_FORMAT),
        time_format=str(templates.get("timeFormat") or DEFAULT_TIME_FORMAT),
    )
