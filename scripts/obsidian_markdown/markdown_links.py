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
from .links import render_link


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
    if not resolution.ok and link.path.startswith("/") and context.note is None:
        return None  # a generated page's link to another (tags, graph): the host's to rewrite
    element = render_link(link, resolution, context)
    if m["title"] and resolution.ok:  # a broken link's title says why
        element.set("title", m["title"][1:-1])
    return element
