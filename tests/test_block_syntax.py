"""The one block-syntax module (scripts/vault/block_syntax.py): a table per pattern, its
inline math equal to arithmatex's, and the page, the vault model and the backlink context
reading the same lines the same way."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.config import load_config

from conftest import ROOT
from vault import Vault, graph
from vault.block_syntax import (
    ATX_HEADING,
    BLOCK_ID_AT_END,
    BLOCK_ID_LINE,
    FENCE,
    HEADING_AS_WRITTEN,
    HEADING_AT_MARGIN,
    HEADING_ON_PAGE,
    INLINE_MATH,
    LIST_MARKER,
    PAGE_QUOTES,
    ROUND_MATH,
    SETEXT_UNDERLINE,
    THEMATIC_BREAK,
    WRITTEN_QUOTES,
    block_ids,
    indent_width,
)

# -- headings --------------------------------------------------------------------------------

# (line, at the margin, in quotes as written, in quotes the page strips)
HEADING_STARTS = [
    ("# Title", True, True, True),
    ("#", True, True, True),  # an empty heading
    ("#\tTitle", True, True, True),
    ("###### Six", True, True, True),
    ("####### Seven", False, False, False),
    ("#tag", False, False, False),  # a tag, in Obsidian
    ("   # Three spaces", True, True, True),
    ("    # Four: code", False, False, False),
    ("> # Quoted", False, True, True),
    ("> > # Twice", False, True, True),
    (">    # Four after the marker: its space, then three", False, True, True),
    ("    > # A quote in a list item", False, True, False),
    (">\t# A tab after the marker", False, False, False),
    ("> #`code`", False, False, False),
]


@pytest.mark.parametrize("line, margin, written, page", HEADING_STARTS, ids=[c[0] for c in HEADING_STARTS])
def test_heading_starts(line, margin, written, page):
    assert bool(HEADING_AT_MARGIN.match(line)) == margin
    assert bool(HEADING_AS_WRITTEN.match(line)) == written
    assert bool(HEADING_ON_PAGE.match(line)) == page


WHOLE_HEADING = re.compile(ATX_HEADING + "$", re.VERBOSE)
# (line, level, text)
HEADINGS = [
    ("# Title", 1, "Title"),
    ("## Title ##", 2, "Title"),
    ("### C#", 3, "C"),  # closing hashes
    ("### C\\#", 3, "C\\#"),  # an escaped hash is text
    ("# a lone backslash \\", 1, "a lone backslash \\"),
    ("#", 1, ""),
    ("  ###   spaced   ", 3, "spaced"),
    ("#tag", None, None),
]


@pytest.mark.parametrize("line, level, text", HEADINGS, ids=[c[0] for c in HEADINGS])
def test_atx_heading(line, level, text):
    m = WHOLE_HEADING.match(line)
    assert (len(m["level"]), m["header"].strip()) == (level, text) if level else m is None


# (line, underline character or None)
UNDERLINES = [("===", "="), ("---", "-"), ("   -  ", "-"), ("    ---", None), ("=-=", None), ("- -", None)]


@pytest.mark.parametrize("line, char", UNDERLINES)
def test_setext_underline(line, char):
    m = SETEXT_UNDERLINE.match(line)
    assert (m["char"][0] if m else None) == char


@pytest.mark.parametrize("line, is_break", [("---", True), ("- - -", True), ("***", True), ("__ _", True),
                                            ("--", False), ("-   -   -", False), ("    ---", False)])
def test_thematic_break(line, is_break):
    assert bool(THEMATIC_BREAK.match(line)) == is_break


# -- lists and quotes ----------------------------------------------------------------------

# (line, marker or None, indent): CommonMark's markers, 1-9 digits
LIST_ITEMS = [
    ("- a", "-", ""), ("* a", "*", ""), ("+ a", "+", ""), ("1. a", "1.", ""), ("1) a", "1)", ""),
    ("123456789. nine digits", "123456789.", ""), ("1234567890. ten digits", None, None),
    ("-", "-", ""),  # an empty item
    ("  - nested", "-", "  "), ("\t2. tab", "2.", "\t"),
    ("-a", None, None), ("1.a", None, None), ("a. letter", None, None),
]


@pytest.mark.parametrize("line, marker, indent", LIST_ITEMS, ids=[c[0] for c in LIST_ITEMS])
def test_list_marker(line, marker, indent):
    m = LIST_MARKER.match(line)
    assert ((m["marker"], m["indent"]) if m else (None, None)) == (marker, indent)


# (line, markers as written, markers the page strips)
QUOTES = [
    ("> a", "> ", "> "),
    (">a", ">", ">"),
    ("> > a", "> > ", "> > "),
    (">>  a", ">> ", ">> "),  # each marker takes one space
    ("   > a", "   > ", "   > "),
    ("    > in a list item", "    > ", ""),
    ("\t> a", "\t> ", ""),
    ("a > b", "", ""),
]


@pytest.mark.parametrize("line, written, page", QUOTES, ids=[c[0] for c in QUOTES])
def test_quote_markers(line, written, page):
    assert WRITTEN_QUOTES.match(line)[0] == written
    assert PAGE_QUOTES.match(line)[0] == page


@pytest.mark.parametrize("prefix, width", [("", 0), ("  ", 2), ("\t", 4), (" \t", 4), ("\t  ", 6)])
def test_indent_width(prefix, width):
    assert indent_width(prefix) == width


# -- fences --------------------------------------------------------------------------------

# (line, (quote, indent, fence, info) or None)
FENCES = [
    ("```", ("", "", "```", "")),
    ("````python title", ("", "", "````", "python title")),
    ("  ~~~", ("", "  ", "~~~", "")),
    ("> ```js", (">", " ", "```", "js")),
    ("> > ~~~~", ("> >", " ", "~~~~", "")),
    ("``", None),
    ("~~", None),
]


@pytest.mark.parametrize("line, parts", FENCES, ids=[c[0] for c in FENCES])
def test_fence(line, parts):
    m = FENCE.match(line)
    assert (m.group("quote", "indent", "fence", "info") if m else None) == parts


# -- block ids -----------------------------------------------------------------------------

# (text, ids found by block_ids)
BLOCK_IDS = [
    ("A paragraph ^abc", ["abc"]),
    ("^abc", ["abc"]),
    ("line\n^alone\n", ["alone"]),
    ("trailing spaces ^a-1   ", ["a-1"]),
    ("in a word^abc", []),
    ("not last ^abc here", []),
    ("underscore ^a_b", []),
    ("two ^one\nlines ^two", ["one", "two"]),
]


@pytest.mark.parametrize("text, ids", BLOCK_IDS, ids=[c[0] for c in BLOCK_IDS])
def test_block_ids(text, ids):
    assert [m["id"] for m in block_ids(text)] == ids


@pytest.mark.parametrize("text, block_id", [("para ^id", "id"), ("^id", "id"), ("para^id", None),
                                              ("line ^id\nmore", None), ("para ^id  ", "id")])
def test_block_id_at_end(text, block_id):
    m = BLOCK_ID_AT_END.search(text)
    assert (m["id"] if m else None) == block_id


@pytest.mark.parametrize("line, alone", [("^id", True), ("^id  ", True), ("x ^id", False), (" ^id", False)])
def test_block_id_line(line, alone):
    assert bool(BLOCK_ID_LINE.match(line)) == alone


# -- inline math: equal to arithmatex's patterns -------------------------------------------


@pytest.mark.parametrize("ours, theirs", [(INLINE_MATH, "RE_SMART_DOLLAR_INLINE"), (ROUND_MATH, "RE_BRACKET_INLINE")])
def test_inline_math_is_arithmatex(ours, theirs):
    """Each inline math pattern finds what arithmatex's finds, at every position of texts
    made of its delimiters, backslashes, spaces, letters and placeholders."""
    from pymdownx import arithmatex

    their = re.compile(getattr(arithmatex, theirs))
    alphabet = "$\\ x\x02" if ours is INLINE_MATH else "\\() x\x02"
    compared = 0
    for length in range(1, 8):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars)
            for at in range(len(text)):
                a, b = ours.match(text, at), their.match(text, at)
                assert (a and a.span()) == (b and b.span()), (text, at)
                if a:  # the same parts: backslashes before a delimiter, or the TeX
                    assert {g for g in a.groups() if g} <= {g for g in b.groups() if g}, (text, at)
                compared += 1
    assert compared > 100_000


# -- inline math: the page and a backlink show the same ------------------------------------

MATH_CASES = [
    ("$x$", ["x"]),
    ("$5 and 6$", ["5 and 6"]),
    ("$ 5 and 6 $", []),  # a space after the opening dollar: text
    ("$x $", []),
    ("costs $5 and $6", []),
    ("\\$x$", []),  # an escaped dollar
    ("\\\\$x$", ["x"]),  # an escaped backslash, then math
    ("$x\\$y$", ["x\\$y"]),
    ("$a$$b$", ["a", "b"]),
    ("$$x$ y", ["x"]),
    ("\\(x+y\\)", ["x+y"]),
    ("\\( 5 and 6 \\)", [" 5 and 6 "]),  # round brackets take spaces
    ("`$x$` code", []),
    ("$x$ and `\\(y\\)`", ["x"]),
]


class _MathOnPage(HTMLParser):
    """The TeX of each inline math element arithmatex writes: <span class="arithmatex">\\(x\\)</span>."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "span" and ("class", "arithmatex") in attrs
        if self.inside:
            self.found.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.found[-1] += data


@pytest.fixture(scope="module")
def page_math():
    """The TeX a page typesets in one note's text, rendered with mkdocs.yml's extensions."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)

    def page_math(texts: dict[str, str], page: str) -> list[str]:
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        configs["obsidian_markdown"] = {"vault": Vault.from_texts(texts), "page": page, "nested_markdown": (names, configs)}
        parser = _MathOnPage()
        parser.feed(markdown.Markdown(extensions=names, extension_configs=configs).convert(texts[page]))
        return [tex.removeprefix("\\(").removesuffix("\\)") for tex in parser.found]

    return page_math


@pytest.mark.parametrize("text, math", MATH_CASES, ids=[c[0] for c in MATH_CASES])
def test_a_backlink_shows_the_math_the_page_shows(text, math, page_math):
    texts = {"Source.md": f"See [[Target]] then {text} end\n", "Target.md": "target\n"}
    assert page_math(texts, "Source.md") == math
    [backlink] = graph.backlinks(Vault.from_texts(texts))["Target.md"]
    assert [s.text for s in backlink.snippet if s.kind == graph.MATH] == math
