"""What the extension knows while rendering one page: the vault, the note, where links are."""

from __future__ import annotations

import logging
import os
from collections import defaultdict, deque
from dataclasses import dataclass, field
from urllib.parse import quote

from markdown import Markdown

from vault import Note, Resolution, Vault, WikiLink
from vault.resolve import EMPTY, MISSING_ATTACHMENT, MISSING_BLOCK, MISSING_HEADING, MISSING_NOTE, OUTSIDE_VAULT, UNPUBLISHED

# A child of the "mkdocs" logger, so `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.obsidian_markdown")

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


def ambiguity(resolution: Resolution) -> str:
    chosen = resolution.note or resolution.attachment
    candidates = ", ".join(resolution.ambiguous)
    pinned = chosen.path.removesuffix(".md")
    return f"{len(resolution.ambiguous)} files share this name ({candidates}); only the shortest path picks {chosen.path}: write [[{pinned}]] to choose"


@dataclass
class RenderContext:
    vault: Vault
    note: Note | None
    nested_markdown: tuple | None
    max_embed_depth: int
    embed_chain: tuple[str, ...]
    warn: bool
    # Line and column of each link in the source, by its text, in document order.
    _positions: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))

    @classmethod
    def from_config(cls, config: dict, md: Markdown) -> "RenderContext":
        vault = config["vault"] or shared_vault(config["docs_dir"])
        note = vault.note(config["page"]) if config["page"] else None
        context = cls(
            vault=vault,
            note=note,
            nested_markdown=config["nested_markdown"],
            max_embed_depth=int(config["max_embed_depth"]),
            embed_chain=tuple(config["embed_chain"]),
            warn=bool(config["warn"]),
        )
        if note is not None:
            for link in note.links:
                context._positions[link.link.raw].append((link.line, link.column))
        return context

    def resolve(self, link: WikiLink) -> Resolution:
        return self.vault.resolve(link, self.note)

    def report(self, link: WikiLink, resolution: Resolution) -> None:
        """Log an unresolved link once, at its line in the note."""
        positions = self._positions.get(link.raw)
        line, column = positions.popleft() if positions else (0, 0)
        if not self.warn or (resolution.ok and not resolution.ambiguous):
            return
        where = f"{self.note.path if self.note else '(unknown page)'}:{line}:{column}"
        if resolution.ok:
            log.warning(f"{where}: ambiguous link {link.raw}: {ambiguity(resolution)}")
        else:
            reason = REASONS.get(resolution.problem or "", resolution.problem)
            log.warning(f"{where}: unresolved link {link.raw}: {reason}")

    def note_href(self, note: Note, anchor: str | None = None) -> str:
        href = quote("/" + note.path)
        return href + "#" + anchor if anchor else href

    def file_href(self, path: str) -> str:
        return quote("/" + path)

    def same_page(self, note: Note) -> bool:
        return self.note is not None and note.path == self.note.path and not self.embed_chain
