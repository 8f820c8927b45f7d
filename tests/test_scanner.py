"""Which links the vault model finds: never in code, math, comments or frontmatter."""

import re
from pathlib import Path

import pytest

from vault import Vault, scanner
from vault.block_syntax import FENCE
from vault.scanner import mask

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def links(text: str) -> list[tuple[str, int, int]]:
    note = Vault.from_texts({"n.md": text}).notes["n.md"]
    return [(link.link.raw, link.line, link.column) for link in note.links]


CASES = [
    ("plain", "See [[A]] and [[B|b]].", [("[[A]]", 1, 5), ("[[B|b]]", 1, 15)]),
    ("inline code", "`[[A]]` and [[B]]", [("[[B]]", 1, 13)]),
    ("double backticks", "``code ` [[A]]`` [[B]]", [("[[B]]", 1, 18)]),
    ("unclosed backtick is literal", "`x [[A]]", [("[[A]]", 1, 4)]),
    ("fenced code", "```\n[[A]]\n```\n[[B]]", [("[[B]]", 4, 1)]),
    ("tilde fence", "~~~python\nnp.array([[1, 2], [3, 4]])\n~~~\n", []),
    ("unclosed fence stays text", "```\n[[A]]", [("[[A]]", 2, 1)]),
    ("indented code", "para\n\n    [[A]]\n\n[[B]]", [("[[B]]", 5, 1)]),
    ("list continuation is not code", "- item\n\n    [[A]]", [("[[A]]", 3, 5)]),
    ("inline math", "$x = [[1]]$ and [[B]]", [("[[B]]", 1, 17)]),
    ("display math", "$$\n[[A]]\n$$\n[[B]]", [("[[B]]", 4, 1)]),
    ("obsidian comment", "a %%[[A]]%% [[B]]", [("[[B]]", 1, 13)]),
    ("multi-line comment", "%%\n[[A]]\n\n[[C]]\n%%\n[[B]]", [("[[B]]", 6, 1)]),
    ("html comment", "<!-- [[A]] --> [[B]]", [("[[B]]", 1, 16)]),
    ("html comment block", "a\n<!--\n[[A]]\n\n[[B]]\n-->\n[[C]]", [("[[C]]", 7, 1)]),
    ("html comment never closed is text", "<!-- [[A]]", [("[[A]]", 1, 6)]),
    ("mid-line html comment past its paragraph is text", "a <!-- b\n\n[[A]] -->", [("[[A]]", 3, 1)]),
    ("mid-line html comment in its paragraph", "a <!-- [[A]]\nb --> [[B]]", [("[[B]]", 2, 7)]),
    ("frontmatter", "---\nx: '[[A]]'\n---\n[[B]]", [("[[B]]", 4, 1)]),
    ("raw html block", "<div>\n[[A]]\n</div>\n\n[[B]]", [("[[B]]", 5, 1)]),
    ("embed", "![[img.png|200]]", [("![[img.png|200]]", 1, 1)]),
    ("in a callout", "> [!tip] T\n> see [[A]]", [("[[A]]", 2, 7)]),
    ("table pipe", "| [[A\\|a]] | b |", [("[[A\\|a]]", 1, 3)]),
    ("unicode column", "Präzision [[A]]", [("[[A]]", 1, 11)]),
    ("escaped dollar", "\\$5 and [[A]] \\$6", [("[[A]]", 1, 9)]),
    # Obsidian: whichever starts first of a `[[` and a code span (or math) wins.
    ("code inside a link", "[[Api#`fn()`|`fn()`]] x", [("[[Api#`fn()`|`fn()`]]", 1, 1)]),
    ("a link inside code", "`a [[A]]` [[B|`b`]]", [("[[B|`b`]]", 1, 11)]),
    ("code that starts inside a link ends after it", "[[A|`a]] b` c", [("[[A|`a]]", 1, 1)]),
    ("math inside a link", "[[A|$x$]] $y$", [("[[A|$x$]]", 1, 1)]),
    ("brackets inside a link", "[[#T#f([a, b])|f([a])]]", [("[[#T#f([a, b])|f([a])]]", 1, 1)]),
    ("escaped brackets", "\\[[A]] [\\[B]] \\\\[[C]]", [("[[C]]", 1, 17)]),
    ("escaped embed is a link", "\\![[A]]", [("[[A]]", 1, 3)]),
    ("markdown link", "[t](A.md) and ![p](b.png)", [("[t](A.md)", 1, 1), ("![p](b.png)", 1, 15)]),
    ("markdown link in code", "`[t](A.md)` [u](<B c.md>)", [("[u](<B c.md>)", 1, 13)]),
    ("markdown link to the web", "[w](https://a.org/b.md) [[A]]", [("[[A]]", 1, 25)]),
    # Lines end as MkDocs reads them (universal newlines): at \n, \r\n and \r, not at the
    # other characters str.splitlines breaks at, which Python-Markdown leaves in the line.
    ("windows line ends", "a\r\n```\r\n[[A]]\r\n```\r\n[[B]]", [("[[B]]", 5, 1)]),
    ("old mac line ends", "a\r[[A]]\r\r    [[B]]", [("[[A]]", 2, 1)]),
    ("a heading four spaces after a quote's > is a block of its own", "> a `x\n>    # T [[A]] `", [("[[A]]", 2, 10)]),
    ("line separators are no line ends", "x\u2028\u2028    [[A]]", [("[[A]]", 1, 8)]),
    ("form feed is no line end", "x\x0c    [[A]]", [("[[A]]", 1, 7)]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_links_outside_code(name, text, expected):
    assert links(text) == expected


def test_comment_spans_are_recorded():
    from vault.scanner import mask

    text = "a %%hidden%% b\n\n%%\nblock\n%%\n"
    assert [text[s:e] for s, e in mask(text).comments] == ["%%hidden%%", "%%\nblock\n%%"]


def test_line_ends_become_newlines():
    """The model's text is the site's: \\r\\n and \\r become \\n (headings and their lines too)."""
    note = Vault.from_texts({"n.md": "# One\r\ntext\r## Two\r\n"}).notes["n.md"]
    assert note.text == "# One\ntext\n## Two\n"
    assert [(h.title, h.line) for h in note.headings] == [("One", 1), ("Two", 3)]
    assert [h.title for h in Vault.from_texts({"n.md": "a\u2028# Not a heading"}).notes["n.md"].headings] == []


# -- the scanner's shortcuts change nothing -------------------------------------------------
# Fragments of Markdown and Obsidian syntax, joined at random into texts that hit every
# branch of the block loop (and its corners: quotes holding fences, indented list items,
# comments left open, unclosed fences, lines of spaces).
FRAGMENTS = [
    "[[Note]]", "![[Img.png|200]]", "[[A#B|x]]", "`code [[x]]`", "``a`b``", "`", "$x$", "$$y$$", "$$",
    "%%", "%%c [[x]]%%", "<!--", "-->", "<div>", "</div>", "<div markdown=1>", "#tag", "## H", "# T",
    "####### seven", "^abc", "~~~", "```", "```py", "````", "> ", "> [!note]", "> ```", "> # q", "- ",
    "* ", "1. ", "2) ", "    ", "\t", "  ", "===", "---", "|", "\\", "\\`", "word", "some text", "Ü",
]


def _texts(count: int) -> list[str]:
    import random

    rng = random.Random(7)
    texts = []
    for _ in range(count):
        lines = ["".join(rng.choice(FRAGMENTS) + rng.choice(["", " "]) for _ in range(rng.randint(0, 4)))
                 for _ in range(rng.randint(1, 30))]
        texts.append("".join(line + rng.choice(["\n", "\n", "\n\n", ""]) for line in lines))
    return texts


def _masked(text: str) -> tuple:
    m = mask(text)
    return m.text, m.comments, m.code_lines, m.html_lines, m.frontmatter


def test_common_lines_are_what_the_long_way_makes_of_them(monkeypatch):
    """COMMON_LINES only takes a shortcut: with it matching nothing, every line goes through
    the block pass's general steps (_Scanner._block_line), and the result is the same."""
    texts = _texts(1500) + [p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.md")]
    fast = [_masked(text) for text in texts]
    monkeypatch.setattr(scanner, "COMMON_LINES", re.compile(r"(?!)"))
    assert [_masked(text) for text in texts] == fast


def test_fence_lines_are_every_line_shaped_like_a_fence():
    for text in _texts(500):
        lines = text.split("\n")
        expected = {i for i, line in enumerate(lines) if FENCE.match(line)}
        if len(lines) > 1 and not lines[-1]:
            expected.discard(len(lines) - 1)
        assert set(scanner._Scanner(text).fences) == expected, text
