"""A piece of inline Markdown as the site shows it: the text toc slugifies into a heading's id.

Python-Markdown's inline processor runs its patterns one after the other, in priority
order, over the whole text; each match becomes an element behind a placeholder
(`\x02n\x03`) that later patterns do not look into, and the element's own text (a link's,
emphasis's) is read by the patterns after the one that matched. toc then serializes the
heading, strips tags, collapses whitespace and decodes entities. :func:`shown_text` does
the same with the same patterns in the same order (:data:`STEPS`, named as the site's
Markdown names them), keeping only each element's text, as HTML (entities encoded) until
the end; it imports no Python-Markdown. tests/test_headings.py holds it to the real
pipeline, heading by heading.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Callable, NamedTuple

from .block_syntax import PAGE_INLINE_MATH
from .scanner import CODE_SPAN, LINK_CODE_OR_MATH
from .syntax import TAG, markdown_link, split_inner

PLACEHOLDER = re.compile(r"\x02(?P<index>[0-9]+)\x03")
# `&` that starts no entity: what the serializer escapes (markdown.serializers.RE_AMP).
BARE_AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
# Python-Markdown's escapable characters with those the site's extensions add
# (`|` tables, `$` arithmatex, `=` mark, `~` tilde); a test holds it to the real list.
ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|$=~")


def _text_html(text: str) -> str:
    return BARE_AMPERSAND.sub("&amp;", text)


def _code_html(code: str) -> str:
    return html.escape(code, quote=False)


NEEDS_READING = re.compile(r"[\\`$*_=~<&\[{]")  # what may be more than text


def shown_text(markdown_text: str, footnotes: frozenset[str] | None = None) -> str:
    """Inline Markdown as the page shows it (a heading's: what toc slugifies): code spans literal,
    emphasis marks that pair (Python-Markdown's rules) dropped, links by their text, HTML
    tags and references to ``footnotes`` out, entities decoded, whitespace collapsed."""
    if not NEEDS_READING.search(markdown_text):
        return " ".join(markdown_text.split())
    reading = _Reading(footnotes)
    shown = reading.html(reading.run(markdown_text))
    return html.unescape(" ".join(shown.split()))


class _Reading:
    """One text being read: what each placeholder stands for, as HTML, and the note's
    footnotes (None: any ``[^id]`` is one)."""

    def __init__(self, footnotes: frozenset[str] | None = None) -> None:
        self.stash: list[str] = []
        self.elements: set[int] = set()  # what stands for an element (not an escape, entity, raw HTML)
        self.footnotes = footnotes

    def put(self, html_text: str, element: bool = True) -> str:
        self.stash.append(html_text)
        if element:
            self.elements.add(len(self.stash) - 1)
        return f"\x02{len(self.stash) - 1}\x03"

    def element(self, markdown_text: str, step: int) -> str:
        """An element whose text is Markdown again, read by the steps from ``step`` on."""
        return self.put(self.html(self.run(markdown_text, step)))

    def run(self, text: str, first: int = 0) -> str:
        for index in range(first, len(STEPS)):
            step = STEPS[index]
            if any(trigger in text for trigger in step.triggers):
                text = step.apply(self, text, index + 1)
        return text

    def html(self, text: str) -> str:
        if "{" in text:
            text = self._without_attribute_lists(text)
        parts = PLACEHOLDER.split(text)  # text, index, text, index, ..., text
        parts[0::2] = map(_text_html, parts[0::2])
        parts[1::2] = (self.stash[int(i)] for i in parts[1::2])
        return "".join(parts)

    def _without_attribute_lists(self, text: str) -> str:
        """attr_list: an attribute list that starts the text after an inline element (up to
        the next element: escapes, entities and raw HTML are part of it) is no text."""
        elements = [m for m in PLACEHOLDER.finditer(text) if int(m["index"]) in self.elements]
        out, at = [], 0
        for m, following in zip(elements, elements[1:] + [None]):
            end = following.start() if following is not None else len(text)
            out += [text[at : m.end()], _without_attributes(text[m.end() : end])]
            at = end
        return "".join(out) + text[at:]


def _without_attributes(tail: str) -> str:
    """The text after an inline element, less an attribute list that starts it."""
    m = ATTR_LIST_AFTER_ELEMENT.match(tail)
    return tail if m is None else tail[m.end() :] + attribute_list(m["attrs"])[1]


class Step(NamedTuple):
    """One inline pattern of the site's Markdown (its name there): ``apply(reading, text,
    next_step)``, run only on text holding one of ``triggers``."""

    name: str
    triggers: tuple[str, ...]
    apply: Callable[[_Reading, str, int], str]


def _substitute(pattern: re.Pattern, replace: Callable[[_Reading, re.Match, int], str | None]):
    """A step replacing matches of ``pattern`` left to right, each search going on after the
    last placeholder in the text as it now is (so a pattern's look-behind sees it, as in
    Python-Markdown); None from ``replace`` keeps a match as it is (skipped over)."""

    def apply(reading: _Reading, text: str, step: int) -> str:
        at = 0
        while (m := pattern.search(text, at)) is not None:
            replaced = replace(reading, m, step)
            if replaced is None:
                at = m.end() if m.end() > at else at + 1
                continue
            text = text[: m.start()] + replaced + text[m.end() :]
            at = m.start() + len(replaced)
        return text

    return apply


# obsidian_wikilink (191, scripts/obsidian_markdown/inline.py): the first of a link, a
# Markdown link, a code span, math or an escape wins; only links are taken here. (The
# same pattern as the renderer's, from scanner.py.)
LINK_FIRST = LINK_CODE_OR_MATH
# An embedded file that is not a note shows no text (an image, a player).
ATTACHMENT = re.compile(r"\.(?!md$)[A-Za-z0-9]+$")


def _first_link(reading: _Reading, m: re.Match, step: int) -> str | None:
    if m["loose"] is not None:  # [text](a URL with spaces): its `[` is text (inline.py)
        return reading.put("[") + m["loose"][1:] if any(c.isspace() for c in m["loose_url"]) else None
    if m["markdown"] is not None:
        raw = m["markdown"]
        url = m["angle"] if m["angle"] is not None else m["bare"]
        link = markdown_link(raw, m["text"], url, raw.startswith("!"))
        if link is None:  # a web address: Python-Markdown's link (160) reads it
            return None
        if m["text"].strip() and not (link.embed and ATTACHMENT.search(link.path)):
            return reading.element(m["text"], step)
    elif m["link"] is not None:
        link = split_inner(m["inner"], raw=m["link"], embed=m["link"].startswith("!"))
    else:
        return None
    if link.embed and ATTACHMENT.search(link.path):
        return reading.put("")
    # shown as written but for its code spans, which are code
    shown, last = [], 0
    for code in CODE_SPAN.finditer(link.display):
        shown += [_text_html(link.display[last : code.start()]), _code_html(code["code"].strip())]
        last = code.end()
    return reading.put("".join(shown) + _text_html(link.display[last:]))


# backtick (190, pymdownx.inlinehilite): pairs of backslashes before a backtick are
# backslashes; a code span's content, stripped, is text (a `#!lang ` shebang is not).
CODE = re.compile(
    r"""
      (?<!\\)(?P<backslashes>(?:\\{2})+)(?=`)
    | (?<!\\)(?P<ticks>`+)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)
    | `+                                   # no closing run: literal backticks
    """,
    re.VERBOSE | re.DOTALL,
)
SHEBANG = re.compile(r"^(?::{3,}|\#!)[\w#.+-]*\s+")


def _code(reading: _Reading, m: re.Match, step: int) -> str | None:
    if m["backslashes"]:
        return reading.put("\\" * (len(m["backslashes"]) // 2), element=False)
    if m["code"] is None:
        return None
    return reading.put(_code_html(SHEBANG.sub("", m["code"], count=1).strip()))


# arithmatex-inline (189.9, generic; block_syntax.PAGE_INLINE_MATH): `$x$` and `\(x\)` show as
# `\(x\)` until KaTeX runs.
def _math(reading: _Reading, m: re.Match, step: int) -> str:
    escapes = m["escapes"] or m["bracket_escapes"]
    if escapes:
        return reading.put("\\" * (len(escapes) // 2), element=False)
    math = m["math"] if m["math"] is not None else m["bracket_math"]
    return reading.put(_text_html(f"\\({math}\\)"))


# escape (180): `\*` is a literal `*`; a backslash before anything else stays.
ESCAPE = re.compile(r"\\(?P<char>.)")


def _escape(reading: _Reading, m: re.Match, step: int) -> str | None:
    return reading.put(m["char"], element=False) if m["char"] in ESCAPABLE else None


# obsidian_tag and footnote (175): a tag's text is read on; toc leaves a footnote
# reference out (a reference to no footnote is text).
FOOTNOTE_REF = re.compile(r"\[\^(?P<id>[^\]]*)\]")


def _tag(reading: _Reading, m: re.Match, step: int) -> str:
    return reading.element(m[0], step)


def _footnote(reading: _Reading, m: re.Match, step: int) -> str | None:
    return reading.put("") if reading.footnotes is None or m["id"] in reading.footnotes else None


# link (160), image_link (150): a web link shows its text, read on; an image shows nothing.
# (Links to vault files were taken at 191; reference links need definitions: as written.)
LINK = re.compile(
    r"""
    (?P<image>!?)
    \[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]      # the text, [brackets] one deep inside
    \((?P<destination>(?:[^()]|\([^()]*\))*)\)   # where to, and a title
    """,
    re.VERBOSE,
)


def _link(reading: _Reading, m: re.Match, step: int) -> str:
    return reading.put("") if m["image"] else reading.element(m["text"], step)


# autolink (120), automail (110): the address is the text.
AUTOLINK = re.compile(
    r"""
      <(?P<url>[A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>
    | <(?:mailto:)?(?P<email>[^<> !]+@[^@<> ]+)>
    """,
    re.VERBOSE,
)


def _autolink(reading: _Reading, m: re.Match, step: int) -> str:
    return reading.put(_text_html(m["url"]) if m["url"] is not None else _code_html(m["email"]))


# html (90): raw inline HTML, which toc strips (markdown.inlinepatterns.HTML_RE).
INLINE_HTML = re.compile(
    r"""
    <(?:
        /?[a-zA-Z][^\s"'<>@]*                       # a tag's name
        (?:\s+[^\s"'=<>]+                           #   attributes
           (?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>]+))?
        )*\s*/?
      | !--(?:(?!<!--|-->).)*--                     # a comment
      | [?](?:(?!<[?]|[?]>).)*[?]                   # a processing instruction
      | !\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\]   # CDATA
    )>
    """,
    re.VERBOSE | re.DOTALL,
)
# entity (80): kept as written, decoded at the end.
ENTITY = re.compile(r"&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")


def _html(reading: _Reading, m: re.Match, step: int) -> str:
    return reading.put("", element=False)


def _entity(reading: _Reading, m: re.Match, step: int) -> str:
    return reading.put(m[0], element=False)


# -- emphasis: delimiter runs that pair ---------------------------------------------------
#
# em_strong (60: `*`, `_`) and pymdownx's delimiter processor (60: `==` mark, `~~` delete)
# pair runs of a character that can open with later runs that can close, as CommonMark
# does; the paired characters go, the text between is read on; the rest stay as text.

DELIMITER_RUN = re.compile(r"(?P<run>\*+|_+|=+|~+)")
WORD = re.compile(r"\w")


class _Run:
    def __init__(self, char: str, start: int, end: int, can_open: bool, can_close: bool):
        self.char, self.start, self.end = char, start, end
        self.length = end - start  # as written: the rule of 3 looks at it
        self.can_open, self.can_close = can_open, can_close

    @property
    def left(self) -> int:
        return self.end - self.start


def _punctuation(char: str | None) -> bool:
    return char is not None and unicodedata.category(char)[0] in "PS"


def _plain(char: str | None) -> bool:
    """Neither whitespace nor punctuation (nor an end of the text)."""
    return char is not None and not char.isspace() and not _punctuation(char)


def _flanking(char: str, before: str | None, after: str | None) -> tuple[bool, bool]:
    """(can open, can close) for a run of ``char`` between ``before`` and ``after`` (None
    at either end of the text, where a run can't close, or open)."""
    if char == "*":  # only whitespace matters
        return after is not None and not after.isspace(), before is not None and not before.isspace()
    if char == "_":  # not inside a word ("smart"): snake_case stays
        return (
            after is not None and not after.isspace() and (before is None or not WORD.match(before)),
            before is not None and not before.isspace() and (after is None or not WORD.match(after)),
        )
    # `=`, `~` (pymdownx): CommonMark's flanking rules, where a placeholder's edge counts
    # as a letter, and also as punctuation beside punctuation
    open_edge = before is None or before.isspace() or before == "\x03" or _punctuation(before)
    close_edge = after is None or after.isspace() or after == "\x02" or _punctuation(after)
    both = before is not None and after is not None and (
        _plain(before) and _plain(after)
        or (_punctuation(before) or before == "\x03") and (_punctuation(after) or after == "\x02")
    )
    can_open = _plain(after) or _punctuation(after) and open_edge
    can_close = _plain(before) or _punctuation(before) and close_edge
    return both or can_open, both or can_close


def _pairs(text: str, chars: str) -> list[tuple[int, int, int, int]]:
    """(open start, open end, close start, close end) of each pair of delimiters."""
    stack: list[_Run] = []
    pairs = []
    double_only = chars == "=~"
    for m in DELIMITER_RUN.finditer(text):
        char = m["run"][0]
        if char not in chars:
            continue
        before = text[m.start() - 1] if m.start() else None
        after = text[m.end()] if m.end() < len(text) else None
        run = _Run(char, m.start(), m.end(), *_flanking(char, before, after))
        while run.can_close and run.left:
            at = _opener(stack, run, double_only)
            if at is None:
                break
            opener = stack[at]
            size = 2 if opener.left >= 2 and run.left >= 2 else 1
            pairs.append((opener.end - size, opener.end, run.start, run.start + size))
            opener.end -= size
            run.start += size
            del stack[at + (opener.left > 0) :]  # runs between the pair can no longer pair
        if run.can_open and run.left and (run.left >= 2 or not double_only):
            stack.append(run)
    return pairs


def _opener(stack: list[_Run], closer: _Run, double_only: bool) -> int | None:
    for at in range(len(stack) - 1, -1, -1):
        opener = stack[at]
        if opener.char != closer.char:
            continue
        if double_only and (opener.left < 2 or closer.left < 2):
            continue
        if closer.can_open and (opener.length + closer.length) % 3 == 0 and (opener.length % 3 or closer.length % 3):
            continue  # the rule of 3, for a closer that could open (as Python-Markdown has it)
        return at
    return None


def _delimiters(chars: str) -> Callable[[_Reading, str, int], str]:
    def apply(reading: _Reading, text: str, step: int) -> str:
        pairs = _pairs(text, chars)
        if not pairs:
            return text
        dropped = {i for pair in pairs for i in (*range(pair[0], pair[1]), *range(pair[2], pair[3]))}
        out, at = [], 0
        for start, end in _outermost((o_start, c_end) for o_start, _, _, c_end in pairs):
            inner = "".join(c for i, c in enumerate(text[start:end], start) if i not in dropped)
            out += [text[at:start], reading.element(inner, step)]
            at = end
        return "".join(out) + text[at:]

    return apply


def _outermost(regions) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for start, end in sorted(regions, key=lambda r: (r[0], -r[1])):
        if found and start < found[-1][1]:
            continue
        found.append((start, end))
    return found


STEPS: tuple[Step, ...] = (
    Step("obsidian_wikilink", ("[",), _substitute(LINK_FIRST, _first_link)),
    Step("backtick", ("`",), _substitute(CODE, _code)),
    Step("arithmatex-inline", ("$", "\\("), _substitute(PAGE_INLINE_MATH, _math)),
    Step("escape", ("\\",), _substitute(ESCAPE, _escape)),
    Step("obsidian_tag", ("#",), _substitute(TAG, _tag)),
    Step("footnote", ("[^",), _substitute(FOOTNOTE_REF, _footnote)),
    Step("link", ("](",), _substitute(LINK, _link)),
    Step("autolink", ("<",), _substitute(AUTOLINK, _autolink)),
    Step("html", ("<",), _substitute(INLINE_HTML, _html)),
    Step("entity", ("&",), _substitute(ENTITY, _entity)),
    Step("em_strong", ("*", "_"), _delimiters("*_")),
    Step("delimiter", ("==", "~~"), _delimiters("=~")),
)


# -- attr_list's `{#id .class key=value}` ------------------------------------------------

# Right after an inline element (`![](pic.png){width=20}`), it is no text.
ATTR_LIST_AFTER_ELEMENT = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n ][^\n]*)\}")
ATTR = re.compile(
    r"""
      (?P<key>[^ =}]+)=(?:"(?P<double>.*?)"|'(?P<single>.*?)'|(?P<bare>[^ =}]+))   # key=value
    | \#(?P<id>[^ =}]+)                                                           # #id
    | [^ =}]+                                                                     # .class, flag
    | [ ]
    """,
    re.VERBOSE,
)


def attribute_list(attrs: str) -> tuple[str | None, str]:
    """(the id an attribute list sets: its last ``#id`` or ``id=``, or None; what follows a
    ``}`` among them, which attr_list puts back as text)."""
    found, at = None, 0
    while (m := ATTR.match(attrs, at)) is not None and m.end() > at:
        if m["id"] is not None:
            found = m["id"]
        elif m["key"] == "id":
            found = next(v for v in (m["double"], m["single"], m["bare"]) if v is not None)
        at = m.end()
    brace = attrs.find("}", at)
    return found, attrs[brace:] if brace >= 0 else ""
