r"""Obsidian's own settings that decide what a vault publishes, read from ``<vault>/.obsidian/``
and never written. A missing file or key means Obsidian's default; a file that is not a JSON
object gives one Problem naming it, and the other settings still apply.

- **Excluded files** (``app.json`` ``userIgnoreFilters``; Settings > Files and links). Each
  entry is trimmed and an empty one ignored. An entry longer than two characters that starts
  and ends with ``/`` is a regular expression, searched anywhere in a file's vault path
  (``/\.excalidraw/``); any other entry is a prefix of the path (``Archive/`` is a folder,
  ``Daily/2020`` also matches ``Daily/2020-01-01.md``, ``Draft`` also ``Drafts/x.md``). Both
  ignore case. This is ``MetadataCache.updateUserIgnoreFilters`` of Obsidian 1.13, as plugins
  that mirror it read it (mnaoumov/obsidian-advanced-exclude's ignore-patterns-component.ts,
  among others); Obsidian's help says only what excluded files are hidden from. A regular
  expression Python cannot read is reported and skipped (Obsidian skips invalid ones too).
  Excluded notes are not published; excluded attachments are, since the notes that embed
  them still show them in Obsidian.
- **Templates**: the core Templates plugin's folder (``templates.json`` ``folder``; without
  one, ``templates``) and Templater's (``plugins/templater-obsidian/data.json``
  ``templates_folder``), as vault paths (case counts). Notes in them are read but not
  published, not checked, and no orphans.
- **Obsidian Publish** (``publish.json`` ``excluded``: folders or files, as vault paths;
  ``/`` is the whole vault). A note in an excluded folder is not published; ``publish: true``
  in its frontmatter overrides that, as Publish does (help: *Publish your content*, "Ignore
  data"). ``included`` is not read: Publish only pre-selects those folders' notes, and
  notes elsewhere are published by hand ("Automatically select data to publish"), so
  nothing outside them can be assumed unpublished. Attachments in an excluded folder are not published either; a link to one is an
  unpublished link.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Callable

from .frontmatter import parse_frontmatter
from .model import Note, Problem
from .paths import VaultPath

SETTINGS_FOLDER = ".obsidian"
DEFAULT_TEMPLATE_FOLDER = "templates"  # the core plugin's folder when templates.json names none
TEMPLATER_DATA = "plugins/templater-obsidian/data.json"
REGEX_ENTRY = re.compile(
    r"""
    ^/                  # between slashes:
    (?P<pattern>.+)     # a regular expression (at least one character)
    /$
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class IgnoreFilter:
    """One entry of Excluded files and the pattern it stands for."""

    entry: str
    pattern: re.Pattern

    def matches(self, path: str) -> bool:
        return self.pattern.search(path) is not None


@dataclass
class ObsidianSettings:
    ignore_filters: tuple[IgnoreFilter, ...] = ()
    template_folders: dict[str, str] = field(default_factory=lambda: {DEFAULT_TEMPLATE_FOLDER: "the default templates folder"})
    publish_excluded: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)  # settings files that could not be applied

    def note_unpublished_because(self, path: str, publish: Callable[[], bool | None] = lambda: None) -> str | None:
        """Why these settings keep the note at ``path`` off the site (None: they do not);
        ``publish()`` gives its frontmatter's ``publish`` (asked only where Publish's
        selection would leave the note out)."""
        for folder, source in self.template_folders.items():
            if path.startswith(folder + "/"):
                return f"it is a template (in {folder + '/'!r}, {source})"
        for ignored in self.ignore_filters:
            if ignored.matches(path):
                return f"Obsidian's Excluded files entry {ignored.entry!r} matches it ({SETTINGS_FOLDER}/app.json userIgnoreFilters)"
        reason = self._outside_publish(path)
        return reason if reason is None or publish() is not True else None

    def attachment_unpublished_because(self, path: str) -> str | None:
        """Why these settings keep the attachment at ``path`` off the site (None: they do not)."""
        excluded = _first_under(path, self.publish_excluded)
        return f"it is in Obsidian Publish's excluded {excluded!r} ({SETTINGS_FOLDER}/publish.json)" if excluded is not None else None

    def _outside_publish(self, path: str) -> str | None:
        excluded = _first_under(path, self.publish_excluded)
        if excluded is not None:
            return f"it is in Obsidian Publish's excluded {excluded!r} ({SETTINGS_FOLDER}/publish.json; `publish: true` would override)"
        return None


def _first_under(path: str, entries: tuple[str, ...]) -> str | None:
    """The first entry (a folder or file path; "" is the whole vault) that holds ``path``."""
    for entry in entries:
        if not entry or path == entry or path.startswith(entry + "/"):
            return entry
    return None


def read_settings_file(root: str, name: str) -> tuple[dict, tuple[int, str] | None]:
    """A JSON object from ``.obsidian/<name>`` ({} when the file is missing), and (line,
    message) when it cannot be read or is not an object ({} then too)."""
    path = os.path.join(root, SETTINGS_FOLDER, *name.split("/"))
    if not os.path.exists(path):
        return {}, None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as error:
        return {}, (error.lineno, f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno}); Obsidian's settings in it are not applied")
    except (OSError, UnicodeDecodeError) as error:
        return {}, (0, f"cannot read Obsidian's settings: {getattr(error, 'strerror', None) or error}")
    if not isinstance(data, dict):
        return {}, (1, f"not a JSON object but {type(data).__name__}; Obsidian's settings in it are not applied")
    return data, None


def folder_path(value) -> str:
    """A folder setting as a vault path: no leading or trailing slash ("" for none)."""
    return value.strip().strip("/") if isinstance(value, str) else ""


def _strings(data: dict, key: str, where: str, problems: list) -> list[str]:
    """A list of strings in ``data`` (missing or null: none); anything else is reported."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append((where, 1, f"'{key}' should be a list of strings; not applied"))
        return []
    return value


def ignore_filter(entry: str) -> IgnoreFilter | None:
    """An Excluded files entry as Obsidian reads it (see the module's docstring); None for an
    empty entry. Raises re.error for a regular expression Python cannot compile."""
    entry = entry.strip()
    if not entry:
        return None
    regex = REGEX_ENTRY.match(entry) if len(entry) > 2 else None
    pattern = regex["pattern"] if regex else "^" + re.escape(entry)
    return IgnoreFilter(entry, re.compile(pattern, re.IGNORECASE))


def load(root: str) -> ObsidianSettings:
    """The settings of the vault at ``root`` that decide what it publishes."""
    problems: list[tuple[str, int, str]] = []

    def read(name: str) -> dict:
        data, problem = read_settings_file(root, name)
        if problem is not None:
            problems.append((f"{SETTINGS_FOLDER}/{name}", *problem))
        return data

    app, templates, templater, publish = read("app.json"), read("templates.json"), read(TEMPLATER_DATA), read("publish.json")
    filters = []
    for entry in _strings(app, "userIgnoreFilters", f"{SETTINGS_FOLDER}/app.json", problems):
        try:
            found = ignore_filter(entry)
        except re.error as error:
            problems.append((f"{SETTINGS_FOLDER}/app.json", 1, f"Excluded files entry {entry!r} is not a regular expression Python reads ({error}); skipped"))
            continue
        if found is not None:
            filters.append(found)
    core, templater_folder = folder_path(templates.get("folder")), folder_path(templater.get("templates_folder"))
    # MkDocs leaves a top-level templates/ out of every site, whatever templates.json says.
    folders = {DEFAULT_TEMPLATE_FOLDER: "the default templates folder, which MkDocs never publishes"}
    if core:
        folders = {core: f"{SETTINGS_FOLDER}/templates.json", **folders}
    if templater_folder:
        folders.setdefault(templater_folder, f"Templater's folder, {SETTINGS_FOLDER}/{TEMPLATER_DATA}")
    where = f"{SETTINGS_FOLDER}/publish.json"
    return ObsidianSettings(
        ignore_filters=tuple(filters),
        template_folders=folders,
        publish_excluded=tuple(folder_path(e) for e in _strings(publish, "excluded", where, problems)),
        problems=[Problem(VaultPath(path), line, "unreadable", message) for path, line, message in problems],
    )


DRAFT = "`draft: true` or `publish: false` in its frontmatter"


def _publish_property(note: Note) -> bool | None:
    """The note's frontmatter ``publish``, true or false (None: neither or no frontmatter)."""
    if note.body_line < 3:
        return None
    return parse_frontmatter("\n".join(note.text.split("\n", note.body_line)[1 : note.body_line - 2]) + "\n").publish


def apply(settings: ObsidianSettings, notes: list[Note], attachments: list[VaultPath]) -> tuple[dict[VaultPath, str], list[VaultPath], dict[VaultPath, str]]:
    """Mark the notes the settings keep off the site unpublished. Returns why each note that
    is not published is not (drafts too), the attachments that are published, and why each
    other attachment is not."""
    why: dict[VaultPath, str] = {}
    for note in notes:
        reason = DRAFT if not note.published else settings.note_unpublished_because(note.path, lambda note=note: _publish_property(note))
        if reason is not None:
            note.published, why[note.path] = False, reason
    kept: list[VaultPath] = []
    left_out: dict[VaultPath, str] = {}
    for path in attachments:
        reason = settings.attachment_unpublished_because(path) if settings.publish_excluded else None
        if reason is None:
            kept.append(path)
        else:
            left_out[path] = reason
    return why, kept, left_out
