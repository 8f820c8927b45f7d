"""Obsidian's resolution rules, as a table: (linking note, link) -> target or problem."""

import pytest

from vault import Vault, parse_wikilink
from vault.syntax import parse_link

VAULT = Vault.from_texts(
    {
        "Home.md": "# Home",
        "ml/Logistic regression.md": "---\naliases: [logit model, LR]\n---\n## Loss\n### Convexity\n## Pitfalls\ntext ^b1\n",
        "ml/Same.md": "in ml",
        "data/Same.md": "in data",
        "data/deep/Same.md": "deep",
        "Notes/Alpha.md": "alpha",
        "archive/Alpha.md": "other alpha",
        "Draft.md": "---\ndraft: true\n---\nx",
        "Hidden.md": "---\npublish: false\n---\nx",
        "Café.md": "nfc name",
        "x/README.md": "x",
        "y/README.md": "y",
    },
    attachments=("assets/pic.png", "ml/chart.png", "docs/paper.pdf"),
)

CASES = [
    # source, link, expected target (path or problem), anchor, ambiguous
    ("Home.md", "[[Logistic regression]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[logistic REGRESSION]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[ml/Logistic regression]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[ml/Logistic regression.md]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[logit model]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[lr]]", "ml/Logistic regression.md", None, False),
    ("Home.md", "[[Logistic regression#Loss]]", "ml/Logistic regression.md", "loss", False),
    ("Home.md", "[[Logistic regression#loss]]", "ml/Logistic regression.md", "loss", False),
    ("Home.md", "[[Logistic regression#Loss#Convexity]]", "ml/Logistic regression.md", "convexity", False),
    ("Home.md", "[[Logistic regression#Pitfalls#Convexity]]", "missing-heading", None, False),
    ("Home.md", "[[Logistic regression#Nope]]", "missing-heading", None, False),
    ("Home.md", "[[Logistic regression#^b1]]", "ml/Logistic regression.md", "^b1", False),
    ("Home.md", "[[Logistic regression#^B1]]", "ml/Logistic regression.md", "^b1", False),
    ("Home.md", "[[Logistic regression#^zz]]", "missing-block", None, False),
    ("ml/Logistic regression.md", "[[#Pitfalls]]", "ml/Logistic regression.md", "pitfalls", False),
    # Same name: own folder first (an ancestor folder counts for nothing), else shortest path.
    ("ml/Logistic regression.md", "[[Same]]", "ml/Same.md", None, False),
    ("data/deep/Same.md", "[[Same]]", "data/deep/Same.md", None, False),
    ("Home.md", "[[Same]]", "ml/Same.md", None, True),
    ("data/deep/more/Other.md", "[[Same]]", "ml/Same.md", None, True),  # ancestors do not count
    ("Home.md", "[[data/Same]]", "data/Same.md", None, False),
    ("Home.md", "[[deep/Same]]", "data/deep/Same.md", None, False),
    ("Home.md", "[[Alpha]]", "Notes/Alpha.md", None, True),
    ("Home.md", "[[x/README]]", "x/README.md", None, False),
    # Attachments by name anywhere, or by path.
    ("Home.md", "![[pic.png]]", "assets/pic.png", None, False),
    ("Home.md", "![[PIC.PNG]]", "assets/pic.png", None, False),
    ("Home.md", "![[assets/pic.png]]", "assets/pic.png", None, False),
    ("Home.md", "![[paper.pdf]]", "docs/paper.pdf", None, False),
    ("Home.md", "![[missing.png]]", "missing-attachment", None, False),
    # Not published, missing, outside.
    ("Home.md", "[[Draft]]", "unpublished", None, False),
    ("Home.md", "[[Hidden]]", "unpublished", None, False),
    ("Home.md", "[[Nowhere]]", "missing-note", None, False),
    ("Home.md", "[[../../etc/passwd]]", "outside-vault", None, False),
    ("Home.md", "[[/etc/passwd]]", "outside-vault", None, False),
    ("Home.md", "[[https://example.com]]", "outside-vault", None, False),
    ("ml/Logistic regression.md", "[[../Home]]", "Home.md", None, False),
    ("Home.md", "[[Cafe\u0301]]", "Café.md", None, False),  # NFD spelling of an NFC name
    ("Home.md", "[[#]]", "empty-target", None, False),
]


MARKDOWN_CASES = [
    # Markdown links: from the note's folder first, then the vault root, then as a name or path end.
    ("data/deep/Same.md", "[t](Same.md)", "data/deep/Same.md", None, False),  # beside the note
    ("data/Note.md", "[t](deep/Same.md)", "data/deep/Same.md", None, False),  # from the note's folder
    ("data/Note.md", "[t](ml/Same.md)", "ml/Same.md", None, False),  # no data/ml/: from the root
    ("Notes/Beta.md", "[t](Alpha)", "Notes/Alpha.md", None, False),  # by name, own folder first
    ("Home.md", "[t](Logistic%20regression.md#Loss)", "ml/Logistic regression.md", "loss", False),
    ("Home.md", "[t](<ml/Logistic regression.md#Loss#Convexity>)", "ml/Logistic regression.md", "convexity", False),
    ("Home.md", "[t](ml/Logistic%20regression.md#convexity)", "ml/Logistic regression.md", "convexity", False),  # the id
    ("ml/Logistic regression.md", "[t](#Pitfalls)", "ml/Logistic regression.md", "pitfalls", False),
    ("ml/Logistic regression.md", "![c](chart.png)", "ml/chart.png", None, False),
    ("ml/Logistic regression.md", "![c](../assets/pic.png)", "assets/pic.png", None, False),
    # A ../ that climbs above the root stops there, as on a web server.
    ("ml/Logistic regression.md", "![c](../../assets/pic.png)", "assets/pic.png", None, False),
    ("ml/Logistic regression.md", "[t](../../../Home.md)", "Home.md", None, False),
    ("ml/Logistic regression.md", "[t](../../nowhere/Home.md)", "outside-vault", None, False),
    ("data/deep/Same.md", "[t](/data/Same.md)", "data/Same.md", None, False),  # from the root, not beside
    ("ml/Logistic regression.md", "![c](/assets/pic.png)", "assets/pic.png", None, False),
    ("data/Note.md", "[t](/deep/Same.md)", "data/deep/Same.md", None, False),  # a path's end, as for any path
    ("Home.md", "[t](/nowhere/Home.md)", "missing-note", None, False),
    ("Home.md", "[t](/Draft.md)", "unpublished", None, False),
    ("Home.md", "[t](Nowhere.md)", "missing-note", None, False),
    ("Home.md", "[t](Draft.md)", "unpublished", None, False),
    ("Home.md", "![c](nothing.png)", "missing-attachment", None, False),
]


@pytest.mark.parametrize("source, raw, expected, anchor, ambiguous", CASES + MARKDOWN_CASES)
def test_resolve(source, raw, expected, anchor, ambiguous):
    note = VAULT.notes.get(source) or Vault.from_texts({source: ""}).notes[source]
    result = VAULT.resolve(parse_link(raw), note)
    found = result.problem or (result.note or result.attachment).path
    assert found == expected
    assert result.anchor == anchor
    assert bool(result.ambiguous) == ambiguous


def test_ambiguity_lists_candidates_shortest_first():
    result = VAULT.resolve(parse_wikilink("[[Same]]"), VAULT.notes["Home.md"])
    assert result.ambiguous == ("ml/Same.md", "data/Same.md", "data/deep/Same.md")


def test_every_link_is_reported_with_its_position():
    vault = Vault.from_texts({"a.md": "x [[b]]\n\n[[c#^q]]", "b.md": "", "c.md": "p ^q"})
    reports = [(r.link.line, r.link.column, r.resolution.ok) for r in vault.link_reports()]
    assert reports == [(1, 3, True), (3, 1, True)]


@pytest.mark.parametrize("texts, expected", [
    ({f"n{i}.md": f"![[n{i + 1}]]" for i in range(9)} | {"n9.md": "end"}, [["n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"]]),
    ({f"n{i}.md": f"![[n{i + 1}]]" for i in range(8)} | {"n8.md": "end"}, []),  # 8 levels: all shown
    ({"a.md": "![[b#S]]", "b.md": "# S\n![[c]]\n# T\n![[d]]", "c.md": "c", "d.md": "![[e]]", "e.md": "e"}, []),
    ({"a.md": "![[b]]", "b.md": "![[a]]"}, []),  # a loop: embed-cycle's
])
def test_deep_embeds(texts, expected):
    chains = Vault.from_texts(texts).deep_embeds(max_depth=8)
    assert [[r.resolution.note.name for r in chain] for chain in chains] == expected


def test_deep_embeds_follow_the_deepest_section():
    texts = {"a.md": "![[b#S]]\n![[b#T]]", "b.md": "# S\ns\n# T\n![[c]]", "c.md": "![[d]]", "d.md": "d"}
    (chain,) = Vault.from_texts(texts).deep_embeds(max_depth=2)
    assert [(r.note.name, r.link.link.raw) for r in chain] == [("a", "![[b#T]]"), ("b", "![[c]]"), ("c", "![[d]]")]


def test_embed_cycles():
    vault = Vault.from_texts({"a.md": "![[b]]", "b.md": "![[a]]", "c.md": "![[c]]", "d.md": "![[a]]"})
    closing = sorted((r.note.path, r.link.link.raw) for r in vault.embed_cycles())
    assert closing == [("b.md", "![[a]]"), ("c.md", "![[c]]")]
