"""The one wikilink parser: input -> parts."""

import pytest

from vault.syntax import MARKDOWN_LINK, WIKILINK, markdown_link, parse_wikilink

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
    # A link closes at the first `]]`: single brackets, code and escapes may stand inside.
    ("[[a[b]]", "a[b", (), None, None, False, "a[b"),
    ("[[#Types#oneOf([a, b])|oneOf([a, b])]]", "", ("Types", "oneOf([a, b])"), None, "oneOf([a, b])", False, "oneOf([a, b])"),
    ("[[Api#`fn()`|`fn()`]]", "Api", ("`fn()`",), None, "`fn()`", False, "`fn()`"),
    (r"[[Note\(x\)]]", r"Note\(x\)", (), None, None, False, r"Note\(x\)"),
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


@pytest.mark.parametrize("raw", ["[[]]", "[[a\nb]]", "[[a]]]", "[[[a]]", "[[a [[b]]", "[a]", "[[a]"])
def test_not_a_link(raw):
    with pytest.raises(ValueError):
        parse_wikilink(raw)


LINKS_IN_TEXT = [
    # text, the links found in it (Obsidian: the first `]]` closes; a `[[` starts anew)
    ("[[a]]]", ["[[a]]"]),
    ("[[[a]]]", ["[[a]]"]),
    ("[[a [[b]]", ["[[b]]"]),
    ("[[a]] and ![[b.png]]", ["[[a]]", "![[b.png]]"]),
    ("[[oneOf([x])]]", ["[[oneOf([x])]]"]),
]


@pytest.mark.parametrize("text, found", LINKS_IN_TEXT)
def test_links_in_text(text, found):
    assert [m[0] for m in WIKILINK.finditer(text)] == found


MARKDOWN_LINKS = [
    # written, (path, headings, block, label, embed) or None when it names no vault file
    ("[Custom name](Example.md)", ("Example.md", (), None, "Custom name", False)),
    ("[x](Filters)", ("Filters", (), None, "x", False)),
    ("[t](Note%20name.md#Heading)", ("Note name.md", ("Heading",), None, "t", False)),
    ("[t](Note%20name.md#My%20heading)", ("Note name.md", ("My heading",), None, "t", False)),
    ("[t](<Note name.md>)", ("Note name.md", (), None, "t", False)),
    ("![alt](pic.png#interface)", ("pic.png", ("interface",), None, "alt", True)),
    ("[t](Note.md#^block-1)", ("Note.md", (), "block-1", "t", False)),
    ("[t](#Heading)", ("", ("Heading",), None, "t", False)),
    ("[t](a%23b.md)", ("a#b.md", (), None, "t", False)),  # `%23` is part of the name
    ("[t](sub/Note.md 'Title')", ("sub/Note.md", (), None, "t", False)),
    ("[a [b] c](N(1).md)", ("N(1).md", (), None, "a [b] c", False)),
    ("[w](https://example.org/a.md)", None),
    ("[m](mailto:a@example.org)", None),
    ("[o](obsidian://open?vault=v&file=Note)", None),
    ("[r](/notes/Note.md#H)", ("/notes/Note.md", ("H",), None, "r", False)),  # from the vault's root
    ("[r](//example.org/a.md)", None),
    ("[x](B.md#a%20>=%20b)", ("B.md", ("a >= b",), None, "x", False)),
    ("[two\nlines](B.md)", ("B.md", (), None, "two\nlines", False)),
    ("[w](< https://example.org/B.md >)", None),
]


@pytest.mark.parametrize("written, parts", MARKDOWN_LINKS)
def test_markdown_links(written, parts):
    m = MARKDOWN_LINK.search(written)
    assert m is not None
    embed = m.start() > 0 and written[m.start() - 1] == "!"
    link = markdown_link(written[m.start() - embed :], m["text"], m["angle"] or m["bare"], embed)
    if parts is None:
        assert link is None
    else:
        assert (link.path, link.headings, link.block, link.label, link.embed) == parts
        assert link.markdown and link.raw == written


@pytest.mark.parametrize("text", ["[[Note]](x.md)", "[t](Note name.md)", "[t]\n(Note.md)", "[t] (Note.md)",
                                  "[a\n\nb](Note.md)", "[a\n- b](Note.md)", "[t](<a.md)"])
def test_not_a_markdown_link(text):
    assert MARKDOWN_LINK.search(text) is None
