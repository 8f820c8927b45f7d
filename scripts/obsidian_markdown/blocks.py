"""Block ids (``^id``) as element ids, and no ids at all inside embedded notes."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from vault.block_syntax import BLOCK_ID_AT_END

BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def block_id(block: str) -> str:
    """The id attribute of a block with id ``block``: Obsidian's URL form ``#^block``."""
    return "^" + block


class BlockIdTreeprocessor(Treeprocessor):
    """Runs before inline processing, while a block's text is still its Markdown."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            previous = None
            for child in list(parent):
                removed = child.tag in BLOCK_TAGS and bool(child.text) and self._mark(parent, child, previous)
                if not removed:  # (not `child in parent`: that scan made long notes quadratic)
                    previous = child

    @staticmethod
    def _mark(parent: etree.Element, element: etree.Element, previous: etree.Element | None) -> bool:
        """Set the id of a block ending in ``^id``; True when the element was a lone
        ``^id`` paragraph and was removed."""
        text, rest = element.text, ""
        if element.tag == "li" and "\n" in text:
            # Obsidian writes a list item's id at the end of the item's own line, whatever
            # lines follow it; the item's text ends there too when the id is last.
            first, rest = text.split("\n", 1)
            if BLOCK_ID_AT_END.search(first):
                text, rest = first, "\n" + rest
            else:
                rest = ""
        m = BLOCK_ID_AT_END.search(text)
        if m is None:
            return False
        before = text[: m.start()].rstrip()
        if before:
            element.text = before + rest
            element.set("id", block_id(m["id"]))
        elif previous is not None and element.tag == "p":
            # `^id` alone after a blank line names the block before it (a list, a table...);
            # a heading keeps its own id, the block's is an anchor in it.
            if previous.tag in HEADING_TAGS:
                etree.SubElement(previous, "span", {"id": block_id(m["id"])})  # no <a>: MkDocs wants its href
            else:
                previous.set("id", block_id(m["id"]))
            parent.remove(element)
            return True
        return False


class StripEmbeddedIdsTreeprocessor(Treeprocessor):
    """Inside an embed, ids and permalinks would clash with the page's own."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "a" and "headerlink" in (child.get("class") or ""):
                    parent.remove(child)
            parent.attrib.pop("id", None)
