"""The link graph of a vault: edges, backlinks with the sentence each link sits in, tags."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .headings import plain_text
from .model import Link, Note
from .syntax import BLOCK_ID_AT_END, tag_key

SNIPPET_CHARS = 200
BLOCK_MARKS = re.compile(
    r"""
    ^(?:\s*(?:[-*+]|\d+[.)]|>|\#{1,6})\s+)*   # list markers, quote marks, heading hashes
    (?:\[.\]\s+)?                             # a task's checkbox: [ ], [x], [?]
    (?:\[![^\]]*\][+-]?\s*)?                    # a callout header: [!note]-
    """,
    re.VERBOSE,
)
INLINE_MATH = re.compile(r"(\$\$[^$\n]+\$\$|\$[^$\n]+\$)")


@dataclass(frozen=True, slots=True)
class Backlink:
    source: Note
    link: Link
    snippet: str  # the text around the link, as a reader sees it


def edges(vault) -> list[tuple[str, str]]:
    """(source path, target path) of every resolved link or embed between two published
    notes, once each, sorted."""
    found = {
        (r.note.path, r.resolution.note.path)
        for r in vault.link_reports()
        if r.resolution.ok and r.resolution.note is not None and r.resolution.note.path != r.note.path
    }
    return sorted(found)


def visible_lines(note: Note) -> list[str]:
    """The note's lines as a reader sees them: comments blanked, columns kept."""
    return note.visible_text(blank=" ").split("\n")


def snippet(note: Note, link: Link, lines: list[str] | None = None) -> str:
    """The line a link sits in, without Markdown, comments or a block id, cut to about
    SNIPPET_CHARS around it (``lines``: visible_lines(note), when the caller has them)."""
    lines = lines if lines is not None else visible_lines(note)
    line = lines[link.line - 1] if 0 < link.line <= len(lines) else ""
    line = BLOCK_ID_AT_END.sub("", line.rstrip())
    before, after = line[: link.column - 1], line[link.column - 1 :]
    text_before, text_after = _readable(_strip_block_marks(before)), _readable(after)
    half = SNIPPET_CHARS // 2
    if len(text_before) > half:
        text_before = "…" + text_before[-half:].split(" ", 1)[-1]
    if len(text_after) > SNIPPET_CHARS - len(text_before):
        text_after = text_after[: SNIPPET_CHARS - len(text_before)].rsplit(" ", 1)[0] + "…"
    return " ".join((text_before + (" " if before.endswith((" ", "\t")) else "") + text_after).split())


def _strip_block_marks(text: str) -> str:
    """Leading list markers, quote marks, heading hashes and callout headers."""
    return BLOCK_MARKS.sub("", text)


def _readable(text: str) -> str:
    """Markdown as a reader sees it; inline math stays as written."""
    def readable(part: str) -> str:
        inner = plain_text(part)
        return (" " if part[:1].isspace() and inner else "") + inner + (" " if part[-1:].isspace() and inner else "")

    parts = INLINE_MATH.split(text)
    return "".join(part if i % 2 else readable(part) for i, part in enumerate(parts))


def backlinks(vault) -> dict[str, list[Backlink]]:
    """For each note, the notes linking to it (embeds count), one entry per source note,
    in source path order."""
    found: dict[str, dict[str, Backlink]] = defaultdict(dict)
    lines: dict[str, list[str]] = {}  # each source note split once
    for r in vault.link_reports():
        target = r.resolution.note
        if r.resolution.ok and target is not None and target.path != r.note.path and r.note.path not in found[target.path]:
            if r.note.path not in lines:
                lines[r.note.path] = visible_lines(r.note)
            source_lines = lines[r.note.path]
            found[target.path][r.note.path] = Backlink(r.note, r.link, snippet(r.note, r.link, source_lines))
    return {path: [entries[k] for k in sorted(entries)] for path, entries in found.items()}


def tags(vault) -> dict[str, tuple[str, list[Note]]]:
    """{tag key: (shown name, notes)} for every tag and every parent of a nested tag:
    ``#ml/ranking`` is listed under ``ml/ranking`` and under ``ml``."""
    found: dict[str, tuple[str, dict[str, Note]]] = {}
    for note in vault.published():
        for tag in note.all_tags:
            parts = tag.split("/")
            for depth in range(1, len(parts) + 1):
                name = "/".join(parts[:depth])
                entry = found.setdefault(tag_key(name), (name, {}))
                entry[1][note.path] = note
    return {key: (name, [notes[p] for p in sorted(notes)]) for key, (name, notes) in sorted(found.items())}
