"""Frontmatter: read as Obsidian reads it; the fast reader agrees with PyYAML wherever it
answers, and gives the same fields on every case."""

import pytest
import yaml

from vault.frontmatter import parse_frontmatter, simple_yaml

# What Obsidian writes and what people write by hand: none of it is a finding.
OBSIDIAN_WRITES = [
    "aliases:\n  - \ntags:\n  - ",  # an empty property, as Obsidian writes it
    "aliases:\n  -\ntags:\n  -",
    "aliases:\n- \ntags:\n- ",
    "aliases: []\ntags: []\ncssclasses: []",
    "tags:\naliases:",
    "cssclasses:\n  - wide\n  - cards\npublish: true",
    "created: 2024-05-01\nupdated: 2024-05-01T10:30",
    "date: 2024-05-01 10:30\nrating: 4.5\ndone: false",
    "title: 1984",
    "title: 2.0",
    "title:\n  - not a title",
    "meta:\n  source: book\n  pages: [1, 2]",
    "related: [[Other note]]",
    'related: "[[Other note]]"',
    "aliases: [2023, 1.5, true, 2024-05-01]",
    "tags:\n  - 2023\n  - true",
    "publish: false",
    "permalink: notes/x\ndescription: A note.\nimage: pic.png",
    "tags: #ml",  # a YAML comment: no tags, as Obsidian shows it
]

# Each source: (aliases, tags, title)
READ = [
    ("aliases:\n  - \n  - Foo\n  - null\n  - ''", ("Foo",), (), None),
    ("aliases: Foo", ("Foo",), (), None),
    ("aliases: One alias", ("One alias",), (), None),
    ("aliases: A, B", ("A", "B"), (), None),
    ("aliases: A B, C", ("A B", "C"), (), None),
    ('aliases: ["A, B"]', ("A, B",), (), None),
    ("aliases: [ML design doc, 'A, B']", ("ML design doc", "A, B"), (), None),
    ("aliases: 2023", ("2023",), (), None),
    ("aliases: [2023, 1.5, 2.0, true, no, 2024-05-01]", ("2023", "1.5", "2", "true", "false", "2024-05-01"), (), None),
    ("tags: a, b", (), ("a", "b"), None),
    ("tags: a b,c", (), ("a", "b", "c"), None),
    ("tags: machine-learning, models", (), ("machine-learning", "models"), None),
    ('tags: "#ml"', (), ("ml",), None),
    ("tags: '#ml, #ops'", (), ("ml", "ops"), None),
    ('tags:\n  - "#ml"\n  - ops', (), ("ml", "ops"), None),
    ('tags: ["#ml", "#"]', (), ("ml",), None),
    ("tags: #ml", (), (), None),
    ("tags:\n  - 2023\n  - true", (), ("2023", "true"), None),
    ("tags:\n  - \n  - x", (), ("x",), None),
    ("tags:\n  - nested/tag", (), ("nested/tag",), None),
    ("title: 1984", (), (), "1984"),
    ("title: 2.0", (), (), "2"),
    ("title: true", (), (), "true"),
    ("title: 2024-05-01", (), (), "2024-05-01"),
    ("title: ''", (), (), None),
    ("title:\n  - a", (), (), None),
    ("title: Hello world", (), (), "Hello world"),
]

# Each source: (published, publish)
PUBLISHING = [
    ("draft: true", False, None),
    ("publish: false", False, False),
    ("publish: true", True, True),
    ("draft: false\npublish: true", True, True),
    ("publish: maybe", True, None),
    ("tags: [a]", True, None),
]

# Findings, each (source, line in the YAML, start of the message)
ERRORS = [
    ("aliases:\n  - [nested]", 1, "'aliases' should be a list of strings, got a list with a list"),
    ("title: x\ntags:\n  - a\n  - {b: c}", 2, "'tags' should be a list of strings, got a list with a dict"),
    ("tags:\n  key: value", 1, "'tags' should be a list of strings, got a dict"),
    ("title: [unclosed\nx: 1", 2, "invalid YAML frontmatter"),
    ("tags: [#ml]", 2, "invalid YAML frontmatter"),  # `#` starts a comment: the list never closes
    ("a: 1\n\tb: 2", 2, "invalid YAML frontmatter"),
    ("aliases:\n  - a\n - b", 3, "invalid YAML frontmatter"),
    ("- just\n- a list", 1, "frontmatter is not a mapping"),
]

# Only for the fast reader's agreement with PyYAML.
MORE_SOURCES = [
    "aliases: [A, B]",
    "tags:\n  - x\n  - y\ntitle: Hello world",
    "tags:\n- a\n- b/c\ndraft: true",
    "aliases: []",
    "aliases:",
    'title: "Q: a"',
    "title: 'single'",
    "title: yes",
    "title: On",
    "title: tRuE",
    "title: nO",
    "title: null",
    "a: b # comment",
    "title: It's",
    "title: 3.5",
    "count: 0755",
    "count: 1_000",
    "count: 1:30",
    "count: 0",
    "count: 42",
    "x: &anchor a\ny: *anchor",
    "tags:\n - a\n  - b",  # a deeper `- b` continues the item: ['a - b']
    "tags:\n  - a\n\n  - b",
    "tags: [a, , b]",
    "tags: [a, b,]",
    "tags: [a, b] # comment",
    "key: [[a]]",
    "tags:\n  - - a",
    "tags:\n  - key: value",
    "title: x\n- a",
    "title: |\n  text",
    "title: a\n  continued",
    "title: a\ntitle: b",
    "# only a comment",
    "Date created: 2024-05-01",
]

ALL = OBSIDIAN_WRITES + [c[0] for c in READ] + [c[0] for c in PUBLISHING] + [c[0] for c in ERRORS] + MORE_SOURCES

# Frontmatter common enough that reading it must not wait for PyYAML.
FAST = [
    "aliases: [A, B]",
    "tags:\n  - x\n  - y\ntitle: Hello world",
    "publish: false",
    "aliases: []",
    "aliases:\n  - \ntags:\n  - ",
    "aliases:\n  -",
    "aliases: Foo",
    "aliases: A B, C",
    "tags: a, b",
    'tags: "#ml"',
    'tags:\n  - "#ml"\n  - ops',
    "tags:\n  - 2023\n  - true",
    "title: 1984",
    "cssclasses:\n  - wide\npublish: true",
]


@pytest.mark.parametrize("source", ALL)
def test_fast_reader_agrees_with_yaml(source):
    fast = simple_yaml(source)
    if fast is not None:
        assert fast == yaml.safe_load(source)


@pytest.mark.parametrize("source", ALL)
def test_fast_and_yaml_paths_give_the_same_fields(source):
    assert parse_frontmatter(source) == parse_frontmatter(source, fast=False)


@pytest.mark.parametrize("source", FAST)
def test_common_frontmatter_takes_the_fast_path(source):
    assert simple_yaml(source) is not None


@pytest.mark.parametrize("source", OBSIDIAN_WRITES)
def test_what_obsidian_writes_is_no_finding(source):
    assert parse_frontmatter(source).errors == []


@pytest.mark.parametrize("source, aliases, tags, title", READ)
def test_aliases_tags_and_title_as_obsidian_shows_them(source, aliases, tags, title):
    front = parse_frontmatter(source)
    assert (front.aliases, front.tags, front.title, front.errors) == (aliases, tags, title, [])


@pytest.mark.parametrize("source, published, publish", PUBLISHING)
def test_drafts_and_publish(source, published, publish):
    front = parse_frontmatter(source)
    assert (front.published, front.publish) == (published, publish)


@pytest.mark.parametrize("source, line, message", ERRORS)
def test_one_finding_with_its_line(source, line, message):
    (found_line, found_message), = parse_frontmatter(source).errors
    assert (found_line, found_message[: len(message)]) == (line, message)


def test_a_bad_item_leaves_the_others():
    front = parse_frontmatter("aliases:\n  - One\n  - [nested]\n  - Two")
    assert front.aliases == ("One", "Two") and len(front.errors) == 1
