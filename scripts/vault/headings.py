"""Heading ids exactly as the site renders them.

``mkdocs.yml`` points the toc extension's ``slugify`` at :func:`slugify` below, so the
site and the vault model share one function; :func:`unique` de-duplicates as toc does (a
test holds it to toc's own, which is not imported: that would load all of Python-Markdown).

toc slugifies a heading's *rendered* text, which vault/inline_text.py reads from its
Markdown; :func:`heading_parts` finds that Markdown in the heading's line, as the site's
Markdown does.
"""

from __future__ import annotations

import functools
import html
import re

from pymdownx.slugs import slugify as _configure_slugify

from .block_syntax import ATX_HEADING, WRITTEN_QUOTES
from .inline_text import attribute_list
from .scanner import without_comments
from .syntax import WIKILINK, is_embed, split_inner

# Unicode-aware, lower case: "Präzision & Recall" -> "präzision-recall".
_slugify = _configure_slugify(case="lower")
SEPARATOR = "-"


def slugify(text: str, separator: str = SEPARATOR) -> str:
    return _slugify(text, separator)


ID_COUNT = re.compile(r"^(?P<base>.*)_(?P<count>[0-9]+)$")


def unique(id_: str, ids: set[str]) -> str:
    """``id_``, or if it is empty or taken, the first free of ``base_N`` counting on from
    the id's own ``_N`` suffix (``base`` is the id without it); the result joins ``ids``."""
    if not id_ or id_ in ids:
        m = ID_COUNT.match(id_)
        base, count = (m["base"], int(m["count"])) if m else (id_, 0)
        count += 1
        while f"{base}_{count}" in ids:
            count += 1
        id_ = f"{base}_{count}"
    ids.add(id_)
    return id_


# -- a heading's line: its Markdown and an explicit id ----------------------------------

# A heading's line as the page reads it, in quotes as written too.
ATX = re.compile("^" + WRITTEN_QUOTES.pattern + ATX_HEADING + "$", re.VERBOSE)
# attr_list's `{#id .class key=value}` closing a heading, after a space (then toc keeps
# the id).
ATTR_LIST = re.compile(
    r"""
    [ ]+\{:?[ ]*
    (?P<attrs>[^}\n ][^\n]*)
    \}[ ]*$
    """,
    re.VERBOSE,
)


def heading_parts(line: str) -> tuple[str, str | None]:
    """(Markdown text, explicit id or None) of a heading's line, ATX or setext title, as
    the site reads it: ``%%comments%%`` out, closing hashes and a closing attribute list
    (``{#id}``, ``{: .class}``) off."""
    line = without_comments(line)
    m = ATX.match(line)
    text = m["header"].strip() if m else line.strip()
    attrs = ATTR_LIST.search(text) if "}" in text else None
    if attrs is None:
        return text, None
    explicit, rest = attribute_list(attrs["attrs"])
    if rest:  # a `}` too many: no attribute list
        return text, None
    text = text[: attrs.start()]
    return (text.rstrip("#").rstrip() if m else text), explicit


# `[^id]: ...` at a line start: a footnote (a reference to it in a heading is no text).
FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^(?P<id>[^\]]*)\]:", re.MULTILINE)


def footnote_ids(text: str) -> frozenset[str]:
    """The ids of the footnotes a note defines (``[^id]: ...``)."""
    return frozenset(m["id"] for m in FOOTNOTE_DEFINITION.finditer(text))


# -- backlink context (vault/graph.py) ------------------------------------------------------

INLINE_MARKUP = re.compile(
    r"""
      !?\[(?P<link_text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)   # [text](url), ![alt](src); [brackets] one deep
    | <[^>\n]+>                              # inline HTML tags
    | (?P<marks>\*\*|(?<!\w)__|__(?!\w)|==|~~|\*    # emphasis, highlight, code markers; an
        | (?<!\w)_(?=\S)|(?<=\S)_(?!\w)|`+)           #   underscore inside a word is a letter
    | \\(?P<escaped>[^\w\s])                 # backslash escapes
    """,
    re.VERBOSE,
)


def plain_text(markdown_text: str) -> str:
    """A piece of prose as text, for backlink context: every emphasis mark dropped (a piece
    may hold one mark of a pair). Headings read vault/inline_text.py's ``shown_text``."""
    text = WIKILINK.sub(lambda m: split_inner(m["inner"], raw=m[0], embed=is_embed(m)).display, markdown_text)

    def strip(m: re.Match) -> str:
        if m["link_text"] is not None:
            return m["link_text"]
        if m["escaped"] is not None:
            return m["escaped"]
        return ""

    return html.unescape(INLINE_MARKUP.sub(strip, text)).strip()


PUNCTUATION = re.compile(r"[^\w\s-]")


@functools.lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """How a link's heading text is compared with a heading, as Obsidian does: case,
    spacing and punctuation (which heading links drop, e.g. `?`, `#`, `:`) do not matter."""
    return " ".join(PUNCTUATION.sub(" ", text).casefold().split())
