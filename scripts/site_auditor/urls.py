"""Where a URL written on a page leads, as a browser (and a static server) would take it.

Pure functions of strings and a set of file names. Two kinds of path, kept apart:

- ``SiteFile``: a file's path from the site root, POSIX separators (``Note/index.html``,
  ``assets/pic.png``); ``""`` never names a file.
- a *URL* as a page writes it (``../Note/#intro``, ``/assets/x.css``, ``pic%20a.png``).
"""

from __future__ import annotations

import posixpath
from typing import NamedTuple, NewType
from urllib.parse import unquote, urlsplit

from .rules import TOP_FRAGMENTS

SiteFile = NewType("SiteFile", str)

INDEX = "index.html"
WHITESPACE = " \t\n\r\f"  # what a browser strips around an attribute's URL


class Target(NamedTuple):
    """Where an internal URL leads: a path from the site root and the fragment."""

    path: str  # decoded, normalized; "" is the site root; a leading "/" is outside the site's base
    folder: bool  # the URL names a folder (ends with /): its index.html
    fragment: str | None  # as written after '#', None without one


def target(page: SiteFile, url: str, base: str = "/") -> Target | None:
    """The target of ``url`` written on ``page``; None when it leaves the site (a scheme
    such as http:, mailto:, data:, javascript:, or a host). The query is ignored; ``base``
    is the URL path the site is served under, for path-absolute URLs (``/assets/x``)."""
    parts = urlsplit(url.strip(WHITESPACE))
    if parts.scheme or parts.netloc:
        return None
    fragment = parts.fragment if "#" in url else None
    if not parts.path:  # "#id", "?q", "": this very page
        return Target(page, False, fragment)
    path = unquote(parts.path)
    if path.startswith("/"):
        inside = _below(path, base)
        if inside is None:
            return Target(posixpath.normpath(path), path.endswith("/"), fragment)
        path = inside
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    last = path.rsplit("/", 1)[-1]
    folder = last in ("", ".", "..")
    normal = posixpath.normpath("/" + path).lstrip("/")  # "/.." stays at the root, as in a browser
    return Target(normal, folder or normal == "", fragment)


def _below(path: str, base: str) -> str | None:
    """``path`` (from the server's root) from the site's ``base`` URL path; None outside it."""
    root = "/" + base.strip("/")  # "/" or "/kb"
    if root == "/":
        return path[1:]
    if path == root or path.startswith(root + "/"):
        return path[len(root) + 1 :]
    return None


def site_file(found: Target, files: set[str] | frozenset[str]) -> SiteFile | None:
    """The file a server sends for a target: the file itself, else a folder's index.html
    (a server redirects ``/Note`` to ``/Note/``); None if there is none."""
    path = found.path
    if not found.folder and path in files:
        return SiteFile(path)
    index = posixpath.join(path, INDEX) if path else INDEX
    return SiteFile(index) if index in files else None


def fragment_found(fragment: str | None, ids: set[str] | frozenset[str]) -> bool:
    """Whether a browser finds ``#fragment`` on a page with these ids: as written, then
    percent-decoded (the HTML standard's order); ``#`` and ``#top`` are the page's top."""
    if fragment is None or fragment in ids:
        return True
    decoded = unquote(fragment)
    return decoded in ids or decoded.lower() in TOP_FRAGMENTS
