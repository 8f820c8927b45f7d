"""Read a note's YAML frontmatter into the few fields the vault needs."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml


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
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    errors.append((0, f"'{name}' should be a list of strings, got {type(value).__name__}"))
    return ()


def parse_frontmatter(source: str | None) -> Frontmatter:
    """Parse YAML; errors are collected (never raised) so one bad note can't stop a build."""
    if not source or not source.strip():
        return Frontmatter()
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Frontmatter(errors=[(line, f"invalid YAML frontmatter: {problem}")])
    if data is None:
        return Frontmatter()
    if not isinstance(data, dict):
        return Frontmatter(errors=[(1, "frontmatter is not a mapping of keys to values")])
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
