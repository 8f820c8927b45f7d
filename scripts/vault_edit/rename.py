"""Rename (or move) a note and rewrite every link and embed to it, as Obsidian does with
"Automatically update internal links".

- Every link that resolves to the note by its name or path gets the new path, in its own
  style (see ``retarget``); headings, ``^blocks``, display text and ``!`` stay. Links through
  an alias stay as written: the alias moves with the note. Same-note links (``[[#H]]``) stay.
- Links inside the moved note whose target would change with its folder (``../`` paths,
  the same-folder tie-break between same-named notes) are rewritten to keep their target.
- Before anything is written, the vault is resolved again as it will be: if any link would
  point somewhere else than before (OLD counting as NEW), the rename is refused. A link that
  was broken and then resolves to the new name is reported.
- Drafts count: Obsidian sees them, so their links are rewritten too.
- Code, math and comments hold no links in the model, so they are never touched.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field

from vault import Attachment, Note, Vault, VaultPath
from vault import paths
from vault.checks import close_match
from vault.resolve import Index, find_file, find_target
from vault.scanner import line_starts

from .files import read_source, write_atomic
from .names import Refusal, note_path, taken
from .retarget import link_path_for, with_path


@dataclass(frozen=True)
class Change:
    """One link rewritten: where it is written (the note's path before the rename)."""

    path: VaultPath
    line: int
    column: int
    old: str
    new: str


@dataclass
class Rename:
    root: str
    old: VaultPath
    new: VaultPath
    changes: list[Change] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # things to know, not to refuse


def obsidian_view(notes, attachments) -> Vault:
    """The vault as Obsidian sees it: drafts are notes like any other."""
    return Vault("", [dataclasses.replace(n, published=True) for n in notes], list(attachments), [])


def find_note(vault: Vault, written: str) -> Note:
    """The note OLD names: a vault path, or a name or alias resolved like a link."""
    if written in vault.notes:
        return vault.notes[VaultPath(written)]
    found, guessed, by_alias = find_file(vault.index, written.strip(), None)
    if found is None:
        hint = close_match(paths.note_name(VaultPath(written)), sorted({n.name for n in vault.notes.values()}))
        raise Refusal(f"no note named {written!r}" + (f'; did you mean "{hint}"?' if hint else ""))
    if isinstance(found, Attachment):
        raise Refusal(f"{written!r} is the file {found.path}, not a note; only notes are renamed")
    if guessed:
        raise Refusal(f"{written!r} is ambiguous: {', '.join(guessed)}; give the path of the one to rename")
    return found


def plan(root: str, old_written: str, new_written: str) -> Rename:
    """Every change a rename makes, checked; Refusal when it must not happen."""
    if not os.path.isdir(root):
        raise Refusal(f"{root!r} is not a folder")
    loaded = Vault.load(root)
    before = obsidian_view(loaded.notes.values(), loaded.attachments.values())
    old = find_note(before, old_written)
    new_path = note_path(new_written, old.folder)
    if new_path == old.path:
        raise Refusal(f"{old.path} already has that name")
    reason = taken(before, new_path, exclude=old)
    full_new = os.path.join(loaded.root, *new_path.split("/"))
    if reason is None and os.path.exists(full_new) and paths.key(new_path) != paths.key(old.path):
        reason = f"{new_path} already exists"
    if reason:
        raise Refusal(f"cannot rename {old.path} to {new_path}: {reason}")
    rename = Rename(loaded.root, old.path, new_path)
    moved = dataclasses.replace(old, path=new_path)
    after = Index([moved if n is old else n for n in before.notes.values()], list(before.attachments.values()))
    for report in before.link_reports():
        new_text = _rewritten(report, old, moved, after)
        if new_text is not None and new_text != report.link.link.raw:
            rename.changes.append(Change(report.note.path, report.link.line, report.link.column, report.link.link.raw, new_text))
    unreadable = {p.path for p in loaded.problems if p.kind == "encoding"}
    for change in rename.changes:
        if change.path in unreadable:
            raise Refusal(f"{change.path}: not valid UTF-8; fix the file before a rename rewrites its links")
    _verify(before, rename)
    return rename


def _rewritten(report, old: Note, moved: Note, after: Index) -> str | None:
    """The new text of one link, or None when it stays."""
    link, resolution = report.link.link, report.resolution
    if not link.path:
        return None
    source = moved if report.note is old else report.note
    if resolution.note is old and not resolution.by_alias:
        return with_path(link.raw, link_path_for(link, moved.path, source, after))
    target = resolution.note or resolution.attachment
    if report.note is not old or target is None or target is old:
        return None
    found, guessed, _ = find_target(after, link, source)
    if found is not None and found.path == target.path and (resolution.ambiguous or not guessed):
        return None
    return with_path(link.raw, link_path_for(link, target.path, source, after))


def new_texts(vault: Vault, rename: Rename) -> dict[VaultPath, str]:
    """{path before the rename: text after it} of the notes that change, from the model's text."""
    by_note: dict[VaultPath, list[Change]] = {}
    for change in rename.changes:
        by_note.setdefault(change.path, []).append(change)
    return {path: apply(vault.notes[path].text, changes, path) for path, changes in by_note.items()}


def apply(text: str, changes: list[Change], shown: str) -> str:
    """``text`` with the changes made, right to left so positions stay valid."""
    starts = line_starts(text)
    for change in sorted(changes, key=lambda c: (c.line, c.column), reverse=True):
        offset = starts[change.line - 1] + change.column - 1
        if text[offset : offset + len(change.old)] != change.old:
            raise Refusal(f"{shown}:{change.line}:{change.column}: the file changed while renaming; run again")
        text = text[:offset] + change.new + text[offset + len(change.old) :]
    return text


def _targets(vault: Vault, rename: Rename, renamed: bool) -> dict[VaultPath, list[tuple]]:
    """Per note (by its path before the rename): what each of its links resolves to, in order,
    the renamed note counted under its new path."""
    found: dict[VaultPath, list[tuple]] = {}
    back = {rename.new: rename.old} if renamed else {}
    for report in vault.link_reports():
        resolution = report.resolution
        target = resolution.note or resolution.attachment
        target_path = target.path if target is not None else None
        if not renamed and target_path == rename.old:
            target_path = rename.new
        key = (target_path, resolution.anchor, resolution.problem)
        found.setdefault(back.get(report.note.path, report.note.path), []).append((report.link.link.raw, key))
    return found


def _verify(before: Vault, rename: Rename) -> None:
    """Resolve the vault as it will be; refuse if a link would point elsewhere than before."""
    texts = {path: note.text for path, note in before.notes.items()}
    texts.update(new_texts(before, rename))
    texts[rename.new] = texts.pop(rename.old)
    after = Vault.from_texts(texts, tuple(before.attachments))
    after = obsidian_view(after.notes.values(), after.attachments.values())
    was, will = _targets(before, rename, renamed=False), _targets(after, rename, renamed=True)
    for path, links in was.items():
        if len(links) != len(will.get(path, [])):
            raise Refusal(f"{path}: the rewritten links do not read back as the same number of links; nothing renamed")
        for (raw, then), (new_raw, now) in zip(links, will[path]):
            if then == now:
                continue
            where = f"{path} ({raw} -> {new_raw})" if raw != new_raw else f"{path} ({raw})"
            if then[0] is None:
                rename.notices.append(f"{where} did not resolve and will link to {now[0]}")
            else:
                raise Refusal(f"cannot rename {rename.old} to {rename.new}: the link in {where} would point to "
                              f"{now[0] or 'nothing'} instead of {then[0] or 'nothing'}")


def perform(rename: Rename) -> None:
    """Write the rewritten notes (each atomically, encoding and line endings kept), then
    rename the file. Every note is read and checked before the first write."""
    root = rename.root
    by_note: dict[VaultPath, list[Change]] = {}
    for change in rename.changes:
        by_note.setdefault(change.path, []).append(change)
    writes = []
    for path, changes in by_note.items():
        full = os.path.join(root, *path.split("/"))
        source = read_source(full, path)
        writes.append((full, source, apply(source.text, changes, path)))
    for full, source, text in writes:
        write_atomic(full, source, text)
    target = os.path.join(root, *rename.new.split("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.rename(os.path.join(root, *rename.old.split("/")), target)
