"""Records of a vault: notes, their headings, block ids and links, read in one pass."""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from . import paths
from .block_syntax import (
    HEADING_AS_WRITTEN,
    HEADING_ON_PAGE,
    HTML_BLOCK_START,
    LIST_MARKER,
    PAGE_QUOTES,
    SETEXT_UNDERLINE,
    THEMATIC_BREAK,
    block_ids,
    indent_width,
)
from .frontmatter import parse_frontmatter
from .headings import footnote_ids, heading_parts, match_key, slugify, unique
from .inline_text import shown_text
from .paths import NoteName, VaultPath
from .questions import Question, find_questions
from .scanner import mask, without_comments
from .symlinks import link_problem
from .syntax import MARKDOWN_LINK, TAG, WIKILINK_BRACKETS, WikiLink, link_of, markdown_link, tag_key
from .unsafe_html import UnsafeHtml, find_unsafe_html

SKIPPED_DIRS = {"node_modules", "__pycache__"}


class Heading(NamedTuple):
    level: int
    text: str  # as written, Markdown included
    title: str  # as shown: plain text
    id: str  # the id the site renders
    line: int
    keys: frozenset[str] = frozenset()  # how links may name it (see headings.match_key)


class Block(NamedTuple):
    id: str
    first_line: int  # lines of the block, 1-based, inclusive, id marker excluded
    last_line: int
    marker_line: int


class Link(NamedTuple):
    link: WikiLink
    line: int  # 1-based
    column: int  # 1-based, in characters


class WebLink(NamedTuple):
    """An http(s) URL in the prose: a Markdown link, an autolink or a bare URL."""

    url: str
    line: int
    column: int


class Problem(NamedTuple):
    """Something wrong in a file that is not about a link (those the resolver reports)."""

    path: VaultPath
    line: int
    kind: str
    message: str


@dataclass
class Note:
    path: VaultPath
    text: str  # the whole source, decoded
    title: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    published: bool = True
    headings: tuple[Heading, ...] = ()
    blocks: dict[str, Block] = field(default_factory=dict)  # by lower-cased id
    duplicate_blocks: tuple[Block, ...] = ()  # later uses of an id already in blocks
    links: tuple[Link, ...] = ()
    inline_tags: tuple[str, ...] = ()  # #tags written in the text, in order, without the #
    web_links: tuple[WebLink, ...] = ()
    unsafe_html: tuple[UnsafeHtml, ...] = ()  # <script>, onerror=, javascript: URLs outside code
    code_lines: tuple[tuple[int, int], ...] = ()  # 0-based [first, end) line ranges of code, math, HTML blocks
    comments: tuple[tuple[int, int], ...] = ()  # char spans of %%comments%% in text
    escaped_brackets: tuple[int, ...] = ()  # offsets of the `\` of each `\[` in the prose (not code)
    unlinked_brackets: tuple[int, ...] = ()  # offsets of each `[[` in the prose that opens no link (`[[x` unclosed)
    body_line: int = 1  # first line after the frontmatter
    questions: tuple[Question, ...] = ()  # items of its > [!question] callouts (questions.py)
    name: NoteName = field(init=False)  # from the path (plain attributes: looked up per link)
    folder: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = paths.note_name(self.path)
        self.folder = paths.folder(self.path)

    @property
    def all_tags(self) -> tuple[str, ...]:
        """Frontmatter tags, then inline #tags, each once (first spelling kept)."""
        seen: dict[str, str] = {}
        for tag in (*self.tags, *self.inline_tags):
            seen.setdefault(tag_key(tag), tag.strip("/"))
        return tuple(seen.values())


    @property
    def body(self) -> str:
        """The text after the frontmatter: what is rendered."""
        return lines_of(self.text, self.body_line)

    def visible_text(self, blank: str = "") -> str:
        """The text without its %%comments%%, each replaced by its newlines (lines keep
        their numbers) and, with ``blank=" "``, by a space per other character (columns too)."""
        if not self.comments:
            return self.text
        pieces, last = [], 0
        for start, end in self.comments:
            pieces.append(self.text[last:start])
            pieces.append("\n".join(blank * len(part) for part in self.text[start:end].split("\n")))
            last = end
        pieces.append(self.text[last:])
        return "".join(pieces)


def lines_of(text: str, first: int, last: int | None = None) -> str:
    """Lines ``first`` to ``last`` (1-based, inclusive; None: to the end) of ``text``; lines
    end at newlines, as everywhere in the model."""
    if first == 1 and last is None:
        return text
    return "\n".join(text.split("\n")[first - 1 : last])


@dataclass(frozen=True, slots=True)
class Attachment:
    path: VaultPath

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def kind(self) -> str:
        return paths.attachment_kind(self.path)


# -- reading one note --------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, tuple[int, str] | None]:
    """Text of a file, and (line, message) if it was not valid UTF-8 (bad bytes become
    U+FFFD) or held NUL characters (U+FFFD too, as CommonMark says: no page may contain them)."""
    try:
        text, problem = data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("utf-8-sig", errors="replace")
        problem = (line, f"invalid UTF-8 at line {line} (byte {error.start}); shown with replacement characters")
    if "\x00" in text:
        if problem is None:
            line = text.count("\n", 0, text.index("\x00")) + 1
            problem = (line, f"NUL character at line {line} (not text); shown as a replacement character")
        text = text.replace("\x00", "\ufffd")
    return text, problem


# A line that may be a heading: an ATX heading's start (in quotes as written too), or a
# setext underline under its title. Found in the masked text, then read as the page reads it.
HEADING_LINE = "(?P<atx>" + HEADING_AS_WRITTEN.pattern + ") | " + SETEXT_UNDERLINE.pattern
HEADING_CANDIDATE = re.compile(f"(?:{HEADING_LINE})", re.VERBOSE | re.MULTILINE)  # at the text's start
# At a newline: a search skips from newline to newline instead of trying every character,
# and past a line whose first character can't start a heading after one test.
HEADING_AFTER_NEWLINE = re.compile(f"\\n(?=[ \\t>\\#=-])(?:{HEADING_LINE})", re.VERBOSE | re.MULTILINE)


def read_note(path: VaultPath, text: str) -> tuple[Note, list[Problem]]:
    r"""A note's records from its text. Line ends become ``\n``, as MkDocs reads files
    (universal newlines), so the model's lines are the site's."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    masked = mask(text)
    problems: list[Problem] = []
    front = parse_frontmatter(masked.frontmatter)
    for line, message in front.errors:
        problems.append(Problem(path, 1 + line, "frontmatter", message))
    starts = masked.line_starts
    masked_lines = _Lines(masked.text)
    headings_at = _heading_lines(masked.text, masked_lines, starts, masked.lines)
    blocks, duplicates = _blocks(masked.text, masked_lines, starts, headings_at, masked.lines)
    note = Note(
        path=path,
        text=text,
        title=front.title or paths.note_name(path),
        aliases=front.aliases,
        tags=front.tags,
        published=front.published,
        headings=_headings(masked.lines, headings_at, blocks) if headings_at else (),
        blocks=blocks,
        duplicate_blocks=duplicates,
        links=_links(text, masked.text, starts),
        web_links=tuple(_web_links(masked.text, starts)) if "://" in masked.text else (),
        inline_tags=_inline_tags(text, masked.text) if "#" in masked.text else (),
        unsafe_html=tuple(find_unsafe_html(text, masked, starts)),
        code_lines=tuple(masked.code_lines),
        comments=tuple(masked.comments),
        escaped_brackets=tuple(masked.escaped_brackets),
        unlinked_brackets=tuple(masked.unlinked_brackets),
        body_line=masked.frontmatter_lines + 1,
        questions=find_questions(masked.lines, masked.text, starts, masked.frontmatter_lines + 1),
    )
    return note, problems


def _line_of(starts: list[int], offset: int) -> int:
    """0-based line index of a char offset."""
    return bisect.bisect_right(starts, offset) - 1


class _Lines:
    """The masked text's lines, split when first needed (most notes have no setext heading
    and no block id, which are all that need them)."""

    def __init__(self, text: str):
        self.text = text
        self._all: list[str] | None = None

    @property
    def all(self) -> list[str]:
        if self._all is None:
            self._all = self.text.split("\n")
        return self._all


def _heading_lines(masked: str, lines: _Lines, starts: list[int], original: list[str]) -> dict[int, int]:
    """{line index: level} of the headings the page has (outside code, at its margin); a
    setext heading sits on its title line. Candidates are found in the masked text, then
    read in the ``original`` lines, as the page reads them."""
    found: dict[int, int] = {}
    underlines: set[int] = set()
    first = HEADING_CANDIDATE.match(masked)
    candidates = [(0, first["atx"])] if first is not None else []
    candidates += [(bisect.bisect_right(starts, m.start() + 1) - 1, m["atx"]) for m in HEADING_AFTER_NEWLINE.finditer(masked)]
    for index, atx in candidates:
        if atx:
            if not HEADING_ON_PAGE.match(without_comments(original[index])):
                continue  # `#`code``, or quote markers Python-Markdown does not strip
            found[index] = atx.count("#")  # its hashes: the only `#` in an ATX heading's start
        elif index > 0 and index - 1 not in found and _is_setext_title(lines.all, original, index - 1, found, underlines):
            found[index - 1] = 1 if original[index].strip().startswith("=") else 2
            underlines.add(index)
    return found  # in line order: candidates come in order, a setext title just before its underline


def _headings(original: list[str], levels: dict[int, int], blocks: dict[str, Block]) -> tuple[Heading, ...]:
    used_ids: set[str] = {"^" + block.id for block in blocks.values()}
    found: list[tuple[int, str, int, str | None]] = []  # level, text, line, explicit id
    for index, level in levels.items():
        text, explicit_id = heading_source(original[index])
        if explicit_id:
            used_ids.add(explicit_id)
        found.append((level, text, index + 1, explicit_id))
    # a footnote reference in a heading is left out of its id when the note defines it
    footnotes = footnote_ids("\n".join(original)) if any("[^" in text for _, text, _, _ in found) else None
    headings = []
    for level, text, line, explicit_id in found:
        title, slug, keys = heading_identity(text, footnotes)
        heading_id = explicit_id or unique(slug, used_ids)
        headings.append(Heading(level, text, title, heading_id, line, keys))
    return tuple(headings)


@functools.lru_cache(maxsize=8192)
def heading_source(line: str) -> tuple[str, str | None]:
    """(Markdown text, explicit ``{#id}`` or None) of a heading's line, ATX or setext title;
    cached, as heading_identity below."""
    return heading_parts(line)


@functools.lru_cache(maxsize=8192)
def heading_identity(text: str, footnotes: frozenset[str] | None = None) -> tuple[str, str, frozenset[str]]:
    """(shown title, slug before de-duplication, link keys) of a heading's Markdown (in a
    note defining ``footnotes``, when it refers to any); cached, since vaults repeat their
    section names ("Pitfalls", "References")."""
    title = shown_text(text, footnotes)
    return title, slugify(title), frozenset({match_key(title), match_key(text)})


def _is_setext_title(masked: list[str], original: list[str], index: int, found: dict[int, int], underlines: set[int]) -> bool:
    """Whether line ``index`` is a setext title on the page: the next line an underline as
    written (``- `x``` is a list item, however it masks), and this line the first of its
    block, as Python-Markdown's SetextHeaderProcessor wants: after a blank line (or code,
    comment, frontmatter), a heading or a thematic break. Titles that are list items,
    quotes or table rows are left out, as Obsidian reads them."""
    underline = without_comments(original[index + 1])
    m = SETEXT_UNDERLINE.match(underline)
    if m is None or LIST_MARKER.match(underline):  # `-` alone is an empty list item
        return False
    if m["indent"] and not _at_item_margin(masked, original, index + 1, len(m["indent"])):
        return False
    line = masked[index]
    if not line.strip() or HEADING_AS_WRITTEN.match(line) or line.lstrip().startswith((">", "|")) or LIST_MARKER.match(line):
        return False
    if HTML_BLOCK_START.match(original[index]):
        return False  # a raw HTML block on the page (`<h6>date</h6>`), then a thematic break
    before = index - 1
    return (before < 0 or not masked[before].strip() or before in found or before in underlines
            or THEMATIC_BREAK.match(original[before]) is not None)


def _at_item_margin(masked: list[str], original: list[str], index: int, width: int) -> bool:
    """Whether line ``index``, indented ``width`` columns (1-3), is at the margin of a list
    item's content: the line above it less indented (blank and code lines aside) is an item
    whose text starts at that column, where obsidian_markdown/source.py puts the item's lines."""
    for above in range(index - 1, -1, -1):
        if not masked[above].strip():
            continue
        line = original[above]
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if indent_width(lead) >= width:
            continue
        item = LIST_MARKER.match(line)
        return item is not None and _content_column(item) == width
    return False


def _content_column(item: re.Match) -> int:
    """Where a list item's text starts (CommonMark: 1-4 spaces after the marker, else 1),
    as obsidian_markdown/source.py reads it."""
    spaces = len(item[0]) - len(item["indent"]) - len(item["marker"])
    return indent_width(item["indent"]) + len(item["marker"]) + (spaces if 1 <= spaces <= 4 else 1)


def _blocks(masked: str, masked_lines: _Lines, starts: list[int], headings: dict[int, int], original: list[str]) -> tuple[dict[str, Block], tuple[Block, ...]]:
    blocks: dict[str, Block] = {}
    duplicates: list[Block] = []
    if "^" not in masked:
        return blocks, ()
    lines = masked_lines.all
    for m in block_ids(masked):
        index = _line_of(starts, m.start())
        if index in headings or _text_goes_on(lines, original, headings, index):
            continue
        alone = not masked[starts[index] : m.start()].strip()
        if alone and index > 0 and not lines[index - 1].strip():
            last = index - 1
            while last >= 0 and not lines[last].strip():
                last -= 1
        else:
            last = index - 1 if alone else index
        first = last
        while first > 0 and lines[first - 1].strip() and first - 1 not in headings:
            first -= 1
        if last < 0:
            continue
        block = Block(m["id"], first + 1, last + 1, index + 1)
        if block.id.lower() in blocks:
            duplicates.append(block)
        else:
            blocks[block.id.lower()] = block
    return blocks, tuple(duplicates)


def _text_goes_on(masked: list[str], original: list[str], headings: dict[int, int], index: int) -> bool:
    """Whether the block that line ``index`` ends in goes on in the next line, so an id at
    its end is inside it, not at its end (page and Obsidian alike). A list item's own line
    ends its id's block (Obsidian writes the id there, above the item's other lines); the
    next line ends it when it is blank or code, or starts a block of its own (a heading, a
    list item, a quote, a thematic break, an HTML block, a note embed)."""
    after = index + 1
    if after >= len(original) or not masked[after].strip() or after in headings:
        return False
    line, quotes = _unquoted(original[index])
    if LIST_MARKER.match(line):
        return False
    following, following_quotes = _unquoted(original[after])
    if following_quotes > quotes or LIST_MARKER.match(following) or THEMATIC_BREAK.match(following):
        return False
    if following.startswith("<") and HTML_BLOCK_START.match(following.lstrip()):
        return False
    return NOTE_EMBED_LINE.match(following) is None


# A line that is only an embed of a note (no extension, or .md): the page's EmbedBlockProcessor
# makes it a block of its own; an image embed stays in its paragraph.
NOTE_EMBED_LINE = re.compile(
    r"""
    [ \t]*!\[\[
    (?P<target>[^\]|\#^.]*(?:\.md)?)   # a target without an extension, or a note's
    (?:[\#|][^\]]*)?                  # then a heading, block or label
    \]\][ \t]*$
    """,
    re.VERBOSE | re.IGNORECASE,
)
def _unquoted(line: str) -> tuple[str, int]:
    """A line without its block quote markers, and how many there were."""
    quotes = PAGE_QUOTES.match(line)[0]
    return line[len(quotes):], quotes.count(">")


def _links(text: str, masked: str, starts: list[int]) -> tuple[Link, ...]:
    """Wikilinks and embeds, then Markdown links to vault files, in the order written."""
    links = _wikilinks(text, masked, starts)
    if "](" in masked:
        markdown = _markdown_links(text, masked, starts)
        if markdown:
            return tuple(sorted(links + markdown, key=lambda link: (link.line, link.column)))
    return tuple(links)


def _wikilinks(text: str, masked: str, starts: list[int]) -> list[Link]:
    links = []
    for m in WIKILINK_BRACKETS.finditer(masked):  # `[[` first: a fast search; `!` looked up
        start, end = m.span()
        if start and masked[start - 1] == "!":
            start -= 1
        raw = text[start:end]
        if raw != masked[start:end]:
            continue  # part of it is code or math: not a link on the page either
        index = bisect.bisect_right(starts, start) - 1
        links.append(Link(link_of(raw), index + 1, start - starts[index] + 1))
    return links


def _inline_tags(text: str, masked: str) -> tuple[str, ...]:
    """#tags in the prose, after white space in the source too (code just before a `#`
    is blank in the masked text, but no white space on the page)."""
    return tuple(m["tag"] for m in TAG.finditer(masked) if not m.start() or text[m.start() - 1].isspace())


def _markdown_links(text: str, masked: str, starts: list[int]) -> list[Link]:
    """``[text](Note.md)`` and ``![alt](pic.png)`` whose URL names a vault file (found in the
    masked text, so none in code; the text may hold code, read from the source)."""
    links = []
    for m in MARKDOWN_LINK.finditer(masked):
        start, end = m.span()
        url_start, url_end = m.span("angle") if m["angle"] is not None else m.span("bare")
        url = text[url_start:url_end]
        if url != masked[url_start:url_end]:
            continue  # code or math in the URL: Python-Markdown reads it otherwise
        embed = start > 0 and masked[start - 1] == "!"
        text_start, text_end = m.span("text")
        link = markdown_link(text[start - embed : end], text[text_start:text_end], url, embed)
        if link is not None:
            index = bisect.bisect_right(starts, start - embed) - 1
            links.append(Link(link, index + 1, start - embed - starts[index] + 1))
    return links


WEB_URL = re.compile(
    r"""
    https?://                    # only the web: other schemes are not checked
    (?:[^\s<>"'`\[\]()]           # up to whitespace, a bracket, a quote or a paren,
      | \([^\s()]*\)             # but balanced parentheses are part of it (Wikipedia)
    )+
    (?<![.,;:!?*_~])             # trailing punctuation belongs to the sentence
    """,
    re.VERBOSE,
)


def _web_links(masked: str, starts: list[int]) -> list[WebLink]:
    found = []
    for m in WEB_URL.finditer(masked):
        index = _line_of(starts, m.start())
        found.append(WebLink(m[0], index + 1, m.start() - starts[index] + 1))
    return found


# -- reading a folder --------------------------------------------------------------------


def walk(root: str) -> tuple[list[VaultPath], list[VaultPath], list[Problem]]:
    """Note paths and attachment paths under root, sorted. Symbolic links to folders are not
    followed, links to files outside the vault are skipped; each is reported (see symlinks)."""
    notes: list[VaultPath] = []
    attachments: list[VaultPath] = []
    problems: list[Problem] = []
    real_root = os.path.realpath(root)

    def onerror(error: OSError) -> None:
        where = os.path.relpath(error.filename or root, root).replace(os.sep, "/")
        problems.append(Problem(VaultPath(where), 0, "unreadable", f"cannot read: {error.strerror}"))

    def linked(folder: str, name: str, path: VaultPath, is_folder: bool) -> bool:
        """Whether a symbolic link is left out (and reported)."""
        full = os.path.join(folder, name)
        if not os.path.islink(full):
            return False
        problem = link_problem(real_root, full, path, is_folder)
        if problem is not None:
            problems.append(Problem(path, 0, *problem))
        return problem is not None

    for folder, dirs, files in os.walk(root, onerror=onerror):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")

        def vault_path(name: str) -> VaultPath:
            return VaultPath(name if relative == "." else f"{relative}/{name}")

        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                         and not linked(folder, d, vault_path(d), is_folder=True))
        for name in files:
            if name.startswith("."):
                continue
            path = vault_path(name)
            if os.path.islink(os.path.join(folder, name)) and not os.path.exists(os.path.join(folder, name)):
                problems.append(Problem(path, 0, "unreadable", "broken symbolic link"))
                continue
            if linked(folder, name, path, is_folder=False):
                continue
            (notes if name.lower().endswith(paths.NOTE_SUFFIX) else attachments).append(path)
    return sorted(notes), sorted(attachments), problems
