"""Audio, video and PDF players for embedded files.

No host rewrites a player's ``src``: it gets the file's final URL. Its fallback link is an
``<a>`` like any other, which the host rewrites.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

PLAYERS = {
    "audio": ("audio", {"controls": "controls", "preload": "metadata"}),
    "video": ("video", {"controls": "controls", "preload": "metadata"}),
    "pdf": ("iframe", {"loading": "lazy", "width": "100%", "height": "600"}),
}


def player(kind: str, url: str, href: str, text: str) -> etree.Element:
    """The player of an embedded ``audio``, ``video`` or ``pdf`` file at final URL ``url``;
    ``href``: the file as any other link (the fallback link, rewritten by the host)."""
    tag, attributes = PLAYERS[kind]
    element = etree.Element(tag, {"class": "embed-media", "src": url, **attributes})
    if kind == "pdf":
        element.set("title", text)
    else:
        # Fallback for browsers without the player: the link itself.
        fallback = etree.SubElement(element, "a", {"href": href})
        fallback.text = text
    return element
