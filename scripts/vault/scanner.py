"""Find the prose in a note: everything that is not code, math, comment or frontmatter.

``mask(text)`` returns the text with every non-prose character replaced by a space
(newlines kept), so links, headings and block ids are found in the masked text with
plain regexes at their true line and column. It follows what the site renders:
Python-Markdown with superfences and arithmatex, and Obsidian's ``%%`` comments,
which the renderer removes using the spans found here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pymdownx.arithmatex import RE_SMART_DOLLAR_INLINE

FRONTMATTER_OPEN = "---"
FRONTMATTER_CLOSE = ("---", "...")

FENCE = re.compile(
    r"""
    ^(?P<quote>(?:[ \t]*>)*)     # fences may sit in block quotes and callouts
    (?P<indent>[ \t]*)
    (?P<fence>`{3,}|~{3,})       # three or more backticks or tildes
    (?P<info>.*?)\r?\n?$         # info string (language, options)
    """,
    re.VERBOSE,
)
LIST_MARKER = re.compile(
    r"""
    ^(?P<indent>[ \t]*)
    (?P<marker>[-*+]|\d{1,9}[.)])   # bullet or ordered marker
    (?:[ \t]+|$)                    # then whitespace or end of line
    """,
    re.VERBOSE,
)
ATX_HEADING = re.compile(r"^(?:[ \t]*>)*[ ]{0,3}#{1,6}(?:[ \t]|$)")
HTML_BLOCK_START = re.compile(
    r"""
    ^<(?P<tag>address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|
        footer|form|h[1-6]|header|hr|iframe|main|nav|ol|p|pre|script|section|style|
        summary|table|ul|video|audio|canvas|noscript)
    (?=[\s/>])
    (?P<attrs>[^>]*)
    """,
    re.VERBOSE | re.IGNORECASE,
)
MARKDOWN_IN_HTML = re.compile(r"""\bmarkdown\s*=\s*["']?(?:1|block|span)""")

INLINE_TOKEN = re.compile(
    r"""
      (?P<escape>\\.)            # a backslash escape: never starts anything
    | (?P<ticks>`+)              # a code span opens (closed by the same number of backticks)
    | (?P<comment>%%)            # an Obsidian comment
    | (?P<html_comment><!--)     # an HTML comment
    | (?P<dollars>\$\$)          # display math written inside a paragraph
    | (?P<dollar>\$)             # inline math
    """,
    re.VERBOSE,
)
INLINE_MATH = re.compile(RE_SMART_DOLLAR_INLINE)
DISPLAY_MATH_INLINE = re.compile(r"\$\$(?:\\.|[^\\])+?\$\$", re.DOTALL)


@dataclass
class Masked:
    """A note's text with non-prose blanked out, and where its comments were."""

    text: str
    comments: list[tuple[int, int]] = field(default_factory=list)  # char spans of %% comments
    frontmatter: str | None = None  # YAML between the fences, or None
    frontmatter_lines: int = 0  # lines the frontmatter block takes, fences included


def indent_width(prefix: str) -> int:
    return len(prefix.expandtabs(4))


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.chars = list(text)
        self.out = Masked(text="")
        # Which fences have a possible closing line after them: closing_after[c][i] is the
        # longest bare fence of char c at or after line i, so an unclosed fence (which
        # Python-Markdown leaves as text) is known in constant time.
        self.closing_after = self._closing_fences()

    # -- helpers -----------------------------------------------------------------------
    def blank(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.chars[i] != "\n" and self.chars[i] != "\r":
                self.chars[i] = " "

    def blank_line(self, i: int) -> None:
        self.blank(self.starts[i], self.starts[i + 1])

    def _closing_fences(self) -> dict[str, list[int]]:
        n = len(self.lines)
        best = {"`": [0] * (n + 1), "~": [0] * (n + 1)}
        for i in range(n - 1, -1, -1):
            for c in best:
                best[c][i] = best[c][i + 1]
            m = FENCE.match(self.lines[i])
            if m and not m["info"].strip():
                c = m["fence"][0]
                best[c][i] = max(best[c][i], len(m["fence"]))
        return best

    # -- block pass --------------------------------------------------------------------
    def run(self) -> Masked:
        i = self._frontmatter()
        n = len(self.lines)
        para_start: int | None = None  # char offset where the open paragraph starts
        prev_blank = True
        in_list = False

        def close_paragraph(end: int) -> None:
            nonlocal para_start
            if para_start is not None and end > para_start:
                self._inline(para_start, end)
            para_start = None

        while i < n:
            line = self.lines[i]
            start = self.starts[i]
            stripped = line.strip()

            if self.open_comment is not None:
                closer = "%%" if self.open_comment == "comment" else "-->"
                pos = line.find(closer)
                if pos < 0:
                    self.blank_line(i)
                    i += 1
                    continue
                end = start + pos + len(closer)
                self.blank(start, end)
                if self.open_comment == "comment":
                    self.out.comments.append((self.comment_start, end))
                self.open_comment = None
                para_start = end
                prev_blank = False
                i += 1
                continue

            if not stripped:
                close_paragraph(start)
                prev_blank = True
                i += 1
                continue

            fence = FENCE.match(line)
            if fence and (indent_width(fence["indent"]) < 4 or in_list):
                char, length = fence["fence"][0], len(fence["fence"])
                if self.closing_after[char][i + 1] >= length:
                    close_paragraph(start)
                    i = self._skip_fence(i, fence)
                    prev_blank = False
                    continue

            block_start = para_start is None
            if block_start and stripped.startswith("$$"):
                end_line = self._math_block_end(i)
                if end_line is not None:
                    for j in range(i, end_line + 1):
                        self.blank_line(j)
                    i = end_line + 1
                    prev_blank = False
                    continue

            if block_start and prev_blank and not in_list and indent_width(_lead(line)) >= 4:
                i = self._skip_indented_code(i)
                prev_blank = True
                continue

            html = HTML_BLOCK_START.match(line) if block_start and prev_blank else None
            if html:
                if MARKDOWN_IN_HTML.search(html["attrs"]):
                    self.blank_line(i)  # the tag itself; its content is Markdown
                    i += 1
                    continue
                i = self._skip_html_block(i, html["tag"].lower())
                prev_blank = False
                continue

            marker = LIST_MARKER.match(line)
            if marker:
                in_list = True
                close_paragraph(start)
            elif prev_blank and not line[:1].isspace() and not line.startswith(">"):
                in_list = False

            if ATX_HEADING.match(line):
                close_paragraph(start)
                self._inline(start, self.starts[i + 1])
                prev_blank = False
                i += 1
                continue

            if para_start is None:
                para_start = start
            prev_blank = False
            i += 1

        close_paragraph(len(self.text))
        if self.open_comment == "comment":
            self.out.comments.append((self.comment_start, len(self.text)))
        self.out.text = "".join(self.chars)
        return self.out

    open_comment: str | None = None  # 'comment' or 'html' while one spans lines
    comment_start = 0

    def _frontmatter(self) -> int:
        if not self.lines or self.lines[0].rstrip("\r\n").rstrip() != FRONTMATTER_OPEN:
            return 0
        for j in range(1, len(self.lines)):
            if self.lines[j].rstrip("\r\n").rstrip() in FRONTMATTER_CLOSE:
                self.out.frontmatter = "".join(self.lines[1:j])
                self.out.frontmatter_lines = j + 1
                for k in range(j + 1):
                    self.blank_line(k)
                return j + 1
        return 0

    def _skip_fence(self, i: int, opening: re.Match) -> int:
        char, length = opening["fence"][0], len(opening["fence"])
        self.blank_line(i)
        i += 1
        while i < len(self.lines):
            self.blank_line(i)
            m = FENCE.match(self.lines[i])
            i += 1
            if m and m["fence"][0] == char and len(m["fence"]) >= length and not m["info"].strip():
                break
        return i

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
        while i < len(self.lines):
            line = self.lines[i]
            if line.strip() and indent_width(_lead(line)) < 4:
                break
            self.blank_line(i)
            i += 1
        return i

    def _skip_html_block(self, i: int, tag: str) -> int:
        closing = f"</{tag}"
        while i < len(self.lines):
            line = self.lines[i]
            self.blank_line(i)
            i += 1
            if closing in line.lower() or not line.strip():
                break
        return i

    # -- inline pass -------------------------------------------------------------------
    def _inline(self, start: int, end: int) -> None:
        """Blank code spans, math and comments in text[start:end] (one paragraph)."""
        text = self.text
        pos = start
        while pos < end:
            m = INLINE_TOKEN.search(text, pos, end)
            if m is None:
                return
            kind = m.lastgroup
            if kind == "escape":
                pos = m.end()
            elif kind == "ticks":
                pos = self._code_span(m, end)
            elif kind == "comment":
                close = text.find("%%", m.end(), end)
                if close < 0:
                    self.blank(m.start(), end)
                    self.open_comment, self.comment_start = "comment", m.start()
                    return
                self.blank(m.start(), close + 2)
                self.out.comments.append((m.start(), close + 2))
                pos = close + 2
            elif kind == "html_comment":
                close = text.find("-->", m.end(), end)
                if close < 0:
                    self.blank(m.start(), end)
                    self.open_comment = "html"
                    return
                self.blank(m.start(), close + 3)
                pos = close + 3
            elif kind == "dollars":
                math = DISPLAY_MATH_INLINE.match(text, m.start(), end)
                if math:
                    self.blank(m.start(), math.end())
                    pos = math.end()
                else:
                    pos = m.end()
            else:
                math = INLINE_MATH.match(text, m.start(), end)
                if math and math.group(2):
                    self.blank(m.start(), math.end())
                    pos = math.end()
                else:
                    pos = m.end()

    def _code_span(self, m: re.Match, end: int) -> int:
        ticks = m["ticks"]
        search = m.end()
        while True:
            close = self.text.find(ticks, search, end)
            if close < 0:
                return m.end()  # no closing run: the backticks are literal
            after = close + len(ticks)
            if after < end and self.text[after] == "`":
                search = after
                while search < end and self.text[search] == "`":
                    search += 1
                continue
            self.blank(m.start(), after)
            return after


def _lead(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def mask(text: str) -> Masked:
    """Blank out everything in ``text`` that is not prose; see the module docstring."""
    return _Scanner(text).run()


def line_starts(text: str) -> list[int]:
    """Char offset of the start of each line (for offset -> line/column)."""
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts
