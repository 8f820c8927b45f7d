"""Frontmatter: the fast reader agrees with PyYAML wherever it answers; fields and errors."""

import pytest
import yaml

from vault.frontmatter import parse_frontmatter, simple_yaml

SOURCES = [
    "aliases: [A, B]",
    "tags:\n  - x\n  - y\ntitle: Hello world",
    "tags:\n- a\n- b/c\ndraft: true",
    "publish: false",
    "aliases: []",
    "aliases:",
    'title: "Q: a"',
    "title: 'single'",
    "title: yes",
    "title: On",
    "a: b # comment",
    "title: It's",
    "aliases: [ML design doc, 'A, B']",
    "title: 3.5",
    "nested:\n  key: value",
    "title: [unclosed",
    "x: &anchor a\ny: *anchor",
    "tags: machine-learning, models",
]


@pytest.mark.parametrize("source", SOURCES)
def test_fast_reader_agrees_with_yaml(source):
    fast = simple_yaml(source)
    if fast is not None:
        assert fast == yaml.safe_load(source)


@pytest.mark.parametrize("source", SOURCES[:5])
def test_common_frontmatter_takes_the_fast_path(source):
    assert simple_yaml(source) is not None


CASES = [
    ("aliases: [GBDT, GBM]\ntags: [models]", ("GBDT", "GBM"), ("models",), True, []),
    ("aliases: One alias", ("One alias",), (), True, []),
    ("tags: '#ml, #ops'", (), ("ml", "ops"), True, []),
    ("draft: true", (), (), False, []),
    ("publish: false", (), (), False, []),
    ("aliases:\n  - [nested]", (), (), True, ["'aliases' should be a list of strings"]),
    ("title: [unclosed\nx: 1", (), (), True, ["invalid YAML frontmatter"]),
    ("- just\n- a list", (), (), True, ["not a mapping"]),
]


@pytest.mark.parametrize("source, aliases, tags, published, errors", CASES)
def test_fields(source, aliases, tags, published, errors):
    front = parse_frontmatter(source)
    assert (front.aliases, front.tags, front.published) == (aliases, tags, published)
    assert len(front.errors) == len(errors)
    for (_, message), expected in zip(front.errors, errors):
        assert expected in message
