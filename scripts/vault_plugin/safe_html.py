"""HTML from a note, cut down to what a practice card may show: text, code, math, emphasis, lists.

The deck (practice.py) carries each question rendered by the site's Markdown pipeline; a
note may hold raw HTML, so the result passes through here before it lands in the page's DOM.
An allow-list, not a deny-list: every tag not listed is dropped (its text kept, escaped), a
tag whose content is code or a document of its own (script, style...) goes with its content,
and the only attribute kept is ``class`` (arithmatex's math, highlight's code colours).
Links become their text: the card links to the note itself.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "p", "br", "em", "strong", "b", "i", "code", "pre", "kbd", "mark", "del", "ins", "sub", "sup",
    "span", "div", "ul", "ol", "li", "blockquote",
})
VOID_TAGS = frozenset({"br"})
# Dropped with everything inside them.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "object", "embed", "svg", "math",
    "textarea", "select", "title", "head",
})
KEPT_ATTRIBUTES = frozenset({"class"})


class _Sanitizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []  # allowed tags open, innermost last
        self.skipping = 0  # depth inside a dropped-with-content element

    def handle_starttag(self, tag, attrs):
        if self.skipping or tag in DROPPED_WITH_CONTENT:
            self.skipping += 1  # whatever it holds is dropped (its text stays escaped either way)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs if name in KEPT_ATTRIBUTES)
        self.out.append(f"<{tag}{kept}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag in VOID_TAGS:
            self.out.append(f"<{tag}>")  # <br/>; any other self-closed tag is dropped

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= 1
            return
        if tag in self.open:
            while self.open:  # close what was left open inside it too
                inner = self.open.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def safe_html(fragment: str) -> str:
    """``fragment`` with only ALLOWED_TAGS, their ``class`` attributes, and escaped text."""
    sanitizer = _Sanitizer()
    sanitizer.feed(fragment)
    return sanitizer.result()
