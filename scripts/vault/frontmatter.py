"""Read a note's YAML frontmatter into the few fields the vault needs, as Obsidian reads them.

Obsidian is lenient where the vault needs lists of strings (``aliases``, ``tags``), and so
is this module; none of the following is a finding:

- an empty item or ``null`` is dropped: Obsidian writes an empty property as ``aliases:``
  with ``- `` on the next line, which YAML reads as ``[None]``; ``aliases:`` and
  ``aliases: []`` are no aliases;
- a single value where a list is expected is a list of one: ``aliases: Foo`` is ``("Foo",)``;
- a string is split, as Obsidian's ``parseFrontMatterAliases`` / ``parseFrontMatterTags``
  split it (and Quartz's ``coerceToArray``): aliases at commas (``aliases: A, B`` is
  ``("A", "B")``; an alias keeps its inner spaces), tags at commas and whitespace
  (``tags: a, b c`` is ``("a", "b", "c")``: a tag has no spaces). Items of a real list are
  never split: ``aliases: ["A, B"]`` is one alias;
- a tag written with ``#`` (``tags: "#ml"``, ``- "#ml"``) is the tag ``ml``; an unquoted
  ``tags: #ml`` is a YAML comment, so no tag, as in Obsidian;
- numbers, booleans and dates as items are text, as Obsidian shows them: ``2023``,
  ``true``, ``2024-05-01`` (YAML 1.1's ``yes``/``no`` come out as ``true``/``false``);
- any other property (``cssclasses``, ``publish``, dates, nested maps) is not read, and a
  ``title`` that is not a scalar is no title.

Findings are left for what Obsidian cannot show either: YAML that does not parse (one
error, with its line), frontmatter that is not a mapping, and a list or map inside
``aliases``/``tags`` (its other items are kept).
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field

SIMPLE_LINE = re.compile(
    r"""
    ^(?:
        (?P<key>[A-Za-z_][\w-]*):(?:[ \t]+(?P<value>[^\n]*?))?   # key: value, or key: (a list follows)
      | (?P<indent>[ \t]*)-(?:[ \t]+(?P<item>[^\n]*?))?        #   - list item; `-` alone: an empty item
    )[ \t]*$
    """,
    re.VERBOSE,
)
# A plain YAML scalar read as a string: a letter first, then no character that YAML gives
# a meaning (a comma only outside flow lists: `tags: a, b` is one string).
PLAIN_SCALAR = re.compile(r"^[^\W\d_][^:#\[\]{}&*!|>'\"%@`]*$")
PLAIN_FLOW_SCALAR = re.compile(r"^[^\W\d_][^:#\[\]{},&*!|>'\"%@`]*$")
DECIMAL = re.compile(r"^(?:0|[1-9][0-9]*)$")  # YAML 1.1 reads 0755 as octal, 1_000 and 1:30 too
YAML_WORDS = {"yes", "no", "on", "off", "null"}  # what YAML 1.1 reads as non-strings
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
TAG_SEPARATORS = re.compile(r"[,\s]+")
KEY_LINE = r"^{}[ \t]*:"  # the line a key is written on, for a finding about its value


@dataclass
class Frontmatter:
    title: str | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    published: bool = True  # False for `draft: true` or `publish: false`
    publish: bool | None = None  # the `publish` property when it is true or false (Obsidian Publish)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line in the YAML, 0 if unknown; message)


def _text(value) -> str | None:
    """A scalar as Obsidian shows it (``true``, ``2``, ``2024-05-01``); None for a list or map."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))  # YAML `2.0` is the number 2, shown as 2
    if isinstance(value, (int, float, datetime.date)):
        return str(value)
    return None


def _items(value, separators: re.Pattern | str) -> tuple[list[str], str | None]:
    """The strings of a list property, and the type of the first item that is no scalar."""
    if value is None:
        return [], None
    if isinstance(value, str):
        parts = value.split(separators) if isinstance(separators, str) else separators.split(value)
        return [v for part in parts if (v := part.strip())], None
    if not isinstance(value, list):
        text = _text(value)
        return ([text] if text is not None else []), (None if text is not None else type(value).__name__)
    items, bad = [], None
    for item in value:
        if item is None:
            continue
        text = item if type(item) is str else _text(item)
        if text is None:
            bad = bad or type(item).__name__
        elif text := text.strip():
            items.append(text)
    return items, bad


def _string_list(data: dict, name: str, separators, errors: list, source: str) -> list[str]:
    items, bad = _items(data.get(name), separators)
    if bad is not None:
        where = re.search(KEY_LINE.format(re.escape(name)), source, re.MULTILINE)
        line = source.count("\n", 0, where.start()) + 1 if where else 0
        got = f"a list with a {bad}" if isinstance(data.get(name), list) else f"a {bad}"
        errors.append((line, f"'{name}' should be a list of strings, got {got}"))
    return items


def _scalar(text: str, plain: re.Pattern = PLAIN_SCALAR):
    """A YAML scalar we can read without a YAML parser, else raise ValueError."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and text[0] not in text[1:-1] and "\\" not in text:
        return text[1:-1]
    if text in BOOLEANS:
        return BOOLEANS[text]
    if DECIMAL.match(text):
        return int(text)
    if plain.match(text) and text.lower() not in YAML_WORDS:
        return text
    raise ValueError(text)


def simple_yaml(source: str) -> dict | None:
    """The common frontmatter (scalars, flow and block lists of plain words, empty items)
    read fast; None for anything else, which then goes to the YAML parser."""
    data: dict = {}
    list_key = None  # the key whose block list items may follow
    indent = None  # the indentation of that list's items (a deeper line continues an item)
    try:
        for line in source.splitlines():
            if not line.strip():
                continue
            m = SIMPLE_LINE.match(line)
            if m is None:
                return None
            if m["indent"] is not None:
                if list_key is None or (indent is not None and m["indent"] != indent):
                    return None
                indent = m["indent"]
                if data[list_key] is None:
                    data[list_key] = []
                data[list_key].append(_scalar(m["item"]) if m["item"] else None)
                continue
            key, value = m["key"], m["value"]
            if key in data:
                return None
            list_key, indent = None, None
            if not value:
                data[key], list_key = None, key
            elif value.startswith("[") and value.endswith("]"):
                inner = value[1:-1].strip()
                data[key] = [_scalar(v.strip(), PLAIN_FLOW_SCALAR) for v in inner.split(",")] if inner else []
            else:
                data[key] = _scalar(value)
    except ValueError:
        return None
    return data


def parse_frontmatter(source: str | None, fast: bool = True) -> Frontmatter:
    """Parse YAML; errors are collected (never raised) so one bad note can't stop a build.
    ``fast=False`` skips the fast reader (tests compare the two)."""
    if not source or not source.strip():
        return Frontmatter()
    data = simple_yaml(source) if fast else None
    if data is not None:
        return _fields(data, source)
    import yaml  # only here: most frontmatter never needs it, and the import takes a while

    # libyaml's loader when PyYAML was built with it (the wheels are): several times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(source, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Frontmatter(errors=[(line, f"invalid YAML frontmatter: {problem}")])
    if data is None:
        return Frontmatter()
    if not isinstance(data, dict):
        return Frontmatter(errors=[(1, "frontmatter is not a mapping of keys to values")])
    return _fields(data, source)


def _fields(data: dict, source: str) -> Frontmatter:
    errors: list[tuple[int, str]] = []
    title = _text(data.get("title"))
    aliases = _string_list(data, "aliases", ",", errors, source)
    tags = [tag for item in _string_list(data, "tags", TAG_SEPARATORS, errors, source) if (tag := item.lstrip("#"))]
    publish = data.get("publish")
    return Frontmatter(
        title=title if title else None,
        aliases=tuple(aliases),
        tags=tuple(tags),
        published=not (data.get("draft") is True or publish is False),
        publish=publish if isinstance(publish, bool) else None,
        errors=errors,
    )
