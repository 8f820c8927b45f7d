"""Python-Markdown extension: Obsidian syntax, resolved through the vault model.

Renders ``[[wikilinks]]`` and ``![[embeds]]``, callouts, ``^block`` ids, ``%%comments%%``,
inline ``#tags`` and Obsidian's looser lists. It runs under any Python-Markdown host (MkDocs, ProperDocs,
Zensical). Under MkDocs, our plugin (``scripts/vault_plugin``) hands it the vault loaded once per
build and the page being rendered; elsewhere it loads the vault from ``docs_dir`` itself.

Given the site's URLs (``urls``, ``page_url``: the plugin passes them), resolved links
get their final relative URLs. Otherwise they are written as ``/folder/Note.md#id`` from the
vault root, which MkDocs (``validation: links: absolute_links: relative_to_docs``) and
ProperDocs turn into relative URLs.
"""

from __future__ import annotations

from markdown import Extension, Markdown

from vault import MAX_EMBED_DEPTH

from .blocks import BlockIdTreeprocessor, StripEmbeddedIdsTreeprocessor
from .callouts import CalloutBlockProcessor
from .context import RenderContext
from .embeds import EmbedBlockProcessor
from .footnotes import DanglingFootnoteTreeprocessor
from .inline import LinkInlineProcessor
from .media import FinalUrlTreeprocessor, MediaTreeprocessor
from .source import ObsidianSourcePreprocessor
from .tags import ObsidianHashHeaderProcessor, TagInlineProcessor


class ObsidianExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "vault": ["", "A loaded vault.Vault; default: load docs_dir once per process"],
            "docs_dir": ["docs", "Vault folder, when no vault is given (relative to the working directory)"],
            "page": ["", "Vault path of the note being rendered, e.g. 'folder/Note.md'"],
            "nested_markdown": [(), "(extensions, extension_configs) used to render embeds"],
            "wanted_page": ["", "Vault path of the wanted-notes page; missing notes link there (off: '')"],
            "max_embed_depth": [MAX_EMBED_DEPTH, "Embeds nested deeper than this render as links"],
            "urls": [{}, "Site URL of each vault file ({'a/Note.md': 'a/Note/'}): links get final relative URLs; default: '/a/Note.md' for the host to rewrite"],
            "page_url": ["", "Site URL of the page being rendered, with urls"],
            "embed_chain": [(), "Internal: (note, anchor) pairs shown around this embed (cycle guard)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        context = self.context = RenderContext(self.getConfigs())
        md.preprocessors.register(ObsidianSourcePreprocessor(md, context), "obsidian_source", 29)
        md.parser.blockprocessors.register(ObsidianHashHeaderProcessor(md.parser), "hashheader", 70)
        md.parser.blockprocessors.register(CalloutBlockProcessor(md.parser), "obsidian_callout", 21)
        md.parser.blockprocessors.register(EmbedBlockProcessor(md.parser, context), "obsidian_embed", 11)
        md.treeprocessors.register(BlockIdTreeprocessor(md), "obsidian_block_ids", 25)
        # Before code spans (`backtick`, 190) and math (189.9), which it reads itself to let
        # whichever starts first win, as Obsidian does; before `escape` (180) and images (150),
        # so `\|` and `![[` are ours; before `link` (160) and `image_link` (150), for Markdown
        # links to vault files (inline.py).
        md.inlinePatterns.register(LinkInlineProcessor(md, context), "obsidian_wikilink", 191)
        # After `escape` (180): `\#tag` is no tag; before links, so it works in any text.
        md.inlinePatterns.register(TagInlineProcessor(md, context), "obsidian_tag", 175)
        # After MkDocs' `relpath` (0) has made the other link URLs relative.
        md.treeprocessors.register(FinalUrlTreeprocessor(md, context), "obsidian_final_urls", -1)
        md.treeprocessors.register(MediaTreeprocessor(md, context), "obsidian_media", -2)
        if context.embed_chain:
            md.treeprocessors.register(StripEmbeddedIdsTreeprocessor(md), "obsidian_strip_ids", 4)
        # After the footnotes' processors (15 and up) and the stripped ids (4), before MkDocs
        # checks the links (`relpath`, 0).
        md.treeprocessors.register(DanglingFootnoteTreeprocessor(md), "obsidian_dangling_footnotes", 3)


def makeExtension(**kwargs) -> ObsidianExtension:  # noqa: N802 (Python-Markdown's name)
    return ObsidianExtension(**kwargs)
