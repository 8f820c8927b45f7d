"""The one wikilink parser: input -> parts."""

import pytest

from vault.syntax import parse_wikilink

CASES = [
    # raw, path, headings, block, label, embed, display
    ("[[Note]]", "Note", (), None, None, False, "Note"),
    ("[[Note|text]]", "Note", (), None, "text", False, "text"),
    (r"[[Note\|text]]", "Note", (), None, "text", False, "text"),
    ("[[Note#Heading]]", "Note", ("Heading",), None, None, False, "Note > Heading"),
    ("[[Note#H2#H3]]", "Note", ("H2", "H3"), None, None, False, "Note > H2 > H3"),
    ("[[#Heading]]", "", ("Heading",), None, None, False, "Heading"),
    ("[[Note#^block-1]]", "Note", (), "block-1", None, False, "Note > ^block-1"),
    ("[[folder/Note]]", "folder/Note", (), None, None, False, "folder/Note"),
    ("![[image.png]]", "image.png", (), None, None, True, "image.png"),
    ("![[image.png|200]]", "image.png", (), None, "200", True, "200"),
    ("![[image.png|200x100]]", "image.png", (), None, "200x100", True, "200x100"),
    ("![[Note#Heading|shown]]", "Note", ("Heading",), None, "shown", True, "shown"),
    ("[[ Note | spaced ]]", "Note", (), None, " spaced ", False, "spaced"),
    ("[[Note|a|b]]", "Note", (), None, "a|b", False, "a|b"),
    ("[[Café#Präzision]]", "Café", ("Präzision",), None, None, False, "Café > Präzision"),
]


@pytest.mark.parametrize("raw, path, headings, block, label, embed, display", CASES)
def test_parse(raw, path, headings, block, label, embed, display):
    link = parse_wikilink(raw)
    assert (link.path, link.headings, link.block, link.label, link.embed) == (path, headings, block, label, embed)
    assert link.display == display


@pytest.mark.parametrize("label, size", [("200", ("200", None)), ("200x100", ("200", "100")), ("wide", None), (None, None)])
def test_image_size(label, size):
    raw = f"![[a.png|{label}]]" if label else "![[a.png]]"
    assert parse_wikilink(raw).image_size == size


@pytest.mark.parametrize("raw", ["[[]]", "[[a\nb]]", "[[a[b]]", "[a]", "[[a]"])
def test_not_a_link(raw):
    with pytest.raises(ValueError):
        parse_wikilink(raw)
