"""Read a note's YAML frontmatter into the few fields the vault needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SIMPLE_LINE = re.compile(
    r"""
    ^(?:
        (?P<key>[A-Za-z_][\w-]*):(?:[ \t]+(?P<value>[^\n]*?))?   # key: value, or key: (a list follows)
      | [ \t]*-[ \t]+(?P<item>[^\n]*?)                        #   - list item
    )[ \t]*$
    """,
    re.VERBOSE,
)
PLAIN_SCALAR = re.compile(r"^[^\W\d_][^:#\[\]{},&*!|>'\"%@`]*$")  # words, spaces, dots, dashes...
YAML_WORDS = {"yes", "no", "on", "off", "null", "true", "false"}  # what YAML 1.1 reads as non-strings


@dataclass
class Frontmatter:
    title: str | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    published: bool = True
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line in the YAML, message)


def _string_list(data: dict, name: str, errors: list[tuple[int, str]]) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        return ()
    if isinstance(value, str):  # Obsidian accepts `aliases: One` and `tags: a, b`
        return tuple([v for part in value.split(",") if (v := part.strip())])
    if isinstance(value, list) and not [v for v in value if not isinstance(v, (str, int, float))]:
        return tuple([v for item in value if (v := str(item).strip())])
    found = next((type(v).__name__ for v in value if not isinstance(v, (str, int, float))), None) if isinstance(value, list) else type(value).__name__
    errors.append((0, f"'{name}' should be a list of strings, got {'a list with a ' + found if isinstance(value, list) else found}"))
    return ()


def _scalar(text: str):
    """A plain YAML scalar we can read without a YAML parser, else raise ValueError."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and text[0] not in text[1:-1] and "\\" not in text:
        return text[1:-1]
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if PLAIN_SCALAR.match(text) and lowered not in YAML_WORDS:
        return text.rstrip()
    raise ValueError(text)


def simple_yaml(source: str) -> dict | None:
    """The common frontmatter (scalars, flow and block lists of plain words) read fast;
    None for anything else, which then goes to the YAML parser."""
    data: dict = {}
    list_key = None  # the key whose block list items may follow
    try:
        for line in source.splitlines():
            if not line.strip():
                continue
            m = SIMPLE_LINE.match(line)
            if m is None:
                return None
            if m["item"] is not None:
                if list_key is None:
                    return None
                if data[list_key] is None:
                    data[list_key] = []
                data[list_key].append(_scalar(m["item"]))
                continue
            key, value = m["key"], m["value"]
            if key in data:
                return None
            list_key = None
            if not value:
                data[key], list_key = None, key
            elif value.startswith("[") and value.endswith("]"):
                inner = value[1:-1].strip()
                data[key] = [_scalar(v.strip()) for v in inner.split(",")] if inner else []
            else:
                data[key] = _scalar(value)
    except ValueError:
        return None
    return data


def parse_frontmatter(source: str | None) -> Frontmatter:
    """Parse YAML; errors are collected (never raised) so one bad note can't stop a build."""
    if not source or not source.strip():
        return Frontmatter()
    data = simple_yaml(source)
    if data is not None:
        return _fields(data)
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
    return _fields(data)


def _fields(data: dict) -> Frontmatter:
    errors: list[tuple[int, str]] = []
    title = data.get("title")
    tags = tuple(t.lstrip("#") for t in _string_list(data, "tags", errors))
    published = not (data.get("draft") is True or data.get("publish") is False)
    return Frontmatter(
        title=str(title) if title is not None else None,
        aliases=_string_list(data, "aliases", errors),
        tags=tags,
        published=published,
        errors=errors,
    )
