"""Heading ids in the model are the ids the site renders (same slugify, same de-duplication)."""

import markdown
import pytest

from vault import Vault
from vault.headings import plain_text, slugify, unique


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
