"""One built HTML page, read once with the standard library's ``html.parser``.

What the audit needs from a page: its ids, every URL it follows or fetches, each `[[`
shown as text, and each link it shows as broken, all with their HTML line and column and
with whose text they sit in (an *owner*): the page's own note, a note embedded in it, or
the note a backlink's context is quoted from. The parser never builds a tree: elements
that change the owner or hide text (code, math) are *frames* on a small stack, each counting
its own tag name's nesting, so a page is read in one pass in time linear in its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple

from .rules import (
    AROUND_CLASSES,
    BACKLINK_CONTEXT_CLASS,
    CODE_CLASSES,
    REPEATED_CLASSES,
    CODE_TAGS,
    EMBED_CONTENT_CLASS,
    EMBED_PATH_ATTRIBUTE,
    INLINE_TAGS,
    UNRESOLVED_CLASS,
    URL_ATTRIBUTES,
)

SHOWN_CHARS = 40  # of the text at a `[[`, kept to report it and to match it with an escape

# Owners: whose text a part of a page is, (kind, vault path or URL, which one on the page).
Owner = tuple[str, str, int]
PAGE: Owner = ("page", "", 0)  # the page's own note (and the theme around it)
AROUND: Owner = ("around", "", 0)  # backlinks and the local graph: not the note's links


def embedded(path: str, number: int) -> Owner:
    """Owner of the ``number``-th embedded text on a page: the note at vault ``path``."""
    return ("embed", path, number)


def quoted_from(url: str, number: int) -> Owner:
    """Owner of the ``number``-th backlink context: the note at ``url``, as written on the page."""
    return ("from", url, number)


class Reference(NamedTuple):
    tag: str
    url: str
    line: int
    column: int
    owner: Owner


class Shown(NamedTuple):
    """Text on the page: a `[[` (text: a few characters around it) or a broken link."""

    text: str
    line: int
    column: int
    owner: Owner
    reason: str = ""  # a broken link's title


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    leaks: list[Shown] = field(default_factory=list)  # each `[[` in visible text
    unresolved: list[Shown] = field(default_factory=list)  # each link shown as broken


class _Frame:
    """An open element that hides text or changes the owner, until its end tag."""

    __slots__ = ("tag", "depth", "owner", "code", "broken")

    def __init__(self, tag: str, owner=None, code: bool = False, broken: bool = False):
        self.tag, self.depth, self.owner, self.code, self.broken = tag, 1, owner, code, broken


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._frames: list[_Frame] = []
        self._owner = PAGE
        self._code = 0  # open code frames
        self._last = ""  # the last visible character (a `[[` may be split by a tag)
        self._embed_path = ""  # of the last embed box opened: its content follows
        self._backlink = ""  # the URL of the last link in a backlinks section
        self._broken: tuple[str, int, int] | None = None  # title and place of a broken link being read
        self._broken_text: list[str] = []
        self._owners = 0  # embedded texts and backlink contexts so far

    # -- elements ------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag not in INLINE_TAGS:
            self._last = ""  # a `[` in one block and one in the next are no `[[`
        for frame in self._frames:
            if frame.tag == tag:
                frame.depth += 1
        if not attrs:
            if tag in CODE_TAGS:
                self._open(_Frame(tag, code=True))
            return
        classes = ident = name = ""
        urls = URL_ATTRIBUTES.get(tag, ())
        found = []
        for key, value in attrs:
            if value is None:
                continue
            if key == "id":
                ident = value
            elif key == "class":
                classes = value
            elif key == "name":
                name = value
            elif key in urls:
                found.append(value)
            elif key == EMBED_PATH_ATTRIBUTE:
                self._embed_path = value
        ids = self.page.ids
        if ident:
            ids.add(ident)
        if name and tag == "a":
            ids.add(name)
        if found:
            line, offset = self.getpos()
            for url in found:
                self.page.references.append(Reference(tag, url, line, offset + 1, self._owner))
            if tag == "a" and self._owner == AROUND:
                self._backlink = found[0]
        if tag in CODE_TAGS:
            self._open(_Frame(tag, code=True))
        elif classes:
            self._classes(tag, classes.split(), attrs)

    def _classes(self, tag: str, classes: list[str], attrs) -> None:
        if CODE_CLASSES.intersection(classes) or REPEATED_CLASSES.intersection(classes):
            self._open(_Frame(tag, code=True))
        elif EMBED_CONTENT_CLASS in classes:
            self._open(_Frame(tag, owner=embedded(self._embed_path, self._count())))
        elif AROUND_CLASSES.intersection(classes):
            self._open(_Frame(tag, owner=AROUND))
        elif BACKLINK_CONTEXT_CLASS in classes and self._owner == AROUND:
            self._open(_Frame(tag, owner=quoted_from(self._backlink, self._count())))
        elif UNRESOLVED_CLASS in classes and self._broken is None:
            line, offset = self.getpos()
            title = dict(attrs).get("title") or ""
            self._open(_Frame(tag, broken=True))
            self._broken, self._broken_text = (title, line, offset + 1), []

    def handle_endtag(self, tag):
        if tag not in INLINE_TAGS:
            self._last = ""
        if not self._frames:
            return
        for frame in self._frames:
            if frame.tag == tag:
                frame.depth -= 1
        while self._frames and self._frames[-1].depth <= 0:
            self._close(self._frames.pop())

    def _count(self) -> int:
        self._owners += 1
        return self._owners

    def _open(self, frame: _Frame) -> None:
        self._frames.append(frame)
        if frame.code:
            self._code += 1
        if frame.owner is not None:
            self._owner = frame.owner

    def _close(self, frame: _Frame) -> None:
        if frame.code:
            self._code -= 1
        if frame.broken and self._broken is not None:
            title, line, column = self._broken
            self.page.unresolved.append(Shown("".join(self._broken_text), line, column, self._owner, title))
            self._broken = None
        if frame.owner is not None:
            self._owner = next((f.owner for f in reversed(self._frames) if f.owner is not None), PAGE)

    # -- text ----------------------------------------------------------------------------
    def handle_data(self, data):
        if self._broken is not None:
            self._broken_text.append(data)
        if self._code:
            self._last = ""
            return
        if "[[" in data or (self._last == "[" and data[:1] == "["):
            self._leaks(data)
        self._last = data[-1:]

    def _leaks(self, data: str) -> None:
        """Record each `[[` in ``data`` (the first may begin with the text before it)."""
        line, offset = self.getpos()
        starts = [0] if self._last == "[" and data[:1] == "[" else []
        index = data.find("[[", len(starts))
        while index >= 0:
            starts.append(index)
            index = data.find("[[", index + 2)
        split = bool(starts) and starts[0] == 0 and not data.startswith("[[")
        for start in starts:
            newlines = data.count("\n", 0, start)
            column = start - data.rfind("\n", 0, start) if newlines else offset + start + 1
            text = data[start : start + SHOWN_CHARS].split("\n")[0]
            if split and start == 0:  # its first `[` ended the text before (`<b>[</b>[x`)
                text = "[" + text[: SHOWN_CHARS - 1]
            self.page.leaks.append(Shown(text, line + newlines, column, self._owner))


def read_page(html: str) -> Page:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader.page
