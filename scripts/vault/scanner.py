r"""Find the prose in a note: everything that is not code, math, comment or frontmatter.

``mask(text)`` returns the text with every non-prose character replaced by a space
(newlines kept), so links, headings and block ids are found in the masked text with
plain regexes at their true line and column. It follows what the site renders:
Python-Markdown with superfences and arithmatex, and Obsidian's ``%%`` comments,
which the renderer removes using the spans found here. Lines end at ``\n`` only, as in
Python-Markdown (the model turns ``\r\n`` and ``\r`` into ``\n`` first, as MkDocs does).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .block_syntax import (
    ATX_OPENING,
    DISPLAY_MATH_INLINE,
    FENCE,
    FENCE_CHARS,
    HEADING_AS_WRITTEN,
    HTML_BLOCK_START,
    INLINE_MATH,
    LIST_ITEM_MARKER,
    LIST_MARKER,
    PAGE_QUOTE_MARKER,
    QUOTE_MARK,
    indent_width,
)
from .syntax import AFTER_LINK_TEXT, MARKDOWN_LINK, WIKILINK_BRACKETS

FRONTMATTER_OPEN = "---"
FRONTMATTER_CLOSE = ("---", "...")

MARKDOWN_IN_HTML = re.compile(r"""\bmarkdown\s*=\s*["']?(?:1|block|span)""")
# HTML comments as Python-Markdown reads them: `<!--` up to the first `-->` or `--!>`.
COMMENT_OPEN = "<!--"
COMMENT_CLOSE = re.compile(
    r"""
    --!?>    # what ends a comment for html.parser (and so for Python-Markdown's raw HTML pass)
    """,
    re.VERBOSE,
)

# Characters that may open something inline that is not prose (checked in _inline), and
# `[[`, which opens a link: the link is prose, and the code span or math that would start
# inside it does not (Obsidian: whichever starts first wins); so is a Markdown link's URL.
INLINE_START = "\\`%<$"
LINK_OPENER = "[["
DESTINATION_OPENER = "]("  # a Markdown link's URL: prose, whatever it holds
# Escaped characters blanked with their backslash, so no search finds `\[[` as a link
# opener or `\![[` as an embed.
ESCAPES_BLANKED = "[]!"
NOT_NEWLINE = re.compile(r"[^\r\n]")

# Obsidian's rule between a link and what may stand around it, for readers of inline text
# (the renderer, obsidian_markdown/inline.py; shown heading text, inline_text.py): the first
# of a backslash escape, a code span, math, a `[[` link and a Markdown link wins. A code span
# or math that starts first hides a `[[`; a link that starts first holds what it holds
# (`[[Api#`fn()`|`fn()`]]`, `[t](<Api.md#`fn()`>)`). _Scanner._inline reads the same way.
CODE_SPAN_PATTERN = r"(?P<ticks>`+)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)"  # Python-Markdown's code span
CODE_SPAN = re.compile(CODE_SPAN_PATTERN, re.DOTALL)  # in a link's text, shown as code
FIRST_OF_LINK_OR_CODE = r"""
      (?P<escape>\\.)                                   # `\[[` is no link
    | """ + CODE_SPAN_PATTERN + r"""                    # a code span
    | (?P<link>!?""" + WIKILINK_BRACKETS.pattern + r""")
    | (?P<markdown>!?""" + MARKDOWN_LINK.pattern + r""")
    | (?P<loose>\[(?!\[)                          # [text](a URL with spaces): Python-Markdown's link,
        (?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(          #   text to Obsidian (CommonMark); the
        (?P<loose_url>(?:[^()\n]|\([^()\n]*\))*)\))   #   renderer decides by its URL
"""
LINK_OR_CODE = re.compile(FIRST_OF_LINK_OR_CODE, re.VERBOSE | re.DOTALL)
# The same with arithmatex's inline math among the constructs (a site that renders math).
LINK_CODE_OR_MATH = re.compile(
    FIRST_OF_LINK_OR_CODE
    + "| (?P<display_math>" + DISPLAY_MATH_INLINE.pattern + ")"
    + "| (?P<inline_math>" + INLINE_MATH.pattern + ")",
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Masked:
    """A note's text with non-prose blanked out, and where its comments were."""

    text: str
    comments: list[tuple[int, int]] = field(default_factory=list)  # char spans of %% comments
    frontmatter: str | None = None  # YAML between the fences, or None
    frontmatter_lines: int = 0  # lines the frontmatter block takes, fences included
    code_lines: list[tuple[int, int]] = field(default_factory=list)  # 0-based [first, end) of code/math/HTML blocks
    html_lines: list[tuple[int, int]] = field(default_factory=list)  # ... of raw HTML blocks and tag lines only
    line_starts: list[int] = field(default_factory=list)  # offset of each line, then len(text)
    lines: list[str] = field(default_factory=list)  # the unmasked text's lines, without their newlines
    escaped_brackets: list[int] = field(default_factory=list)  # offsets of the `\` of each `\[` in prose
    unlinked_brackets: list[int] = field(default_factory=list)  # offsets of each `[[` in prose that opens no link


LINE_STARTS_BLOCK = frozenset("`~$<#>-*+0123456789")  # first characters worth a closer look
# A line that starts (after indentation) with none of those; a run of them is one paragraph.
PLAIN_AFTER_INDENT = rf"[^\s{re.escape(''.join(sorted(LINE_STARTS_BLOCK)))}][^\n]*(?:\n|$)"
PLAIN_LINE = r"[ \t]*" + PLAIN_AFTER_INDENT
PLAIN_RUN = re.compile(f"(?:{PLAIN_LINE})+")
# Lines whose meaning needs no look around (only the state the block pass keeps), one kind
# per group; _common_lines does with them what _block_line would. Indented 4 or more, a heading
# or list item could be code, and a quote line a fence or a heading: those go the long way.
COMMON_LINES = re.compile(
    r"""
      (?P<plain>(?P<lead>[ \t]*)%(plain_after_indent)s(?:%(plain_line)s)*)   # plain lines (PLAIN_RUN)
    | (?P<blank>[ \t]*\n)                                               # a blank line (of spaces)
    | (?P<heading>(?=%(atx_opening)s)[^\n]*(?:\n|$))                       # an ATX heading
    | (?P<item>[ ]{0,3}(?:%(list_item_marker)s)(?:[ \t][^\n]*)?(?:\n|$))   # a list item
    | (?P<quote>(?:                                                    # quote lines at the
          (?=%(page_quote_marker)s)                                      #   margin, not fences
          (?!(?:%(quote_mark)s)*[ \t]*(?:%(fence_chars)s))                #   or headings
          (?!%(heading_as_written)s)
          [^\n]*(?:\n|$)
      )+)
    """
    % {
        "plain_after_indent": PLAIN_AFTER_INDENT, "plain_line": PLAIN_LINE, "atx_opening": ATX_OPENING,
        "list_item_marker": LIST_ITEM_MARKER, "page_quote_marker": PAGE_QUOTE_MARKER, "quote_mark": QUOTE_MARK,
        "fence_chars": FENCE_CHARS, "heading_as_written": HEADING_AS_WRITTEN.pattern,
    },
    re.VERBOSE | re.MULTILINE,
)


class _Line(NamedTuple):
    """A line the block pass reads closely (one that COMMON_LINES does not cover)."""

    index: int
    start: int  # its offset in the text
    text: str
    content: str  # the text after its indentation
    width: int  # columns of its indentation

    @property
    def first(self) -> str:
        return self.content[:1]


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        if len(self.lines) > 1 and not self.lines[-1]:
            self.lines.pop()  # a final newline ends the last line; no empty line after it
        # Offsets of the lines (each is one longer with its newline), and the text's end.
        self.starts = list(itertools.accumulate((len(line) + 1 for line in self.lines), initial=0))
        self.starts[-1] = len(text)
        self.spans: list[tuple[int, int]] = []  # what to blank, as char spans
        self.out = Masked(text="")
        self.fences = self._fence_lines()
        self.special = _special_positions(text)
        # What the lines read so far leave open, for the block pass:
        self.paragraph_start: int | None = None  # offset where the open paragraph starts
        self.after_blank = True  # the line before was blank (then no paragraph is open)
        self.in_list = False
        self.comment_open = False  # a %% comment runs on past the paragraph it started in
        self.comment_start = 0
        self.body_start = 0  # offset of the first line after the frontmatter
        self.html_comments: dict[int, int] | None = None  # found when a line starts with one

    # -- helpers -----------------------------------------------------------------------
    def blank(self, start: int, end: int) -> None:
        if end > start:
            self.spans.append((start, end))

    def blank_line(self, i: int) -> None:
        self.blank(self.starts[i], self.starts[i + 1])

    def _fence_lines(self) -> dict[int, re.Match]:
        """Every line shaped like a fence, found in one pass over the text."""
        fences = {}
        text, starts = self.text, self.starts
        for marker in ("```", "~~~"):  # every fence line holds one; str.find skips ahead fast
            at = text.find(marker)
            while at >= 0:
                line = bisect.bisect_right(starts, at) - 1
                if line not in fences:
                    m = FENCE.match(text, starts[line])
                    if m is not None:
                        fences[line] = m
                at = text.find(marker, starts[line + 1])
        # Longest bare (closing-shaped) fence at or after each fence line, per character,
        # so an unclosed fence (which Python-Markdown leaves as text) costs nothing to spot.
        self.fence_order = sorted(fences)
        self.longest_after: dict[tuple[str, int], int] = {}
        best = {"`": 0, "~": 0}
        for line in sorted(fences, reverse=True):
            m = fences[line]
            if not m["info"].strip():
                char = m["fence"][0]
                best[char] = max(best[char], len(m["fence"]))
            self.longest_after[("`", line)] = best["`"]
            self.longest_after[("~", line)] = best["~"]
        return fences

    def _has_closing(self, i: int, char: str, length: int) -> bool:
        k = bisect.bisect_right(self.fence_order, i)
        return k < len(self.fence_order) and self.longest_after[(char, self.fence_order[k])] >= length

    def _masked_text(self) -> str:
        pieces, last = [], 0
        for start, end in sorted(self.spans):
            if end <= last:
                continue
            start = max(start, last)
            pieces.append(self.text[last:start])
            hidden = self.text[start:end]
            if "\r" in hidden:
                pieces.append(NOT_NEWLINE.sub(" ", hidden))
            elif "\n" in hidden:
                pieces.append("\n".join([" " * len(part) for part in hidden.split("\n")]))
            else:
                pieces.append(" " * len(hidden))
            last = end
        pieces.append(self.text[last:])
        return "".join(pieces)

    # -- block pass --------------------------------------------------------------------
    def run(self) -> Masked:
        i = self._frontmatter()
        self.body_start = self.starts[i]
        while i < len(self.lines):
            i = self._read_line(i)
        self._close_paragraph(len(self.text))
        if self.comment_open:
            self.out.comments.append((self.comment_start, len(self.text)))
        self.out.text = self._masked_text()
        self.out.line_starts = self.starts
        self.out.lines = self.lines
        return self.out

    def _read_line(self, i: int) -> int:
        """Read line ``i`` and the lines that go with it; the line to read next (``i`` again
        when a ``%%`` comment turned out to run on into it)."""
        if self.comment_open:
            return self._comment_line(i)
        if not self.lines[i]:  # the most common kind of line after plain text
            return self._blank_line(i)
        common = COMMON_LINES.match(self.text, self.starts[i])
        if common is not None:
            after = self._common_lines(i, common)
            if after is not None:
                return after
        return self._block_line(self._line(i))

    def _line(self, i: int) -> _Line:
        text = self.lines[i]
        content = text.lstrip(" \t")
        lead = text[: len(text) - len(content)]
        return _Line(i, self.starts[i], text, content, indent_width(lead) if "\t" in lead else len(lead))

    def _close_paragraph(self, end: int) -> bool:
        """End the open paragraph at ``end``, reading its inline text; True when a ``%%``
        comment in it runs on (then the line at ``end`` is read again, as a line of it)."""
        start, self.paragraph_start = self.paragraph_start, None
        if start is None or end <= start:
            return False
        k = bisect.bisect_left(self.special, start)
        if k == len(self.special) or self.special[k] >= end:
            return False  # nothing in it that could open a span
        self._inline(start, end, k)
        return self.comment_open

    def _text_lines(self, i: int, end: int, ends_list: bool = False) -> int:
        """Lines of the open paragraph (or of one that starts at line ``i``) up to offset
        ``end``; ``ends_list``: a line at the margin after a blank line, which ends a list."""
        if ends_list:
            self.in_list = False
        if self.paragraph_start is None:
            self.paragraph_start = self.starts[i]
        self.after_blank = False
        return bisect.bisect_left(self.starts, end, i + 1)

    def _blank_line(self, i: int) -> int:
        self._close_paragraph(self.starts[i])
        self.after_blank = True
        return i + 1

    def _comment_line(self, i: int) -> int:
        """A line of a ``%%`` comment that runs on from an earlier line: blank to its
        closing ``%%``, after which a paragraph starts."""
        start, close = self.starts[i], self.lines[i].find("%%")
        if close < 0:
            self.blank_line(i)
            return i + 1
        end = start + close + 2
        self.blank(start, end)
        self.out.comments.append((self.comment_start, end))
        self.comment_open = False
        self.paragraph_start, self.after_blank = end, False
        return i + 1

    def _common_lines(self, i: int, common: re.Match) -> int | None:
        """The lines COMMON_LINES matched, read as _block_line would read them; None for
        plain lines that may start indented code (those go the long way)."""
        kind = common.lastgroup
        if kind == "blank":
            return self._blank_line(i)
        if kind == "heading":
            return self._heading(i, ends_list=self.after_blank and self.text[self.starts[i]] != " ")
        if kind == "item":
            return self._list_item(i)
        if kind == "quote":
            return self._text_lines(i, common.end())
        lead = common["lead"]
        width = indent_width(lead) if "\t" in lead else len(lead)
        if width >= 4 and self.paragraph_start is None and self.after_blank and not self.in_list:
            return None
        return self._text_lines(i, common.end(), ends_list=self.after_blank and width == 0)

    def _block_line(self, line: _Line) -> int:
        """Any other line: the first construct that takes it, in the order the page reads them."""
        if not line.first or line.first in "\r\n":
            return self._blank_line(line.index)
        for construct in (self._html_comment_block, self._fence, self._indented_code, self._plain_text,
                          self._math_block, self._html_block):
            after = construct(line)
            if after is not None:
                return after
        if LIST_MARKER.match(line.text):
            return self._list_item(line.index)
        ends_list = self.after_blank and line.width == 0 and line.first != ">"  # a quote goes on with it
        if line.first in "#>" and HEADING_AS_WRITTEN.match(line.text):
            return self._heading(line.index, ends_list)
        return self._text_lines(line.index, self.starts[line.index + 1], ends_list)

    def _heading(self, i: int, ends_list: bool) -> int:
        """An ATX heading: a block of one line, read inline on its own."""
        if self._close_paragraph(self.starts[i]):
            return i
        if ends_list:
            self.in_list = False
        self._inline(self.starts[i], self.starts[i + 1])
        self.after_blank = False
        return i + 1

    def _list_item(self, i: int) -> int:
        """A list item's line: it starts a paragraph of its own."""
        if self._close_paragraph(self.starts[i]):
            return i
        self.in_list = True
        return self._text_lines(i, self.starts[i + 1])

    def _html_comment_block(self, line: _Line) -> int | None:
        """An HTML comment at a line's start is a block of its own, even inside a paragraph
        (not in a list item, where the page indents it 4)."""
        at_start = line.width < 4 and not (self.in_list and line.width >= 2)
        if not (at_start and line.content.startswith(COMMENT_OPEN)):
            return None
        if self.html_comments is None:
            self.html_comments = self._html_comments(self.body_start)
        at = line.start + len(line.text) - len(line.content)
        if at not in self.html_comments:
            return None
        if self._close_paragraph(line.start):
            return line.index
        after, self.paragraph_start = self._comment_block(at, self.html_comments[at])
        self.after_blank = self.paragraph_start is None
        return after

    def _fence(self, line: _Line) -> int | None:
        """Fenced code that a later fence closes (in a list item, however indented)."""
        fence = self.fences.get(line.index)
        if fence is None or (indent_width(fence["indent"]) >= 4 and not self.in_list):
            return None
        if not self._has_closing(line.index, fence["fence"][0], len(fence["fence"])):
            return None
        if self._close_paragraph(line.start):
            return line.index
        self.after_blank = False
        return self._skip_fence(line.index, fence)

    def _indented_code(self, line: _Line) -> int | None:
        """Indented code: 4 columns in, after a blank line, outside a list."""
        if line.width < 4 or self.paragraph_start is not None or not self.after_blank or self.in_list:
            return None
        return self._skip_indented_code(line.index)  # after_blank stays: code ends at a blank line

    def _plain_text(self, line: _Line) -> int | None:
        """A line that starts with nothing that may open a block, and the plain lines after
        it: they only go on with the paragraph. (A line of other whitespace, such as U+0085
        or U+2028, is text to Markdown.)"""
        if line.first in LINE_STARTS_BLOCK:
            return None
        run = PLAIN_RUN.match(self.text, line.start)
        end = run.end() if run else self.starts[line.index + 1]
        return self._text_lines(line.index, end, ends_list=self.after_blank and line.width == 0)

    def _math_block(self, line: _Line) -> int | None:
        """A ``$$`` block of math at a block's start."""
        if self.paragraph_start is not None or not line.content.startswith("$$"):
            return None
        last = self._math_block_end(line.index)
        if last is None:
            return None
        self.blank(line.start, self.starts[last + 1])
        self.out.code_lines.append((line.index, last + 1))
        self.after_blank = False
        return last + 1

    def _html_block(self, line: _Line) -> int | None:
        """A raw HTML block after a blank line; with ``markdown=1`` only its tag's line is."""
        if line.first != "<" or self.paragraph_start is not None or not self.after_blank:
            return None
        html = HTML_BLOCK_START.match(line.text)
        if html is None:
            return None
        if MARKDOWN_IN_HTML.search(html["attrs"]):
            self.blank_line(line.index)  # the tag itself; its content is Markdown
            self.out.html_lines.append((line.index, line.index + 1))
            return line.index + 1
        self.after_blank = False
        return self._skip_html_block(line.index, html["tag"].lower())

    def _frontmatter(self) -> int:
        if not self.lines or self.lines[0].rstrip() != FRONTMATTER_OPEN:
            return 0
        for j in range(1, len(self.lines)):
            if self.lines[j].rstrip() in FRONTMATTER_CLOSE:
                self.out.frontmatter = "".join(line + "\n" for line in self.lines[1:j])
                self.out.frontmatter_lines = j + 1
                self.blank(0, self.starts[j + 1])
                return j + 1
        return 0

    def _fence_end(self, i: int, opening: re.Match) -> int:
        """The line after the fence opening at line i closes (or the number of lines)."""
        char, length = opening["fence"][0], len(opening["fence"])
        order = self.fence_order
        for k in range(bisect.bisect_right(order, i), len(order)):
            m = self.fences[order[k]]
            if m["fence"][0] == char and len(m["fence"]) >= length and not m["info"].strip():
                return order[k] + 1
        return len(self.lines)

    def _skip_fence(self, i: int, opening: re.Match) -> int:
        end = self._fence_end(i, opening)
        self.blank(self.starts[i], self.starts[end])
        self.out.code_lines.append((i, end))
        return end

    def _comment_block(self, at: int, end: int) -> tuple[int, int | None]:
        """Blank the HTML comment from ``at`` to ``end`` that the page hides as a block: the
        line after the one it ends on, and where text after it on that line starts a
        paragraph (None when there is none)."""
        self.blank(at, end)
        after = bisect.bisect_right(self.starts, end - 1)
        return after, (end if self.text[end : self.starts[after]].strip() else None)

    def _html_comments(self, start: int) -> dict[int, int]:
        """{start: end} of the HTML comments from ``start`` on, as Python-Markdown's raw HTML
        pass finds them once fenced code is set aside (code spans are no shelter): in order,
        each ``<!--`` to the first ``-->`` or ``--!>`` after it; a ``<!--`` with none is text.
        The block pass decides which of them the page hides as blocks."""
        text = self.text
        fenced = self._fenced_spans()
        fence_starts = [first for first, _ in fenced]

        def after_fence(at: int) -> int | None:
            """The end of the fenced code holding ``at``, if any."""
            k = bisect.bisect_right(fence_starts, at) - 1
            return fenced[k][1] if k >= 0 and at < fenced[k][1] else None

        found = {}
        at = text.find(COMMENT_OPEN, start)
        while at >= 0:
            skip = after_fence(at)
            if skip is not None:
                at = text.find(COMMENT_OPEN, skip)
                continue
            close = COMMENT_CLOSE.search(text, at + len(COMMENT_OPEN))
            while close is not None and (skip := after_fence(close.start())) is not None:
                close = COMMENT_CLOSE.search(text, skip)
            if close is None:
                break  # no comment ends after this one: it and the rest are text
            found[at] = close.end()
            at = text.find(COMMENT_OPEN, close.end())
        return found

    def _fenced_spans(self) -> list[tuple[int, int]]:
        """Char spans of fenced code as superfences pairs fences, before any other reading of
        the text: each fence line with a closing one after it, to that one."""
        spans = []
        k = 0
        while k < len(self.fence_order):
            line = self.fence_order[k]
            m = self.fences[line]
            if self._has_closing(line, m["fence"][0], len(m["fence"])):
                end = self._fence_end(line, m)
                spans.append((self.starts[line], self.starts[end]))
                k = bisect.bisect_left(self.fence_order, end, k)
            else:
                k += 1
        return spans

    def _math_block_end(self, i: int) -> int | None:
        """Last line of a ``$$`` block starting at line i, or None if the block isn't math."""
        first = self.lines[i].strip()
        if len(first) > 2 and first.endswith("$$"):
            return i
        j = i + 1
        while j < len(self.lines) and self.lines[j].strip():
            if self.lines[j].rstrip().endswith("$$"):
                return j
            j += 1
        return None

    def _skip_indented_code(self, i: int) -> int:
        first = i
        while i < len(self.lines):
            line = self.lines[i]
            if line.strip() and indent_width(_lead(line)) < 4:
                break
            i += 1
        self.blank(self.starts[first], self.starts[i])
        self.out.code_lines.append((first, i))
        return i

    def _skip_html_block(self, i: int, tag: str) -> int:
        closing = f"</{tag}"
        first = i
        while i < len(self.lines):
            line = self.lines[i]
            i += 1
            if closing in line.lower() or not line.strip():
                break
        self.blank(self.starts[first], self.starts[i])
        self.out.code_lines.append((first, i))
        self.out.html_lines.append((first, i))
        return i

    # -- inline pass -------------------------------------------------------------------
    def _inline(self, start: int, end: int, k: int | None = None) -> None:
        """Blank code spans, math and comments in text[start:end] (one paragraph); ``k``:
        the index in self.special of the first opener at or after start, if known."""
        text, special = self.text, self.special
        if k is None:
            k = bisect.bisect_left(special, start)
        pos = start
        for k in range(k, len(special)):
            at = special[k]
            if at >= end:
                return
            if at < pos:  # inside what was blanked, or escaped
                continue
            char = text[at]
            if char == "\\":  # a backslash escape never starts anything
                if at + 1 < end and text[at + 1] in ESCAPES_BLANKED:
                    self.blank(at, at + 2)
                    if text[at + 1] == "[":
                        self.out.escaped_brackets.append(at)
                pos = at + 2
            elif char == "[":
                link = WIKILINK_BRACKETS.match(text, at, end)
                if link is None and text.startswith("[[", at):  # shown as text, in Obsidian too
                    self.out.unlinked_brackets.append(at)
                pos = link.end() if link else at + 1
            elif char == "]":
                destination = AFTER_LINK_TEXT.match(text, at + 1, end)
                pos = destination.end() if destination else at + 1
            elif char == "`":
                pos = self._code_span(at, end)
            elif char == "%":
                pos = self._comment(at, end) if text.startswith("%%", at) else at + 1
            elif char == "<":
                pos = self._html_comment(at, end) if text.startswith(COMMENT_OPEN, at) else at + 1
            else:
                pos = self._math(at, end)
            if pos < 0:
                return

    def _comment(self, at: int, end: int) -> int:
        """Blank a ``%%`` comment; -1 when it runs past the paragraph (it goes on in later lines)."""
        close = self.text.find("%%", at + 2, end)
        if close < 0:
            self.blank(at, end)
            self.comment_open, self.comment_start = True, at
            return -1
        close += 2
        self.blank(at, close)
        self.out.comments.append((at, close))
        return close

    def _html_comment(self, at: int, end: int) -> int:
        """Blank an HTML comment inside a paragraph, as Python-Markdown's inline HTML reads
        it: closed before ``end``, with no other ``<!--`` in it; else ``<`` is text."""
        close = COMMENT_CLOSE.search(self.text, at + len(COMMENT_OPEN), end)
        if close is None or self.text.find(COMMENT_OPEN, at + len(COMMENT_OPEN), close.start()) >= 0:
            return at + 1
        self.blank(at, close.end())
        return close.end()

    def _math(self, at: int, end: int) -> int:
        if self.text.startswith("$$", at):
            math = DISPLAY_MATH_INLINE.match(self.text, at, end)
        else:
            math = INLINE_MATH.match(self.text, at, end)
            if math and math["open"] is None:
                math = None
        if math is None:
            return at + (2 if self.text.startswith("$$", at) else 1)
        self.blank(at, math.end())
        return math.end()

    def _code_span(self, at: int, end: int) -> int:
        run_end = at
        while run_end < end and self.text[run_end] == "`":
            run_end += 1
        ticks = self.text[at:run_end]
        search = run_end
        while True:
            close = self.text.find(ticks, search, end)
            if close < 0:
                return run_end  # no closing run: the backticks are literal
            after = close + len(ticks)
            if after < end and self.text[after] == "`":
                search = after
                while search < end and self.text[search] == "`":
                    search += 1
                continue
            self.blank(at, after)
            return after


def _special_positions(text: str) -> list[int]:
    """Offsets of the characters that may open something inline (INLINE_START), in order:
    found with str.find, which skips ahead much faster than a regex character class."""
    found = []
    for char in (*INLINE_START, LINK_OPENER, DESTINATION_OPENER):
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def _lead(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def without_comments(line: str) -> str:
    """A line without its ``%%comments%%``, which the page removes before reading blocks."""
    if "%%" not in line:
        return line
    for start, end in reversed(mask(line).comments):
        line = line[:start] + line[end:]
    return line


def mask(text: str) -> Masked:
    """Blank out everything in ``text`` that is not prose; see the module docstring."""
    return _Scanner(text).run()


def line_starts(text: str) -> list[int]:
    """Char offset of the start of each line (for offset -> line/column)."""
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def inline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans, math and comments that mask() blanks in ``text`` read
    as inline Markdown only (one line or paragraph, no block structure), in order: for a
    reader that shows a piece of prose with its code and math (backlink context)."""
    scanner = _Scanner(text)
    scanner._inline(0, len(text))
    return sorted(scanner.spans)
