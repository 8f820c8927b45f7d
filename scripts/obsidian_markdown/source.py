"""Source-level fixes before Python-Markdown parses blocks, never touching code.

- ``%%comments%%`` are removed (spans found by the vault scanner, so code is kept).
- Lists as Obsidian reads them: a list may start right after a paragraph line, nested
  items may be indented by a tab or by 2-4 spaces, and ``1)`` numbers items too;
  Python-Markdown needs a blank line before a list and 4 columns per level.
- A heading, a code fence, or a ``^block-id`` line after a table ends the block above it
  (Python-Markdown would read them as part of that paragraph or table), also in quotes; a
  line of text right after a math or HTML block starts a paragraph of its own (arithmatex
  would take it into the math).
- ``>`` is followed by a space, so a quoted fence written ``>```` lines up with its quote.
- In a table, a wikilink's ``|`` is escaped (``[[Note\\|text]]``, as Obsidian writes it there),
  so that the row's cells split around the link, not inside it: the link shows, as Quartz shows
  it and as the vault scan (and Obsidian's graph) counts it.
- Fences as CommonMark reads them (superfences takes a fence only when all its lines are
  indented alike): a fence outside a list item moves to the margin (inside its quote, if
  any), one in an item to where the list puts its opening line. Each content line loses up
  to as many spaces as the opening fence had (1-3 outside a list; also after a quote's
  ``>``), the closing fence all of its own. A fence less indented than the list item above
  it ends the list. Outside a list, the closing fence ends its block (Python-Markdown would
  run on into a paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.preprocessors import Preprocessor

from vault.block_syntax import (
    BLOCK_ID_LINE,
    FENCE,
    HEADING_AT_MARGIN,
    LIST_MARKER,
    PAGE_QUOTE_MARKER,
    QUOTE_MARK,
    SETEXT_UNDERLINE,
    WRITTEN_QUOTE,
    WRITTEN_QUOTES,
    indent_width,
)
from vault.model import lines_of
from vault.scanner import inline_spans, mask
from vault.syntax import WIKILINK_BRACKETS

from .context import RenderContext

# A link reference definition (`[id]: url`). Python-Markdown takes one anywhere in a block;
# in Obsidian (CommonMark) one cannot interrupt a paragraph, so there it is text: `[::]:80/`.
REFERENCE_DEFINITION = re.compile(
    r"""
    ^(?P<indent>(?:PAGE_QUOTE_MARKER)*[ ]{0,3})   # in a quote too
    \[(?!\^)                                 # not a footnote's [^1]:
    (?=[^\[\]\n]*\]:)
    """.replace("PAGE_QUOTE_MARKER", PAGE_QUOTE_MARKER),
    re.VERBOSE,
)
# A table's delimiter row, after its quote markers: `| --- | :-: |`, `--|--`.
TABLE_DELIMITER = re.compile(
    r"""
    ^[ ]{0,3}
    (?: \|? (?:[ ]*:?-+:?[ ]*\|)+ (?:[ ]*:?-+:?[ ]*)?    # two columns or more: `| --- | :-: |`, `--|--`
      | \| [ ]*:?-+:?[ ]* )                           # one, after a pipe: `| --- `
    $
    """,
    re.VERBOSE,
)
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
WHITESPACE_LINE = re.compile(r"(?<=\n) +\n")  # as Python-Markdown's normalize_whitespace
TIGHT_QUOTE = re.compile(f"^(?P<marks>(?:{QUOTE_MARK})+)(?=[^\\s>])")  # `>text`: no space after the marks
TAB = 4
CODE, CODE_START = 1, 2  # a line of a code, math or raw HTML block; the block's first line


@dataclass
class _Item:
    content: int  # column where the item's text starts in the source
    new_content: int  # ... and in the output


def _unquoted(line: str, quotes: int) -> str | None:
    """The line after its first ``quotes`` quote markers; None if it has fewer."""
    at = 0
    for _ in range(quotes):
        marker = WRITTEN_QUOTE.match(line, at)
        if marker is None:
            return None
        at = marker.end()
    return line[at:]


def _quote_depth(line: str) -> int:
    return WRITTEN_QUOTES.match(line)[0].count(">")


def _dash_line(line: str) -> bool:
    """A line of dashes: after a list item's line, a thematic break in Obsidian (CommonMark),
    where Python-Markdown would take the item's line for a setext title (`<h2>- item</h2>`)."""
    underline = SETEXT_UNDERLINE.match(line)
    return underline is not None and underline["char"][0] == "-"


def _spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


@dataclass
class _Fence:
    """An open fenced code block, as the scanner reads it (its code lines end at a line
    with the same character, at least as many of them and no info string)."""

    char: str
    length: int
    quotes: int  # block quote markers before it (a fence in a quote or callout)
    indent: int  # spaces before the opening fence, after the quote markers
    in_item: bool = False  # in a list item
    loose: bool = False  # after a blank line
    column: int | None = None  # where its lines go (0: the margin); None: left to the list code

    @classmethod
    def opening(cls, line: str) -> "_Fence | None":
        found = FENCE.match(line)
        if found is None:
            return None
        quotes = found["quote"].count(">")
        char, length = found["fence"][0], len(found["fence"])
        return cls(char, length, quotes, _spaces(_unquoted(line, quotes)))

    def closed_by(self, line: str) -> bool:
        found = FENCE.match(line)
        return bool(found and found["fence"][0] == self.char and len(found["fence"]) >= self.length
                    and not found["info"].strip())

    def placed(self, line: str, closing: bool = False) -> str:
        """A line of this fence at its column (inside its quote): the closing fence loses
        its indentation, other lines up to the opening fence's (CommonMark)."""
        rest = _unquoted(line, self.quotes)
        if rest is None:  # a line without the quote's `>`, which the scanner keeps in the code:
            rest = line   # in the quote on the page too (Python-Markdown would end the fence)
        if closing:  # as long as the opening: superfences closes on that length only
            rest = self.char * self.length + rest.lstrip(" \t").lstrip(self.char)
        else:
            rest = rest[min(self.indent, _spaces(rest)):]
        if not rest:
            return ">" * self.quotes
        return ("> " * self.quotes if self.quotes else " " * self.column) + rest


def code_flags(line_count: int, ranges, shift: int = 0) -> list[int]:
    """For each line, 0 for prose, CODE in a code, math or raw HTML block (from the
    scanner), CODE_START on a block's first line."""
    code = [0] * line_count
    for first, end in ranges:
        for index in range(max(first - shift, 0), min(end - shift, line_count)):
            code[index] = CODE
        if 0 <= first - shift < line_count:
            code[first - shift] = CODE_START
    return code


def remove_comments(text: str) -> tuple[str, list[bool]]:
    """Text without its comments, and which lines are code. Lines keep their numbers:
    a comment's newlines stay."""
    masked = mask(text)
    code = code_flags(text.count("\n") + 1, masked.code_lines)
    if masked.comments:
        pieces, last = [], 0
        for start, end in masked.comments:
            pieces.append(text[last:start])
            pieces.append("\n" * text.count("\n", start, end))
            last = end
        pieces.append(text[last:])
        text = "".join(pieces)
    return text, code


def fixed(lines: list[str], code: list[int]) -> list[str]:
    """The block-level fixes of a page's lines (comments already removed), given which are code."""
    return fix_lists(escape_link_pipes_in_tables(lines, code), code)


def escape_link_pipes_in_tables(lines: list[str], code: list[int]) -> list[str]:
    """``lines`` with each unescaped ``|`` inside a wikilink of a table row escaped (outside
    code spans and math). A table: a header row holding a ``|``, its delimiter row, and the rows
    after it up to a blank line, as Python-Markdown's tables read them; in a quote too."""
    def prose(i: int) -> str | None:
        if i >= len(lines) or code[i]:
            return None
        text = lines[i][WRITTEN_QUOTES.match(lines[i]).end():]
        return text if text.strip() else None

    out = list(lines)
    for i in range(1, len(lines)):
        delimiter, header = prose(i), prose(i - 1)
        if delimiter is None or header is None or "|" not in header or not TABLE_DELIMITER.match(delimiter):
            continue
        out[i - 1] = _escaped_link_pipes(lines[i - 1])
        row = i + 1
        while prose(row) is not None and _quote_depth(lines[row]) == _quote_depth(lines[i]):
            out[row] = _escaped_link_pipes(lines[row])
            row += 1
    return out


def _escaped_link_pipes(line: str) -> str:
    if "[[" not in line or "|" not in line:
        return line
    hidden = inline_spans(line)
    pieces, at = [], 0
    for link in WIKILINK_BRACKETS.finditer(line):
        if any(start <= link.start() < end for start, end in hidden):
            continue
        pieces += [line[at:link.start()], UNESCAPED_PIPE.sub(r"\\|", link.group())]
        at = link.end()
    return "".join(pieces) + line[at:]


def _tab_after(text: str, offset: int) -> bool:
    """Whether the rest of the line from ``offset`` has a tab."""
    end = text.find("\n", offset)
    return "\t" in text[offset : end if end >= 0 else len(text)]


def fix_lists(lines: list[str], code: list[int]) -> list[str]:
    """The lines with Obsidian's lists and fences written as Python-Markdown reads them
    (see the module docstring); ``code`` from code_flags."""
    fixer = _Fixer()
    for line, is_code in zip(lines, code):
        fixer.add(line, is_code)
    return fixer.out


class _Fixer:
    """The output lines, and what the lines read so far leave open."""

    def __init__(self):
        self.out: list[str] = []
        self.stack: list[_Item] = []  # the list items open, outermost first
        self.previous = "blank"  # kind of the previous line: blank, text, list
        self.fence: _Fence | None = None  # the fence whose code lines these are
        self.closed: _Fence | None = None  # a fence placed here, closed on the line before
        self.block = False  # the line before was a line of a math or HTML block (not a fence)

    def add(self, line: str, is_code: int) -> None:
        if self.block and not is_code and line.strip() and not self.stack and not WRITTEN_QUOTES.match(line)[0]:
            self.out.append("")  # the block ends there (Python-Markdown would take the line into it)
            self.previous = "blank"
        self._add(line, is_code)
        self.block = bool(is_code) and self.fence is None and self.closed is None

    def _add(self, line: str, is_code: int) -> None:
        width = indent_width(line[: len(line) - len(line.lstrip(" \t"))])
        closed, self.closed = self.closed, None
        if closed is not None and line.strip() and _ends_block(closed, line, width, self.stack):
            self.out.append(">" * min(closed.quotes, _quote_depth(line)))  # a blank or quote's empty line
            self.previous = "blank"
        in_fence = self.fence is not None and bool(is_code)
        if in_fence and self._fence_line(line):
            return
        if not in_fence and is_code == CODE_START and self._opening_fence(line, width):
            return
        if not in_fence and is_code != CODE_START:
            self.fence = None
        if not line.strip():
            self.out.append(line)
            self.previous = "blank"
            return
        if line.lstrip().startswith(">") and not in_fence:
            line = TIGHT_QUOTE.sub(r"\g<marks> ", line)
        self._line(line, width, bool(is_code))

    def _fence_line(self, line: str) -> bool:
        """A line of the open fence: True when placed here (else the list code places it)."""
        fence = self.fence
        closing = fence.closed_by(line)
        if closing:
            self.fence = None
        if fence.column is None:
            return False
        self.out.append(fence.placed(line, closing))
        self.closed = fence if closing else None
        if not fence.in_item:
            self.previous = "text"
        elif not line.strip():
            self.previous = "blank"
        return True

    def _opening_fence(self, line: str, width: int) -> bool:
        """The first line of a code block: True when it opens a fence placed here."""
        in_item = bool(self.stack) and width >= self.stack[0].content
        fence = self.fence = _opening(line, in_item)
        if fence is None:
            return False
        if not in_item:
            if self.previous != "blank":
                self.out.append(">" * fence.quotes)  # a blank line, or a quote's empty line
            self.stack.clear()  # a list it interrupts ends (CommonMark)
            self.previous = "text"
        if in_item and fence.quotes:
            return False  # a quote's fence in a list item: as the list code places it
        fence.in_item, fence.loose = in_item, self.previous == "blank"
        fence.column = _column(self.stack, width) if in_item else 0
        self.out.append(fence.placed(line))
        return True

    def _line(self, line: str, width: int, is_code: bool) -> None:
        """Any other line that is not blank: lists, and blocks that end the one above."""
        out, stack = self.out, self.stack
        if not is_code and self.previous != "blank" and (
            HEADING_AT_MARGIN.match(line) or (BLOCK_ID_LINE.match(line) and out[-1].lstrip().startswith("|"))
            or (self.previous == "list" and _dash_line(line))
        ):
            out.append("")
            self.previous = "blank"
        if not is_code and self.previous == "text":
            line = REFERENCE_DEFINITION.sub(r"\g<indent>\\[", line)  # the `[` escaped: text
        marker = None if is_code else LIST_MARKER.match(line)
        if marker and (width < TAB or stack):
            self._item(line, width, marker)
            return
        if stack and width >= stack[0].content:
            out.append(" " * _column(stack, width) + line.lstrip(" \t"))
            return
        if stack and self.previous == "blank":
            stack.clear()
        if not stack and not is_code:
            quoted = WRITTEN_QUOTES.match(line)
            if quoted[0] and out and self.previous == "text":
                rest = line[quoted.end():]
                inner = LIST_MARKER.match(rest)
                before = WRITTEN_QUOTES.match(out[-1])
                if inner and before[0] and out[-1][before.end():].strip() and not LIST_MARKER.match(out[-1][before.end():]):
                    out.append(quoted[0].rstrip())  # a list right after a quoted paragraph line
        out.append(line)
        self.previous = "text" if not stack else self.previous

    def _item(self, line: str, width: int, marker: re.Match) -> None:
        """A list item's first line, at 4 columns per level."""
        stack = self.stack
        while stack and width < stack[-1].content:
            stack.pop()
        if not stack and self.previous == "text" and _may_interrupt(marker["marker"]):
            self.out.append("")
        new_indent = stack[-1].new_content if stack else 0
        text = line.lstrip(" \t")
        if marker["marker"].endswith(")"):  # `1)`: Python-Markdown only knows `1.`
            text = marker["marker"][:-1] + "." + text[len(marker["marker"]) :]
        spaces = len(marker[0]) - len(marker["indent"]) - len(marker["marker"])
        content = width + len(marker["marker"]) + (spaces if 1 <= spaces <= TAB else 1)
        stack.append(_Item(content=content, new_content=new_indent + TAB))
        self.out.append(" " * new_indent + text)
        self.previous = "list"


def _opening(line: str, in_item: bool) -> _Fence | None:
    """The fence a code block starts with, unless it is indented code that starts with a
    fence's characters."""
    fence = _Fence.opening(line)
    return None if fence is not None and not in_item and fence.indent >= TAB else fence


def _ends_block(fence: _Fence, line: str, width: int, stack: list[_Item]) -> bool:
    """Whether a blank line goes between a closing fence and the line after it, as
    CommonMark ends the fence's block there (Python-Markdown would run on into a paragraph).
    Outside a list, always; in a list, after a fence in a loose item (the list stays loose)
    or before a line that leaves the list."""
    if not fence.in_item or fence.loose:
        return True
    return (not stack or width < stack[0].content) and not LIST_MARKER.match(line)


def _column(stack: list[_Item], width: int) -> int:
    """Where a line indented ``width`` in a list goes: into the innermost item it is
    indented enough for (the items after that one end)."""
    while len(stack) > 1 and width < stack[-1].content:
        stack.pop()
    item = stack[-1]
    return item.new_content + width - item.content


def _may_interrupt(marker: str) -> bool:
    """CommonMark: an ordered list interrupts a paragraph only when it starts at 1."""
    return not marker[0].isdigit() or marker[:-1] == "1"


class ObsidianSourcePreprocessor(Preprocessor):
    def __init__(self, md, context: RenderContext):
        super().__init__(md)
        self.context = context

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        from_model = self._from_model(text)
        if from_model is None:
            text, code = remove_comments(text)
        else:
            text, code = from_model
        return fixed(text.split("\n"), code)

    def _from_model(self, text: str) -> tuple[str, list[bool]] | None:
        """The vault scan already knows which lines are code and where the comments are,
        if this page is the note's body (or an embed, the lines it shows) as read
        (Python-Markdown expands tabs and empties blank lines): then no second scan."""
        note = self.context.note
        if note is None:
            return None
        first, last = self.context.lines or (note.body_line, None)
        if self._normalized(lines_of(note.text, first, last)).rstrip("\n") != text.rstrip("\n"):
            return None
        code = code_flags(text.count("\n") + 1, note.code_lines, shift=first - 1)
        if not note.comments:
            return text, code
        if "\t" in note.text and any(_tab_after(note.text, end) for _, end in note.comments):
            return None  # that tab would expand to another width once the comment is gone
        ending = text[len(text.rstrip("\n")) :]
        return self._normalized(lines_of(note.visible_text(), first, last)).rstrip("\n") + ending, code

    def _normalized(self, body: str) -> str:
        return WHITESPACE_LINE.sub("\n", body.replace("\r\n", "\n").expandtabs(self.md.tab_length))
