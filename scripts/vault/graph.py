"""The link graph of a vault: edges, backlinks with the sentence each link sits in, tags."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .block_syntax import ATX_HASHES, BLOCK_ID_AT_END, LIST_ITEM_MARKER, PAGE_INLINE_MATH
from .headings import plain_text
from .model import Link, Note
from .scanner import INLINE_START, inline_spans
from .syntax import tag_key

SNIPPET_CHARS = 200
BLOCK_MARKS = re.compile(
    r"""
    (?:\s*(?:LIST_ITEM_MARKER|>|ATX_HASHES)\s+)*   # list markers, quote marks, heading hashes
    (?:\[.\]\s+)?                             # a task's checkbox: [ ], [x], [?]
    (?:\[![^\]]*\][+-]?\s*)?                    # a callout header: [!note]-
    """.replace("LIST_ITEM_MARKER", LIST_ITEM_MARKER).replace("ATX_HASHES", ATX_HASHES),
    re.VERBOSE,
)
SPACES = re.compile(
    r"""
    (?P<run>\s+)    # a run of whitespace: a browser shows one space
    """,
    re.VERBOSE,
)
ELLIPSIS = "…"
EMPHASIS_MARKS = "*_=~"  # bold, italics, ==highlight==, ~~strike~~

TEXT, CODE, MATH = "text", "code", "math"


class Segment(NamedTuple):
    """One piece of a backlink's context, as a reader sees it, nothing escaped yet: text
    without Markdown, a code span's content, or the TeX between math's dollars."""

    kind: Literal["text", "code", "math"]
    text: str
    in_link: bool = False  # part of the link's display text


Snippet = tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Backlink:
    source: Note
    link: Link
    snippet: Snippet  # the text around the link, as a reader sees it

    @property
    def snippet_text(self) -> str:
        return snippet_text(self.snippet)


def snippet_text(segments: Snippet) -> str:
    """A snippet as plain text: math between dollars, everything else as shown."""
    return "".join(f"${s.text}$" if s.kind == MATH else s.text for s in segments)


def edges(vault) -> list[tuple[str, str]]:
    """(source path, target path) of every resolved link or embed between two published
    notes, once each, sorted."""
    found = {
        (r.note.path, r.resolution.note.path)
        for r in vault.link_reports()
        if r.resolution.ok and r.resolution.note is not None and r.resolution.note.path != r.note.path
    }
    return sorted(found)


def top_folder(path: str) -> str:
    """The first folder of a vault path ("" for a note at the vault root): what the graph
    page colours a note by, as Obsidian's ``path:folder`` groups do."""
    folder, slash, _ = path.partition("/")
    return folder if slash else ""


def visible_lines(note: Note) -> list[str]:
    """The note's lines as a reader sees them: comments blanked, columns kept."""
    return note.visible_text(blank=" ").split("\n")


def snippet(note: Note, link: Link, lines: list[str] | None = None) -> Snippet:
    """The line a link sits in, as text, code and math, the link's display text marked
    ``in_link``, without Markdown, comments or a block id, cut to about SNIPPET_CHARS around
    the link (``lines``: visible_lines(note), when the caller has them).

    Code and math are found by the scanner's own inline pass (scanner.inline_spans) over
    the line's text on either side of the link, and nowhere else: linear in the line, no
    second parse of the note, the page's rules (what starts inside a link is the link's).
    The line is read alone, so a code span opened on an earlier line is not seen."""
    lines = lines if lines is not None else visible_lines(note)
    line = lines[link.line - 1] if 0 < link.line <= len(lines) else ""
    line = BLOCK_ID_AT_END.sub("", line.rstrip())
    start = link.column - 1
    before = line[:start]
    before = before[BLOCK_MARKS.match(before).end() :]  # list, quote, heading, task, callout marks
    after = line[start + len(link.link.raw) :]
    segments = _tidy([*_segments(before), *_label(link.link.display), *_segments(after)])
    at = next((i for i, s in enumerate(segments) if s.in_link), len(segments))
    head = _keep_end(segments[:at], SNIPPET_CHARS // 2)
    tail = _keep_start(segments[at:], SNIPPET_CHARS - sum(len(s.text) for s in head))
    return tuple(_joined(head + tail))


def _segments(text: str) -> list[Segment]:
    """A piece of inline Markdown as text, code and math segments (comments left out)."""
    found, last = [], 0
    spans = inline_spans(text) if any(char in text for char in INLINE_START) else ()
    for start, end in spans:
        found += _prose(text[last:start])
        found += _span(text[start:end])
        last = end
    return found + _prose(text[last:])


def _prose(text: str) -> list[Segment]:
    r"""Text as the page shows it, with the inline math arithmatex finds in it: ``$x$`` and
    ``\(x\)`` (block_syntax.PAGE_INLINE_MATH; ``\(x\)`` the scanner leaves to the prose, as
    a link read first may start inside it). Each search starts after the last match, as
    arithmatex's does: ``\\$x$`` is a backslash, then math."""
    found = []
    while ("$" in text or "\\(" in text) and (m := PAGE_INLINE_MATH.search(text)) is not None:
        math = m["math"] if m["math"] is not None else m["bracket_math"]
        if math is None:  # pairs of backslashes before math: backslashes
            found.append(Segment(TEXT, _readable(text[: m.end()])))
        else:
            found += [Segment(TEXT, _readable(text[: m.start()])), Segment(MATH, math)]
        text = text[m.end() :]
    return [*found, Segment(TEXT, _readable(text))]


def _label(display: str) -> list[Segment]:
    """A link's display text as the page shows it (obsidian_markdown.links.set_text): as
    written, entities read, but for its code spans, which are code."""
    found, last = [], 0
    for start, end in inline_spans(display) if "`" in display else ():
        if display.startswith("`", start):
            found += [Segment(TEXT, html.unescape(display[last:start])), *_span(display[start:end])]
            last = end
    found.append(Segment(TEXT, html.unescape(display[last:])))
    return [s._replace(in_link=True) for s in found]


def _span(span: str) -> list[Segment]:
    """A span the scanner found, as the page shows it: a code span's content (stripped, as
    Python-Markdown does), math, nothing for a comment, and anything else as text."""
    if span.startswith("`"):
        ticks = len(span) - len(span.lstrip("`"))
        return [Segment(CODE, span[ticks:-ticks].strip())]
    if span.startswith("$"):
        return _prose(span)  # `$x$`; in `$$x$$` within a line, `$x$` between literal dollars
    if span.startswith(("<!--", "%%")):
        return []
    return [Segment(TEXT, _readable(span))]


def _readable(text: str) -> str:
    """Markdown text as a reader sees it, with a space at either end where it had one
    (also behind emphasis marks: the ``** `` that closes bold before a code span)."""
    bare = text.strip(EMPHASIS_MARKS)
    return (" " if bare[:1].isspace() else "") + plain_text(text) + (" " if bare[-1:].isspace() else "")


def _joined(segments: list[Segment]) -> list[Segment]:
    """Adjacent text segments as one (within or outside the link)."""
    joined: list[Segment] = []
    for s in segments:
        if s.kind == TEXT and joined and joined[-1].kind == TEXT and joined[-1].in_link == s.in_link:
            joined[-1] = joined[-1]._replace(text=joined[-1].text + s.text)
        else:
            joined.append(s)
    return joined


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Text as a browser shows it: adjacent text joined, each run of whitespace one space,
    none at either end, no empty text."""
    tidy = [s._replace(text=SPACES.sub(" ", s.text)) if s.kind == TEXT else s for s in _joined(segments)]
    if tidy and tidy[0].kind == TEXT:
        tidy[0] = tidy[0]._replace(text=tidy[0].text.lstrip())
    if tidy and tidy[-1].kind == TEXT:
        tidy[-1] = tidy[-1]._replace(text=tidy[-1].text.rstrip())
    return [s for s in tidy if s.text or s.kind != TEXT]


def _keep_end(segments: list[Segment], room: int) -> list[Segment]:
    """The end of ``segments`` that fits in ``room`` characters, after an ellipsis if cut:
    text is cut after a space, code and math are kept whole or left out."""
    kept: list[Segment] = []
    for s in reversed(segments):
        if len(s.text) <= room:
            kept.append(s)
            room -= len(s.text)
            continue
        tail = s.text[len(s.text) - room :].split(" ", 1)[-1] if s.kind == TEXT else ""
        kept.append(Segment(TEXT, ELLIPSIS + tail))
        break
    return kept[::-1]


def _keep_start(segments: list[Segment], room: int) -> list[Segment]:
    """The start of ``segments`` (the link's first, always kept) that fits in ``room``
    characters, then an ellipsis if cut: text is cut before a space, code and math are kept
    whole or left out."""
    kept: list[Segment] = []
    for s in segments:
        if len(s.text) <= room or s.in_link:
            kept.append(s)
            room -= len(s.text)
            continue
        head = s.text[: max(room, 0)].rsplit(" ", 1)[0] if s.kind == TEXT else ""
        kept.append(Segment(TEXT, head + ELLIPSIS))
        break
    return kept


class Backlinks:
    """The notes linking to each note (embeds count), one entry per source note, in source
    path order. Each note's context snippets are made when its entries are first asked for:
    a ``mkdocs serve`` rebuild asks only for the pages an edit reaches."""

    def __init__(self, vault):
        self.sources: dict[str, dict[str, tuple[Note, Link]]] = defaultdict(dict)
        for r in vault.link_reports():
            target = r.resolution.note
            if r.resolution.ok and target is not None and target.path != r.note.path:
                self.sources[target.path].setdefault(r.note.path, (r.note, r.link))  # its first link
        self.made: dict[str, list[Backlink]] = {}
        self.lines: dict[str, list[str]] = {}  # each source note split once

    def of(self, path: str) -> list[Backlink]:
        if path not in self.made:
            entries = self.sources.get(path, {})
            self.made[path] = [self._entry(*entries[source]) for source in sorted(entries)]
        return self.made[path]

    def _entry(self, source: Note, link: Link) -> Backlink:
        if source.path not in self.lines:
            self.lines[source.path] = visible_lines(source)
        return Backlink(source, link, snippet(source, link, self.lines[source.path]))

    def targets(self) -> list[str]:
        return sorted(self.sources)


def backlinks(vault) -> dict[str, list[Backlink]]:
    """Every note's backlinks (see Backlinks), for the notes that have any."""
    found = Backlinks(vault)
    return {path: found.of(path) for path in found.targets()}


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
