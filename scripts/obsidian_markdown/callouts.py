"""Obsidian callouts as Material admonitions.

``> [!tip] Title`` becomes ``<div class="admonition tip">``; ``[!tip]-`` (folded) and
``[!tip]+`` (open) become ``<details>``, as pymdownx.details renders them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor

from vault.block_syntax import PAGE_QUOTE_MARKER

CALLOUT = re.compile(
    "^" + PAGE_QUOTE_MARKER + r"""
    \[!(?P<type>[^\]\s]+)\]      # [!type]
    (?P<fold>[+-])?              # + open, - folded
    [ \t]*(?P<title>[^\n]*)      # optional title, rest of the line
    (?:\n|$)
    """,
    re.VERBOSE,
)
LINE_QUOTE_MARKER = re.compile("^" + PAGE_QUOTE_MARKER, re.MULTILINE)  # each line's first `>`

# Obsidian's types and aliases all have a Material admonition class of the same name.
KNOWN_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
}


class CalloutBlockProcessor(BlockProcessor):
    def test(self, parent, block) -> bool:
        return bool(CALLOUT.match(block))

    def run(self, parent, blocks) -> None:
        block = blocks.pop(0)
        m = CALLOUT.match(block)
        kind = m["type"].lower()
        css = kind if kind in KNOWN_TYPES else f"note {kind}"
        title = m["title"].strip() or kind.capitalize()
        # Its lines are the quote's lines (a blank line ends a quote, as in Obsidian).
        content = LINE_QUOTE_MARKER.sub("", block[m.end():])

        if m["fold"]:
            box = etree.SubElement(parent, "details", {"class": css})
            if m["fold"] == "+":
                box.set("open", "open")
            heading = etree.SubElement(box, "summary")
        else:
            box = etree.SubElement(parent, "div", {"class": f"admonition {css}"})
            heading = etree.SubElement(box, "p", {"class": "admonition-title"})
        heading.text = title
        self.parser.parseChunk(box, content)
