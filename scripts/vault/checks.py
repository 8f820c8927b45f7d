"""What is wrong in a vault: every check, each a named kind with a default level.

The link checker prints these; the site build logs them (error level fails a strict
build). Both read them from the same vault model, so they agree by construction.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import quote

from . import MAX_EMBED_DEPTH, paths
from .model import Note
from .obsidian_settings import DRAFT
from .resolve import (
    EMPTY,
    MISSING_ATTACHMENT,
    MISSING_BLOCK,
    MISSING_HEADING,
    MISSING_NOTE,
    OUTSIDE_VAULT,
    UNPUBLISHED,
    Resolution,
)

ERROR, WARNING, INFO, IGNORE = "error", "warning", "info", "ignore"
LEVELS = (ERROR, WARNING, INFO, IGNORE)  # most to least severe

# kind: (default level, what it means)
KINDS: dict[str, tuple[str, str]] = {
    "broken-link": (ERROR, "a link to a note that does not exist"),
    "broken-heading": (ERROR, "a link to a heading the note does not have"),
    "broken-block": (ERROR, "a link to a block id the note does not have"),
    "missing-embed": (ERROR, "an embed or attachment link whose file does not exist"),
    "unpublished-link": (ERROR, "a link to a draft, a template, or a file Obsidian's settings keep off the site"),
    "outside-vault": (ERROR, "a link to a path outside the vault, an absolute path or a URL"),
    "ambiguous-link": (WARNING, "several notes share the name and only the shortest path decided"),
    "forbidden-characters": (WARNING, "a note name or link target with characters Obsidian forbids"),
    "alias-collision": (WARNING, "an alias equal to another note's name or alias"),
    "path-collision": (WARNING, "two files whose paths differ only by case or Unicode normalization"),
    "duplicate-block-id": (WARNING, "the same block id twice in one note"),
    "frontmatter": (ERROR, "frontmatter that is not valid YAML, or a list or map inside aliases/tags"),
    "encoding": (ERROR, "a file that is not valid UTF-8"),
    "unreadable": (ERROR, "a file that cannot be read"),
    "embed-cycle": (WARNING, "embeds that loop back to a note already being embedded"),
    "embed-too-deep": (WARNING, "embeds nested more levels than the site shows (the rest show as links)"),
    "orphan": (WARNING, "a note nothing links to"),
    "dead-end": (INFO, "a note that links to nothing"),
    "case-mismatch": (INFO, "a link that resolves but is spelled with different case"),
    "question-difficulty": (INFO, "an interview question (an item of a > [!question] callout) without [E], [M] or [H]"),
    "unsafe-html": (ERROR, "raw HTML that would run code: <script>, onerror= and other event handlers, javascript: URLs"),
    "broken-external": (ERROR, "an http(s) link that does not answer 2xx/3xx (checked with --external)"),
}
# What the site does with each kind of unsafe HTML, and what to write instead.
UNSAFE_MESSAGES = {
    "script": "{}>: a script written in a note never runs on the site (its Content-Security-Policy blocks it); show code in a code block",
    "event-handler": "{}=: an inline event handler never runs on the site (its Content-Security-Policy blocks it); remove it",
    "javascript-url": "{}: a javascript: URL never runs on the site (its Content-Security-Policy blocks it); link to a note or a web page",
}
QUESTION_MESSAGE = "interview question without a difficulty: start it with [E], [M] or [H] (practice mode filters by it)"
LINK_PROBLEMS = {
    MISSING_NOTE: "broken-link",
    EMPTY: "broken-link",
    MISSING_HEADING: "broken-heading",
    MISSING_BLOCK: "broken-block",
    MISSING_ATTACHMENT: "missing-embed",
    UNPUBLISHED: "unpublished-link",
    OUTSIDE_VAULT: "outside-vault",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    kind: str
    message: str
    target: str = ""  # the link as written, for link findings
    suggestion: str = ""  # a close name, alias or heading

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.kind)


def did_you_mean(finding: Finding) -> str:
    """`` (did you mean "x"?)`` to end a finding's message with its close match, or ''
    (also for an ambiguous link, whose message already says what to write)."""
    if not finding.suggestion or finding.kind == "ambiguous-link":
        return ""
    return f' (did you mean "{finding.suggestion}"?)'


def format_finding(finding: Finding, level: str, path: str | None = None) -> str:
    """A finding as one line, the one shape of the checker's text and the build log:
    ``path:line:column: level kind: message (did you mean "x"?)``. ``path``: the file as the
    reader names it (default: its vault path); a finding about a whole file or line
    (line or column 0) points at its first line or column."""
    where = f"{finding.path if path is None else path}:{max(finding.line, 1)}:{max(finding.column, 1)}"
    return f"{where}: {level} {finding.kind}: {finding.message}{did_you_mean(finding)}"


@dataclass
class CheckConfig:
    """Levels per kind (defaults from KINDS) and notes exempt from the orphan check."""

    levels: dict[str, str] = field(default_factory=dict)
    orphan_exempt: tuple[str, ...] = ("index.md", "README.md")  # the home page (README.md without index.md)

    def level(self, kind: str) -> str:
        return self.levels.get(kind, KINDS[kind][0])


def load_config(path: str) -> CheckConfig:
    """Read ``checks.toml``: ``[levels]`` kind = "error"|"warning"|"info"|"ignore", and
    ``[orphans] exempt = ["index.md", ...]``. A missing file means the defaults."""
    if not os.path.exists(path):
        return CheckConfig()
    import tomllib  # only here: most runs have no checks.toml

    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    levels = dict(data.get("levels", {}))
    for kind, level in levels.items():
        if kind not in KINDS:
            raise ValueError(f"{path}: unknown check kind {kind!r} (known: {', '.join(KINDS)})")
        if level not in LEVELS:
            raise ValueError(f"{path}: level of {kind!r} must be one of {', '.join(LEVELS)}, not {level!r}")
    exempt = tuple(data.get("orphans", {}).get("exempt", CheckConfig().orphan_exempt))
    return CheckConfig(levels=levels, orphan_exempt=exempt)


def close_match(word: str, candidates: list[str], cutoff: float = 0.6) -> str:
    import difflib  # only for a vault with broken links

    found = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    if not found:
        lowered = {c.casefold(): c for c in candidates}
        found = [lowered[m] for m in difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=cutoff)]
    return found[0] if found else ""


def check(vault, config: CheckConfig | None = None) -> list[Finding]:
    """Every finding at a level other than ignore, sorted by file and position."""
    config = config or CheckConfig()
    findings = [f for f in _all(vault, config) if config.level(f.kind) != IGNORE]
    return sorted(findings, key=lambda f: f.sort_key)


def _all(vault, config: CheckConfig) -> Iterator[Finding]:
    for problem in vault.problems:
        kind = problem.kind if problem.kind in KINDS else "unreadable"
        yield Finding(problem.path, problem.line, 0, kind, problem.message)
    names = _Names(vault)
    linked: set[str] = set()  # notes another note links to
    linking: set[str] = set()  # notes that link to another note
    for note, link, resolution in vault.link_reports():
        target = resolution.note
        if target is not None and resolution.problem is None and target.path != note.path:
            linked.add(target.path)
            linking.add(note.path)
        if not _is_fine(link.link.path, resolution):
            yield from _link_findings(note, link, resolution, names)
    for report in vault.embed_cycles():
        yield Finding(report.note.path, report.link.line, report.link.column, "embed-cycle",
                      f"embed {report.link.link.raw} loops back to a note already being embedded; shown as a link there",
                      target=report.link.link.raw)
    for chain in vault.deep_embeds():
        first = chain[0]
        path = " > ".join(r.resolution.note.name for r in chain[: MAX_EMBED_DEPTH + 1])
        yield Finding(first.note.path, first.link.line, first.link.column, "embed-too-deep",
                      f"embeds nest {len(chain)} levels ({path} > ...); past {MAX_EMBED_DEPTH} they show as links",
                      target=first.link.link.raw)
    for note in vault.published():
        bad = paths.forbidden_chars(note.name)
        if bad:
            yield Finding(note.path, 1, 1, "forbidden-characters", f"note name contains {bad!r}, which Obsidian forbids in names")
        if note.path not in linked and note.path not in config.orphan_exempt:
            yield Finding(note.path, 1, 1, "orphan", "no other note links here")
        if note.path not in linking:
            yield Finding(note.path, 1, 1, "dead-end", "this note links to no other note")
        for duplicate in note.duplicate_blocks:
            yield Finding(note.path, duplicate.marker_line, 1, "duplicate-block-id", f"block id ^{duplicate.id} is used more than once in this note")
        for unsafe in note.unsafe_html:
            yield Finding(note.path, unsafe.line, unsafe.column, "unsafe-html", UNSAFE_MESSAGES[unsafe.what].format(unsafe.text), target=unsafe.text)
        for question in note.questions:
            if question.difficulty is None:
                yield Finding(note.path, question.line, question.column, "question-difficulty", QUESTION_MESSAGE)
    yield from _alias_collisions(vault)
    yield from _path_collisions(vault)


class _Names:
    """Candidates for "did you mean", built on first use."""

    def __init__(self, vault):
        self.vault = vault
        self._notes: list[str] | None = None
        self._files: list[str] | None = None
        self._closest: dict[tuple[str, str], str] = {}

    @property
    def notes(self) -> list[str]:
        if self._notes is None:
            self._notes = sorted({n.name for n in self.vault.published()} | {a for n in self.vault.published() for a in n.aliases})
        return self._notes

    @property
    def files(self) -> list[str]:
        if self._files is None:
            self._files = sorted({a.name for a in self.vault.attachments.values()})
        return self._files

    def closest(self, word: str, kind: str) -> str:
        """close_match among the note names (``kind`` "notes") or the file names ("files"),
        once per word: broken links repeat their targets (one public vault: 1,823 broken
        links to 1,138 names, each compared with 2,000 names)."""
        if (kind, word) not in self._closest:
            self._closest[kind, word] = close_match(word, getattr(self, kind))
        return self._closest[kind, word]


def _is_fine(path: str, resolution: Resolution) -> bool:
    """Whether a link with this path and resolution has nothing to report (most links)."""
    bad, written = _target_facts(path)
    target = resolution.note
    return (resolution.problem is None and not resolution.ambiguous and not bad
            and (target is None or not written or written == target.name or written in target.aliases))


def _link_findings(note: Note, link, resolution: Resolution, names: _Names) -> list[Finding]:
    """What is wrong with one link (one that _is_fine says has something)."""
    wiki = link.link
    bad, written = _target_facts(wiki.path)
    target = resolution.note
    raw, where = wiki.raw, (note.path, link.line, link.column)
    findings = []
    if bad:
        findings.append(Finding(*where, "forbidden-characters", f"{raw}: link target contains {bad!r}, which Obsidian forbids in names", target=raw))
    if not resolution.ok:
        kind = LINK_PROBLEMS.get(resolution.problem, "broken-link")
        if wiki.embed and kind == "broken-link":
            kind = "missing-embed"
        left_out = _left_out_attachment(names.vault, wiki.path) if resolution.problem == MISSING_ATTACHMENT else None
        if left_out is not None:  # the file is there, but Obsidian's settings keep it off the site
            findings.append(Finding(*where, "unpublished-link", f"{raw}: {wiki.path!r} is not published: {left_out}", target=raw))
            return findings
        message = _broken_message(wiki, resolution, names.vault)
        findings.append(Finding(*where, kind, f"{raw}: {message}", target=raw, suggestion=_suggest(wiki, resolution, names)))
        return findings
    if resolution.ambiguous:
        chosen = (resolution.note or resolution.attachment).path
        pinned = chosen.removesuffix(paths.NOTE_SUFFIX)
        findings.append(Finding(*where, "ambiguous-link",
                                f"{raw}: {len(resolution.ambiguous)} files share this name ({', '.join(resolution.ambiguous)}); "
                                f"only the shortest path picks {chosen}: write {_pinned(wiki, pinned)} to choose",
                                target=raw, suggestion=pinned))
    if written and target is not None:
        spellings = {target.name, *target.aliases}
        if written not in spellings and paths.key(written) in {paths.key(s) for s in spellings}:
            actual = next(s for s in spellings if paths.key(s) == paths.key(written))
            findings.append(Finding(*where, "case-mismatch", f"{raw}: resolves to {target.path}, spelled {actual!r} there", target=raw, suggestion=actual))
    return findings


def _pinned(wiki, path: str) -> str:
    """The link written with a whole path, in its own syntax."""
    if wiki.markdown:
        return f"[{wiki.label}]({quote(path + paths.NOTE_SUFFIX, safe='/()')})"
    return f"[[{path}]]"


@functools.lru_cache(maxsize=65536)
def _target_facts(path: str) -> tuple[str, str]:
    """(characters Obsidian forbids in the names a link path names, '' for a URL or an
    absolute path: those are reported as outside the vault; the name as written, without
    folders and ``.md``) of a link path."""
    written = path.rsplit("/", 1)[-1].removesuffix(paths.NOTE_SUFFIX)
    if paths.is_absolute_or_url(path):
        return "", written
    return paths.forbidden_chars(path.replace("/", "")), written


def _why_unpublished(vault, target: str) -> str:
    """Why the note a link names is not published (the resolver found it unpublished)."""
    note = vault.index.unpublished.get(paths.key(target.removesuffix(paths.NOTE_SUFFIX)))
    return vault.unpublished_because.get(note.path, DRAFT) if note is not None else DRAFT


def _left_out_attachment(vault, target: str) -> str | None:
    """Why the attachment a link names is kept off the site, if Obsidian's settings keep it."""
    wanted = paths.key(target)
    for path, reason in vault.unpublished_attachments.items():
        key = paths.key(path)
        if key == wanted or key.endswith("/" + wanted):
            return reason
    return None


def _broken_message(wiki, resolution: Resolution, vault) -> str:
    problem = resolution.problem
    if problem == MISSING_HEADING:
        return f"{resolution.note.path} has no heading {' > '.join(wiki.headings)!r}"
    if problem == MISSING_BLOCK:
        return f"{resolution.note.path} has no block ^{wiki.block}"
    if problem == MISSING_ATTACHMENT:
        return f"no file named {wiki.path!r} in the vault"
    if problem == UNPUBLISHED:
        return f"{wiki.path!r} is not published: {_why_unpublished(vault, wiki.path)}"
    if problem == OUTSIDE_VAULT:
        return f"{wiki.path!r} is outside the vault"
    if problem == EMPTY:
        return "the link has no target"
    return f"no note named {wiki.path!r}" if not wiki.embed else f"nothing named {wiki.path!r} to embed"


def _suggest(wiki, resolution: Resolution, names: _Names) -> str:
    if resolution.problem == MISSING_HEADING and resolution.note is not None:
        found = close_match(wiki.headings[-1], [h.title for h in resolution.note.headings], cutoff=0.75)
        return f"{wiki.path}#{found}" if found else ""
    if resolution.problem == MISSING_BLOCK and resolution.note is not None:
        found = close_match(wiki.block or "", [b.id for b in resolution.note.blocks.values()])
        return f"{wiki.path}#^{found}" if found else ""
    if resolution.problem == MISSING_ATTACHMENT:
        return names.closest(wiki.path.rsplit("/", 1)[-1], "files")
    if resolution.problem in (MISSING_NOTE,):
        return names.closest(wiki.path.rsplit("/", 1)[-1], "notes")
    return ""


def _alias_collisions(vault) -> Iterator[Finding]:
    owners: dict[str, list[str]] = {}
    for note in vault.published():
        owners.setdefault(paths.key(note.name), []).append(note.path)
    for note in vault.published():
        for alias in note.aliases:
            others = [p for p in owners.get(paths.key(alias), []) if p != note.path]
            if others:
                yield Finding(note.path, 1, 1, "alias-collision", f"alias {alias!r} is also the name of {', '.join(others)}", target=alias)
    seen: dict[str, str] = {}
    for note in vault.published():
        for alias in note.aliases:
            k = paths.key(alias)
            if k in seen and seen[k] != note.path:
                yield Finding(note.path, 1, 1, "alias-collision", f"alias {alias!r} is also an alias of {seen[k]}", target=alias)
            seen.setdefault(k, note.path)


def _path_collisions(vault) -> Iterator[Finding]:
    """Files whose paths differ only by case or Unicode normalization (NFC, NFD): one file
    on macOS and Windows, and links reach only one of them."""
    first: dict[str, str] = {}
    for path in sorted([*(note.path for note in vault.published()), *vault.attachments]):
        other = first.setdefault(paths.key(path), path)
        if other != path:
            yield Finding(path, 1, 1, "path-collision",
                          f"{other!r} has the same path but for case or Unicode normalization: links reach only one "
                          "of them, and on macOS and Windows they are one file; rename one")
