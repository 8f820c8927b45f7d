"""What an edit changes on the site: the notes whose pages must be rendered again.

A plain function of the vault before and after the edit (``mkdocs serve`` keeps the last
build's model). A note's page shows more than its own text, so an edit to note N reaches:

- N's page;
- the pages that embed N, and those that embed them (an embed shows N's text);
- the pages N links to, before and after the edit: their "Linked from" sections quote the
  sentence of N each link sits in;
- the pages that link to N, when N's headings or block ids changed: a link to a heading or a
  block renders with its id, or as broken when it is gone;
- the home page (its "Recently updated" list): the caller adds it, as the generated pages
  (tags, wanted notes), which MkDocs renders on every build anyway.

What a note is called and who can see it decide how every link resolves: a note added,
removed or renamed, a frontmatter edit (title, aliases, tags, ``publish``), an attachment added
or removed, Obsidian's settings publishing other files: then every page is rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import LinkReport, Vault
from .model import Note, lines_of
from .paths import VaultPath


@dataclass(frozen=True)
class Affected:
    """The pages an edit reaches: every page (``everything`` says why) or these notes'."""

    notes: frozenset[VaultPath] = frozenset()
    everything: str | None = None

    @classmethod
    def all(cls, why: str) -> "Affected":
        return cls(everything=why)


NOTHING = Affected()


def affected_pages(before: Vault, after: Vault) -> Affected:
    """The notes of ``after`` whose pages differ from those built from ``before``."""
    why = _everything_because(before, after)
    if why is not None:
        return Affected.all(why)
    edited = [path for path, note in after.notes.items() if note.published and note.text != before.notes[path].text]
    for path in edited:
        if _frontmatter(before.notes[path]) != _frontmatter(after.notes[path]):
            return Affected.all(f"the frontmatter of {path} changed")
    if not edited:
        return NOTHING
    old, new = _Links(before), _Links(after)
    pages: set[VaultPath] = set(edited)
    for path in edited:
        pages |= old.targets(path) | new.targets(path)  # their backlinks quote this note
        if _anchors(before.notes[path]) != _anchors(after.notes[path]):
            pages |= old.linked_from(path) | new.linked_from(path)
    pages |= new.embedding(edited) | old.embedding(edited)
    return Affected(frozenset(p for p in pages if p in after.notes and after.notes[p].published))


def _everything_because(before: Vault, after: Vault) -> str | None:
    if before.notes.keys() != after.notes.keys():
        return "a note was added, removed or renamed"
    if before.attachments.keys() != after.attachments.keys():
        return "an attachment was added, removed or renamed"
    if ({p for p, n in before.notes.items() if n.published} != {p for p, n in after.notes.items() if n.published}
            or before.unpublished_attachments != after.unpublished_attachments):
        return "a note or attachment was published or unpublished"
    return None


def _frontmatter(note: Note) -> str:
    return lines_of(note.text, 1, note.body_line - 1) if note.body_line > 1 else ""


def _anchors(note: Note) -> tuple:
    """What links into a note resolve against: its headings and block ids (not their lines)."""
    return (tuple((h.id, h.keys, h.level) for h in note.headings), tuple(sorted(note.blocks)))


class _Links:
    """A vault's resolved links between notes, by source and by target."""

    def __init__(self, vault: Vault):
        self.out: dict[VaultPath, set[VaultPath]] = {}
        self.into: dict[VaultPath, set[VaultPath]] = {}
        self.embedders: dict[VaultPath, set[VaultPath]] = {}
        for report in vault.link_reports():
            target = _target(report)
            if target is None:
                continue
            self.out.setdefault(report.note.path, set()).add(target)
            self.into.setdefault(target, set()).add(report.note.path)
            if report.link.link.embed:
                self.embedders.setdefault(target, set()).add(report.note.path)

    def targets(self, path: VaultPath) -> set[VaultPath]:
        return self.out.get(path, set())

    def linked_from(self, path: VaultPath) -> set[VaultPath]:
        return self.into.get(path, set())

    def embedding(self, paths: Iterable[VaultPath]) -> set[VaultPath]:
        """The notes that embed any of ``paths``, directly or through other embeds."""
        found: set[VaultPath] = set()
        pending = list(paths)
        while pending:
            for embedder in self.embedders.get(pending.pop(), ()):
                if embedder not in found:
                    found.add(embedder)
                    pending.append(embedder)
        return found


def _target(report: LinkReport) -> VaultPath | None:
    """The note a link points into, even when its heading or block is missing there."""
    note = report.resolution.note
    return note.path if note is not None else None
