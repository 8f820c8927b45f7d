"""The vault model: one scan of a folder of Obsidian notes, shared by everything else.

Plain Python, no MkDocs import. The Markdown extension renders with it, the MkDocs hooks
build whole-site pages from it, and the link checker reports from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator

from .model import Attachment, Block, Heading, Link, Note, Problem, WebLink, decode, read_note, walk
from .paths import NoteName, VaultPath
from .resolve import Index, Resolution, resolve_link
from .syntax import WikiLink, parse_wikilink

__all__ = [
    "Attachment", "Block", "Heading", "Link", "Note", "NoteName", "Problem", "Resolution",
    "Vault", "VaultPath", "WebLink", "WikiLink", "parse_wikilink",
]

MAX_NOTE_BYTES = 20 * 1024 * 1024  # larger files are reported and skipped, not rendered


@dataclass(frozen=True)
class LinkReport:
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
        self._reports: list[LinkReport] | None = None

    @classmethod
    def load(cls, root: str) -> "Vault":
        root = os.path.abspath(root)
        note_paths, attachment_paths, problems = walk(root)
        notes = []
        for path in note_paths:
            full = os.path.join(root, path)
            try:
                if os.path.getsize(full) > MAX_NOTE_BYTES:
                    problems.append(Problem(path, 0, "too-large", f"larger than {MAX_NOTE_BYTES // 2**20} MB: not read"))
                    continue
                with open(full, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                problems.append(Problem(path, 0, "unreadable", f"cannot read: {error.strerror}"))
                continue
            text, encoding_problem = decode(data)
            if encoding_problem:
                problems.append(Problem(path, 1, "encoding", encoding_problem))
            note, note_problems = read_note(path, text)
            notes.append(note)
            problems.extend(note_problems)
        return cls(root, notes, [Attachment(p) for p in attachment_paths], problems)

    @classmethod
    def from_texts(cls, texts: dict[str, str], attachments: tuple[str, ...] = ()) -> "Vault":
        """A vault from memory: ``{"folder/Note.md": "text"}`` (tests, tools)."""
        notes, problems = [], []
        for path in sorted(texts):
            note, note_problems = read_note(VaultPath(path), texts[path])
            notes.append(note)
            problems.extend(note_problems)
        return cls("", notes, [Attachment(VaultPath(p)) for p in sorted(attachments)], problems)

    def hide(self, paths: set[str]) -> None:
        """Treat these notes as unpublished (the site excludes them); links to them break."""
        changed = False
        for path in paths:
            note = self.notes.get(VaultPath(path))
            if note is not None and note.published:
                note.published, changed = False, True
        if changed:
            self.index = Index(list(self.notes.values()), list(self.attachments.values()))
            self._reports = None

    # -- queries -------------------------------------------------------------------------
    def published(self) -> Iterator[Note]:
        return (note for note in self.notes.values() if note.published)

    def resolve(self, link: WikiLink, source: Note | None) -> Resolution:
        return resolve_link(self.index, link, source)

    def note(self, path: str) -> Note | None:
        return self.notes.get(VaultPath(path))

    def embed_cycles(self) -> list[LinkReport]:
        """Embeds that close a loop of notes embedding each other (a note embedding itself too)."""
        edges: dict[VaultPath, list[LinkReport]] = {}
        for report in self.link_reports():
            target = report.resolution.note
            if report.link.link.embed and report.resolution.ok and target is not None:
                edges.setdefault(report.note.path, []).append(report)
        state: dict[VaultPath, int] = {}  # 1 on the current path, 2 done
        closing: list[LinkReport] = []
        for start in edges:
            if start in state:
                continue
            state[start] = 1
            stack = [(start, iter(edges.get(start, ())))]
            while stack:
                path, pending = stack[-1]
                report = next(pending, None)
                if report is None:
                    state[path] = 2
                    stack.pop()
                    continue
                target = report.resolution.note.path
                if state.get(target) == 1:
                    closing.append(report)
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(edges.get(target, ()))))
        return closing

    def link_reports(self) -> list[LinkReport]:
        """Every link of every published note, resolved, in path and line order (computed once)."""
        if self._reports is None:
            self._reports = [
                LinkReport(note, link, self.resolve(link.link, note)) for note in self.published() for link in note.links
            ]
        return self._reports
