"""What the site audit checks and how it reads a page: declared once, here."""

from __future__ import annotations

ERROR = "error"

# kind: what it means (every finding of the audit is an error: `make build` fails on it)
KINDS: dict[str, str] = {
    "missing-file": "an href or src inside the site that leads to no file (nor a folder with index.html)",
    "missing-fragment": "a #fragment that is no id (nor <a name>) on the page it leads to",
    "leaked-wikilink": "`[[` shown as text outside code that the note did not escape (`[\\[` or `\\[[`)",
    "missing-page": "a published note without a page on the site",
    "shown-not-reported": "a link the page shows as broken that the link checker does not report",
    "reported-not-shown": "a link the link checker reports as broken that the page does not show as broken",
    "fine-not-linked": "a link the link checker calls fine that does not resolve on the page",
}

# Which attributes of which elements hold a URL the browser follows or fetches.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
MEDIA_TAGS = frozenset({"img", "audio", "video", "source", "track", "iframe", "embed", "object"})

# Text inside these elements is code (or not shown): `[[` may stand there.
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "template", "noscript"})
# ... and inside elements with these classes: math (arithmatex) and mermaid diagrams
# (the custom fence's class in mkdocs.yml; `mermaid` is the class other configurations use).
CODE_CLASSES = frozenset({"arithmatex", "mermaid-diagram", "mermaid"})
# ... and the theme's table of contents, which repeats the page's headings: a `[[` there is
# checked (and excused by the note's escape) once, in the heading itself.
REPEATED_CLASSES = frozenset({"md-nav--secondary"})

# Elements inside a line of text: a `[` before one and a `[` in it are shown as `[[`.
INLINE_TAGS = frozenset({"a", "abbr", "b", "del", "em", "i", "ins", "mark", "s", "small", "span", "strong", "sub", "sup", "u"})

# The Markdown extension's contract (scripts/obsidian_markdown/links.py, embeds.py):
UNRESOLVED_CLASS = "wikilink-unresolved"  # a broken link, shown as such
UNRESOLVED_TITLE = "Unresolved link: "  # ... its title: this, then the reason
EMBED_PATH_ATTRIBUTE = "data-embed-path"  # on an embedded note's box: the note's vault path
EMBED_CONTENT_CLASS = "markdown-embed-content"  # the embedded note's text, inside the box
# Sections of a note page that are not its text (scripts/vault_plugin/pages.py): their links are not
# the note's; a backlink's context is the linking note's text.
AROUND_CLASSES = frozenset({"backlinks", "local-graph"})
BACKLINK_CONTEXT_CLASS = "backlink-context"

# Fragments a browser honours without an element: `#` and `#top` scroll to the top.
TOP_FRAGMENTS = frozenset({"", "top"})

# Finding kinds of the link checker (scripts/vault/checks.py) that the page shows as a
# broken link; a missing note and a missing file look the same on the page.
BROKEN_KINDS = ("broken-link", "broken-heading", "broken-block", "missing-embed", "unpublished-link", "outside-vault")
SAME_ON_PAGE = {"missing-embed": "broken-link"}
