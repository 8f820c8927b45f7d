"""Footnote links that lead nowhere on the page are unlinked.

- A footnote defined but never cited (Readwise exports keep them): Obsidian shows it, while
  Python-Markdown's footnotes link it back to a reference that is not on the page. It keeps
  its text, without the back-reference.
- Inside an embed the ids are stripped (blocks.StripEmbeddedIdsTreeprocessor): references
  keep their number as text and definitions lose their back-references.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

BACK_REFERENCE = "footnote-backref"
REFERENCE = "footnote-ref"


def _text_before(parent: etree.Element, index: int) -> str:
    return (parent.text if index == 0 else parent[index - 1].tail) or ""


def _set_text_before(parent: etree.Element, index: int, text: str) -> None:
    if index == 0:
        parent.text = text
    else:
        parent[index - 1].tail = text


def unlink(parent: etree.Element, link: etree.Element) -> None:
    """Remove a footnote link from ``parent``: a back-reference with the no-break space
    before it, a reference leaving its number as text."""
    index = list(parent).index(link)
    before = _text_before(parent, index)
    if link.get("class") == BACK_REFERENCE:
        before = before.removesuffix(NBSP_PLACEHOLDER)
        shown = ""
    else:
        shown = link.text or ""
    _set_text_before(parent, index, before + shown + (link.tail or ""))
    parent.remove(link)


class DanglingFootnoteTreeprocessor(Treeprocessor):
    """Runs after the footnotes extension's processors and the embeds' id stripping,
    before MkDocs checks the page's links."""

    def run(self, root: etree.Element) -> None:
        links = [
            (parent, child)
            for parent in root.iter()
            for child in parent
            if child.tag == "a" and child.get("class") in (BACK_REFERENCE, REFERENCE)
        ]
        if not links:
            return
        ids = {element.get("id") for element in root.iter()}
        for parent, link in links:
            if link.get("href", "").removeprefix("#") not in ids:
                unlink(parent, link)
                if parent.tag == "p" and len(parent) == 0 and not (parent.text or "").strip():
                    self._remove_empty(root, parent)

    @staticmethod
    def _remove_empty(root: etree.Element, paragraph: etree.Element) -> None:
        """A paragraph that held only the back-reference (after a list or code)."""
        for parent in root.iter():
            if paragraph in list(parent):
                parent.remove(paragraph)
                return
