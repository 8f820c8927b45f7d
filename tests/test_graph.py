"""Inline tags, backlinks with their context, graph edges and tag pages, from the model."""

import json

import pytest

from site_pages import graph_json, tag_pages
from vault import Vault
from vault.graph import backlinks, edges, tags

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
    assert found["c.md"][0].snippet == "and to see c in a list"
    assert found["b.md"][0].snippet == "A links to b in a sentence. #ml/ranking"
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
]


@pytest.mark.parametrize("text, expected", SNIPPET_CASES)
def test_backlink_snippet_is_what_a_reader_sees(text, expected):
    vault = Vault.from_texts({"s.md": text, "t.md": "target"})
    assert [b.snippet for b in backlinks(vault)["t.md"]] == [expected]


def test_tags_nest_and_ignore_case():
    found = tags(VAULT)
    assert list(found) == ["ml", "ml/ranking"]
    assert [n.path for n in found["ml"][1]] == ["a.md", "c.md"]
    assert [n.path for n in found["ml/ranking"][1]] == ["a.md"]
    assert set(tag_pages(VAULT)) == {"tags/index.md", "tags/ml.md", "tags/ml/ranking.md"}


def test_graph_json_is_small_sorted_and_escaped():
    vault = Vault.from_texts({"x.md": '---\ntitle: "</script><b>x"\n---\n[[y]]', "y.md": "y"})
    data = json.loads(graph_json(vault, lambda path: path.removesuffix(".md") + "/"))
    assert data == {"version": 1, "nodes": [{"id": 0, "url": "x/", "title": "</script><b>x", "tags": []},
                                            {"id": 1, "url": "y/", "title": "y", "tags": []}], "links": [[0, 1]]}


def test_backlink_context_is_escaped_and_keeps_math():
    from site_pages import snippet_html

    assert snippet_html("ratio $\\sum_i p_i < 1$ per <b>slice</b>") == (
        'ratio <span class="arithmatex">\\(\\sum_i p_i &lt; 1\\)</span> per &lt;b&gt;slice&lt;/b&gt;'
    )
