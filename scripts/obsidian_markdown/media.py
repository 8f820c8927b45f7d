"""Audio, video and PDF players for embedded files.

With the site's URLs known, links.py makes the player at once; otherwise the embed is an
``<a data-embed>`` the host rewrites (MkDocs' relpath), turned into a player afterwards.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from .context import FINAL

PLAYERS = {
    "audio": ("audio", {"controls": "controls", "preload": "metadata"}),
    "video": ("video", {"controls": "controls", "preload": "metadata"}),
    "pdf": ("iframe", {"loading": "lazy", "width": "100%", "height": "600"}),
}


class MediaTreeprocessor(Treeprocessor):
    def __init__(self, md, context):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        if not self.context.fallback_media:
            return
        self.context.fallback_media = False
        found = [(parent, child) for parent in root.iter() for child in parent if child.tag == "a" and child.get("data-embed") in PLAYERS]
        for parent, child in found:
            index = list(parent).index(child)
            element = player(child.get("data-embed"), child.get("href", ""), child.text or "")
            element.tail = child.tail
            parent.remove(child)
            parent.insert(index, element)


def player(kind: str, url: str, text: str, link=etree.Element) -> etree.Element:
    """The player of an embedded ``audio``, ``video`` or ``pdf`` file at ``url``;
    ``link(tag, attributes)`` makes its fallback link (context.element, for a final URL)."""
    tag, attributes = PLAYERS[kind]
    element = etree.Element(tag, {"class": "embed-media", "src": url, **attributes})
    if kind == "pdf":
        element.set("title", text)
    else:
        # Fallback for browsers without the player: the link itself.
        fallback = link("a", {"href": url})
        fallback.text = text
        element.append(fallback)
    return element


class FinalUrlTreeprocessor(Treeprocessor):
    """After MkDocs' relpath (priority 0): the links made with final URLs become ``<a>``
    and ``<img>`` again (context.element hid them, so relpath did not look them up)."""

    def __init__(self, md, context):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        for element in self.context.final:
            element.tag = element.tag[len(FINAL) :]
        self.context.final.clear()
