"""Fenced code as Obsidian (CommonMark) and the vault scanner read it is code on the page,
and nothing else is: indented fences, fences in quotes and callouts, fences by lists.

Each case marks words with ``@``; each becomes a unique word, and the page must show it
inside code exactly when the scanner counts its line as code. The page's headings must be
the model's.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from vault import Vault

ROOT = Path(__file__).parent.parent

# (name, note with @ for each marked word)
CASES = [
    ("one space, content at the margin", "Example:\n\n ```md\n---\nkey: @\n---\n@\n```\n\n## After @\n@\n"),
    ("three spaces, mixed content", "   ```python\n   @ = 1\n  @ = 2\n@ = 3\n       @ = 4\n   ```\n# Next @\n"),
    ("closing fence indented otherwise", "  ~~~\n  @\n ~~~\n@\n"),
    ("right after a paragraph", "@ text\n  ```\n  @\n  ```\n@ after\n"),
    ("callout, indented after the marker", "> [!note] @\n> @ before\n>   ```\n>   @\n> @\n>   ```\n> @ after\n\n@\n"),
    ("nested quote", "> > @\n> >  ```\n> >  @\n> >  ```\n> > @\n"),
    ("quote ends after the fence", "> ```\n> @\n> ```\n@ outside\n"),
    ("fence in a list item", "- @\n\n  ```\n  @\n  ```\n\n- @\n"),
    ("fence under a tight item", "- @\n  ```\n  @\n  ```\n- @\n"),
    ("fence less indented than the item", "- @\n ```\n @\n ```\n\n@\n"),
    ("fence at the margin after an item", "1. @\n```sh\n@\n```\n\n@\n"),
    ("item's fence, content less indented", "- @\n\n  ```yaml\n  ---\n\n@: 1\n ---\n  ```\n\n@\n"),
    ("nested item's fence", "- @\n  - @\n\n    ```\n   @\n      @\n    ```\n- @\n"),
    ("fence characters inside a fence", "~~~\n@\n```js\n@\n~~~\n\n@\n"),
    ("indented code, not a fence", "@\n\n    ```\n    @\n\n@\n"),
    ("two fences in a row", " ```\n @\n ```\n  ```\n  @\n  ```\n@\n"),
]


def _marked(template: str) -> tuple[str, list[tuple[str, int]]]:
    """The note's text with a unique word for each @, and each word with its 0-based line."""
    numbers = itertools.count(1)
    words, lines = [], []
    for index, line in enumerate(template.split("\n")):
        while "@" in line:
            word = f"w{next(numbers):02d}z"
            line = line.replace("@", word, 1)
            words.append((word, index))
        lines.append(line)
    return "\n".join(lines), words


class _Page(HTMLParser):
    """The page's text inside code and outside it, and its heading ids."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.code: list[str] = []
        self.prose: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in ("code", "pre")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(dict(attrs).get("id"))

    def handle_endtag(self, tag):
        self.depth -= tag in ("code", "pre")

    def handle_data(self, data):
        (self.code if self.depth else self.prose).append(data)


@pytest.fixture(scope="module")
def render():
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)

    def render(text: str) -> tuple[Vault, _Page]:
        vault = Vault.from_texts({"Note.md": text})
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        configs["obsidian_markdown"] = {"vault": vault, "page": "Note.md", "nested_markdown": (names, configs)}
        page = _Page()
        page.html = markdown.Markdown(extensions=names, extension_configs=configs).convert(vault.notes["Note.md"].body)
        page.feed(page.html)
        return vault, page

    return render


@pytest.mark.parametrize("template", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_code_on_the_page_is_the_scanners(template, render):
    text, words = _marked(template)
    vault, page = render(text)
    note = vault.notes["Note.md"]
    code, prose = "".join(page.code), "".join(page.prose)
    for word, line in words:
        scanned = any(first <= line < end for first, end in note.code_lines)
        where = (word in code, word in prose)
        assert where == (scanned, not scanned), f"line {line + 1} ({word}): scanner code={scanned}, page code/prose={where}\n{text}"
    assert page.headings == [h.id for h in note.headings]


def test_fence_content_loses_the_opening_fences_indentation(render):
    """CommonMark: up to as many spaces as the opening fence had; the rest stays."""
    _, page = render("  ```\n  a\n b\nc\n     d\n  ```\n")
    assert "".join(page.code) == "a\nb\nc\n   d\n"


def test_the_reproduction_from_the_vault_study(render):
    """A fence indented by one space around frontmatter-like lines: no heading in it."""
    vault, page = render("# Fence\n\nExample:\n\n ```md\n---\nkey: value\n---\nbody\n```\n\n## After\nText after.\n")
    assert page.headings == ["fence", "after"]
    assert "".join(page.code) == "---\nkey: value\n---\nbody\n"
    assert "Text after." in "".join(page.prose)


# (note, what the page must hold: the block after a closing fence starts anew)
AFTER_THE_FENCE = [
    ("```\nx\n```\nText.\n", "</div>\n<p>Text.</p>"),
    ("> ```\n> x\n> ```\n> Quoted.\n", "</div>\n<p>Quoted.</p>\n</blockquote>"),
    ("- a\n\n  ```\n  x\n  ```\n- b\n", "</div>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>"),  # a loose list
    ("- a\n  ```\n  x\n  ```\n- b\n", "</div></li>\n<li>b</li>\n</ul>"),  # a tight list stays tight
    ("- a\n  ```\n  x\n  ```\nText.\n", "</div></li>\n</ul>\n<p>Text.</p>"),  # the list ends
]


@pytest.mark.parametrize("text, shown", AFTER_THE_FENCE)
def test_a_closing_fence_ends_its_block(text, shown, render):
    _, page = render(text)
    assert shown in page.html
