"""Obsidian callouts as Material admonitions.

``> [!tip] Title`` becomes ``<div class="admonition tip">``; ``[!tip]-`` (folded) and
``[!tip]+`` (open) become ``<details>``, as pymdownx.details renders them. A question
callout is marked for its items' ids (questions.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor

from vault.block_syntax import CALLOUT, LINE_QUOTE_MARKER
from vault.questions import QUESTION_TYPE
from vault.scanner import mask

from .questions import QUESTIONS_MARK
from .source import code_flags, fixed

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
        # Its lists as Obsidian reads them (nested by 2 spaces too), as at the page's margin.
        lines = content.split("\n")
        content = "\n".join(fixed(lines, code_flags(len(lines), mask(content).code_lines)))

        if m["fold"]:
            box = etree.SubElement(parent, "details", {"class": css})
            if m["fold"] == "+":
                box.set("open", "open")
            heading = etree.SubElement(box, "summary")
        else:
            box = etree.SubElement(parent, "div", {"class": f"admonition {css}"})
            heading = etree.SubElement(box, "p", {"class": "admonition-title"})
        heading.text = title
        if kind == QUESTION_TYPE:  # its items get their ids from the vault model (questions.py)
            box.set(QUESTIONS_MARK, "")
        self.parser.parseChunk(box, content)
