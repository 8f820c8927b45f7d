"""Obsidian's link resolution over a name index built once per vault.

Order, as Obsidian's ``getFirstLinkpathDest`` behaves: the vault path (``.md`` implied),
then a path suffix, then the note name, then a frontmatter alias; all case-insensitive.
Among several notes of one name: the one in the linking note's own folder, else the
shortest path, which we report as *ambiguous* rather than pick silently.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from . import paths
from .headings import match_key
from .model import Attachment, Heading, Note
from .paths import VaultPath
from .syntax import WikiLink

# Why a link does not resolve.
MISSING_NOTE = "missing-note"
MISSING_HEADING = "missing-heading"
MISSING_BLOCK = "missing-block"
MISSING_ATTACHMENT = "missing-attachment"
UNPUBLISHED = "unpublished"
OUTSIDE_VAULT = "outside-vault"
EMPTY = "empty-target"


class Resolution(NamedTuple):
    note: Note | None = None
    attachment: Attachment | None = None
    anchor: str | None = None  # rendered id of the heading or block ('^id'), if any
    heading: Heading | None = None
    problem: str | None = None  # one of the constants above, None when it resolves
    ambiguous: tuple[VaultPath, ...] = ()  # candidates, when only the shortest path decided
    by_alias: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


class Index:
    """Look-up tables from every way of naming a file to the files."""

    def __init__(self, notes: list[Note], attachments: list[Attachment]):
        self.by_path: dict[str, Note] = {}
        self.by_name: dict[str, list[Note]] = defaultdict(list)
        self.by_alias: dict[str, list[Note]] = defaultdict(list)
        self.unpublished: dict[str, Note] = {}
        for note in notes:
            stem = paths.key(note.path[: -len(paths.NOTE_SUFFIX)])
            if not note.published:
                self.unpublished[stem] = note
                self.unpublished.setdefault(paths.key(note.name), note)
                continue
            self.by_path[stem] = note
            self.by_name[paths.key(note.name)].append(note)
            for alias in note.aliases:
                self.by_alias[paths.key(alias)].append(note)
        self.files_by_path: dict[str, Attachment] = {}
        self.files_by_name: dict[str, list[Attachment]] = defaultdict(list)
        for attachment in attachments:
            self.files_by_path[paths.key(attachment.path)] = attachment
            self.files_by_name[paths.key(attachment.name)].append(attachment)
        # Plain dicts from here on: a look-up must never add an empty entry.
        self.by_name, self.by_alias, self.files_by_name = dict(self.by_name), dict(self.by_alias), dict(self.files_by_name)
        # Names several files or aliases share: only for these does the linking note's
        # folder matter (the tie-break), besides ./ and ../ paths.
        self.shared = {name for table in (self.by_name, self.by_alias, self.files_by_name)
                       for name, candidates in table.items() if len(candidates) > 1}
        self.found: dict[tuple[str, str | None], tuple] = {}  # find_file's answers by (target, folder)
        self._free: dict[str, bool] = {}  # folder_free's answers

    def folder_free(self, target: str) -> bool:
        """Whether a link path names the same file from every folder (remembered)."""
        free = self._free.get(target)
        if free is None:
            if target.startswith(("./", "../")):
                free = False
            else:
                name = paths.key(target).rsplit("/", 1)[-1]
                free = name not in self.shared and name.removesuffix(paths.NOTE_SUFFIX) not in self.shared
            self._free[target] = free
        return free


def _pick(candidates: list, source_folder: str | None) -> tuple[object, tuple[VaultPath, ...]]:
    """Obsidian's tie-break; the second value lists the candidates when it was a guess."""
    if len(candidates) == 1:
        return candidates[0], ()
    if source_folder is not None:
        local = [c for c in candidates if paths.folder(c.path) == source_folder]
        if len(local) == 1:
            return local[0], ()
    ranked = sorted(candidates, key=lambda c: (len(c.path), c.path))
    return ranked[0], tuple(c.path for c in ranked)


def _suffix_matches(items, wanted: str) -> list:
    return [item for item in items if paths.key(item.path).endswith("/" + wanted)]


def find_file(index: Index, target: str, source: Note | None):
    """The note or attachment a link path names: (file, ambiguous candidates, by alias)."""
    folder = source.folder if source is not None else None
    memo = (target, None if index.folder_free(target) else folder)
    found = index.found.get(memo)
    if found is None:
        found = index.found[memo] = _find_file(index, target, folder)
    return found


def _find_file(index: Index, target: str, folder: str | None):
    if target.startswith(("./", "../")):
        joined = paths.join_in_vault(folder or "", target)
        if joined is None:
            return None, (), False
        target = joined
    wanted = paths.key(target)
    if paths.extension(target) in paths.EXTENSION_KIND:
        return _find_attachment(index, wanted, folder) or _find_note(index, wanted, folder) or (None, (), False)
    return _find_note(index, wanted, folder) or _find_attachment(index, wanted, folder) or (None, (), False)


def _find_note(index: Index, wanted: str, folder: str | None):
    stem = wanted.removesuffix(paths.NOTE_SUFFIX)
    if stem in index.by_path:
        return index.by_path[stem], (), False
    if "/" not in stem:
        if stem in index.by_name:
            return *_pick(index.by_name[stem], folder), False
        if stem in index.by_alias:
            return *_pick(index.by_alias[stem], folder), True
        return None
    candidates = _suffix_matches(index.by_name.get(stem.rsplit("/", 1)[-1], []), stem + paths.NOTE_SUFFIX)
    if candidates:
        found, guessed = _pick(candidates, folder)
        return found, guessed, False
    return None


def _find_attachment(index: Index, wanted: str, folder: str | None):
    if wanted in index.files_by_path:
        return index.files_by_path[wanted], (), False
    if "/" not in wanted:
        return (*_pick(index.files_by_name[wanted], folder), False) if wanted in index.files_by_name else None
    candidates = _suffix_matches(index.files_by_name.get(wanted.rsplit("/", 1)[-1], []), wanted)
    if candidates:
        found, guessed = _pick(candidates, folder)
        return found, guessed, False
    return None


def find_target(index: Index, link: WikiLink, source: Note | None):
    """The file a link's path names: (file or None, ambiguous candidates, by alias).

    A wikilink's as find_file reads it. A Markdown link's as Obsidian reads it: from the
    note's folder (find_beside), then from the vault root, then as the end of a path or a
    name (find_file); one written ``/a/Note.md`` never from the note's folder. A ``../``
    that climbs above the root stops there, as a web server's does: ``../../images/a.png``
    from ``guide/Page.md`` is ``images/a.png``."""
    if not link.markdown:
        return find_file(index, link.path, source)
    if link.path.startswith("/"):  # `/a/Note.md`: from the vault's root
        return find_file(index, link.path.lstrip("/"), source)
    if source is not None:
        found = find_beside(index, link.path, source)
        if found is not None:
            return found
    path = link.path
    if path.startswith(("./", "../")):
        path = paths.clamp_in_vault(source.folder if source is not None else "", path)
    return find_file(index, path, source)


def find_beside(index: Index, target: str, source: Note):
    """A Markdown link's path read from the linking note's folder, as Obsidian reads it
    first (``[t](sub/Note.md)`` in ``a/N.md`` is ``a/sub/Note.md``): (file, (), False), or
    None when no file is there (then the path is read from the vault root, then as a name)."""
    if not source.folder or target.startswith(("./", "../")):
        return None  # the vault root is tried next anyway; find_file joins ./ and ../ itself
    joined = paths.join_in_vault(source.folder, target)
    if joined is None:
        return None
    wanted = paths.key(joined)
    found = index.files_by_path.get(wanted) or index.by_path.get(wanted.removesuffix(paths.NOTE_SUFFIX))
    return (found, (), False) if found is not None else None


def find_heading(note: Note, wanted: tuple[str, ...]) -> Heading | None:
    """``[[Note#H2#H3]]``: each heading must sit under the one before it."""
    headings = note.headings
    start, parent_level, found = 0, 0, None
    for text in wanted:
        key = match_key(text)
        found = None
        for i in range(start, len(headings)):
            heading = headings[i]
            if parent_level and heading.level <= parent_level:
                break
            if key in heading.keys or heading.id == text:
                found, start, parent_level = heading, i + 1, heading.level
                break
        if found is None:
            return None
    return found


def resolve_link(index: Index, link: WikiLink, source: Note | None) -> Resolution:
    """Resolve one link written in ``source`` (None when the source is unknown)."""
    if not link.path:
        if source is None or not (link.headings or link.block is not None):
            return Resolution(problem=EMPTY)
        target: object = source
        guessed: tuple[VaultPath, ...] = ()
        by_alias = False
    else:
        if paths.is_absolute_or_url(link.path) and not (link.markdown and link.path.startswith("/")):
            return Resolution(problem=OUTSIDE_VAULT)
        target, guessed, by_alias = find_target(index, link, source)
        if target is None:
            if link.path.startswith("../") and source is not None and paths.join_in_vault(source.folder, link.path) is None:
                return Resolution(problem=OUTSIDE_VAULT)
            hidden = index.unpublished.get(paths.key(link.path.lstrip("/").removesuffix(".md")))
            return Resolution(problem=UNPUBLISHED if hidden else (MISSING_ATTACHMENT if _looks_like_file(link.path) else MISSING_NOTE))
    if isinstance(target, Attachment):
        return Resolution(attachment=target, ambiguous=guessed)
    note: Note = target  # type: ignore[assignment]
    if link.block is not None:
        block = note.blocks.get(link.block.lower())
        if block is None:
            return Resolution(note=note, problem=MISSING_BLOCK, ambiguous=guessed, by_alias=by_alias)
        return Resolution(note=note, anchor="^" + block.id, ambiguous=guessed, by_alias=by_alias)
    if link.headings:
        heading = find_heading(note, link.headings)
        if heading is None:
            return Resolution(note=note, problem=MISSING_HEADING, ambiguous=guessed, by_alias=by_alias)
        return Resolution(note=note, anchor=heading.id, heading=heading, ambiguous=guessed, by_alias=by_alias)
    return Resolution(note=note, ambiguous=guessed, by_alias=by_alias)


def _looks_like_file(target: str) -> bool:
    return paths.extension(target) in paths.EXTENSION_KIND


def section_range(resolution: Resolution) -> tuple[int, int]:
    """Lines (1-based, inclusive) that an embed of this resolution shows: the block, the
    heading's section (up to the next heading of its level or higher), or the body."""
    note = resolution.note
    last_line = note.text.count("\n") + 1
    if resolution.anchor and resolution.anchor.startswith("^"):
        block = note.blocks[resolution.anchor[1:].lower()]
        return block.first_line, block.last_line
    if resolution.heading is not None:
        heading = resolution.heading
        end = next((h.line - 1 for h in note.headings if h.line > heading.line and h.level <= heading.level), last_line)
        return heading.line, end
    return note.body_line, last_line
