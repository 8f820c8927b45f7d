"""What the extension knows while rendering one page: the vault and the note."""

from __future__ import annotations

import os
import posixpath
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


def relative_url(target: str, page: str) -> str:
    """Site URL ``target`` as seen from page URL ``page``, both from the site root as in
    MkDocs' ``File.url`` (``Folder/Note/``, ``Folder/Note.html``, ``img/a.png``, ``./``)."""
    head, tail = posixpath.split(page)
    relative = posixpath.relpath("/" + target, "/" + (head if "." in tail else page))
    return relative + "/" if target.endswith("/") else relative


class RenderContext:
    """Built with every Markdown instance (MkDocs and Zensical make one per page, and MkDocs
    one more to check the configuration), so the vault is only loaded when a page first
    needs it.

    Links are written as paths from the source file of the page being built to the target
    file (``../folder/Note.md#id``), the form every MkDocs-like host turns into the target's
    URL (and MkDocs also checks). Two kinds of URL are final instead, as no host rewrites
    them: those inside an embed under MkDocs (its HTML is stashed, out of MkDocs' reach),
    given the site's ``urls``; and the sources of audio, video and PDF players."""

    def __init__(self, config: dict):
        self._vault: Vault | None = config["vault"] or None
        self.docs_dir = config["docs_dir"]
        self.page = config["page"]  # the note being rendered (the embedded one, in an embed)
        self.source = config["page"]  # the source file of the page being built
        self.nested_markdown = config["nested_markdown"]
        self.max_embed_depth = int(config["max_embed_depth"])
        self.embed_chain = tuple(config["embed_chain"])
        self.wanted_page = config["wanted_page"]
        self.tag_pages = bool(config["tag_pages"])
        self.urls = config["urls"]
        self.page_url = config["page_url"]
        self.hosted = bool(self.urls)  # whether page_url is known (a host passed it)
        self.lines: tuple[int, int] | None = None  # the note's lines being rendered; None: its body
        self._note: Note | None = None

    def on_page(self, source: str, page_url: str, docs_dir: str | None = None) -> None:
        """The host's page being built (a host that does not pass it as options: Zensical)."""
        self.page = self.source = source
        self.page_url, self.hosted, self._note = page_url, True, None
        if docs_dir is not None:
            self.docs_dir = docs_dir

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
        self.source, self.urls, self.page_url, self.hosted = around.source, around.urls, around.page_url, around.hosted
        self.tag_pages = around.tag_pages

    def resolve(self, link: WikiLink) -> Resolution:
        return self.vault.resolve(link, self.note)

    def href(self, path: str, anchor: str | None = None) -> str:
        """URL of a vault file (note, attachment, generated page) on the page being built."""
        url = self.urls.get(path) if self.embed_chain and self.urls else None
        href = relative_url(url, self.page_url) if url is not None else self.from_source(path)
        return href + "#" + anchor if anchor else href

    def from_source(self, path: str) -> str:
        """Vault path ``path`` relative to the folder of the page's source file."""
        return quote(posixpath.relpath("/" + path, "/" + posixpath.dirname(self.source)))

    def file_url(self, path: str) -> str:
        """The final URL of attachment ``path`` on the page being built (a player's source)."""
        if not self.hosted:  # the page's URL is unknown: as any other link
            return self.from_source(path)
        url = self.urls.get(path) if self.urls else None
        return relative_url(url if url is not None else quote(path), self.page_url)

    def same_page(self, note: Note) -> bool:
        return self.note is not None and note.path == self.note.path and not self.embed_chain
