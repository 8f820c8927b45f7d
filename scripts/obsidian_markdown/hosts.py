"""What a host that passes no options tells the extension about the page being built.

Zensical (0.0.x) loads no MkDocs plugin, so nobody sets the extension's ``page`` option. It
makes a new Markdown instance per page and puts its own rendering context first among the
extensions: ``ContextPreprocessor.from_markdown(md).page`` has the page's source path
(``folder/Note.md``) and URL (``folder/Note/``), and ``.config`` the site's configuration
(its ``docs_dir``, relative to ``root_dir``).
"""

from __future__ import annotations

import os

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from .context import RenderContext


def read_page(md: Markdown, context: RenderContext) -> bool:
    """Give ``context`` the page Zensical is rendering, when the options named none; whether
    it did."""
    if context.page:
        return False
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:  # not under Zensical
        return False
    rendering = ContextPreprocessor.from_markdown(md)
    if rendering is None or getattr(rendering, "page", None) is None:
        return False
    config = getattr(rendering, "config", None) or {}
    docs_dir = None
    if config.get("docs_dir"):
        docs_dir = os.path.join(config.get("root_dir") or "", config["docs_dir"])
    context.on_page(rendering.page.path, rendering.page.url or "", docs_dir)
    if not context.nested_markdown and config.get("markdown_extensions"):
        # Embeds render with the site's other extensions, not Zensical's own context.
        names = [name for name in config["markdown_extensions"] if not type(name).__module__.startswith("zensical.")]
        context.nested_markdown = (names, dict(config.get("mdx_configs") or {}))
    return True


class WithheldPreprocessor(Preprocessor):
    """A host without our plugin still makes a page of a note the vault keeps off the site
    (a draft, a file Obsidian's settings exclude): the page shows that, not the note's text."""

    NOTICE = "*This note is not published.*"

    def __init__(self, md: Markdown, context: RenderContext):
        super().__init__(md)
        self.context = context

    def run(self, lines: list[str]) -> list[str]:
        note = self.context.note
        if note is None or note.published or self.context.embed_chain:
            return lines
        return [self.NOTICE]
