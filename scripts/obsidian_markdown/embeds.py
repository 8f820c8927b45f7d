"""``![[Note]]``, ``![[Note#Heading]]``, ``![[Note#^block]]`` alone on a line: transclusion.

The embedded part is rendered by a nested Markdown instance with the same extensions, as
the embedded note (its links resolve from its own folder), with a cycle and depth guard.
"""

from __future__ import annotations

import weakref
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor

from vault import Note, Resolution
from vault.syntax import WIKILINK, is_embed, split_inner

from .context import RenderContext


class EmbedBlockProcessor(BlockProcessor):
    def __init__(self, parser, context: RenderContext):
        super().__init__(parser)
        self.context = context

    def test(self, parent, block) -> bool:
        m = WIKILINK.fullmatch(block.strip())
        return bool(m and is_embed(m))

    def run(self, parent, blocks) -> bool | None:
        m = WIKILINK.fullmatch(blocks[0].strip())
        link = split_inner(m["inner"], raw=m[0], embed=True)
        resolution = self.context.resolve(link)
        if resolution.note is None or not resolution.ok:
            return False  # files and broken links: the inline processor renders them
        blocks.pop(0)
        note = resolution.note
        box = etree.SubElement(parent, "div", {"class": "markdown-embed", "data-embed-path": note.path})
        title = etree.SubElement(box, "p", {"class": "markdown-embed-title"})
        source = etree.SubElement(title, "a", {"class": "wikilink", "href": self.context.note_href(note, resolution.anchor)})
        source.text = link.display
        chain = self.context.embed_chain + ((self.context.note.path,) if self.context.note else ())
        if note.path in chain or len(chain) > self.context.max_embed_depth:
            message = etree.SubElement(box, "p", {"class": "markdown-embed-cut"})
            message.text = "(embed not shown: it would contain itself)" if note.path in chain else "(embeds nested too deep)"
            return None
        html = self._render(note, embedded_text(note, resolution), chain)
        etree.SubElement(box, "div", {"class": "markdown-embed-content"}).text = self.parser.md.htmlStash.store(html)
        return None

    def _render(self, note: Note, text: str, chain: tuple[str, ...]) -> str:
        md, context = self._nested(len(chain))
        context.moved_to(note.path, chain)
        md.reset()
        relpath = self.parser.md.treeprocessors["relpath"] if "relpath" in self.parser.md.treeprocessors else None
        if relpath is not None:  # MkDocs: make the embed's URLs relative to this page
            md.treeprocessors.register(relpath, "relpath", 0)
        return md.convert(text)

    def _nested(self, depth: int):
        """One Markdown instance per embed depth and vault, reused: building one costs more
        than converting a section."""
        from . import ObsidianExtension  # the package imports this module

        cache = _NESTED.setdefault(self.context.vault, {})
        if depth not in cache:
            ours = ObsidianExtension(
                vault=self.context.vault,
                nested_markdown=self.context.nested_markdown,
                max_embed_depth=self.context.max_embed_depth,
                embed_chain=("",) * depth,
            )
            names, configs = self.context.nested_markdown or ([], {})
            others = [name for name in names if not _is_ours(name)]
            md = Markdown(extensions=[*others, ours], extension_configs={k: v for k, v in configs.items() if not _is_ours(k)})
            cache[depth] = (md, ours.context)
        return cache[depth]


_NESTED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _is_ours(name) -> bool:
    from . import ObsidianExtension

    if isinstance(name, str):
        return name.split(":")[0] in ("obsidian_markdown", "scripts.obsidian_markdown")
    return isinstance(name, ObsidianExtension)


def embedded_text(note: Note, resolution: Resolution) -> str:
    """The Markdown of the embedded part: the block, the heading's section, or the body."""
    lines = note.text.splitlines()
    if resolution.anchor and resolution.anchor.startswith("^"):
        block = note.blocks[resolution.anchor[1:].lower()]
        return "\n".join(lines[block.first_line - 1 : block.last_line])
    if resolution.heading is not None:
        heading = resolution.heading
        end = len(lines)
        for other in note.headings:
            if other.line > heading.line and other.level <= heading.level:
                end = other.line - 1
                break
        return "\n".join(lines[heading.line - 1 : end])
    return note.body
