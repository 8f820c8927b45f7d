"""``[[links]]`` and inline ``![[embeds]]`` of files, as HTML elements."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import quote

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from vault import Resolution, WikiLink
from vault.headings import slugify
from vault.paths import key
from vault.resolve import MISSING_NOTE
from vault.syntax import WIKILINK, is_embed, split_inner

from .context import REASONS, RenderContext

MEDIA_KINDS = {"audio", "video", "pdf"}


class WikiLinkInlineProcessor(InlineProcessor):
    def __init__(self, md, context: RenderContext):
        super().__init__("", md)
        self.compiled_re = WIKILINK
        self.context = context

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        link = split_inner(m["inner"], raw=m[0], embed=is_embed(m))
        resolution = self.context.resolve(link)
        return render_link(link, resolution, self.context), m.start(0), m.end(0)


def wanted_anchor(target: str) -> str:
    """Id of a missing note's entry on the wanted-notes page."""
    return "wanted-" + (slugify(key(target.rsplit("/", 1)[-1])) or "note")


def render_link(link: WikiLink, resolution: Resolution, context: RenderContext) -> etree.Element:
    if not resolution.ok:
        element = unresolved(link, resolution)
        if context.wanted_page and resolution.problem == MISSING_NOTE and link.path:
            element.tag = "a"  # a red link to the wanted-notes page, as in a wiki
            element.set("href", quote("/" + context.wanted_page) + "#" + wanted_anchor(link.path))
        return element
    if resolution.attachment is not None:
        href = context.file_href(resolution.attachment.path)
        if link.embed:
            return embed_file(link, href, resolution.attachment.kind)
        return anchor(href, link.display)
    note = resolution.note
    if context.same_page(note) and resolution.anchor:
        href = "#" + resolution.anchor
    else:
        href = context.note_href(note, resolution.anchor)
    element = anchor(href, link.display)
    if link.embed:  # a note embedded inside a paragraph: shown as a link
        element.set("class", "wikilink wikilink-embed")
    return element


def anchor(href: str, text: str) -> etree.Element:
    element = etree.Element("a", {"class": "wikilink", "href": href})
    element.text = AtomicString(text)  # shown as written, as Obsidian does: no Markdown, no HTML
    return element


def unresolved(link: WikiLink, resolution: Resolution) -> etree.Element:
    element = etree.Element("span", {"class": "wikilink-unresolved"})
    element.set("title", f"Unresolved link: {REASONS.get(resolution.problem or '', resolution.problem)}")
    element.text = AtomicString(link.display)
    return element


def embed_file(link: WikiLink, href: str, kind: str) -> etree.Element:
    if kind == "image":
        image = etree.Element("img", {"src": href, "alt": _alt(link), "loading": "lazy"})
        size = link.image_size
        if size:
            image.set("width", size[0])
            if size[1]:
                image.set("height", size[1])
        return image
    if kind in MEDIA_KINDS:
        # An <a> so MkDocs makes its URL relative; MediaTreeprocessor turns it into the player.
        element = anchor(href, link.display)
        element.set("class", "wikilink embed-media")
        element.set("data-embed", kind)
        return element
    return anchor(href, link.display)


def _alt(link: WikiLink) -> str:
    if link.label is not None and link.image_size is None:
        return link.label.strip()
    return link.path.rsplit("/", 1)[-1]
