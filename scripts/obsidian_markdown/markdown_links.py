"""Markdown links and images to vault files, resolved as Obsidian resolves them.

``[text](Note.md)``, ``[text](Note)``, ``[t](Note%20name.md#Heading)``,
``[t](<Note name.md>)`` and ``![alt](pic.png)`` name vault files the way wikilinks do
(vault/syntax.py ``markdown_link``; the note's own folder first, vault/resolve.py
``find_beside``). Each becomes the same element a wikilink would, with its final URL;
a URL with a scheme or from the site root is left to Python-Markdown.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor

from vault.syntax import MARKDOWN_LINK, markdown_link

from .context import RenderContext
from .links import embed_file, render_link


class MarkdownLinkInlineProcessor(InlineProcessor):
    """Before Python-Markdown's ``link`` (160) and ``image_link`` (150), with the model's
    pattern, so the page and the model agree on what is a link."""

    def __init__(self, md, context: RenderContext):
        super().__init__("", md)
        self.compiled_re = MARKDOWN_LINK
        self.context = context

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        start = m.start()
        embed = start > 0 and data[start - 1] == "!"
        start -= embed
        url = m["angle"] if m["angle"] is not None else m["bare"]
        link = markdown_link(data[start : m.end()], m["text"], url, embed)
        if link is None:
            return None, None, None  # a web address, or a path from the site root
        resolution = self.context.resolve(link)
        if embed and resolution.ok and resolution.attachment is not None:
            return embed_file(link, self.context, resolution.attachment.path, resolution.attachment.kind), start, m.end()
        element = render_link(link, resolution, self.context)
        if element.get("class") == "wikilink":
            del element.attrib["class"]  # not a wikilink, though it links the same way
        if m["title"]:
            element.set("title", m["title"][1:-1])
        if m["text"].strip():
            _markdown_text(element, m["text"])
        return element, start, m.end()


def _markdown_text(element: etree.Element, text: str) -> None:
    """A Markdown link's text is Markdown (emphasis, code), unlike a wikilink's."""
    for child in list(element):
        element.remove(child)
    element.text = text
