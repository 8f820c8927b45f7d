"""Pages and page parts the build adds: the A-Z index, tag pages, the graph page and its
JSON, each note's aliases, tags and backlinks. Plain functions of the vault model; every
string that comes from a note is escaped for where it lands (Markdown, HTML or JSON)."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from itertools import groupby
from typing import Callable
from urllib.parse import quote

from obsidian_markdown.links import wanted_anchor
from obsidian_markdown.tags import TAGS_FOLDER, tag_page
from vault import Note, Vault
from vault.graph import CODE, MATH, Backlink, Segment, Snippet, edges, tags, top_folder
from vault.resolve import MISSING_NOTE

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}#+!|~=$-])")
# As character references: `\(` and `\[` would open math (arithmatex), and Python-Markdown
# has no `\%` or `\^` (`%%` opens a comment, `^id` names a block).
MARKDOWN_REFERENCES = {ord(c): f"&#{ord(c)};" for c in "[]()%^"}
INDEX_HEADING = "All notes"
# A vault's own home page, in MkDocs' order: either becomes the site's index.html.
HOME_NOTES = ("index.md", "README.md")
GENERATED_HOME = "index.md"  # the home page the build writes for a vault without one
RECENT = 10  # notes listed as recently updated on the home page
GRAPH_PAGE = "graph.md"
WANTED_PAGE = "wanted.md"
GRAPH_JSON = "assets/graph.json"
# The page.meta key of what follows a note's text (backlinks, local graph): overrides/main.html.
AFTER_CONTENT = "kb_after"

Url = Callable[[str], str]  # vault path -> URL of its page relative to the current page


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, HTML)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).translate(MARKDOWN_REFERENCES)


def html_meta(meta: dict) -> dict:
    """A page's metadata with every string HTML-escaped: Material's templates print
    ``page.meta`` values (title, description...) without escaping, and its search index
    takes the title as HTML."""
    def escaped(value):
        if isinstance(value, str):
            return html.escape(value)
        if isinstance(value, list):
            return [escaped(v) for v in value]
        if isinstance(value, dict):
            return {k: escaped(v) for k, v in value.items()}
        return value

    return {key: escaped(value) for key, value in meta.items()}


def note_link(title: str, path: str) -> str:
    return f"[{escape_markdown(title)}]({quote('/' + path)})"


# -- generated Markdown pages ---------------------------------------------------------------


def a_to_z(vault: Vault, url: Url, skip: str = "index.md") -> str:
    """The home page's index of every note: a heading per letter (in the page's table of
    contents), each letter's notes as an HTML list written here, links and all (``url``:
    vault path -> URL from the home page), which Markdown passes through as it is: at 5000
    notes, converting a list as Markdown was most of the home page's cost."""
    notes = sorted((n for n in vault.published() if n.path != skip), key=lambda n: (n.title.casefold(), n.path))
    lines = [f"## {INDEX_HEADING}", "", f"{len(notes)} notes, A to Z.", ""]
    for letter, group in groupby(notes, key=lambda n: n.title[:1].upper() if n.title[:1].isalpha() else "#"):
        lines += [f"### {escape_markdown(letter)}", "", "<ul>"]
        lines += [f'<li><a href="{html.escape(url(note.path))}">{html.escape(note.title, quote=False)}</a></li>' for note in group]
        lines += ["</ul>", ""]
    return "\n".join(lines)


def recently_updated(vault: Vault, changed: dict[str, float], count: int = RECENT, skip: str = "index.md") -> str:
    """The notes changed last (dates from git, else file times), newest first."""
    notes = sorted((n for n in vault.published() if n.path in changed and n.path != skip),
                   key=lambda n: (-changed[n.path], n.path))[:count]
    lines = ["## Recently updated", ""]
    for note in notes:
        day = datetime.fromtimestamp(changed[note.path], tz=timezone.utc).strftime("%Y-%m-%d")
        lines.append(f"- {day}: {note_link(note.title, note.path)}")
    return "\n".join(lines) + "\n"


def home_markdown(vault: Vault, changed: dict[str, float], url: Url) -> str:
    return "\n".join(["---", "title: Home", "---", "", recently_updated(vault, changed), a_to_z(vault, url)])


def tag_pages(vault: Vault) -> dict[str, str]:
    """{vault path: Markdown} of the tag index and one page per tag (nested tags too)."""
    all_tags = tags(vault)
    pages = {}
    index = ["---", "title: Tags", "---", "", f"{len(all_tags)} tags. A nested tag such as `a/b` is listed under `a` too.", ""]
    for key, (name, notes) in all_tags.items():
        depth = name.count("/")
        index.append(f"{'    ' * depth}- {note_link('#' + name, tag_page(name))} ({len(notes)})")
        lines = ["---", f"title: {json.dumps('#' + name)}", "---", "", f"{len(notes)} notes tagged {escape_markdown('#' + name)}.", ""]
        lines += [f"- {note_link(note.title, note.path)}" for note in notes]
        pages[tag_page(name)] = "\n".join(lines) + "\n"
    pages[f"{TAGS_FOLDER}/index.md"] = "\n".join(index) + "\n"
    return pages


def wanted_markdown(vault: Vault) -> str:
    """Notes that are linked to but not written yet, with the notes that want them."""
    wanted: dict[str, tuple[str, dict[str, Note]]] = {}
    for r in vault.link_reports():
        if r.resolution.problem == MISSING_NOTE and r.link.link.path:
            entry = wanted.setdefault(wanted_anchor(r.link.link.path), (r.link.link.path, {}))
            entry[1][r.note.path] = r.note
    lines = ["---", "title: Wanted notes", "---", "",
             f"{len(wanted)} notes are linked to but not written yet. Write one: create a note with that name.", ""]
    for anchor, (name, notes) in sorted(wanted.items()):
        lines += [f"## {escape_markdown(name)} {{#{anchor}}}", "", "Wanted by:", ""]
        lines += [f"- {note_link(n.title, n.path)}" for _, n in sorted(notes.items())]
        lines.append("")
    return "\n".join(lines)


def graph_page_markdown() -> str:
    return "\n".join([
        "---", "title: Graph", "---", "",
        "Every note and the links between them. Drag to move, scroll to zoom, click a note to open it.",
        "",
        '<div class="kb-graph" data-graph="global"></div>',
        "",
    ])


# -- parts of each note page (HTML) -----------------------------------------------------------


def note_header_html(note: Note, url: Url) -> str:
    """Aliases (also searchable this way) and tags, above the note's text."""
    parts = []
    if note.aliases:
        names = ", ".join(f"<em>{html.escape(a)}</em>" for a in note.aliases)
        parts.append(f'<p class="note-aliases">Also called {names}</p>')
    if note.all_tags:
        chips = " ".join(
            f'<a class="tag" href="{html.escape(url(tag_page(t)))}">#{html.escape(t)}</a>' for t in note.all_tags
        )
        parts.append(f'<p class="note-tags">{chips}</p>')
    return "\n".join(parts)


def snippet_html(snippet: Snippet) -> str:
    """A backlink's context: every segment escaped; code as ``<code>``, math marked up as
    arithmatex does on the page (math.js typesets it), the link's text in ``<strong>``."""
    def piece(segment: Segment) -> str:
        text = html.escape(segment.text)
        if segment.kind == CODE:
            return f"<code>{text}</code>"
        if segment.kind == MATH:
            return f'<span class="arithmatex">\\({text}\\)</span>'
        return text

    runs = groupby(snippet, key=lambda segment: segment.in_link)
    return "".join(
        f'<strong class="backlink-link">{"".join(map(piece, run))}</strong>' if in_link else "".join(map(piece, run))
        for in_link, run in runs
    )


def backlinks_html(entries: list[Backlink], url: Url) -> str:
    items = "".join(
        f'<li><a href="{html.escape(url(b.source.path))}">{html.escape(b.source.title)}</a>'
        f'<p class="backlink-context">{snippet_html(b.snippet)}</p></li>'
        for b in entries
    )
    body = f"<ul>{items}</ul>" if entries else '<p class="backlinks-none">No other note links here yet.</p>'
    return f'<section id="backlinks" class="backlinks" data-search-exclude><h2>Linked from</h2>{body}</section>'


def local_graph_html(page_url: str) -> str:
    return (
        '<section class="local-graph" data-search-exclude><h2>Neighbourhood</h2>'
        f'<div class="kb-graph" data-graph="local" data-url="{html.escape(page_url)}"></div></section>'
    )


# -- the JSON the front end reads ---------------------------------------------------------------


def graph_json(vault: Vault, site_url: Callable[[str], str | None]) -> str:
    """``{"version": 1, "nodes": [{"id", "url", "title", "tags", "folder"}], "links": [[source, target]]}``.

    Nodes are the published notes with a page, sorted by URL (ids are their positions);
    ``url`` is the page's URL from the site root; ``folder`` is the note's top folder in the
    vault ("" at the vault root), which the graph page colours by; ``links`` are resolved
    links and embeds between two notes, once per pair, sorted. Compact and deterministic.
    (``folder`` was added within version 1: readers that do not know it lose nothing.)
    """
    pages = sorted((site_url(n.path), n) for n in vault.published() if site_url(n.path) is not None)
    ids = {note.path: i for i, (_, note) in enumerate(pages)}
    nodes = [
        {"id": i, "url": u, "title": n.title, "tags": list(n.all_tags), "folder": top_folder(n.path)}
        for i, (u, n) in enumerate(pages)
    ]
    links = [[ids[a], ids[b]] for a, b in edges(vault) if a in ids and b in ids]
    return json.dumps({"version": 1, "nodes": nodes, "links": links}, ensure_ascii=False, separators=(",", ":"))
