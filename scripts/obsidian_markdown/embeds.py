"""``![[Note]]``, ``![[Note#Heading]]``, ``![[Note#^block]]`` alone on a line: transclusion.

The embedded part is rendered by a nested Markdown instance with the same extensions, as
the embedded note (its links resolve from its own folder), with a cycle and depth guard.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from vault import Note, Resolution, WikiLink
from vault.model import lines_of
from vault.resolve import section_range
from vault.syntax import WIKILINK, is_embed, split_inner

from .context import RenderContext


class EmbedBlockProcessor(BlockProcessor):
    """A line that is only ``![[Note...]]`` (alone, or among other lines of a paragraph)
    becomes the embedded note; lines around it stay paragraphs."""

    def __init__(self, parser, context: RenderContext):
        super().__init__(parser)
        self.context = context

    def _embed_line(self, block: str) -> tuple[int, WikiLink, Resolution] | None:
        for index, line in enumerate(block.split("\n")):
            m = WIKILINK.fullmatch(line.strip())
            if m and is_embed(m):
                link = split_inner(m["inner"], raw=m[0], embed=True)
                resolution = self.context.resolve(link)
                if resolution.ok and resolution.note is not None:
                    return index, link, resolution
        return None

    def test(self, parent, block) -> bool:
        return "![[" in block and self._embed_line(block) is not None

    def run(self, parent, blocks) -> None:
        lines = blocks.pop(0).split("\n")
        index, link, resolution = self._embed_line("\n".join(lines))
        if lines[index + 1 :]:
            blocks.insert(0, "\n".join(lines[index + 1 :]))
        if lines[:index]:
            self.parser.parseBlocks(parent, ["\n".join(lines[:index])])
        self._embed(parent, link, resolution)

    def _embed(self, parent, link: WikiLink, resolution: Resolution) -> None:
        note = resolution.note
        box = etree.SubElement(parent, "div", {"class": "markdown-embed", "data-embed-path": note.path})
        title = etree.SubElement(box, "p", {"class": "markdown-embed-title"})
        source = etree.SubElement(title, "a", {"class": "wikilink", "href": self.context.href(note.path, resolution.anchor)})
        # Plain text: a title or label is never Markdown or HTML (inline patterns skip atomic text).
        source.text = AtomicString(link.label.strip() if link.label and link.label.strip() else note.title)
        # What is being shown around this embed: (note, anchor) pairs, the page itself first.
        around = self.context.embed_chain or (((self.context.note.path, None),) if self.context.note else ())
        shown = (note.path, resolution.anchor)
        if shown in around or len(around) > self.context.max_embed_depth:
            message = etree.SubElement(box, "p", {"class": "markdown-embed-cut"})
            message.text = "(embed not shown: it would contain itself)" if shown in around else "(embeds nested too deep)"
            return
        lines = section_range(resolution)
        html = self._render(note, lines, around + (shown,))
        # Searching finds the embedded text on its own page, not on every page embedding it.
        content = etree.SubElement(box, "div", {"class": "markdown-embed-content", "data-search-exclude": ""})
        content.text = self.parser.md.htmlStash.store(html)

    def _render(self, note: Note, lines: tuple[int, int], chain: tuple) -> str:
        md, context = self._nested(len(chain))
        context.moved_to(note.path, chain, self.context, lines)
        first, last = lines
        text = lines_of(note.text, first, last)
        md.reset()
        return md.convert(text)

    def _nested(self, depth: int):
        """One Markdown instance per embed depth, reused while the vault stays the same:
        building one costs more than converting a section."""
        from . import ObsidianExtension  # the package imports this module

        if _NESTED.vault is not self.context.vault:  # a new build: the last one's instances go
            _NESTED.vault, _NESTED.by_depth = self.context.vault, {}
        cache = _NESTED.by_depth
        if depth not in cache:
            ours = ObsidianExtension(
                vault=self.context.vault,
                nested_markdown=self.context.nested_markdown,
                max_embed_depth=self.context.max_embed_depth,
                embed_chain=(("", None),) * depth,
            )
            names, configs = self.context.nested_markdown or ([], {})
            others = [name for name in names if not _is_ours(name)]
            md = Markdown(extensions=[*others, ours], extension_configs={k: v for k, v in configs.items() if not _is_ours(k)})
            cache[depth] = (md, ours.context)
        return cache[depth]


class _NestedInstances:
    """The nested Markdown instances of one vault (its instances refer to it: a cache keyed
    weakly by the vault would keep every vault of a `mkdocs serve` session alive)."""

    vault = None
    by_depth: dict = {}


_NESTED = _NestedInstances()


def _is_ours(name) -> bool:
    from . import ObsidianExtension

    if isinstance(name, str):
        return name.split(":")[0] in ("obsidian_markdown", "scripts.obsidian_markdown")
    return isinstance(name, ObsidianExtension)
