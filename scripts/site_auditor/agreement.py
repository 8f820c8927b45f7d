"""The site and the link checker, note by note: the links a note's page shows as broken
are the links the checker reports as broken there, and every link the checker calls fine
reaches its page (and id) from the note's page.

A page shows a broken link as an element of class ``wikilink-unresolved`` whose title gives
the reason; it is matched with a finding by the text the link shows and by its kind.
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

from vault.checks import LINK_PROBLEMS
from vault.headings import plain_text
from vault.syntax import link_of

from .crawl import Landing, Site
from .page import PAGE, Shown
from .report import AuditReport, shown_path
from .rules import BROKEN_KINDS, SAME_ON_PAGE, UNRESOLVED_TITLE
from .urls import SiteFile


def compare(site: Site, vault, findings, pages: dict[str, SiteFile | None], report: AuditReport) -> None:
    """Report every disagreement between the site and the checker's ``findings``."""
    broken: dict[str, list] = defaultdict(list)  # note path: its findings of broken links
    for finding in findings:
        if finding.kind in BROKEN_KINDS and finding.target:  # a link's (not a file's)
            broken[finding.path].append(finding)
    kinds = _page_kinds()
    for note in vault.published():
        page = pages.get(note.path)
        if page is None:
            report.add(shown_path(vault.root, note.path), 1, 1, "missing-page", f"{note.path} is published but the site has no page for it")
            continue
        report.notes += 1
        shown = [s for s in site.pages[page].unresolved if s.owner == PAGE]
        _compare_broken(vault, note, page, shown, broken.get(note.path, []), kinds, report)
    reported = {(f.path, f.line, f.column) for found in broken.values() for f in found}
    _compare_fine(site, vault, pages, reported, report)


def _page_kinds() -> dict[str, str]:
    """The finding kind of each reason a page gives for a broken link."""
    from obsidian_markdown.context import REASONS  # the extension writes these titles

    return {UNRESOLVED_TITLE + reason: LINK_PROBLEMS[problem] for problem, reason in REASONS.items()}


def _compare_broken(vault, note, page: SiteFile, shown: list[Shown], findings: list, kinds: dict, report: AuditReport) -> None:
    """Pair each broken link the page shows with a finding of the same kind: by the text
    it shows first, then in order (a label may render differently, `code` as code)."""
    where = shown_path(vault.root, note.path)
    written = {(link.line, link.column): link.link for link in note.links} if findings else {}
    page_side = [_page_key(s, kinds) + (s,) for s in shown]  # (text, kind, shown)
    checker_side = [(_shown_text(f, written), SAME_ON_PAGE.get(f.kind, f.kind), f) for f in findings]
    _pair(checker_side, page_side, itemgetter(0, 1))  # by text and kind
    _pair(checker_side, page_side, itemgetter(1))  # the rest by kind, in order
    for text, _, finding in checker_side:
        report.add(where, finding.line, finding.column, "reported-not-shown",
                   f"{finding.target}: the checker reports {finding.kind}, but {page} does not show {text!r} as a broken link")
    for text, _, s in page_side:
        line, column = _place(note, text)
        report.add(where, line, column, "shown-not-reported",
                   f"{page} shows {text!r} as a broken link ({s.reason.removeprefix(UNRESOLVED_TITLE)}), "
                   "but the checker reports no broken link there")


def _pair(first: list, second: list, key) -> None:
    """Take out of both lists the items that pair up by ``key``, in order."""
    waiting = defaultdict(list)
    for item in second:
        waiting[key(item)].append(item)
    for item in list(first):
        matches = waiting.get(key(item))
        if matches:
            second.remove(matches.pop(0))
            first.remove(item)


def _page_key(shown: Shown, kinds: dict) -> tuple[str, str]:
    """(text, kind) of a link a page shows as broken; a kind the page can't tell apart
    from another (SAME_ON_PAGE) counts as that one."""
    kind = kinds.get(shown.reason, shown.reason)  # an unknown reason matches no finding
    return " ".join(shown.text.split()), SAME_ON_PAGE.get(kind, kind)


def _shown_text(finding, written: dict) -> str:
    """The text a page shows for the link of a finding (the model's link at its place)."""
    link = written.get((finding.line, finding.column))
    if link is None and finding.target.startswith(("[[", "![[")):
        link = link_of(finding.target)
    return " ".join(plain_text(link.display).split()) if link is not None else finding.target


def _place(note, text: str) -> tuple[int, int]:
    """Where a note most likely writes a link that shows ``text``: a link of the model
    that shows it, else the first line with ``[[text``, else with the text."""
    for link in note.links:
        if link.link.display == text:
            return link.line, link.column
    lines = note.text.split("\n")
    for needle in ("[[" + text, text):
        for number, line in enumerate(lines, 1):
            column = line.find(needle)
            if column >= 0:
                return number, column + 1
    return 1, 1


def _compare_fine(site: Site, vault, pages: dict, reported: set, report: AuditReport) -> None:
    reached: dict[SiteFile, set] = {}  # page: the (file, fragment or None) its own links reach
    for item in vault.link_reports():
        note, link, resolution = item
        if (note.path, link.line, link.column) in reported or not resolution.ok:
            continue
        page = pages.get(note.path)
        if page is None:
            continue
        if resolution.attachment is not None:
            file, fragment = resolution.attachment.path, None
        else:
            file, fragment = pages.get(resolution.note.path), resolution.anchor
            if file is None:
                continue  # a note without a page: reported as missing-page
        if page not in reached:
            reached[page] = _reached(site, site.landings.get(page, []))
        if (file, fragment) in reached[page]:
            continue
        to = file + ("#" + fragment if fragment else "")
        report.add(shown_path(vault.root, note.path), link.line, link.column, "fine-not-linked",
                   f"{link.link.raw}: the checker resolves it to {to}, but no link on {page} reaches it")


def _reached(site: Site, landings: list[Landing]) -> set:
    """The (file, fragment or None) pairs a page's links reach: the file exists and so
    does the fragment's id."""
    found = set()
    for landing in landings:
        if landing.file is None:
            continue
        target = site.pages.get(landing.file)
        if landing.fragment is None or target is None or landing.fragment in target.ids:
            found.add((landing.file, landing.fragment))
    return found
