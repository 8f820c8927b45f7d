"""Markdown links and images to vault files, resolved as Obsidian resolves them.

``[text](Note.md)``, ``[text](Note)``, ``[t](Note%20name.md#Heading)``,
``[t](<Note name.md>)`` and ``![alt](pic.png)`` name vault files the way wikilinks do
(vault/syntax.py ``markdown_link``; the note's own folder first, vault/resolve.py
``find_beside``). Each becomes the element a wikilink would, with its final URL; a URL
with a scheme or from the site root is left to Python-Markdown.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from vault.syntax import markdown_link

from .context import RenderContext
from .links import embed_file, render_link


def render_markdown_link(m: re.Match, context: RenderContext) -> etree.Element | None:
    """The element of a match of MARKDOWN_LINK (``!`` included, as inline.py matches it),
    or None when its URL names no vault file."""
    raw = m["markdown"]
    embed = raw.startswith("!")
    url = m["angle"] if m["angle"] is not None else m["bare"]
    link = markdown_link(raw, m["text"], url, embed)
    if link is None:
        return None
    resolution = context.resolve(link)
    if embed and resolution.ok and resolution.attachment is not None:
        return embed_file(link, context, resolution.attachment.path, resolution.attachment.kind)
    element = render_link(link, resolution, context)
    if element.get("class") == "wikilink":
        del element.attrib["class"]  # not a wikilink, though it links the same way
    if m["title"]:
        element.set("title", m["title"][1:-1])
    if m["text"].strip():
        for child in list(element):
            element.remove(child)
        element.text = m["text"]  # Markdown, unlike a wikilink's text: the later patterns read it
    return element
