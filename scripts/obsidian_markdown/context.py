"""What the extension knows while rendering one page: the vault and the note."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


@dataclass
class RenderContext:
    vault: Vault
    note: Note | None
    nested_markdown: tuple | None
    max_embed_depth: int
    embed_chain: tuple[str, ...]

    @classmethod
    def from_config(cls, config: dict) -> "RenderContext":
        vault = config["vault"] or shared_vault(config["docs_dir"])
        return cls(
            vault=vault,
            note=vault.note(config["page"]) if config["page"] else None,
            nested_markdown=config["nested_markdown"],
            max_embed_depth=int(config["max_embed_depth"]),
            embed_chain=tuple(config["embed_chain"]),
        )

    def resolve(self, link: WikiLink) -> Resolution:
        return self.vault.resolve(link, self.note)

    def note_href(self, note: Note, anchor: str | None = None) -> str:
        href = quote("/" + note.path)
        return href + "#" + anchor if anchor else href

    def file_href(self, path: str) -> str:
        return quote("/" + path)

    def same_page(self, note: Note) -> bool:
        return self.note is not None and note.path == self.note.path and not self.embed_chain
