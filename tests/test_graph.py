"""Inline tags, backlinks with their context, graph edges and tag pages, from the model."""

import json

import pytest

from vault_plugin.pages import graph_json, tag_pages
from vault import Vault
from vault_plugin.pages import backlinks_html, snippet_html
from vault.graph import CODE, MATH, SNIPPET_CHARS, TEXT, Segment, backlinks, edges, snippet, tags, top_folder

TAG_CASES = [
    ("Text #tag and #ml/ranking.", ["tag", "ml/ranking"]),
    ("#start of a line is a tag", ["start"]),
    ("# A heading is not", []),
    ("not a#b, not #123, but #v2", ["v2"]),
    ("`#code` and $#math$ are not", []),
    ("a [link](#fragment) and https://x.io/page#frag and [[Note#Heading]] are not", []),
    ("an escaped \\#tag is not, nor &#35;entity", []),
    ("## Heading {#explicit-id}", []),
    ("unicode #präzision works", ["präzision"]),
    ("sed s/^#ifdef/#ifndef/g, a,#b, (#c) and `code`#d are not", []),
    ("a line\n#second and\ttab #third", ["second", "third"]),
]


@pytest.mark.parametrize("text, expected", TAG_CASES)
def test_inline_tags(text, expected):
    assert list(Vault.from_texts({"n.md": text}).notes["n.md"].inline_tags) == expected


VAULT = Vault.from_texts({
    "a.md": "---\ntags: [ml]\n---\nA links to [[b]] in a sentence. #ml/ranking\n\n- and to [[c|see c]] in a list\n",
    "b.md": "B embeds ![[c]] and links back to [[a]] and to [[b]] itself.",
    "c.md": "C links nowhere. #ML",
    "d.md": "---\ndraft: true\n---\nD links to [[a]] but is a draft.",
})


def test_edges_are_resolved_unique_and_sorted():
    assert edges(VAULT) == [("a.md", "b.md"), ("a.md", "c.md"), ("b.md", "a.md"), ("b.md", "c.md")]


def test_backlinks_with_context():
    found = backlinks(VAULT)
    assert [b.source.path for b in found["c.md"]] == ["a.md", "b.md"]
    assert found["c.md"][0].snippet_text == "and to see c in a list"
    assert found["b.md"][0].snippet_text == "A links to b in a sentence. #ml/ranking"
    assert "d.md" not in [b.source.path for b in found["a.md"]]


SNIPPET_CASES = [
    ("See [[t]] here.", "See t here."),
    ("%%a private remark%% See [[t]] %%another%% here.", "See t here."),
    ("%%a comment\nover lines%% then [[t]].", "then t."),
    ("A paragraph with [[t]] and an id. ^para-1", "A paragraph with t and an id."),
    ("Display $$x^2$$ then [[t]].", "Display $$x^2$$ then t."),
    ("CRLF [[t]] line.\r\nnext", "CRLF t line."),
    ("A line\u2028separator, then [[t]].", "A line separator, then t."),
    ("- [ ] task with [[t|the target]]", "task with the target"),
    ("Set snake_case and ON_HOLD, _em_ and __strong__, then [[t]].", "Set snake_case and ON_HOLD, em and strong, then t."),
    ("- [[t|Tee]] - [[Bug] the title](https://example.org/1)", "Tee - [Bug] the title"),
]


@pytest.mark.parametrize("text, expected", SNIPPET_CASES)
def test_backlink_snippet_is_what_a_reader_sees(text, expected):
    vault = Vault.from_texts({"s.md": text, "t.md": "target"})
    assert [b.snippet_text for b in backlinks(vault)["t.md"]] == [expected]


def test_tags_nest_and_ignore_case():
    found = tags(VAULT)
    assert list(found) == ["ml", "ml/ranking"]
    assert [n.path for n in found["ml"][1]] == ["a.md", "c.md"]
    assert [n.path for n in found["ml/ranking"][1]] == ["a.md"]
    assert set(tag_pages(VAULT)) == {"tags/index.md", "tags/ml.md", "tags/ml/ranking.md"}


def test_graph_json_is_small_sorted_and_escaped():
    vault = Vault.from_texts({"x.md": '---\ntitle: "</script><b>x"\n---\n[[y]]', "y.md": "y"})
    data = json.loads(graph_json(vault, lambda path: path.removesuffix(".md") + "/"))
    assert data == {"version": 1, "nodes": [{"id": 0, "url": "x/", "title": "</script><b>x", "tags": [], "folder": ""},
                                            {"id": 1, "url": "y/", "title": "y", "tags": [], "folder": ""}], "links": [[0, 1]]}


@pytest.mark.parametrize("path, folder", [
    ("Note.md", ""),
    ("Data/Note.md", "Data"),
    ("Data/Deep/er/Note.md", "Data"),
    ("<b>&/x.md", "<b>&"),  # a folder name is data: the legend shows it as text
    ("Über Ånd/index.md", "Über Ånd"),
])
def test_top_folder(path, folder):
    assert top_folder(path) == folder


def test_graph_json_names_each_notes_top_folder():
    """The graph page colours notes by top folder: each node carries it, "" at the root."""
    vault = Vault.from_texts({"a/b/deep.md": "[[top]] [[c/side]]", "top.md": "#t", "c/side.md": "x"})
    data = json.loads(graph_json(vault, lambda path: path.removesuffix(".md") + "/"))
    assert [(n["url"], n["folder"]) for n in data["nodes"]] == [("a/b/deep/", "a"), ("c/side/", "c"), ("top/", "")]
    assert data["links"] == [[0, 1], [0, 2]]
    assert graph_json(vault, lambda path: path.removesuffix(".md") + "/") == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# (line of the source note, the segments of its backlink context); the target is t.md.
def _segment(kind, in_link=False):
    return lambda text: (kind, text, in_link)


T, C, M, L, LC = _segment(TEXT), _segment(CODE), _segment(MATH), _segment(TEXT, True), _segment(CODE, True)
SEGMENT_CASES = [
    ("See [[t]] here.", [T("See "), L("t"), T(" here.")]),
    ("Due `[[Overdue]]` soon, see [[t]].", [T("Due "), C("[[Overdue]]"), T(" soon, see "), L("t"), T(".")]),
    ("`np.dot` and $x^2$ with [[t]]", [C("np.dot"), T(" and "), M("x^2"), T(" with "), L("t")]),
    ("[[t]] then `[[t]]` in code", [L("t"), T(" then "), C("[[t]]"), T(" in code")]),
    # arithmatex's smart dollars, as on the page: no space inside the dollars
    ("$ 5 and 6 $ is not math, [[t]]", [T("$ 5 and 6 $ is not math, "), L("t")]),
    ("Price \\$5 and $a$b [[t]]", [T("Price $5 and "), M("a"), T("b "), L("t")]),
    ("Display $$x^2$$ then [[t]].", [T("Display $"), M("x^2"), T("$ then "), L("t"), T(".")]),
    ("$a<b & c$ [[t]]", [M("a<b & c"), T(" "), L("t")]),
    ("``a`b`` and ` spaced ` [[t]]", [C("a`b"), T(" and "), C("spaced"), T(" "), L("t")]),
    ("x <!-- hidden --> y %%also%% [[t]]", [T("x y "), L("t")]),
    ("**Bold `a`** and ==mark== [[t|*the* target]]", [T("Bold "), C("a"), T(" and mark "), L("*the* target")]),
    ("[[t|<b>x</b> &amp; y]] as written", [L("<b>x</b> & y"), T(" as written")]),
    # a link's label is shown as written but for its code spans, as the page shows it
    ("See [[t|the `fn()` &amp; `$x$` docs]].", [T("See "), L("the "), LC("fn()"), L(" & "), LC("$x$"), L(" docs"), T(".")]),
    ("> ## In a quote with `x` [[t]] ^id", [T("In a quote with "), C("x"), T(" "), L("t")]),
    ("- [x] ![[t]] embedded", [L("t"), T(" embedded")]),
    ("`a` `b` [[t]]", [C("a"), T(" "), C("b"), T(" "), L("t")]),
    ("Escaped \\[text\\] and \\`tick\\` then [[t]]", [T("Escaped [text] and `tick` then "), L("t")]),
]


@pytest.mark.parametrize("text, expected", SEGMENT_CASES)
def test_snippet_keeps_code_and_math(text, expected):
    vault = Vault.from_texts({"s.md": text, "t.md": "target"})
    assert [tuple(s) for s in backlinks(vault)["t.md"][0].snippet] == expected


def _snippet(line: str):
    note = Vault.from_texts({"s.md": line, "t.md": "target"}).notes["s.md"]
    return snippet(note, next(link for link in note.links if link.link.path == "t"))


def test_a_long_line_is_cut_at_spaces_around_the_link():
    found = _snippet("early " * 40 + "[[t]]" + " late" * 60)
    text = "".join(s.text for s in found)
    assert text.startswith("…early") and text.endswith("late…") and len(text) <= SNIPPET_CHARS + 2
    assert [(s.kind, s.in_link) for s in found] == [(TEXT, False), (TEXT, True), (TEXT, False)]


@pytest.mark.parametrize("line, expected", [
    # code or math that does not fit is left out whole, shown as an ellipsis
    ("`" + "c" * 120 + "` next to [[t]]", [T("… next to "), L("t")]),
    ("[[t]] " + "w " * 80 + "$" + "y" * 60 + "$ end", [L("t"), T(" " + "w " * 80 + "…")]),
    ("[[t]] " + "w " * 60 + "`" + "c" * 30 + "` end", [L("t"), T(" " + "w " * 60), C("c" * 30), T(" end")]),
])
def test_a_cut_never_splits_code_or_math(line, expected):
    assert [tuple(s) for s in _snippet(line)] == expected


def test_every_cut_keeps_code_and_math_whole():
    """Wherever the cut falls, each code or math segment is a whole span of the line."""
    kinds = set()
    for shift in range(0, 60, 3):
        pad = "y" * shift
        line = " `code one` and $m^2$" * 8 + f" {pad} [[t]] {pad}" + " `code two` and $n_1$" * 12
        found = _snippet(line)
        assert found[0].text.startswith("…") and found[-1].text.endswith("…")
        for s in found:
            kinds.add((s.kind, s.in_link))
            if s.kind == CODE:
                assert s.text in ("code one", "code two")
            if s.kind == MATH:
                assert s.text in ("m^2", "n_1")
    assert kinds == {(TEXT, False), (CODE, False), (MATH, False), (TEXT, True)}


def test_backlink_context_is_escaped_everywhere():
    """Text, code, math, the link's text and the source title: every string from a note is
    escaped where it lands; code and math get the page's markup."""
    payload = [
        Segment(TEXT, "<script>alert(1)</script> & \"q\" "),
        Segment(CODE, "<script>x & 'y' \"z\"</script>"),
        Segment(MATH, "a<b & \"c\""),
        Segment(TEXT, "<b>t</b> & ", in_link=True),
        Segment(CODE, "<i>", in_link=True),
        Segment(TEXT, "!"),
    ]
    assert snippet_html(payload) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
        "<code>&lt;script&gt;x &amp; &#x27;y&#x27; &quot;z&quot;&lt;/script&gt;</code>"
        '<span class="arithmatex">\\(a&lt;b &amp; &quot;c&quot;\\)</span>'
        '<strong class="backlink-link">&lt;b&gt;t&lt;/b&gt; &amp; <code>&lt;i&gt;</code></strong>!'
    )
    vault = Vault.from_texts({
        "s.md": "---\ntitle: \"<script>T</script>\"\n---\nA &lt;b&gt; `<i>` and $x<1$ with [[t]].",
        "t.md": "target",
    })
    html = backlinks_html(backlinks(vault)["t.md"], lambda path: "../" + path.removesuffix(".md") + "/")
    assert html == (
        '<section id="backlinks" class="backlinks" data-search-exclude><h2>Linked from</h2><ul>'
        '<li><a href="../s/">&lt;script&gt;T&lt;/script&gt;</a><p class="backlink-context">'
        'A &lt;b&gt; <code>&lt;i&gt;</code> and <span class="arithmatex">\\(x&lt;1\\)</span> with '
        '<strong class="backlink-link">t</strong>.</p></li></ul></section>'
    )


@pytest.mark.parametrize("tag, page", [
    ("ML/Ranking", "tags/ml/ranking.md"),
    (".dot", "tags/_dot.md"),  # MkDocs leaves dot files out of the site
    ("a/.hidden/b", "tags/a/_hidden/b.md"),
    ("../../outside", "tags/_/_/outside.md"),  # never a page outside tags/
    ("/", "tags/_.md"),
])
def test_tag_pages_are_published_and_stay_in_the_tags_folder(tag, page):
    from obsidian_markdown.tags import tag_page

    assert tag_page(tag) == page
