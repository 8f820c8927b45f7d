"""The one parser of Obsidian link syntax, used by the vault scan and by the renderer."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple
from urllib.parse import unquote

from .block_syntax import LIST_ITEM_MARKER

LINK_BODY = r"""
    \[\[
    (?P<inner>                   # everything up to the first `]]`, on one line (Obsidian's rule):
        (?![\[\]])               #   not empty, and not a third bracket (`[[[a]]]` links `a`)
        [^\[\]\n\x02\x03]*         #   anything but brackets, newlines or Markdown's placeholders,
        (?:(?:\[(?!\[)|\](?!\]))    #   and single brackets among it, `oneOf([a, b])`: a `[[`
           [^\[\]\n\x02\x03]*)*      #   starts the link anew (`[[a [[b]]` links `b`)
    )
    \]\]
"""
WIKILINK = re.compile(
    r"""
    !?                           # ![[...]] embeds (transclusion, images, media)
    """ + LINK_BODY,
    re.VERBOSE,
)
# The same without the `!`: a search for it skips ahead to `[[` much faster; the caller
# looks at the character before the match for an embed (the Markdown extension does).
WIKILINK_BRACKETS = re.compile(LINK_BODY, re.VERBOSE)


def is_embed(match: re.Match) -> bool:
    return match.group(0).startswith("!")


# The display text starts at the first pipe; inside tables it is written `\|`.
ALIAS_SEPARATOR = re.compile(r"\\?\|")

# Image embed size: `![[a.png|200]]` or `![[a.png|200x100]]`.
IMAGE_SIZE = re.compile(r"^\s*(?P<width>\d+)(?:\s*x\s*(?P<height>\d+))?\s*$")


class WikiLink(NamedTuple):
    """One link to a vault file as written, split into its parts: a ``[[...]]`` or
    ``![[...]]``, or a Markdown link or image to a vault file (``markdown``)."""

    raw: str
    path: str  # '' for a link into the same note: [[#Heading]]
    headings: tuple[str, ...]  # [[Note#H2#H3]] -> ('H2', 'H3')
    block: str | None  # [[Note#^id]] -> 'id'
    label: str | None  # text after the pipe (a Markdown link's text), None if none
    embed: bool
    markdown: bool = False  # [text](Note.md): resolved from the note's folder first

    @property
    def display(self) -> str:
        """Text a reader sees, as Obsidian's reading view shows it."""
        if self.label is not None and self.label.strip():
            return self.label.strip()
        parts = [self.path] if self.path else []
        parts += list(self.headings)
        if self.block is not None:
            parts.append("^" + self.block)
        return " > ".join(parts) or self.raw

    @property
    def image_size(self) -> tuple[str, str | None] | None:
        """(width, height or None) when the label is a size, as in ``![[a.png|200x100]]``."""
        if self.label is None:
            return None
        m = IMAGE_SIZE.match(self.label)
        return (m["width"], m["height"]) if m else None


def parse_wikilink(raw: str) -> WikiLink:
    """Split the text of one link match (``[[...]]`` or ``![[...]]``)."""
    m = WIKILINK.fullmatch(raw)
    if m is None:
        raise ValueError(f"not a wikilink: {raw!r}")
    return split_inner(m["inner"], raw=raw, embed=is_embed(m))


def parse_link(raw: str) -> WikiLink:
    """A wikilink, or a Markdown link to a vault file, from its whole text."""
    if raw.lstrip("!").startswith("[["):
        return parse_wikilink(raw)
    embed = raw.startswith("!")
    m = MARKDOWN_LINK.fullmatch(raw, embed)
    link = markdown_link(raw, m["text"], m["angle"] or m["bare"], embed) if m else None
    if link is None:
        raise ValueError(f"not a link to a vault file: {raw!r}")
    return link


@functools.lru_cache(maxsize=65536)
def link_of(raw: str) -> WikiLink:
    """The parts of a link from its whole text as matched, ``[[...]]`` or ``![[...]]``
    (cached by that text alone: the cheapest look-up, and vaults repeat their links)."""
    embed = raw.startswith("!")
    return _split(raw[2 + embed : -2], raw, embed)


@functools.lru_cache(maxsize=65536)
def split_inner(inner: str, *, raw: str, embed: bool) -> WikiLink:
    """The parts of a link (cached: vaults link the same names over and over)."""
    return _split(inner, raw, embed)


def _split(inner: str, raw: str, embed: bool, markdown: bool = False) -> WikiLink:
    """split_inner without its cache (link_of has its own)."""
    if "|" not in inner and "#" not in inner:
        return WikiLink(raw, inner.strip(), (), None, None, embed)
    target, label = inner, None
    pipe = inner.find("|")  # the first pipe, `\|` in tables (ALIAS_SEPARATOR)
    if pipe >= 0:
        target, label = inner[: pipe - 1 if pipe and inner[pipe - 1] == "\\" else pipe], inner[pipe + 1 :]
    return _with_fragments(raw, target, label, embed, markdown)


def _with_fragments(raw: str, target: str, label: str | None, embed: bool, markdown: bool) -> WikiLink:
    """The link whose target is ``path#heading#heading`` or ``path#^block``."""
    if "#" not in target:
        return WikiLink(raw, target.strip(), (), None, label, embed, markdown)
    path, *fragments = target.split("#")
    headings: list[str] = []
    block = None
    for fragment in fragments:
        fragment = fragment.strip()
        if fragment.startswith("^"):
            block = fragment[1:]
        elif fragment:
            headings.append(fragment)
    return WikiLink(raw, path.strip(), tuple(headings), block, label, embed, markdown)


# A Markdown link or image, as far as it can name a vault file: `[text](Note.md#Heading)`,
# `[text](Note%20name)`, `[text](<Note name.md>)`, `![alt](pic.png)`. It starts at its
# bracket, so a search skips ahead fast; the caller looks before it for an image's `!`.
MARKDOWN_DESTINATION = r"""
    \(                                            # the destination: (Note.md "title")
    [ ]*
    (?: <(?P<angle>[^<>\n]+)>                  # <Note name.md>: spaces allowed
      | (?P<bare>(?!<)                           # Note%20name.md#a%20>=%20b: no spaces,
           (?:[^\s()\x02\x03]                     #   no `<` first, and
           | \([^\s()\x02\x03]*\))+)              #   (balanced parentheses)
    )
    (?:[ ]+(?P<title>"[^"\n]*"|'[^'\n]*'))?       # an optional "title"
    [ ]*\)
"""
MARKDOWN_LINK = re.compile(
    r"""
    \[(?!\[)                                  # `[`, not a wikilink's `[[`
    (?P<text>(?:[^\[\]\n]                      # the text, [brackets] one deep inside,
      | \n(?![ \t]*(?:\n|[>\#]|LIST_ITEM_MARKER))   #   over lines of one paragraph
      | \[[^\[\]\n]*\])*)
    \]""".replace("LIST_ITEM_MARKER", LIST_ITEM_MARKER) + MARKDOWN_DESTINATION,
    re.VERBOSE,
)
# A destination right after a `]` is the URL, never code: `[t](<Api.md#`fn()`>)`.
AFTER_LINK_TEXT = re.compile(MARKDOWN_DESTINATION, re.VERBOSE)
# A URL with a scheme (https:, mailto:, obsidian:) or from the host's root is no vault path.
NOT_A_VAULT_PATH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")  # `/a/Note.md` is from the vault root


def markdown_link(raw: str, text: str, url: str, embed: bool) -> WikiLink | None:
    """The link a Markdown link or image makes to a vault file, as Obsidian reads it (its
    URL percent-decoded; ``#Heading``, ``#H2#H3`` and ``#^block`` after the path), or
    None for a URL that names no vault file (a scheme, ``//host``, nothing at all). A path
    from the root (``/a/Note.md``) keeps its ``/``: it is read from the vault's root only."""
    url = url.strip()  # `< https://x >`: a browser trims it
    if not url or NOT_A_VAULT_PATH.match(url):
        return None
    return _markdown_link(raw, text, url, embed)


@functools.lru_cache(maxsize=65536)
def _markdown_link(raw: str, text: str, url: str, embed: bool) -> WikiLink:
    path, *fragments = url.split("#")  # split before decoding: `%23` is part of a name
    link = _with_fragments(raw, "#".join(["", *fragments]), text, embed, True)
    return link._replace(path=unquote(path).strip(), headings=tuple(unquote(h) for h in link.headings),
                         block=unquote(link.block) if link.block is not None else None)


# An inline #tag: letters, digits, `_`, `-`, `/` (nesting), at least one non-digit, after
# white space or at a line's start: never inside a word, a URL fragment (`s/^#if/#x/`), a
# link target, an entity, or after a backslash.
TAG = re.compile(
    r"""
    \#                          # the hash first, so a search skips ahead to it fast;
    (?<!\S\#)                   # only at a line's start or after white space (Obsidian's rule)
    (?P<tag>
        (?=[\w/-]*[^\W\d])          # at least one letter
        [\w-][\w/-]*
    )
    """,
    re.VERBOSE,
)


def tag_key(tag: str) -> str:
    """Tags compare without case (as in Obsidian) and without a leading #."""
    return tag.lstrip("#").strip("/").casefold()
