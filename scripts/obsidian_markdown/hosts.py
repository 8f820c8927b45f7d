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

from .context import RenderContext


def read_page(md: Markdown, context: RenderContext) -> None:
    """Give ``context`` the page Zensical is rendering, when the options named none."""
    if context.page:
        return
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:  # not under Zensical
        return
    rendering = ContextPreprocessor.from_markdown(md)
    if rendering is None or getattr(rendering, "page", None) is None:
        return
    config = getattr(rendering, "config", None) or {}
    docs_dir = None
    if config.get("docs_dir"):
        docs_dir = os.path.join(config.get("root_dir") or "", config["docs_dir"])
    context.on_page(rendering.page.path, rendering.page.url or "", docs_dir)
    if not context.nested_markdown and config.get("markdown_extensions"):
        # Embeds render with the site's other extensions, not Zensical's own context.
        names = [name for name in config["markdown_extensions"] if not type(name).__module__.startswith("zensical.")]
        context.nested_markdown = (names, dict(config.get("mdx_configs") or {}))
