"""The vault model: one scan of a folder of Obsidian notes, shared by everything else.

Plain Python, no MkDocs import. The Markdown extension renders with it, the MkDocs hooks
build whole-site pages from it, and the link checker reports from it.
"""

from __future__ import annotations

import copy
import os
import posixpath
from typing import Iterator, NamedTuple

from . import obsidian_settings, parallel
from .gc_pause import paused
from .model import Attachment, Block, Heading, Link, Note, Problem, WebLink, decode, read_note, walk
from .paths import NoteName, VaultPath
from .resolve import Index, Resolution, resolve_link, section_range
from .syntax import WikiLink, parse_wikilink

__all__ = [
    "Attachment", "Block", "Heading", "Known", "Link", "Note", "NoteName", "Problem", "Resolution",
    "Vault", "VaultPath", "WebLink", "WikiLink", "parse_wikilink",
]

MAX_EMBED_DEPTH = 8  # embeds nested deeper than this show as links (the extension's default)
MAX_NOTE_BYTES = 20 * 1024 * 1024  # larger files are reported and skipped, not rendered


# What a note's file held when it was last scanned: its bytes, the note as read (before any
# vault marks it unpublished) and the problems found in it. See ``Vault.load(known=...)``.
Known = dict[VaultPath, tuple[bytes, Note, list[Problem]]]


def read_notes(root: str, note_paths: list[VaultPath], known: Known | None = None) -> tuple[list[Note], list[Problem]]:
    """Read and scan these notes; with ``known``, a file whose bytes have not changed since
    it was scanned is not scanned again, and ``known`` is brought up to date."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for path in note_paths:
        full = os.path.join(root, path)
        try:
            with open(full, "rb") as handle:
                data = handle.read(MAX_NOTE_BYTES + 1)
        except OSError as error:
            problems.append(Problem(path, 0, "unreadable", f"cannot read: {error.strerror}"))
            continue
        if len(data) > MAX_NOTE_BYTES:
            problems.append(Problem(path, 0, "too-large", f"larger than {MAX_NOTE_BYTES // 2**20} MB: not read"))
            continue
        before = known.get(path) if known is not None else None
        if before is not None and before[0] == data:
            note, note_problems = before[1], before[2]
        else:
            text, encoding_problem = decode(data)
            note, note_problems = read_note(path, text)
            if encoding_problem:
                note_problems.insert(0, Problem(path, encoding_problem[0], "encoding", encoding_problem[1]))
            if known is not None:
                known[path] = (data, note, note_problems)
        # A vault marks its own copy unpublished (drafts, Obsidian's settings), never the known note.
        notes.append(copy.copy(note) if known is not None else note)
        problems.extend(note_problems)
    if known is not None:
        for gone in known.keys() - set(note_paths):
            del known[gone]
    return notes, problems


README_BESIDE_INDEX = "MkDocs publishes the index.md beside it as the folder's page instead"


def readmes_beside_index(paths) -> set[str]:
    """The ``README.md`` notes in a folder that has an ``index.md``: both would be the
    folder's page, and MkDocs publishes ``index.md``."""
    present = set(paths)
    return {
        path for path in present
        if posixpath.basename(path) == "README.md" and posixpath.join(posixpath.dirname(path), "index.md") in present
    }


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _shown(report) -> tuple:
    """The node an embed shows: (note, first line, last line) of the note, section or block."""
    return (report.resolution.note.path, *section_range(report.resolution))


def _inside(embeds: dict, node: tuple):
    """The embeds written inside a node's lines."""
    path, first, last = node
    return (r for r in embeds.get(path, ()) if first <= r.link.line <= last)


class LinkReport(NamedTuple):
    """One link in one note, with what it resolves to."""

    note: Note
    link: Link
    resolution: Resolution


class Vault:
    """All notes and attachments of one folder, indexed for Obsidian's link resolution."""

    def __init__(self, root: str, notes: list[Note], attachments: list[Attachment], problems: list[Problem]):
        self.root = root
        self.notes: dict[VaultPath, Note] = {note.path: note for note in notes}
        self.attachments: dict[VaultPath, Attachment] = {a.path: a for a in attachments}
        self.problems = problems
        self.index = Index(notes, attachments)
        # Why each note that is not published is not, and the attachments kept off the site
        # with why (Obsidian's settings: see obsidian_settings.py).
        self.unpublished_because: dict[VaultPath, str] = {}
        self.unpublished_attachments: dict[VaultPath, str] = {}
        self._reports: list[LinkReport] | None = None
        self._by_text: dict[tuple[str, str], Resolution] | None = None
        self._embeds_by_note: dict[VaultPath, list[LinkReport]] | None = None

    @classmethod
    def load(cls, root: str, workers: int = 2, known: Known | None = None) -> "Vault":
        """Read every note under ``root`` once (a large vault on two cores: parallel.py;
        ``workers=1``: in this process). ``known``, kept by the caller from one load to the
        next (``mkdocs serve``), spares scanning the notes whose files have not changed."""
        root = os.path.abspath(root)
        note_paths, attachment_paths, problems = walk(root)
        with paused():
            if known is not None:
                notes, note_problems = read_notes(root, note_paths, known)
            elif parallel.worth_forking(len(note_paths), workers):
                sizes = [_size(os.path.join(root, path)) for path in note_paths]
                notes, note_problems = parallel.read_in_two(read_notes, root, note_paths, sizes)
            else:
                notes, note_problems = read_notes(root, note_paths)
        # Templates, Excluded files and Obsidian Publish's selection: read, not published.
        settings = obsidian_settings.load(root)
        why, attachment_paths, left_out = obsidian_settings.apply(settings, notes, attachment_paths)
        vault = cls(root, notes, [Attachment(p) for p in attachment_paths], problems + settings.problems + note_problems)
        vault.unpublished_because, vault.unpublished_attachments = why, left_out
        vault.hide(readmes_beside_index(vault.notes), README_BESIDE_INDEX)
        return vault

    @classmethod
    def from_texts(cls, texts: dict[str, str], attachments: tuple[str, ...] = ()) -> "Vault":
        """A vault from memory: ``{"folder/Note.md": "text"}`` (tests, tools)."""
        notes, problems = [], []
        for path in sorted(texts):
            note, note_problems = read_note(VaultPath(path), texts[path])
            notes.append(note)
            problems.extend(note_problems)
        return cls("", notes, [Attachment(VaultPath(p)) for p in sorted(attachments)], problems)

    def hide(self, paths: set[str], reason: str = "mkdocs.yml's exclude_docs leaves it out of the site") -> None:
        """Treat these notes as unpublished (the site excludes them); links to them break."""
        changed = False
        for path in paths:
            note = self.notes.get(VaultPath(path))
            if note is not None and note.published:
                note.published, changed = False, True
                self.unpublished_because[note.path] = reason
        if changed:
            self.index = Index(list(self.notes.values()), list(self.attachments.values()))
            self._reports = self._by_text = self._embeds_by_note = None

    # -- queries -------------------------------------------------------------------------
    def published(self) -> Iterator[Note]:
        return (note for note in self.notes.values() if note.published)

    def resolve(self, link: WikiLink, source: Note | None) -> Resolution:
        """Resolve a link written in ``source``; links of the vault's own notes are resolved
        once (see link_reports) and looked up after that."""
        if source is not None:
            known = self._resolved().get((source.path, link.raw))
            if known is not None:
                return known
        return resolve_link(self.index, link, source)

    def _resolved(self) -> dict[tuple[str, str], Resolution]:
        if self._by_text is None:
            self._by_text = {(r.note.path, r.link.link.raw): r.resolution for r in self.link_reports()}
        return self._by_text

    def note(self, path: str) -> Note | None:
        return self.notes.get(VaultPath(path))

    def _embeds(self) -> dict[VaultPath, list[LinkReport]]:
        """Each note's resolved embeds of notes, in line order (computed once)."""
        if self._embeds_by_note is None:
            embeds: dict[VaultPath, list[LinkReport]] = {}
            for report in self.link_reports():
                if report.link.link.embed and report.resolution.ok and report.resolution.note is not None:
                    embeds.setdefault(report.note.path, []).append(report)
            self._embeds_by_note = embeds
        return self._embeds_by_note

    def _whole(self, path: VaultPath) -> tuple:
        """The node of a whole note's page: (note, first line, last line) of its body."""
        note = self.notes[path]
        return (path, note.body_line, note.text.count("\n") + 1)

    def embed_cycles(self) -> list[LinkReport]:
        """Embeds that would show a section inside itself: a note embedding itself, notes
        embedding each other, a section embedding the section it sits in. Nodes are
        (note, first line, last line) of what is shown; another section of the same note
        is no loop."""
        embeds = self._embeds()
        state: dict[tuple, int] = {}  # 1 while on the current path, 2 when done
        closing: list[LinkReport] = []
        for path in embeds:
            start = self._whole(path)
            if start in state:
                continue
            state[start] = 1
            stack = [(start, _inside(embeds, start))]
            while stack:
                node, pending = stack[-1]
                report = next(pending, None)
                if report is None:
                    state[node] = 2
                    stack.pop()
                    continue
                target = _shown(report)
                if state.get(target) == 1:
                    closing.append(report)
                elif target not in state:
                    state[target] = 1
                    stack.append((target, _inside(embeds, target)))
        return sorted(closing, key=lambda r: (r.note.path, r.link.line, r.link.column))

    def deep_embeds(self, max_depth: int = MAX_EMBED_DEPTH) -> list[list[LinkReport]]:
        """Embeds nested more than ``max_depth`` levels (past that they show as links): for
        each note at the top of such a chain (embedded by no note), the embeds down its
        deepest path. A loop counts once (embed_cycles reports it)."""
        embeds = self._embeds()
        below: dict[tuple, tuple[int, LinkReport | None]] = {}  # node: (levels, first embed)
        for path in embeds:
            start = self._whole(path)
            if start in below:
                continue
            on_path = {start}
            stack = [(start, list(_inside(embeds, start)), 0)]
            while stack:
                node, reports, done = stack[-1]
                if done < len(reports):
                    stack[-1] = (node, reports, done + 1)
                    target = _shown(reports[done])
                    if target not in below and target not in on_path:
                        on_path.add(target)
                        stack.append((target, list(_inside(embeds, target)), 0))
                    continue
                best: tuple[int, LinkReport | None] = (0, None)
                for report in reports:
                    levels = below.get(_shown(report), (-1, None))[0] + 1  # a loop: on the path
                    if levels > best[0]:
                        best = (levels, report)
                below[node] = best
                on_path.discard(node)
                stack.pop()
        embedded = {r.resolution.note.path for reports in embeds.values() for r in reports}
        chains = []
        for path in sorted(embeds):
            node = self._whole(path)
            if path in embedded or below[node][0] <= max_depth:
                continue
            chain = []
            while below.get(node, (0, None))[1] is not None:
                chain.append(below[node][1])
                node = _shown(chain[-1])
            chains.append(chain)
        return chains

    def link_reports(self) -> list[LinkReport]:
        """Every link of every published note, resolved, in path and line order (computed once)."""
        if self._reports is None:
            with paused():
                self._reports = self._resolve_all()
        return self._reports

    def _resolve_all(self) -> list[LinkReport]:
        # What a link resolves to depends on its path, headings and block, not on its
        # label, and on the linking note's folder only for ./ and ../ paths and names
        # several files share (a link into its own note has no path): each is resolved once.
        known: dict[tuple, Resolution] = {}
        folder_free: dict[str, bool] = {}
        reports = []
        for note in self.published():
            for link in note.links:
                wiki = link.link
                if wiki.path:
                    free = folder_free.get(wiki.path)
                    if free is None:
                        free = folder_free[wiki.path] = self.index.folder_free(wiki.path)
                    if wiki.markdown:  # read from the note's folder first (resolve.find_beside)
                        free = False
                    key = (wiki.path, wiki.headings, wiki.block, None if free else note.folder, wiki.markdown)
                    resolution = known.get(key)
                    if resolution is None:
                        resolution = known[key] = resolve_link(self.index, wiki, note)
                else:
                    resolution = resolve_link(self.index, wiki, note)
                reports.append(LinkReport(note, link, resolution))
        return reports
