"""Heading ids exactly as the site renders them.

``mkdocs.yml`` points the toc extension's ``slugify`` at :func:`slugify` below, so the
site and the vault model share one function; :func:`unique` de-duplicates as toc does (a
test holds it to toc's own, which is not imported: that would load all of Python-Markdown).
"""

from __future__ import annotations

import functools
import html
import re

from pymdownx.slugs import slugify as _configure_slugify

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


ATX = re.compile(
    r"""
    ^(?:[ \t]*>[ \t]?)*          # inside block quotes and callouts too
    [ ]{0,3}
    (?P<hashes>\#{1,6})
    (?:[ \t]+(?P<text>.*?))?     # the heading text
    (?:[ \t]+\#+)?               # optional closing hashes
    [ \t]*$
    """,
    re.VERBOSE,
)
ATTR_LIST_ID = re.compile(r"\s*\{:?[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")

INLINE_MARKUP = re.compile(
    r"""
      !?\[(?P<link_text>[^\]]*)\]\([^)]*\)   # [text](url), ![alt](src)
    | <[^>\n]+>                              # inline HTML tags
    | (?P<marks>\*\*|__|==|~~|\*|_(?=\S)|(?<=\S)_|`+)  # emphasis, highlight, code markers
    | \\(?P<escaped>[^\w\s])                 # backslash escapes
    """,
    re.VERBOSE,
)


def plain_text(markdown_text: str) -> str:
    """The text of a heading as a browser shows it (what toc slugifies)."""
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
