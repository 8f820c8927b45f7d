"""`[[` shown as text: allowed only as often as the note it comes from escaped it."""

from __future__ import annotations

from collections import defaultdict

from .crawl import Site
from .notes import escaped_brackets, unlinked_brackets
from .page import PAGE, Owner, Shown
from .report import AuditReport, shown_path
from .urls import site_file, target


def check_leaks(site: Site, report: AuditReport, vault=None, notes_of_pages: dict | None = None, base: str = "/") -> None:
    """Report each `[[` a page shows outside code that the note whose text it is (the page's
    note, an embedded note, the note a backlink quotes) did not escape. Without a vault every
    `[[` is reported."""
    notes_of_pages = notes_of_pages or {}
    escapes: dict[str, list[str]] = {}  # note path: what follows each escaped `[[` (read when needed)
    unlinked: dict[str, list[str]] = {}  # note path: what follows each `[[` that opens no link
    for path, page in site.pages.items():
        if not page.leaks:
            continue
        groups = defaultdict(list)  # (note, owner): each embed or quote is escaped on its own
        for leak in page.leaks:
            groups[_source(path, leak.owner, notes_of_pages, site.files, base), leak.owner].append(leak)
        for (note, _), leaks in groups.items():
            if note and vault is not None and note in vault.notes and note not in escapes:
                escapes[note] = escaped_brackets(vault.notes[note])
                unlinked[note] = unlinked_brackets(vault.notes[note])
            for leak in unescaped(shown_as_written(leaks, unlinked.get(note, [])), escapes.get(note, [])):
                source = f" (not escaped in {note})" if note and vault is not None else ""
                report.add(shown_path(site.root, path), leak.line, leak.column, "leaked-wikilink",
                           f"{leak.text!r} shown as text outside code{source}")


def unescaped(leaks: list[Shown], escaped: list[str]) -> list[Shown]:
    """The leaks no escape accounts for: an escape accounts for the leak shown with its text
    (the start of it, as far as both go), then the rest in order (the page may render what
    follows the `[[`, `**bold**` as bold)."""
    left, waiting = _accounted(leaks, escaped)
    return left[len(waiting):]


def shown_as_written(leaks: list[Shown], unlinked: list[str]) -> list[Shown]:
    """The leaks left once each `[[` the note writes opening no link accounts for the one that
    shows its text (each once, by text alone: a leftover accounts for nothing)."""
    return _accounted(leaks, unlinked)[0]


def _accounted(leaks: list[Shown], texts: list[str]) -> tuple[list[Shown], list[str]]:
    """(the leaks no text accounts for, the texts left): a text accounts for the first leak
    showing it (the start of it, as far as both go)."""
    left, waiting = [], list(texts)
    for leak in leaks:
        shown = leak.text[2:]
        match = next((t for t in waiting if shown[: len(t)] == t[: len(shown)]), None)
        if match is None:
            left.append(leak)
        else:
            waiting.remove(match)
    return left, waiting


def _source(page: str, owner: Owner, notes_of_pages: dict, files, base: str) -> str:
    """The vault path of the note a text's owner names ('' if none)."""
    kind, value, _ = owner
    if owner == PAGE:
        return notes_of_pages.get(page, "")
    if kind == "embed":
        return value
    if kind == "from":
        found = target(page, value, base)
        file = site_file(found, files) if found is not None else None
        return notes_of_pages.get(file, "")
    return ""
