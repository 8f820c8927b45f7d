"""Where a link starts, as Obsidian reads it: the first of a link, a code span or math wins."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from vault.scanner import LINK_CODE_OR_MATH, LINK_OR_CODE
from vault.syntax import split_inner

from .context import RenderContext
from .links import render_link
from .markdown_links import render_markdown_link

class LinkInlineProcessor(InlineProcessor):
    """Runs before code spans and math (priority 191), with a pattern that matches the
    first of a link, a code span, math or an escape: only links are handled here, the rest
    is left to its own processor, which runs next. Markdown links to vault files are
    rendered by markdown_links.py; those to the web are left to Python-Markdown. Display math
    (``$$...$$``) inside a paragraph is rendered here, as arithmatex renders a block of it:
    Obsidian shows it as math wherever it starts, and arithmatex takes only a block of its own
    (nothing else would keep its ``[a](b)`` from becoming a link)."""

    def __init__(self, md, context: RenderContext):
        super().__init__("", md)
        self.context = context

    def getCompiledRegExp(self):  # noqa: N802 (Python-Markdown's name)
        # Arithmatex registers after this extension: known only once rendering starts.
        return LINK_CODE_OR_MATH if "arithmatex-inline" in self.md.inlinePatterns else LINK_OR_CODE

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        if m["loose"] is not None:
            if any(char.isspace() for char in m["loose_url"]):
                # Not a link in Obsidian: its `[` is text, so Python-Markdown's link (160)
                # can't take it; a valid link inside (`[a]([b](https://x))`) still is one.
                return "[", m.start(), m.start() + 1
            return None, None, None
        if m.re.groupindex.get("display_math") and m["display_math"] is not None:
            return display_math(m["display_math"]), m.start("display_math"), m.end("display_math")
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


def display_math(source: str) -> etree.Element:
    """``$$...$$`` as arithmatex's generic mode writes display math, in a span (inside a
    paragraph): the site's math script typesets ``\\[...\\]`` as a block."""
    element = etree.Element("span", {"class": "arithmatex"})
    element.text = AtomicString("\\[" + source[2:-2] + "\\]")
    return element
