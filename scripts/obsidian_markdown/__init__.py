"""Python-Markdown extension: Obsidian syntax, resolved through the vault model.

Renders ``[[wikilinks]]`` and ``![[embeds]]``, callouts, ``^block`` ids, ``%%comments%%``,
inline ``#tags`` and Obsidian's looser lists. It runs under any Python-Markdown host:

- MkDocs and ProperDocs: our plugin (``scripts/vault_plugin``) hands it the vault loaded once
  per build, the page being rendered and the site's URLs (``vault``, ``page``, ``page_url``,
  ``urls``, ``tag_pages``, ``wanted_page``);
- Zensical, which loads no plugin: the page comes from Zensical's rendering context
  (``hosts.py``) and the vault is loaded from ``docs_dir`` once per process;
- plain Python-Markdown: give it ``page`` (and ``vault`` or ``docs_dir``).

Links are written from the page's source file (``../folder/Note.md#id``); the host turns
them into URLs (context.py).
"""

from __future__ import annotations

from markdown import Extension, Markdown

from vault import MAX_EMBED_DEPTH

from .blocks import BlockIdTreeprocessor, StripEmbeddedIdsTreeprocessor
from .callouts import CalloutBlockProcessor
from . import hosts
from .context import RenderContext
from .embeds import EmbedBlockProcessor
from .footnotes import DanglingFootnoteTreeprocessor
from .inline import LinkInlineProcessor
from .questions import QuestionIdTreeprocessor
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
            "urls": [{}, "Site URL of each vault file ({'a/Note.md': 'a/Note/'}): links inside embeds get final URLs (MkDocs leaves embedded HTML alone)"],
            "page_url": ["", "Site URL of the page being rendered ('a/Note/', '' for the home page), with urls: players' sources are final URLs"],
            "tag_pages": [False, "Whether the site has a page per tag (our MkDocs plugin writes them): tags link there"],
            "embed_chain": [(), "Internal: (note, anchor) pairs shown around this embed (cycle guard)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        context = self.context = RenderContext(self.getConfigs())
        if hosts.read_page(md, context):  # Zensical: no plugin keeps unpublished notes off the site
            md.preprocessors.register(hosts.WithheldPreprocessor(md, context), "obsidian_withheld", 40)
        md.preprocessors.register(ObsidianSourcePreprocessor(md, context), "obsidian_source", 29)
        md.parser.blockprocessors.register(ObsidianHashHeaderProcessor(md.parser), "hashheader", 70)
        md.parser.blockprocessors.register(CalloutBlockProcessor(md.parser), "obsidian_callout", 21)
        md.parser.blockprocessors.register(EmbedBlockProcessor(md.parser, context), "obsidian_embed", 11)
        md.treeprocessors.register(BlockIdTreeprocessor(md), "obsidian_block_ids", 25)
        # After block ids (an item's ^id is its question's anchor), before inline patterns (20).
        md.treeprocessors.register(QuestionIdTreeprocessor(md, context), "obsidian_question_ids", 24)
        # Before code spans (`backtick`, 190) and math (189.9), which it reads itself to let
        # whichever starts first win, as Obsidian does; before `escape` (180) and images (150),
        # so `\|` and `![[` are ours; before `link` (160) and `image_link` (150), for Markdown
        # links to vault files (inline.py).
        md.inlinePatterns.register(LinkInlineProcessor(md, context), "obsidian_wikilink", 191)
        # After `escape` (180): `\#tag` is no tag; before links, so it works in any text.
        md.inlinePatterns.register(TagInlineProcessor(md, context), "obsidian_tag", 175)
        if context.embed_chain:
            md.treeprocessors.register(StripEmbeddedIdsTreeprocessor(md), "obsidian_strip_ids", 4)
        # After the footnotes' processors (15 and up) and the stripped ids (4), before the
        # host checks the links (MkDocs: priority 0).
        md.treeprocessors.register(DanglingFootnoteTreeprocessor(md), "obsidian_dangling_footnotes", 3)


def makeExtension(**kwargs) -> ObsidianExtension:  # noqa: N802 (Python-Markdown's name)
    return ObsidianExtension(**kwargs)
