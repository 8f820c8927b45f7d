"""Heading ids in the model are the ids the site renders (same slugify, same de-duplication,
the same reading of the heading's inline Markdown), and a heading's title is its text on the
page. Each table is checked twice: against the model, and against the site's own Markdown
pipeline (mkdocs.yml's extensions with obsidian_markdown), so the two cannot drift apart."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import strip_tags
from mkdocs.config import load_config

from vault import Vault
from vault.headings import heading_parts, plain_text, slugify, unique
from vault.inline_text import ESCAPABLE, STEPS, shown_text

ROOT = Path(__file__).resolve().parent.parent


def model_ids(text: str) -> list[str]:
    return [h.id for h in Vault.from_texts({"n.md": text}).notes["n.md"].headings]


def rendered_ids(text: str) -> list[str]:
    md = markdown.Markdown(extensions=["toc", "attr_list", "pymdownx.superfences"], extension_configs={"toc": {"slugify": slugify}})
    md.convert(text)
    ids = []

    def walk(tokens):
        for token in tokens:
            ids.append(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)
    return ids


CASES = [
    ("simple", "# Hello World", ["hello-world"]),
    ("punctuation", "## What's new? (v2.0)!", ["whats-new-v20"]),
    ("unicode", "## Präzision & Recall\n## Обучение модели\n## 特征工程", ["präzision--recall", "обучение-модели", "特征工程"]),
    ("duplicates", "## Pitfalls\n## Pitfalls\n## Pitfalls", ["pitfalls", "pitfalls_1", "pitfalls_2"]),
    ("duplicate of a suffixed id", "## A 1\n## A\n## A", ["a-1", "a", "a_1"]),
    ("inline markup", "## The `fit` method and **bold** [link](x.md)", ["the-fit-method-and-bold-link"]),
    ("closing hashes", "## Title ##", ["title"]),
    ("setext", "Big\n===\n\nSmall\n---", ["big", "small"]),
    ("explicit id", "## Named {#custom}\n## Named", ["custom", "named"]),
    ("code is not a heading", "```\n# not\n```\n# yes", ["yes"]),
    ("empty", "#\n# x", ["_1", "x"]),
    ("emoji", "## 🚀 Launch", ["-launch"]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_heading_ids(name, text, expected):
    assert model_ids(text) == expected


@pytest.mark.parametrize("name, text, expected", [c for c in CASES if c[0] not in {"empty"}], ids=[c[0] for c in CASES if c[0] != "empty"])
def test_model_agrees_with_python_markdown(name, text, expected):
    assert rendered_ids(text) == model_ids(text)


def test_wikilink_in_heading_uses_display_text():
    assert model_ids("## See [[Note|the note]] and [[Other#Part]]") == ["see-the-note-and-other--part"]
    assert plain_text("A [[B]] c") == "A B c"


def test_levels_and_lines():
    note = Vault.from_texts({"n.md": "---\na: 1\n---\n# One\ntext\n### Three"}).notes["n.md"]
    assert [(h.level, h.title, h.line) for h in note.headings] == [(1, "One", 4), (3, "Three", 6)]


# -- the site's pipeline as the oracle ------------------------------------------------------

# Notes the headings below link to or embed, and an attachment.
TARGETS = {"Note.md": "# Part\n", "Other.md": "## Part\n", "Api.md": "## fn()\n"}
ATTACHMENTS = ("pic.png",)


@pytest.fixture(scope="module")
def site_headings():
    """(id, title) of each heading of a note as the site renders it: the id on the page's
    <hN>, and the text toc made it from (its rendered HTML, footnote references out, tags
    stripped, entities decoded)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)

    def render(vault: Vault, page: str) -> list[tuple[str, str]]:
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        configs["obsidian_markdown"] = {"vault": vault, "page": page, "nested_markdown": (names, configs)}
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        page_html = md.convert(vault.notes[page].body)
        found: list[tuple[str, str]] = []

        def walk(tokens):
            for token in tokens:
                found.append((token["id"], html.unescape(strip_tags(token["html"]))))
                walk(token["children"])

        walk(md.toc_tokens)
        assert [html.unescape(i) for i in re.findall(r'<h[1-6][^>]* id="([^"]*)"', page_html)] == [i for i, _ in found]
        return found

    return render


def headings_of(text: str, render=None) -> list[tuple[str, str]]:
    """(id, title) of the headings of a note ``text``: the model's, or the site's."""
    vault = Vault.from_texts({"n.md": text, **TARGETS}, attachments=ATTACHMENTS)
    if render is not None:
        return render(vault, "n.md")
    return [(h.id, h.title) for h in vault.notes["n.md"].headings]


# (heading as written, id, title): one heading kind a row.
HEADINGS = [
    # code spans: their content is text, underscores and asterisks kept, stripped
    ("### `ON_HOLD`", "on_hold", "ON_HOLD"),
    ("## Status `IN_PROGRESS` and `DONE`", "status-in_progress-and-done", "Status IN_PROGRESS and DONE"),
    ("## `a` b", "a-b", "a b"),
    ("## `*` and `**` literally", "-and--literally", "* and ** literally"),
    ("## `__init__` method", "__init__-method", "__init__ method"),
    ("## `a_b` and `c*d`", "a_b-and-cd", "a_b and c*d"),
    ("## ``code with ` tick``", "code-with--tick", "code with ` tick"),
    ("## `  padded  `", "padded", "padded"),
    ("## `#!python print(x)`", "printx", "print(x)"),
    ("## `&amp;` and `<b>`", "amp-and", "&amp; and <b>"),
    ("## a \\\\`b` c", "a-b-c", "a \\b c"),
    # underscores: emphasis only outside words
    ("## snake_case_name", "snake_case_name", "snake_case_name"),
    ("## CONSTANT_NAME_", "constant_name_", "CONSTANT_NAME_"),
    ("## file_name.py", "file_namepy", "file_name.py"),
    ("## _private name", "_private-name", "_private name"),
    ("## a _ b", "a-_-b", "a _ b"),
    ("## __dunder__ method", "dunder-method", "dunder method"),
    ("## __init__.py", "initpy", "init.py"),
    ("## _em_ text", "em-text", "em text"),
    ("## __strong__ text", "strong-text", "strong text"),
    # asterisks: pairs go, lone ones stay
    ("## **bold** and *em*", "bold-and-em", "bold and em"),
    ("## ***both***", "both", "both"),
    ("## **bold *nested* text**", "bold-nested-text", "bold nested text"),
    ("## **Note:** details", "note-details", "Note: details"),
    ("## a*b*c", "abc", "abc"),
    ("## 2*3*4", "234", "234"),
    ("## a * b", "a--b", "a * b"),
    ("## C++ and C*", "c-and-c", "C++ and C*"),
    ("## *unclosed", "unclosed", "*unclosed"),
    # ==mark==, ~~del~~
    ("## ==mark== this", "mark-this", "mark this"),
    ("## ~~del~~ that", "del-that", "del that"),
    ("## a==b==c", "abc", "abc"),
    ("## a == b", "a--b", "a == b"),
    ("## x~y~z", "xyz", "x~y~z"),
    # inline HTML: tags out, their text kept
    ("## <kbd>Ctrl</kbd>+<kbd>C</kbd>", "ctrlc", "Ctrl+C"),
    ('## <span class="x">styled</span> text', "styled-text", "styled text"),
    ("## <b>raw</b> bold", "raw-bold", "raw bold"),
    ("## a <br> b", "a-b", "a b"),
    ("## <!-- note --> visible", "visible", "visible"),
    ("## List<int> and a < b", "list-and-a--b", "List and a < b"),
    ("## x <https://example.org/a_b>", "x-httpsexampleorga_b", "x https://example.org/a_b"),
    ("## mail <me@example.org>", "mail-meexampleorg", "mail me@example.org"),
    # emoji (no emoji extension: a :shortcode: is text), CJK, Cyrillic, accents
    ("## 🚀 Launch", "-launch", "🚀 Launch"),
    ("## ✅ Done ✨", "-done-", "✅ Done ✨"),
    ("## :smile: shortcode", "smile-shortcode", ":smile: shortcode"),
    ("## 한국어 제목", "한국어-제목", "한국어 제목"),
    ("## 中文标题", "中文标题", "中文标题"),
    ("## 日本語の見出し", "日本語の見出し", "日本語の見出し"),
    ("## Обучение модели", "обучение-модели", "Обучение модели"),
    ("## Präzision & Recall", "präzision--recall", "Präzision & Recall"),
    # entities: decoded as toc decodes them; a bare `&` is text
    ("## Q&amp;A", "qa", "Q&A"),
    ("## &#123;braces&#125;", "braces", "{braces}"),
    ("## a &copy; b", "a--b", "a © b"),
    ("## AT&T", "att", "AT&T"),
    ("## &nbsp;spaced", "spaced", "\xa0spaced"),
    ("## &foo; unknown", "foo-unknown", "&foo; unknown"),
    ("## a &amp x", "a-amp-x", "a &amp x"),
    # backslash escapes: escapable characters only
    ("## \\*not em\\*", "not-em", "*not em*"),
    ("## a \\_ b", "a-_-b", "a _ b"),
    ("## \\# hash", "-hash", "# hash"),
    ("## path\\\\to", "pathto", "path\\to"),
    ("## price \\$5", "price-5", "price $5"),
    # wikilinks and Markdown links: their text
    ("## See [[Note]]", "see-note", "See Note"),
    ("## See [[Note|the note]]", "see-the-note", "See the note"),
    ("## [[Other#Part]]", "other--part", "Other > Part"),
    ("## [[Api#`fn()`|`fn()`]]", "fn", "fn()"),
    ("## [[Missing note]]", "missing-note", "Missing note"),
    ("## ![[pic.png]] embed", "embed", "embed"),
    ("## [md](Note.md) link", "md-link", "md link"),
    ("## [**bold** web](https://example.org) link", "bold-web-link", "bold web link"),
    ("## ![img](pic.png) image", "image", "image"),
    ("## [t](a b.md) x", "ta-bmd-x", "[t](a b.md) x"),  # a URL with spaces: no link in Obsidian
    # math: as arithmatex writes it for KaTeX
    ("## Loss $L_2$ norm", "loss-l_2-norm", "Loss \\(L_2\\) norm"),
    ("## $x_1 + x_2$", "x_1--x_2", "\\(x_1 + x_2\\)"),
    ("## \\(a_b\\) bracket", "a_b-bracket", "\\(a_b\\) bracket"),
    # attribute lists (after a space), closing hashes, comments, tags
    ("## Named {#custom-id}", "custom-id", "Named"),
    ("## Classy {: .cls }", "classy", "Classy"),
    ("## Both {#b .c}", "b", "Both"),
    ("## Colon {#my:id}", "my:id", "Colon"),
    ("## Glued{#x}", "gluedx", "Glued{#x}"),
    ("## ![logo](pic.png){width=20} Title", "title", "Title"),
    ("## [t](Note.md){.c} and **b**{: .x} y", "t-and-b-y", "t and b y"),
    ("## a{b} c", "ab-c", "a{b} c"),
    ("## Title ## {#t}", "t", "Title"),
    ("## Title ##", "title", "Title"),
    ("## C#", "c", "C"),
    ("## C\\#", "c", "C#"),
    ("## Title ##  ", "title-", "Title ##"),
    ("## Title %%hidden%%", "title", "Title"),
    ("## #tag heading", "tag-heading", "#tag heading"),
    ("## Topic #ml/ranking", "topic-mlranking", "Topic #ml/ranking"),
    # where a heading stands
    ("> ## In a quote", "in-a-quote", "In a quote"),
    ("> [!note] Callout\n> ## In a callout", "in-a-callout", "In a callout"),
    ("Setext `a_b` _title_\n===", "setext-a_b-title", "Setext a_b title"),
    ("Setext **two**\n---", "setext-two", "Setext two"),
    ("## Claim[^1]\n\n[^1]: The footnote.", "claim", "Claim"),
    ("## Claim[^1] more[^2]\n\n[^2]: Only this one.", "claim1-more", "Claim[^1] more"),
]


@pytest.mark.parametrize("text, id_, title", HEADINGS, ids=[h[0] for h in HEADINGS])
def test_the_model_reads_each_kind_of_heading(text, id_, title):
    assert headings_of(text) == [(id_, title)]


@pytest.mark.parametrize("text, id_, title", HEADINGS, ids=[h[0] for h in HEADINGS])
def test_the_site_renders_each_kind_of_heading_so(text, id_, title, site_headings):
    assert headings_of(text, site_headings) == [(id_, title)]


# Notes with several headings: de-duplication as toc does it, among all the page's ids.
SEQUENCES = [
    ("## Pitfalls\n## Pitfalls\n## Pitfalls", ["pitfalls", "pitfalls_1", "pitfalls_2"]),
    ("## Setup\n## Setup\n## Setup_1", ["setup", "setup_1", "setup_2"]),
    ("## Setup_1\n## Setup\n## Setup", ["setup_1", "setup", "setup_2"]),
    ("## `x`\n## x\n## **x**", ["x", "x_1", "x_2"]),
    ("## Intro\n## Named {#intro}", ["intro_1", "intro"]),
    ("## A 1\n## A\n## A", ["a-1", "a", "a_1"]),
    ("#\n## !!!\n## 🚀", ["_1", "_2", "_3"]),
    ("## ON_HOLD\n### `ON_HOLD`\n## on hold", ["on_hold", "on_hold_1", "on-hold"]),
]


@pytest.mark.parametrize("text, ids", SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_duplicate_ids(text, ids, site_headings):
    assert [i for i, _ in headings_of(text)] == ids
    assert [i for i, _ in headings_of(text, site_headings)] == ids


# HTML and Obsidian comments: a heading inside one is no heading on the page. Python-Markdown
# hides a `<!--` at a line start (up to 3 spaces) to the first `-->` or `--!>` after it, outside
# fenced code, even inside a paragraph; a comment that starts in a line's middle is hidden only
# within its paragraph. Where the page shows a comment as text, the model reads what it shows.
COMMENTED = [
    ("after a paragraph line", "## One\nfirst\n<!--\n## Two\nhidden\n-->\nstill\n## Three", ["one", "three"]),
    ("after a blank line", "## One\nfirst\n\n<!--\n## Two\n-->\n## Three", ["one", "three"]),
    ("after a heading", "## One\n<!--\n## Two\n-->\n## Three", ["one", "three"]),
    ("after a list item", "## One\n- item\n<!--\n## Two\n-->\n## Three", ["one", "three"]),
    ("a blank line inside", "## One\nfirst\n<!--\n## Two\n\nhidden\n-->\n## Three", ["one", "three"]),
    ("three spaces, closed by --!>", "## One\nfirst\n   <!--\n## Two\n--!>\n## Three", ["one", "three"]),
    ("text after the closing", "## One\n<!--\n## Two\n--> after\n## Three", ["one", "three"]),
    ("a setext underline after a comment line", "## One\ntext\n<!-- a -->\n---\n## Three", ["one", "three"]),
    ("obsidian comment opened in a paragraph", "## One\nfirst %%\n## Two\n%%\n## Three", ["one", "three"]),
    ("obsidian comment opened in a list item", "## One\n- item %%\n## Two\n%%\n## Three", ["one", "three"]),
    # the page shows these comments as text, and the heading in them
    ("mid-line, past its paragraph", "## One\nfirst <!-- a\n## Two\n-->\n## Three", ["one", "two", "three"]),
    ("never closed", "## One\n<!--\n## Two", ["one", "two"]),
    ("closed only inside code", "## One\n<!--\n## Two\n```\n-->\n```\n## Three", ["one", "two", "three"]),
    ("swallowed by a comment opened in a code span", "## One\nUse `<!--` here.\n\n<!--\n## Two\n-->\n## Three",
     ["one", "two", "three"]),
    ("in a list item (indented 4 on the page)", "## One\n- item\n  <!--\n  ## Two\n  -->\n## Three", ["one", "two", "three"]),
    ("after a tab (4 columns)", "## One\ntext\n\t<!--\n## Two\n-->\n## Three", ["one", "two", "three"]),
    ("in a quote", "## One\n> <!--\n> ## Two\n> -->\n\n## Three", ["one", "two", "three"]),
]


@pytest.mark.parametrize("name, text, ids", COMMENTED, ids=[c[0] for c in COMMENTED])
def test_headings_in_comments_are_the_pages(name, text, ids, site_headings):
    assert [i for i, _ in headings_of(text)] == ids
    assert [i for i, _ in headings_of(text, site_headings)] == ids


# Lines that look like headings, read as the page reads them: Python-Markdown takes a setext
# title only as the first line of a block; an ATX heading may have up to 3 spaces before its
# hashes (also after a quote's `>`), and a lone backslash may end it, as in Obsidian
# (ObsidianHashHeaderProcessor).
SHAPES = [
    ("a line before list items of code", "Supported types:\n- `.aac`\n- `.flac`", []),
    ("a line before a list item of math", "Title\n- $x$", []),
    ("a line of dashes after a list item", "- item\n---\n\n1. one\n   two\n---", []),  # a thematic break
    ("a line before an empty list item", "Title\n-\n\nOther\n- ", []),
    ("a paragraph's second line before ---", "text\nb\n---", []),
    ("a paragraph's second line before ===", "text\nb\n===", []),
    ("a list item's lazy line before ---", "- a\nb\n---", []),
    ("a quote's lazy line before ---", "> q\nb\n---", []),
    ("a line after a block id before ---", "a ^id\nb\n---", []),
    ("a line after a heading", "## H\nb\n---", ["h", "b"]),
    ("two setext headings in a row", "a\n---\nb\n===", ["a", "b"]),
    ("a line after a thematic break", "a\n\n***\nb\n---", ["b"]),
    ("a line after an HTML comment", "para\n<!-- c -->\nb\n---", ["b"]),
    ("an indented underline", "a\n  ---", []),
    ("an underline at a list item's margin", "- a\n\n  b\n  ---", ["b"]),
    ("a setext heading in a table's last row", "| a | b |\n|---|---|\n| 1 | 2 |\nb\n---", []),
    ("hashes indented 1-3 spaces", "x\n\n ## one\n\n   ## three", ["one", "three"]),
    ("hashes at a list item's margin", "- a\n\n  ## x\n\n1. b\n   ## y", ["x", "y"]),
    ("hashes off a list item's margin", "-   c\n  ## z\n\n- d\n   ## w", ["z", "w"]),
    ("hashes two spaces after a quote's >", "> ## q\n\n>  ## q2", ["q", "q2"]),
    ("hashes four spaces after a quote's >", ">    ## q", ["q"]),  # its own space, then three
    ("hashes before code, with no space", "#`code` text\n\n> #`q` t\n\n#$x$ y", []),  # `#tag` is no heading
    ("an empty list item before ---", "-\n---", []),  # a thematic break after it
    ("a lone backslash at the end", "## a\\\n\n## b \\\n\n## c\\\\\n\n## d \\#", ["a", "b-", "c", "d-"]),
    ("double and no-break spaces", "## Two  spaces\n## No\u00a0break\n## Tab\there", ["two-spaces", "no-break", "tab-here"]),
    ("an HTML heading before ---", "<h6>date</h6>\n----------\n\ntext", []),
    ("an HTML heading after a heading, before ---", "# T\n<h6>date</h6>\n----------", ["t"]),
]


@pytest.mark.parametrize("name, text, ids", SHAPES, ids=[c[0] for c in SHAPES])
def test_heading_shapes_are_the_pages(name, text, ids, site_headings):
    assert [i for i, _ in headings_of(text, site_headings)] == ids
    assert [i for i, _ in headings_of(text)] == ids


def test_every_heading_of_the_docs_vault_as_the_site_renders_it(site_headings):
    vault = Vault.load(str(ROOT / "docs"))
    checked = 0
    for path, note in sorted(vault.notes.items()):
        model = [(h.id, h.title) for h in note.headings]
        assert site_headings(vault, path) == model, path
        checked += len(model)
    assert checked > 100


# -- the pieces the model copies, held to the site's -----------------------------------------


@pytest.fixture(scope="module")
def site_markdown():
    config = load_config(str(ROOT / "mkdocs.yml"))
    vault = Vault.from_texts({"n.md": ""})
    configs = {k: dict(v) for k, v in config.mdx_configs.items()}
    configs["obsidian_markdown"] = {"vault": vault, "page": "n.md"}
    md = markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=configs)
    md.convert("")
    return md


def test_escapable_characters_are_the_sites(site_markdown):
    assert ESCAPABLE == set(site_markdown.ESCAPED_CHARS)


def test_steps_run_in_the_order_of_the_sites_inline_patterns(site_markdown):
    positions = [site_markdown.inlinePatterns.get_index_for_name(step.name) for step in STEPS]
    assert positions == sorted(positions)


# -- a heading's line ---------------------------------------------------------------------------

LINES = [
    ("## Title", ("Title", None)),
    ("### Title ###", ("Title", None)),
    ("## C#", ("C", None)),
    ("## C\\#", ("C\\#", None)),
    ("## Title ##  ", ("Title ##", None)),
    ("> > ## Deep", ("Deep", None)),
    ("## Named {#n}", ("Named", "n")),
    ("## Named ## {#n}", ("Named", "n")),
    ("## Key {id=k}", ("Key", "k")),
    ('## Quoted {id="q" .c}', ("Quoted", "q")),
    ("## Last {#a #b}", ("Last", "b")),
    ("## Class only {: .c }", ("Class only", None)),
    ("## Glued{#g}", ("Glued{#g}", None)),
    ("## Not a list {#a}}", ("Not a list {#a}}", None)),
    ("## Hidden %%comment%% part", ("Hidden  part", None)),
    ("## `%%` kept", ("`%%` kept", None)),
    ("Setext title {#s}", ("Setext title", "s")),
]


@pytest.mark.parametrize("line, expected", LINES, ids=[line for line, _ in LINES])
def test_heading_parts(line, expected):
    assert heading_parts(line) == expected


def test_plain_headings_take_the_short_way():
    assert shown_text("  Plain   words here ") == "Plain words here"


# -- links to headings ------------------------------------------------------------------------

LINKED = {
    "Tasks Api.md": "## `editTaskLineModal()`\n### `ON_HOLD`\n## snake_case_name\n## Q&amp;A\n## The `*` operator\n",
}
# (link, the heading's id): a heading is found by its text as written or as shown.
HEADING_LINKS = [
    ("[[Tasks Api#`editTaskLineModal()`]]", "edittasklinemodal"),
    ("[[Tasks Api#editTaskLineModal()]]", "edittasklinemodal"),
    ("[[Tasks Api#`ON_HOLD`]]", "on_hold"),
    ("[[Tasks Api#ON_HOLD]]", "on_hold"),
    ("[[Tasks Api#on_hold]]", "on_hold"),
    ("[[Tasks Api#snake_case_name]]", "snake_case_name"),
    ("[[Tasks Api#Q&A]]", "qa"),
    ("[[Tasks Api#Q&amp;A]]", "qa"),
    ("[[Tasks Api#The `*` operator]]", "the--operator"),
    ("[[Tasks Api#The * operator]]", "the--operator"),
    ("[[Tasks Api#`editTaskLineModal()`|`editTaskLineModal()`]]", "edittasklinemodal"),
]


@pytest.mark.parametrize("link, id_", HEADING_LINKS, ids=[link for link, _ in HEADING_LINKS])
def test_links_find_the_heading_and_write_its_id(link, id_, site_headings):
    vault = Vault.from_texts({**LINKED, "Home.md": f"{link}\n"})
    home = vault.notes["Home.md"]
    (found,) = home.links
    assert vault.resolve(found.link, home).anchor == id_
    assert id_ in [i for i, _ in site_headings(vault, "Tasks Api.md")]
    config = load_config(str(ROOT / "mkdocs.yml"))
    configs = {k: dict(v) for k, v in config.mdx_configs.items()}
    configs["obsidian_markdown"] = {"vault": vault, "page": "Home.md"}
    page = markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=configs).convert(home.body)
    assert f'href="Tasks%20Api.md#{id_}"' in page


# Sequences of heading slugs, as a note may produce them: repeats, empty slugs, slugs that
# look like de-duplicated ones ("a_1"), and suffixes past the next free one ("a_3").
ID_SEQUENCES = [
    ["a", "a", "a"],
    ["", "", "x", ""],
    ["a_1", "a", "a", "a"],
    ["a", "a_1", "a", "a_2", "a"],
    ["a_3", "a", "a", "a", "a", "a_3"],
    ["b_0", "b_0", "b", "b_1"],
    ["c_10", "c_10", "c_9", "c_10", "c_11"],
    ["x_y_1", "x_y", "x_y", "x_y_1"],
    ["^id", "id", "id"],
]


@pytest.mark.parametrize("slugs", ID_SEQUENCES, ids=["+".join(s) or "empty" for s in ID_SEQUENCES])
def test_unique_ids_are_tocs(slugs):
    """vault.headings.unique gives the ids Python-Markdown's toc gives (with and without its
    counters cache, as the site calls it)."""
    from markdown.extensions.toc import unique as toc_unique

    ours, theirs, cached = set(), set(), set()
    counters: dict[str, int] = {}
    for slug in slugs:
        expected = toc_unique(slug, theirs)
        assert unique(slug, ours) == expected == toc_unique(slug, cached, counters)
    assert ours == theirs
