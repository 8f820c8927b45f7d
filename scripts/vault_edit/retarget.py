"""Writing a link to a given file again, in the style it was written in.

Only the path part of a link changes; ``!``, headings, ``^block``, the display text after
``|`` (or ``\\|`` in a table) and spaces stay as written. The style is kept the way Obsidian's
"shortest path when possible" writes links: a bare name stays a bare name when that name
resolves to the file without a guess, else the shortest unambiguous folder path is written;
a path stays a (full) vault path; a ``./`` or ``../`` path stays relative; ``.md`` stays.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from vault import Note, VaultPath, WikiLink
from vault import paths
from vault.resolve import Index, find_target
from vault.syntax import ALIAS_SEPARATOR, MARKDOWN_LINK


def with_path(raw: str, new_path: str) -> str:
    """``raw`` (a whole ``[[...]]`` or ``![[...]]``, or a Markdown link) with its path part
    replaced, the way ``vault.syntax`` splits it."""
    if not raw.lstrip("!").startswith("[["):
        return _markdown_with_path(raw, new_path)
    start = 3 if raw.startswith("!") else 2
    inner = raw[start:-2]
    separator = ALIAS_SEPARATOR.search(inner)
    target_end = separator.start() if separator else len(inner)
    fragment = inner.find("#", 0, target_end)
    path_end = fragment if fragment >= 0 else target_end
    written = inner[:path_end]
    lead = len(written) - len(written.lstrip())
    trail = len(written) - len(written.rstrip())
    return raw[:start] + written[:lead] + new_path + written[len(written) - trail:] + inner[path_end:] + "]]"


def _markdown_with_path(raw: str, new_path: str) -> str:
    """A Markdown link with a new path before its ``#fragment``, in its own style: inside
    ``<...>`` as written, else percent-encoded (``Note%20name.md``)."""
    bang = 1 if raw.startswith("!") else 0
    m = MARKDOWN_LINK.match(raw, bang)
    angle = m["angle"] is not None
    start, end = m.span("angle" if angle else "bare")
    fragment = raw.find("#", start, end)
    path_end = fragment if fragment >= 0 else end
    written = new_path if angle else quote(new_path, safe="/()")
    return raw[:start] + written + raw[path_end:]


def _candidates(link: WikiLink, target: VaultPath, source_folder: str) -> list[str]:
    """Ways to write ``target`` in the link's style, preferred first."""
    keep_md = link.path.lower().endswith(paths.NOTE_SUFFIX)
    stem = target if keep_md or not target.lower().endswith(paths.NOTE_SUFFIX) else target[: -len(paths.NOTE_SUFFIX)]
    if link.path.startswith(("./", "../")):
        relative = posixpath.relpath(stem, source_folder or ".")
        return [relative if relative.startswith("../") else "./" + relative, stem]
    if link.path.startswith("/"):  # a Markdown link from the vault's root stays so
        return ["/" + stem]
    if "/" in link.path:
        return [stem]
    parts = stem.split("/")
    return ["/".join(parts[-depth:]) for depth in range(1, len(parts) + 1)]


def link_path_for(link: WikiLink, target: VaultPath, source: Note, index: Index) -> str:
    """The path to write in ``link`` (written in ``source``, as it will be) so that it
    resolves to ``target`` in ``index`` by name or path, without a guess."""
    candidates = _candidates(link, target, source.folder)
    for candidate in candidates:
        found, guessed, by_alias = find_target(index, link._replace(path=candidate), source)
        if found is not None and found.path == target and not guessed and not by_alias:
            return candidate
    return candidates[-1]  # the full path: always resolves (never reached in practice)
