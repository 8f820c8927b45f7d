"""The site audit's parts, as tables: where a URL leads, what a page shows, what a note
escaped. End to end (built sites): test_site_audit_build.py."""

from __future__ import annotations

import pytest

from site_auditor.notes import escaped_brackets, page_candidates, unlinked_brackets
from site_auditor.leaks import shown_as_written, unescaped
from site_auditor.page import AROUND, PAGE, Shown, read_page
from site_auditor.urls import fragment_found, site_file, target
from vault import Vault

FILES = frozenset({
    "index.html", "404.html", "sitemap.xml", "Note/index.html", "Folder/index.html",
    "Folder/Deep/index.html", "Folder/Flat.html", "assets/app.css", "assets/pic a.png",
    "Präzision/index.html", "search/search_index.json",
})

# (page, URL as written) -> (site file or None when missing, fragment as written or None)
URLS = [
    ("Note/index.html", "", ("Note/index.html", None)),
    ("Note/index.html", "#", ("Note/index.html", "")),
    ("Note/index.html", "#intro", ("Note/index.html", "intro")),
    ("Note/index.html", "?q=1#x", ("Note/index.html", "x")),
    ("Note/index.html", "../", ("index.html", None)),
    ("Note/index.html", "..", ("index.html", None)),  # Material's parent links
    ("Note/index.html", ".", ("Note/index.html", None)),
    ("Note/index.html", "./#h", ("Note/index.html", "h")),
    ("Note/index.html", "  ../  ", ("index.html", None)),  # a browser strips the spaces
    ("Note/index.html", "../assets/pic%20a.png", ("assets/pic a.png", None)),
    ("Note/index.html", "../assets/app.css?v=3", ("assets/app.css", None)),
    ("Note/index.html", "../Folder/Deep/#h", ("Folder/Deep/index.html", "h")),
    ("Note/index.html", "../Folder/Deep", ("Folder/Deep/index.html", None)),  # the server adds the slash
    ("Note/index.html", "../Folder/Flat.html#a%20b", ("Folder/Flat.html", "a%20b")),
    ("Note/index.html", "../Pr%C3%A4zision/", ("Präzision/index.html", None)),
    ("Note/index.html", "../Nope/", (None, None)),
    ("Note/index.html", "../Folder/Flat.html/", (None, None)),  # a file is no folder
    ("Note/index.html", "../assets/", (None, None)),  # a folder without index.html
    ("Folder/Deep/index.html", "../../Note/", ("Note/index.html", None)),
    ("Folder/Deep/index.html", "../../../../Note/", ("Note/index.html", None)),  # above the root: the root
    ("Folder/Deep/index.html", "../", ("Folder/index.html", None)),
    ("index.html", "Note/index.html", ("Note/index.html", None)),
    ("index.html", "sitemap.xml", ("sitemap.xml", None)),
    ("index.html", "./", ("index.html", None)),
    ("404.html", "/assets/app.css", ("assets/app.css", None)),  # path-absolute, from the base
    ("404.html", "/", ("index.html", None)),
    ("404.html", "/.", ("index.html", None)),
    ("Folder/Flat.html", "Deep/", ("Folder/Deep/index.html", None)),
]


@pytest.mark.parametrize(("page", "url", "expected"), URLS)
def test_where_a_url_leads(page, url, expected):
    found = target(page, url)
    assert found is not None
    assert (site_file(found, FILES), found.fragment) == expected


@pytest.mark.parametrize("url", [
    "https://example.org/Note/", "http://127.0.0.1:8000/Note/", "//cdn.example.org/app.js",
    "mailto:someone@example.org", "data:image/png;base64,iVBOR", "javascript:void(0)", "tel:+100",
    " https://example.org/ ",
])
def test_urls_that_leave_the_site_are_not_followed(url):
    assert target("Note/index.html", url) is None


# (base the site is served under, path-absolute URL on 404.html) -> site file or None
BASES = [
    ("/kb/", "/kb/assets/app.css", "assets/app.css"),
    ("/kb", "/kb/Note/", "Note/index.html"),
    ("/kb/", "/kb", "index.html"),
    ("/kb/", "/kb/", "index.html"),
    ("/kb/", "/assets/app.css", None),  # outside the site's base: a 404 once deployed
    ("/kb/", "/kbx/Note/", None),
]


@pytest.mark.parametrize(("base", "url", "expected"), BASES)
def test_path_absolute_urls_start_at_the_sites_base(base, url, expected):
    assert site_file(target("404.html", url, base), FILES) == expected


IDS = {"intro", "^blk", "é", "a b", "Top-level"}
FRAGMENTS = [
    (None, True), ("", True), ("top", True), ("TOP", True), ("intro", True), ("^blk", True),
    ("%5Eblk", True), ("%C3%A9", True), ("a%20b", True), ("Top-level", True),
    ("Intro", False), ("nope", False), ("top-level", False), ("%5E", False),
]


@pytest.mark.parametrize(("fragment", "found"), FRAGMENTS)
def test_a_fragment_is_an_id_as_written_or_decoded(fragment, found):
    assert fragment_found(fragment, IDS) is found


# -- what a page shows -----------------------------------------------------------------------

# (HTML, the `[[` a reader sees outside code)
LEAKS = [
    ("<p>a [[b]] c</p>", 1),
    ("<p>a [[b]] and [[c]]</p>", 2),
    ("<p>&#91;&#91;b]]</p>", 1),  # entities are what the reader sees
    ("<p>[<em>[</em>b]]</p>", 1),  # split by inline markup
    ("<p>a [</p><p>[b</p>", 0),  # two paragraphs
    ("<p>[ [b</p>", 0),
    ("<p><code>[[b]]</code></p>", 0),
    ("<pre><code>x\n[[b]]</code></pre>", 0),
    ("<p>[<code>x</code>[b</p>", 0),
    ('<p title="[[b]]" data-x="[[c]]">t</p>', 0),  # attributes are not text
    ("<script>var a = '[[b]]';</script><style>/* [[b]] */</style>", 0),
    ("<textarea>[[b]]</textarea><kbd>[[c]]</kbd>", 0),
    ('<span class="arithmatex">\\([[1, 2]]\\)</span>', 0),  # math
    ('<div class="arithmatex">\\[ [[1]] \\]</div><p>[[shown</p>', 1),
    ('<div class="mermaid-diagram">A[[sub]] --> B</div>', 0),  # a mermaid subroutine node
    ("<pre><span>[[a</span><code>[[b</code></pre><p>[[c</p>", 1),  # nesting: only the last
]


@pytest.mark.parametrize(("html", "count"), LEAKS)
def test_wikilink_brackets_shown_as_text(html, count):
    assert len(read_page(html).leaks) == count


def test_a_leak_split_by_markup_shows_both_brackets():
    assert [leak.text for leak in read_page("<p><strong>[</strong>[:alpha:]<strong>]</strong></p>").leaks] == ["[[:alpha:]"]


def test_a_leak_has_its_line_and_column():
    page = read_page("<html>\n<p>one</p>\n<p>two [[x]]\nand\n  [[y]]</p>")
    assert [(leak.line, leak.column, leak.text) for leak in page.leaks] == [(3, 8, "[[x]]"), (5, 3, "[[y]]")]


EMBED = (
    '<p>[[own</p>'
    '<div class="markdown-embed" data-embed-path="Folder/B.md">'
    '<p class="markdown-embed-title"><a class="wikilink" href="../Folder/B/">B</a></p>'
    '<div class="markdown-embed-content" data-search-exclude="">'
    '<div><p>[[in B <span class="wikilink-unresolved" title="Unresolved link: why">Gone <code>x()</code></span></p></div>'
    '<div class="markdown-embed" data-embed-path="C.md"><p class="markdown-embed-title"><a href="../C/">C</a></p>'
    '<div class="markdown-embed-content"><p>[[in C</p></div></div>'
    '<p>[[in B again</p>'
    '</div></div>'
    '<p>[[own again <a href="#x">x</a></p>'
    '<section id="backlinks" class="backlinks"><h2>Linked from</h2><ul>'
    '<li><a href="../A/">A</a><p class="backlink-context">quoted [[from A</p></li>'
    '<li><a href="../D/">D</a><p class="backlink-context">quoted [[from D</p></li></ul></section>'
    '<p>[[after</p>'
)


def test_each_text_has_the_note_it_comes_from():
    page = read_page(EMBED)
    owners = [(leak.text[2:].split()[0], leak.owner[0], leak.owner[1]) for leak in page.leaks]
    assert owners == [
        ("own", "page", ""), ("in", "embed", "Folder/B.md"), ("in", "embed", "C.md"), ("in", "embed", "Folder/B.md"),
        ("own", "page", ""), ("from", "from", "../A/"), ("from", "from", "../D/"), ("after", "page", ""),
    ]
    b_first, b_again = page.leaks[1].owner, page.leaks[3].owner
    assert b_first == b_again and page.leaks[5].owner != page.leaks[6].owner  # each quote on its own


def test_links_and_broken_links_have_their_owner():
    page = read_page(EMBED)
    assert [(r.url, r.owner[0]) for r in page.references] == [
        ("../Folder/B/", "page"), ("../C/", "embed"), ("#x", "page"), ("../A/", "around"), ("../D/", "around"),
    ]
    [broken] = page.unresolved
    assert (broken.text, broken.reason, broken.owner[:2]) == ("Gone x()", "Unresolved link: why", ("embed", "Folder/B.md"))
    assert PAGE != AROUND


def test_ids_urls_and_media():
    page = read_page(
        '<h2 id="intro">I</h2><a name="old"></a><a>no href</a><span name="not-an-anchor"></span>'
        '<img src="a.png"><audio src="b.mp3"></audio><video src="c.mp4" poster="c.jpg"><source src="d.webm"></video>'
        '<iframe src="e.pdf"></iframe><link rel="stylesheet" href="s.css"><script src="j.js"></script>'
        '<area href="m.html"><object data="o.svg"></object><embed src="f.swf"><track src="t.vtt">'
    )
    assert page.ids == {"intro", "old"}
    assert [(r.tag, r.url) for r in page.references] == [
        ("img", "a.png"), ("audio", "b.mp3"), ("video", "c.mp4"), ("video", "c.jpg"), ("source", "d.webm"),
        ("iframe", "e.pdf"), ("link", "s.css"), ("script", "j.js"), ("area", "m.html"), ("object", "o.svg"),
        ("embed", "f.swf"), ("track", "t.vtt"),
    ]


def test_a_reference_has_its_line_and_column():
    page = read_page('<p>\n  <a href="x/">x</a> <img\n src="y.png"></p>')
    assert [(r.line, r.column) for r in page.references] == [(2, 3), (2, 22)]


# -- what a note escaped ---------------------------------------------------------------------

# (note text, what follows each escaped `[[`)
ESCAPES = [
    ("a [\\[x]] b", ["x]] b"]),
    ("a \\[[x]] b\nnext", ["x]] b"]),
    ("a [\\[x]] and \\[[y]]", ["x]] and [[y]]", "y]]"]),  # as the page shows what follows
    ("Write \\[\\[Note\\]\\] here.", ["Note]] here."]),  # both escaped
    ("**\\[**\\[:alpha:\\]**\\]", [":alpha:]**]"]),  # both escaped, bold between (a POSIX class)
    ("a `\\[\\[x` b", []),
    ("[[x]]", []),
    ("a `[\\[x]]` b", []),  # code: shown as written, not as `[[`
    ("```\n[\\[x]]\n```\n", []),
    ("    [\\[indented code]]\n", []),
    ("$[\\[x]]$", []),  # math
    ("%%[\\[x]]%%", []),  # a comment is not shown
    ("---\ntitle: '[\\[x]]'\n---\nbody\n", []),  # frontmatter is not the text
]


@pytest.mark.parametrize(("text", "following"), ESCAPES)
def test_brackets_a_note_escaped(text, following):
    assert escaped_brackets(Vault.from_texts({"n.md": text}).notes["n.md"]) == following


def leak(text: str) -> Shown:
    return Shown(text, 1, 1, PAGE)


# (the `[[` a page shows, what follows each escape in the note) -> the texts no escape accounts for
UNESCAPED = [
    (["[[x]] b"], ["x]] b"], []),
    (["[[x]] b"], [], ["[[x]] b"]),
    (["[[raw]]", "[[x]] b"], ["x]] b"], ["[[raw]]"]),  # the escape is the one showing its text
    (["[[x]] b", "[[raw]]"], ["x]] b"], ["[[raw]]"]),
    (["[[x]] and a long line cut short"], ["x]] and a long line cut short, as the page keeps 40 characters"], []),
    (["[[bold]]", "[[raw]]"], ["**bold**]]"], ["[[raw]]"]),  # no text matches: the first in order
    (["[[a]]", "[[a]]"], ["a]]"], ["[[a]]"]),
]


@pytest.mark.parametrize(("shown", "escaped", "left"), UNESCAPED)
def test_an_escape_accounts_for_the_bracket_showing_its_text(shown, escaped, left):
    assert [s.text for s in unescaped([leak(t) for t in shown], escaped)] == left


PAGES = [
    ("Note.md", ("Note/index.html", "Note.html")),
    ("a/b/Note.md", ("a/b/Note/index.html", "a/b/Note.html")),
    ("index.md", ("index.html",)),
    ("a/index.md", ("a/index.html",)),
    ("a/README.md", ("a/index.html",)),
    ("a/readme.md", ("a/readme/index.html", "a/readme.html")),  # MkDocs' names are case-sensitive
]


@pytest.mark.parametrize(("note", "pages"), PAGES)
def test_the_pages_a_note_may_have(note, pages):
    assert page_candidates(note) == pages


# (note text, what follows each `[[` that opens no link)
UNLINKED = [
    ("1. [[memos", ["memos"]),  # unclosed at the end of the note
    ("a [[b\nc]]", ["b"]),  # a link does not span lines
    ("a [[b]] c", []),
    ("a `[[b` c", []),  # code
    ("$[[1, 2$", []),  # math
    ("\\[[b", []),  # escaped: the other list
]


@pytest.mark.parametrize(("text", "following"), UNLINKED)
def test_brackets_that_open_no_link(text, following):
    assert unlinked_brackets(Vault.from_texts({"n.md": text}).notes["n.md"]) == following


def test_a_bracket_opening_no_link_accounts_only_for_its_own_text():
    shown = [leak("[[memos"), leak("[[raw]]")]
    assert [s.text for s in shown_as_written(shown, ["memos", "other"])] == ["[[raw]]"]
