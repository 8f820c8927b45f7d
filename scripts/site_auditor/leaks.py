"""`[[` shown as text: allowed only as often as the note it comes from escaped it."""

from __future__ import annotations

from collections import defaultdict

from .crawl import Site
from .notes import escaped_brackets
from .page import PAGE, Owner
from .report import AuditReport, shown_path
from .urls import site_file, target


def check_leaks(site: Site, report: AuditReport, vault=None, notes_of_pages: dict | None = None, base: str = "/") -> None:
    """Report each `[[` a page shows outside code, unless the note whose text it is (the
    page's note, an embedded note, the note a backlink quotes) escaped as many. Without a
    vault every `[[` is reported."""
    notes_of_pages = notes_of_pages or {}
    allowed: dict[str, int] = {}  # note path: escaped `[[`, counted when first needed
    for path, page in site.pages.items():
        if not page.leaks:
            continue
        groups = defaultdict(list)  # (note, owner): each embed or quote has its own allowance
        for leak in page.leaks:
            groups[_source(path, leak.owner, notes_of_pages, site.files, base), leak.owner].append(leak)
        for (note, _), leaks in groups.items():
            if note and vault is not None and note in vault.notes and note not in allowed:
                allowed[note] = escaped_brackets(vault.notes[note].text)
            escaped = allowed.get(note, 0)
            if len(leaks) <= escaped:
                continue
            counted = f" ({len(leaks)} here from {note}, which escapes {escaped})" if note and vault is not None else ""
            for leak in leaks:
                report.add(shown_path(site.root, path), leak.line, leak.column, "leaked-wikilink",
                           f"{leak.text!r} shown as text outside code{counted}")


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
