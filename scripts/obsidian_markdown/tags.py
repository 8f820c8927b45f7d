"""Inline ``#tags`` as links to their tag page, and headings that need a space after ``#``.

In Obsidian (and CommonMark) ``#tag`` at the start of a line is a tag, not a heading;
Python-Markdown would make it a heading, so its heading processor is replaced by one
that wants whitespace after the hashes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import HashHeaderProcessor
from markdown.inlinepatterns import InlineProcessor

from vault.block_syntax import ATX_HEADING
from vault.syntax import TAG, tag_key

from .context import RenderContext

TAGS_FOLDER = "tags"


def tag_page(tag: str) -> str:
    """Vault path of a tag's generated page: ``tags/ml/ranking.md`` for ``#ML/ranking``.
    A part that starts with a dot (a frontmatter tag ``.net``, or ``..``) starts with ``_``
    instead: MkDocs leaves dot files out of the site, and no page may leave ``tags/``."""
    parts = [part if not part.startswith(".") else "_" + part.lstrip(".") for part in tag_key(tag).split("/") if part]
    return f"{TAGS_FOLDER}/{'/'.join(parts) or '_'}.md"


class TagInlineProcessor(InlineProcessor):
    def __init__(self, md, context: RenderContext):
        super().__init__("", md)
        self.compiled_re = TAG
        self.context = context

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        page = tag_page(m["tag"])
        if self.context.tag_pages:
            element = etree.Element("a", {"class": "tag", "href": self.context.href(page)})
        else:  # no tag pages (a host without our plugin): the tag as text
            element = etree.Element("span", {"class": "tag"})
        element.text = "#" + m["tag"]
        return element, m.start(0), m.end(0)


class ObsidianHashHeaderProcessor(HashHeaderProcessor):
    RE = re.compile(r"(?:^|\n)" + ATX_HEADING + r"(?:\n|$)", re.VERBOSE)  # `#tag` is no heading
