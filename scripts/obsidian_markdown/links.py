"""``[[links]]`` and inline ``![[embeds]]`` of files, as HTML elements (inline.py finds them)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString, code_escape

from vault import Resolution, WikiLink
from vault.headings import slugify
from vault.paths import key
from vault.resolve import MISSING_NOTE
from vault.scanner import CODE_SPAN

from .context import REASONS, RenderContext
from .media import player

MEDIA_KINDS = {"audio", "video", "pdf"}


def wanted_anchor(target: str) -> str:
    """Id of a missing note's entry on the wanted-notes page."""
    return "wanted-" + (slugify(key(target.rsplit("/", 1)[-1])) or "note")


def render_link(link: WikiLink, resolution: Resolution, context: RenderContext) -> etree.Element:
    if not resolution.ok:
        element = unresolved(link, resolution)
        if context.wanted_page and resolution.problem == MISSING_NOTE and link.path:
            # a red link to the wanted-notes page, as in a wiki
            wanted = etree.Element("a", dict(element.attrib))
            wanted.set("href", context.href(context.wanted_page, wanted_anchor(link.path)))
            wanted.text = element.text
            wanted.extend(element)  # code in its text
            return wanted
        return element
    if resolution.attachment is not None:
        path = resolution.attachment.path
        if link.embed:
            return embed_file(link, context, path, resolution.attachment.kind)
        return anchor(context, path, link)
    note = resolution.note
    if context.same_page(note) and resolution.anchor:
        element = anchor(context, None, link, "#" + resolution.anchor)
    else:
        element = anchor(context, note.path, link, anchor=resolution.anchor)
    if link.embed:  # a note embedded inside a paragraph: shown as a link
        element.set("class", "wikilink wikilink-embed")
    return element


def anchor(context: RenderContext, path: str | None, link: WikiLink, href: str = "", anchor: str | None = None) -> etree.Element:
    """``link`` to vault file ``path`` (at ``anchor``), or to ``href`` on this page; a
    wikilink has the class ``wikilink``, a Markdown link none."""
    attributes = {} if link.markdown else {"class": "wikilink"}
    if path is None:
        element = etree.Element("a", {**attributes, "href": href})
    else:
        element = etree.Element("a", {**attributes, "href": context.href(path, anchor)})
    show_text(element, link)
    return element


def show_text(element: etree.Element, link: WikiLink) -> None:
    """A Markdown link's text is Markdown, which the later inline patterns read; any other
    link shows its display text (set_text)."""
    if link.markdown and link.label and link.label.strip():
        element.text = link.label
    else:
        set_text(element, link.display)


def set_text(element: etree.Element, text: str) -> None:
    """Link text shown as written, but for its code spans, which are code (documentation
    vaults write ``[[Api#`fn()`|`fn()`]]``): no other Markdown, no HTML."""
    if "`" not in text:
        element.text = AtomicString(text)
        return
    last, tail = 0, None
    element.text = ""
    for m in CODE_SPAN.finditer(text):
        plain = AtomicString(text[last : m.start()])
        if tail is None:
            element.text = plain
        else:
            tail.tail = plain
        tail = etree.SubElement(element, "code")
        tail.text = AtomicString(code_escape(m["code"].strip()))
        last = m.end()
    if tail is None:
        element.text = AtomicString(text)
    else:
        tail.tail = AtomicString(text[last:])


def unresolved(link: WikiLink, resolution: Resolution) -> etree.Element:
    element = etree.Element("span", {"class": "wikilink-unresolved"})
    element.set("title", f"Unresolved link: {REASONS.get(resolution.problem or '', resolution.problem)}")
    show_text(element, link)
    return element


def embed_file(link: WikiLink, context: RenderContext, path: str, kind: str) -> etree.Element:
    if kind == "image":
        image = etree.Element("img", {"src": context.href(path), "alt": _alt(link), "loading": "lazy"})
        size = link.image_size
        if size:
            image.set("width", size[0])
            if size[1]:
                image.set("height", size[1])
        return image
    if kind in MEDIA_KINDS:
        return player(kind, context.file_url(path), context.href(path), link.display)
    return anchor(context, path, link)


def _alt(link: WikiLink) -> str:
    if link.label is not None and link.image_size is None:
        return link.label.strip()
    return link.path.rsplit("/", 1)[-1]
