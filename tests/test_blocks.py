"""Block ids: `^id` at the end of a block, or alone on the line after it; the model's ids
are the ids the page has."""

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from vault import Vault

ROOT = Path(__file__).resolve().parent.parent


def blocks(text: str) -> dict[str, tuple[int, int]]:
    note = Vault.from_texts({"n.md": text}, attachments=("img.png",)).notes["n.md"]
    return {b.id: (b.first_line, b.last_line) for b in note.blocks.values()}


CASES = [
    ("end of paragraph", "first line\nsecond line ^abc", {"abc": (1, 2)}),
    ("alone after a blank line names the block before", "- a\n- b\n\n^list-1", {"list-1": (1, 2)}),
    ("alone right after the block", "para\n^p1", {"p1": (1, 1)}),
    ("digits and dashes", "x ^2024-q1", {"2024-q1": (1, 1)}),
    ("needs a space before", "x^abc", {}),
    ("not glued to an embed", "![[img.png]]^img", {}),
    ("not in code", "```\ntext ^abc\n```", {}),
    ("not in inline code", "`a ^abc`", {}),
    ("only at the end", "a ^abc b", {}),
    ("table", "| a |\n|---|\n| 1 |\n\n^tbl", {"tbl": (1, 3)}),
    # Obsidian writes a list item's id at the end of its own line, whatever follows it
    ("a list item's line, then its continuation", "- first ^s1\n\tmore of it\n- second", {"s1": (1, 1)}),
    ("a list item's line, then a nested item", "- first ^s1\n  - child", {"s1": (1, 1)}),
    ("a paragraph's line before a list", "para ^p\n- item", {"p": (1, 1)}),
    # an id is at a block's end: not inside a paragraph that goes on
    ("inside a paragraph", "a ^x\nb", {}),
    ("inside a quote's paragraph", "> a ^x\n> b", {}),
    ("inside a list item's continuation", "- a\n  b ^x\n  c", {}),
    ("a quote's line before its lazy line", "> a ^x\nb", {}),
    ("a line before an image embed", "a ^x\n![[img.png]]", {}),
    ("a line before a note embed", "a ^x\n![[n]]", {"x": (1, 1)}),
    ("a line before a quote", "a ^x\n> q", {"x": (1, 1)}),
    ("a line before a thematic break", "a ^x\n***", {"x": (1, 1)}),
    ("alone, then more text", "a\n\n^x\nmore", {}),
    ("a heading's, after a blank line", "## Head\n\n^h1", {"h1": (1, 1)}),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_block_ids(name, text, expected):
    assert blocks(text) == expected


@pytest.fixture(scope="module")
def page_ids():
    """The ids of a note's page, rendered with mkdocs.yml's extensions."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)

    def render(text: str) -> list[str]:
        vault = Vault.from_texts({"n.md": text}, attachments=("img.png",))
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        configs["obsidian_markdown"] = {"vault": vault, "page": "n.md", "nested_markdown": (names, configs)}
        page = markdown.Markdown(extensions=names, extension_configs=configs).convert(vault.notes["n.md"].body)
        return re.findall(r' id="([^"]*)"', page)

    return render


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_the_page_has_the_models_block_ids(name, text, expected, page_ids):
    note = Vault.from_texts({"n.md": text}, attachments=("img.png",)).notes["n.md"]
    ids = page_ids(text)
    assert sorted(i[1:] for i in ids if i.startswith("^")) == sorted(expected)
    assert [h.id for h in note.headings] == [i for i in ids if not i.startswith("^")]
