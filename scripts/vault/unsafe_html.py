"""Raw HTML in a note that would run code: ``<script>``, inline event handlers such as
``onerror=``, and ``javascript:`` URLs in Markdown links and HTML attributes.

Markdown passes raw HTML through, so these would reach the page; the site's
Content-Security-Policy blocks them, and the link checker reports them (kind
``unsafe-html``) so the author can remove them. Code, math, comments and frontmatter are
not searched (the scanner masks them), nor wikilinks (their text is shown as written);
raw HTML blocks, which the scanner masks too, are.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .scanner import Masked
from .syntax import WIKILINK


def _obfuscatable(word: str) -> str:
    """A pattern for ``word`` as a browser reads it in a URL: any case, with tabs or
    newlines between letters, letters written as numeric character references."""
    letters = [f"(?:{re.escape(c)}|&\\#0*{ord(c)};?|&\\#x0*{ord(c):x};?)" for c in word]
    return r"[\t\n\r]*".join(letters)


JAVASCRIPT_URL = _obfuscatable("javascript") + r"[\t\n\r]*(?::|&colon;|&\#0*58;?|&\#x0*3a;?)"

UNSAFE_HTML = re.compile(
    rf"""
      (?P<script><script)(?=[\s/>])              # a script element (Python-Markdown
                                                #   has no \< escape: \<script> is one too)
    | <[a-z][\w:-]*(?=[\s/])[^<>]*?              # inside a tag, after its name,
      (?<=[\s/"'])(?P<handler>on[a-z]+)\s*=       #   an event handler attribute
    | (?:
        (?:\]\(|\]:)[ \t]*<?[ \t]*               # a Markdown link or reference definition,
      | <[a-z][^<>]*?\s(?:href|src|action|formaction|xlink:href|data|poster|background)
        \s*=\s*["']?\s*                          #   or a URL attribute of a tag,
      )
      (?P<url>{JAVASCRIPT_URL})                   # whose URL runs a script
    """,
    re.VERBOSE | re.IGNORECASE,
)
WHAT = {"script": "script", "handler": "event-handler", "url": "javascript-url"}


class UnsafeHtml(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in characters
    what: str  # "script", "event-handler" or "javascript-url"
    text: str  # as written: "<script", "onerror", "javascript:"


def prose_and_html(text: str, masked: Masked) -> str:
    """The masked text with its raw HTML blocks shown again (same length as ``text``)."""
    if not masked.html_lines:
        return masked.text
    starts = masked.line_starts
    pieces, last = [], 0
    for first, end in masked.html_lines:
        start, stop = starts[first], starts[min(end, len(starts) - 1)]
        pieces += [masked.text[last:start], text[start:stop]]
        last = stop
    pieces.append(masked.text[last:])
    return "".join(pieces)


def find_unsafe_html(text: str, masked: Masked, line_starts: list[int]) -> list[UnsafeHtml]:
    """Everything in the note's prose and raw HTML that would run code, in text order
    (``line_starts``: offsets of its lines, as the model counts them)."""
    searched = prose_and_html(text, masked)
    if "<" not in searched and "](" not in searched and "]:" not in searched:
        return []  # every alternative of UNSAFE_HTML starts at one of these
    if "[[" in searched:  # a wikilink's text is shown as plain text, never as HTML
        searched = WIKILINK.sub(lambda m: " " * len(m[0]), searched)
    found = []
    for m in UNSAFE_HTML.finditer(searched):
        group = m.lastgroup
        start = m.start(group)
        index = bisect.bisect_right(line_starts, start) - 1
        found.append(UnsafeHtml(index + 1, start - line_starts[index] + 1, WHAT[group], m[group]))
    return found
