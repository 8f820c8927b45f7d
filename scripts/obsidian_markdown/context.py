"""What the extension knows while rendering one page: the vault and the note."""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import quote

from vault import Note, Resolution, Vault, WikiLink
from vault.resolve import EMPTY, MISSING_ATTACHMENT, MISSING_BLOCK, MISSING_HEADING, MISSING_NOTE, OUTSIDE_VAULT, UNPUBLISHED

_vaults: dict[str, Vault] = {}


def shared_vault(docs_dir: str) -> Vault:
    """One vault per folder per process, for hosts that don't hand us one."""
    root = os.path.abspath(docs_dir)
    if root not in _vaults:
        _vaults[root] = Vault.load(root)
    return _vaults[root]


REASONS = {
    MISSING_NOTE: "no note with this name, path or alias",
    MISSING_HEADING: "the note has no such heading",
    MISSING_BLOCK: "the note has no such block id",
    MISSING_ATTACHMENT: "no such file in the vault",
    UNPUBLISHED: "the note is a draft or not published",
    OUTSIDE_VAULT: "the target is outside the vault",
    EMPTY: "the link has no target",
}


# Links whose URL the extension made final carry this tag prefix until MkDocs' `relpath`
# treeprocessor has run (it would look each one up again, at a cost per link).
FINAL = "final-url:"


def relative_url(target: str, page: str) -> str:
    """Site URL ``target`` as seen from page URL ``page``, both from the site root as in
    MkDocs' ``File.url`` (``Folder/Note/``, ``Folder/Note.html``, ``img/a.png``, ``./``)."""
    head, tail = posixpath.split(page)
    relative = posixpath.relpath("/" + target, "/" + (head if "." in tail else page))
    return relative + "/" if target.endswith("/") else relative


class RenderContext:
    """Built with every Markdown instance (MkDocs makes one per page, and one more to check
    the configuration), so the vault is only loaded when a page first needs it."""

    def __init__(self, config: dict):
        self._vault: Vault | None = config["vault"] or None
        self.docs_dir = config["docs_dir"]
        self.page = config["page"]
        self.nested_markdown = config["nested_markdown"]
        self.max_embed_depth = int(config["max_embed_depth"])
        self.embed_chain = tuple(config["embed_chain"])
        self.wanted_page = config["wanted_page"]
        self.urls = config["urls"]
        self.page_url = config["page_url"]
        self.final: list[etree.Element] = []  # elements tagged FINAL, for FinalUrlTreeprocessor
        self.fallback_media = False  # an embedded player waits for the host's URL (MediaTreeprocessor)
        self.lines: tuple[int, int] | None = None  # the note's lines being rendered; None: its body
        self._note: Note | None = None

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            self._vault = shared_vault(self.docs_dir)
        return self._vault

    @property
    def note(self) -> Note | None:
        if self._note is None and self.page:
            self._note = self.vault.note(self.page)
        return self._note

    def moved_to(self, page: str, embed_chain: tuple, around: "RenderContext", lines: tuple[int, int]) -> None:
        """Render part of another note (``lines``: first and last, 1-based) with the same
        processors (nested embeds reuse instances), its URLs relative to the page around it."""
        self.page, self.embed_chain, self._note, self.lines = page, embed_chain, None, lines
        self.urls, self.page_url = around.urls, around.page_url

    def resolve(self, link: WikiLink) -> Resolution:
        return self.vault.resolve(link, self.note)

    def href(self, path: str, anchor: str | None = None) -> str:
        """URL of a vault file (note, attachment, generated page), from this page when the
        site's URLs are known, else from the vault root for the host to rewrite."""
        url = self.urls.get(path) if self.urls else None
        href = relative_url(url, self.page_url) if url is not None else quote("/" + path)
        return href + "#" + anchor if anchor else href

    def element(self, tag: str, attributes: dict, path: str) -> etree.Element:
        """An ``<a>`` or ``<img>`` to the vault file ``path``; when its URL is already final,
        it is hidden from MkDocs' relpath until FinalUrlTreeprocessor names it back."""
        if self.urls and path in self.urls:
            element = etree.Element(FINAL + tag, attributes)
            self.final.append(element)
            return element
        return etree.Element(tag, attributes)

    def same_page(self, note: Note) -> bool:
        return self.note is not None and note.path == self.note.path and not self.embed_chain
