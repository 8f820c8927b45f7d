r"""Markdown's block syntax, written once: headings, list markers, block quotes, fences,
HTML blocks, block ids, and the inline math that the scanner blanks and the backlink
context shows.

The vault scan (scanner.py, model.py), the renderer (obsidian_markdown/) and the backlink
context (graph.py) read blocks with these patterns and nowhere else. Pattern strings
(``ATX_OPENING``, ``LIST_ITEM_MARKER``, ...) are the parts bigger patterns are built from;
compiled patterns are matched at the start of a line unless their comment says otherwise.

Block quotes have two grammars, as they mean two things:

- ``WRITTEN_QUOTES``: the ``>`` markers as written in a note, after any indentation (a
  quote in a list item is indented), each with the one space that belongs to it. Read by
  the scanner and by the renderer's source fixes, before Python-Markdown sees the text.
- ``PAGE_QUOTES``: the markers Python-Markdown's BlockQuoteProcessor strips, each after at
  most 3 spaces: what makes a quote at the margin of the page.
"""

from __future__ import annotations

import re

# -- indentation ---------------------------------------------------------------------------

TAB_WIDTH = 4  # a tab reaches the next multiple of 4 columns, as Python-Markdown expands it


def indent_width(prefix: str) -> int:
    """Columns a line's leading spaces and tabs take."""
    return len(prefix.expandtabs(TAB_WIDTH))


# -- block quotes --------------------------------------------------------------------------

QUOTE_MARK = r"[ \t]*>"  # one `>` as written: after any indentation
WRITTEN_QUOTE_MARKER = QUOTE_MARK + r"[ ]?"  # ... with the one space that belongs to it
PAGE_QUOTE_MARKER = r"[ ]{0,3}>[ ]?"  # one `>` as Python-Markdown strips it: after up to 3 spaces
WRITTEN_QUOTE = re.compile(WRITTEN_QUOTE_MARKER)  # one marker
WRITTEN_QUOTES = re.compile(f"(?:{WRITTEN_QUOTE_MARKER})*")  # all of a line's markers, maybe none
PAGE_QUOTES = re.compile(f"(?:{PAGE_QUOTE_MARKER})*")

# -- callouts ------------------------------------------------------------------------------

# Obsidian's callout: a quote whose first line is ``[!type]``, then an optional fold mark and
# title. Matched at a block's first line (the renderer: obsidian_markdown/callouts.py; the
# model's interview questions: questions.py).
CALLOUT = re.compile(
    "^" + PAGE_QUOTE_MARKER + r"""
    \[!(?P<type>[^\]\s]+)\]      # [!type]
    (?P<fold>[+-])?              # + open, - folded
    [ \t]*(?P<title>[^\n]*)      # optional title, rest of the line
    (?:\n|$)
    """,
    re.VERBOSE,
)
LINE_QUOTE_MARKER = re.compile("^" + PAGE_QUOTE_MARKER, re.MULTILINE)  # each line's first `>`

# -- headings ------------------------------------------------------------------------------

ATX_HASHES = r"\#{1,6}"
# An ATX heading's start: up to 3 spaces, 1-6 hashes, then whitespace or the line's end
# (Obsidian, CommonMark: `#tag` is a tag, not a heading).
ATX_OPENING = r"[ ]{0,3}" + ATX_HASHES + r"(?:[ \t]|$)"
HEADING_AT_MARGIN = re.compile(ATX_OPENING)  # outside any quote
HEADING_AS_WRITTEN = re.compile(WRITTEN_QUOTES.pattern + ATX_OPENING)  # in quotes as written too
HEADING_ON_PAGE = re.compile(PAGE_QUOTES.pattern + ATX_OPENING)  # in quotes the page strips too
# A whole ATX heading, as the page reads it: its level, and its text before closing hashes.
ATX_HEADING = r"""
    [ ]{0,3}
    (?P<level>\#{1,6})
    (?P<header>(?:[ \t]+                 # empty, or after whitespace: `#tag` is no heading;
        (?:\\.|\\(?=\n|\Z)|[^\\])*?)?)    #   the text, lazily; a lone `\` may end it
    \#*                                   # closing hashes (`C#` is "C"; `C\#` keeps its hash)
"""
# The line under a setext heading's title: `===` (level 1) or `---` (level 2).
SETEXT_UNDERLINE = re.compile(
    r"""
    (?P<indent>[ ]{0,3})   # indented, only at a list item's content column (see model.py)
    (?P<char>=+|-+)
    [ \t]*$
    """,
    re.VERBOSE,
)
# Python-Markdown's horizontal rule (HRProcessor): the line after one starts a block.
THEMATIC_BREAK = re.compile(
    r"""
    [ ]{0,3}
    (?:(?:-[ ]{0,2}){3,} | (?:_[ ]{0,2}){3,} | (?:\*[ ]{0,2}){3,})   # three or more, spaced by up to 2
    [ ]*$
    """,
    re.VERBOSE,
)

# -- lists ---------------------------------------------------------------------------------

LIST_ITEM_MARKER = r"[-*+]|\d{1,9}[.)]"  # a bullet, or 1-9 digits and `.` or `)` (CommonMark)
LIST_MARKER = re.compile(
    r"""
    (?P<indent>[ \t]*)
    (?P<marker>""" + LIST_ITEM_MARKER + r""")
    (?:[ \t]+|$)                    # then whitespace or the line's end
    """,
    re.VERBOSE,
)

# -- code and HTML blocks ------------------------------------------------------------------

FENCE_CHARS = r"`{3,}|~{3,}"  # three or more backticks or tildes
FENCE = re.compile(
    r"""
    (?P<quote>(?:""" + QUOTE_MARK + r""")*)   # fences may sit in block quotes and callouts
    (?P<indent>[ \t]*)
    (?P<fence>""" + FENCE_CHARS + r""")
    (?P<info>[^\r\n]*)                       # info string (language, options)
    """,
    re.VERBOSE,
)
# Python-Markdown's raw HTML block: a line that starts with one of these tags.
HTML_BLOCK_START = re.compile(
    r"""
    <(?P<tag>address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|
        footer|form|h[1-6]|header|hr|iframe|main|nav|ol|p|pre|script|section|style|
        summary|table|ul|video|audio|canvas|noscript)
    (?=[\s/>]|$)
    (?P<attrs>[^>]*)
    """,
    re.VERBOSE | re.IGNORECASE,
)

# -- block ids -----------------------------------------------------------------------------

BLOCK_ID_NAME = r"[A-Za-z0-9-]+"  # letters, digits, dashes
# `^block-id` closing a block: after whitespace at the end of a line, or alone on a line.
# Searched for anywhere in a text; it starts with the literal `^` so a search skips ahead
# fast, and block_ids() checks the character before it.
BLOCK_ID = re.compile(
    r"""
    \^(?P<id>""" + BLOCK_ID_NAME + r""")
    [ \t]*$                      # nothing after it on the line
    """,
    re.VERBOSE | re.MULTILINE,
)
# The same at the very end of a block's text (the renderer, the backlink context).
BLOCK_ID_AT_END = re.compile(
    r"""
    (?:^|(?<=\s))
    \^(?P<id>""" + BLOCK_ID_NAME + r""")
    [ \t]*\Z
    """,
    re.VERBOSE,
)
BLOCK_ID_LINE = re.compile(r"\^" + BLOCK_ID_NAME + r"[ \t]*$")  # a line that is only an id


def block_ids(text: str):
    """Matches of BLOCK_ID that stand after whitespace or at a line start."""
    for m in BLOCK_ID.finditer(text):
        if m.start() == 0 or text[m.start() - 1].isspace():
            yield m


# -- inline math ---------------------------------------------------------------------------
# pymdownx.arithmatex as mkdocs.yml configures it (generic mode, its default inline syntax:
# smart dollars and `\(...\)`). Its own patterns are not imported: that would load all of
# Python-Markdown; tests/test_block_syntax.py holds these equal to them, and to the page.

# `$x$`: its RE_SMART_DOLLAR_INLINE. No space after the opening dollar or before the
# closing one: `$ 5 and 6 $` and `costs $5 and $6` are text.
INLINE_MATH = re.compile(
    r"""
      (?<!\\)(?P<escapes>(?:\\{2})+)(?=\$)    # pairs of backslashes before a dollar: no math
    | (?<!\\)(?P<open>\$)(?!\s)               # a dollar not followed by a space,
      (?P<math>(?:\\.|[^\\$\x02\x03])+?)     #   escapes, or anything but `\`, `$`, placeholders,
      (?<!\s)\$                                 #   up to a dollar not after a space
    """,
    re.VERBOSE,
)
# `\(x\)`: its RE_BRACKET_INLINE. The scanner leaves it to the prose (a link that starts
# inside it is a link on the page: links are read first); the backlink context shows it.
ROUND_MATH = re.compile(
    r"""
      (?<!\\)(?P<bracket_escapes>(?:\\{2})+?)(?=\\\()   # pairs of backslashes before `\(`
    | (?<!\\)\\\((?P<bracket_math>(?:\\[^)]|[^\\\x02\x03])+?)\\\)
    """,
    re.VERBOSE,
)
PAGE_INLINE_MATH = re.compile(INLINE_MATH.pattern + "|" + ROUND_MATH.pattern, re.VERBOSE)  # either
# `$$x$$` inside a line, which the scanner blanks as math (arithmatex reads `$x$` in it).
DISPLAY_MATH_INLINE = re.compile(r"\$\$(?:\\.|[^\\])+?\$\$", re.DOTALL)
