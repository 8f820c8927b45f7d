"""Where a link starts, as Obsidian reads it: the first of a link, a code span or math wins."""

from __future__ import annotations

import re

from markdown.inlinepatterns import InlineProcessor

from vault.scanner import DISPLAY_MATH_INLINE, INLINE_MATH
from vault.syntax import LINK_BODY, MARKDOWN_LINK, split_inner

from .context import RenderContext
from .links import render_link
from .markdown_links import render_markdown_link

# Obsidian's rule between a link and what may stand around it: whichever starts first wins.
# A backslash escape, a code span or math that starts before a `[[` hides it; a `[[` that
# starts first is a link, whatever it holds (`[[Api#`fn()`|`fn()`]]`), and so is a Markdown
# link (`[t](<Api.md#`fn()`>)`). The scanner (vault/scanner.py) reads the same way, so the
# model's links are the page's.
FIRST_OF_LINK_OR_CODE = r"""
      (?P<escape>\\.)                                   # `\[[` is no link
    | (?P<ticks>`+)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)   # a code span (Python-Markdown's)
    | (?P<link>!?""" + LINK_BODY + r""")
    | (?P<markdown>!?""" + MARKDOWN_LINK.pattern + r""")
"""
LINK_OR_CODE = re.compile(FIRST_OF_LINK_OR_CODE, re.VERBOSE | re.DOTALL)
# With arithmatex's inline math (as the scanner reads it) among the constructs.
LINK_CODE_OR_MATH = re.compile(
    FIRST_OF_LINK_OR_CODE
    + "| (?P<display_math>" + DISPLAY_MATH_INLINE.pattern + ")"
    + "| (?P<inline_math>" + INLINE_MATH.pattern + ")",
    re.VERBOSE | re.DOTALL,
)


class LinkInlineProcessor(InlineProcessor):
    """Runs before code spans and math (priority 191), with a pattern that matches the
    first of a link, a code span, math or an escape: only links are handled here, the rest
    is left to its own processor, which runs next. Markdown links to vault files are
    rendered by markdown_links.py; those to the web are left to Python-Markdown."""

    def __init__(self, md, context: RenderContext):
        super().__init__("", md)
        self.context = context

    def getCompiledRegExp(self):  # noqa: N802 (Python-Markdown's name)
        # Arithmatex registers after this extension: known only once rendering starts.
        return LINK_CODE_OR_MATH if "arithmatex-inline" in self.md.inlinePatterns else LINK_OR_CODE

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        if m["markdown"] is not None:
            element = render_markdown_link(m, self.context)
            return (element, m.start(), m.end()) if element is not None else (None, None, None)
        if m["link"] is None:
            return None, None, None
        start = m.start("link")
        embed = data[start] == "!"
        link = split_inner(m["inner"], raw=m["link"], embed=embed)
        resolution = self.context.resolve(link)
        return render_link(link, resolution, self.context), start, m.end("link")
