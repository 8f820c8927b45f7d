"""The site as a browser finds it: every page read once, every internal URL and fragment
followed. Knows nothing of the vault."""

from __future__ import annotations

import os
import posixpath
from typing import NamedTuple
from urllib.parse import unquote

from vault import parallel

from .page import PAGE, Page, Reference, read_page
from .report import AuditReport, shown_path
from .rules import MEDIA_TAGS
from .urls import INDEX, SiteFile, fragment_found, site_file, target


class Landing(NamedTuple):
    """Where one of a page's own references lands: the site file and the fragment,
    percent-decoded (None: no file, no fragment)."""

    reference: Reference
    file: SiteFile | None
    fragment: str | None


class Site(NamedTuple):
    root: str
    files: frozenset[str]  # every file, from the site root
    pages: dict[SiteFile, Page]  # every .html file, read
    landings: dict[SiteFile, list[Landing]]  # each page's own references (owner PAGE), followed


def list_files(root: str) -> frozenset[str]:
    """Every file under ``root`` as a POSIX path from it."""
    found = []
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in names)
    return frozenset(found)


def read_pages(root: str, paths: list[str]) -> list[Page]:
    pages = []
    for path in paths:
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
            pages.append(read_page(handle.read()))
    return pages


def read_site(root: str) -> tuple[frozenset[str], dict[SiteFile, Page]]:
    """Every file of the site, and every page read (a large site on two cores, as the
    vault is read: vault/parallel.py)."""
    files = list_files(root)
    paths = sorted(f for f in files if f.endswith(".html"))
    if parallel.worth_forking(len(paths)):
        cut = round(len(paths) * (1 - parallel.WORKER_SHARE))  # the worker also pickles its pages
        mine, theirs = parallel.in_two(lambda: read_pages(root, paths[:cut]), lambda: read_pages(root, paths[cut:]))
        read = mine + theirs
    else:
        read = read_pages(root, paths)
    return files, {SiteFile(path): page for path, page in zip(paths, read)}


def crawl(root: str, report: AuditReport, base: str = "/") -> Site:
    """Read the site under ``root`` and report every internal URL that leads to no file
    and every fragment that is no id of its page."""
    files, pages = read_site(root)
    report.pages = len(pages)
    landings: dict[SiteFile, list[Landing]] = {}
    for path, page in pages.items():
        own = landings[path] = []
        for reference in page.references:
            landing = _follow(root, path, reference, files, pages, report, base)
            if landing is not None and reference.owner == PAGE:
                own.append(landing)
    return Site(root, files, pages, landings)


def _follow(root, page: SiteFile, reference: Reference, files, pages, report: AuditReport, base: str) -> Landing | None:
    found = target(page, reference.url, base)
    if found is None:
        return None  # another site, mailto:, data:, javascript:
    if reference.tag in MEDIA_TAGS:
        report.media += 1
    else:
        report.links += 1
    file = site_file(found, files)
    if file is None:
        wanted = posixpath.join(found.path, INDEX) if found.folder else found.path
        report.add(*_at(root, page, reference), "missing-file", f'<{reference.tag} {reference.url!r}>: no file {wanted!r} on the site')
        return Landing(reference, None, None)
    fragment = found.fragment
    if fragment and file in pages:
        report.fragments += 1
        if not fragment_found(fragment, pages[file].ids):
            report.add(*_at(root, page, reference), "missing-fragment", f"<{reference.tag} {reference.url!r}>: {file} has no id {fragment!r}")
    return Landing(reference, file, unquote(fragment) if fragment else None)


def _at(root: str, page: SiteFile, reference: Reference) -> tuple[str, int, int]:
    return shown_path(root, page), reference.line, reference.column
