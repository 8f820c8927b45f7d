"""Turn embedded audio, video and PDF links into players, once their URLs are relative."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

PLAYERS = {
    "audio": ("audio", {"controls": "controls", "preload": "metadata"}),
    "video": ("video", {"controls": "controls", "preload": "metadata"}),
    "pdf": ("iframe", {"loading": "lazy", "width": "100%", "height": "600"}),
}


class MediaTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        found = [(parent, child) for parent in root.iter() for child in parent if child.tag == "a" and child.get("data-embed") in PLAYERS]
        for parent, child in found:
                kind = child.get("data-embed")
                index = list(parent).index(child)
                tag, attributes = PLAYERS[kind]
                player = etree.Element(tag, {"class": "embed-media", "src": child.get("href", ""), **attributes})
                if kind == "pdf":
                    player.set("title", child.text or "")
                else:
                    # Fallback for browsers without the player: the link itself.
                    fallback = etree.SubElement(player, "a", {"href": child.get("href", "")})
                    fallback.text = child.text
                player.tail = child.tail
                parent.remove(child)
                parent.insert(index, player)
