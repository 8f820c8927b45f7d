"""MkDocs hooks: only what needs the whole site. Link rendering is the Markdown extension's.

- load the vault once per build and hand it to the extension, with the page being rendered;
- report vault problems (bad frontmatter, encoding) with file and line;
- give the home page an A-Z index of every note: the vault's ``index.md``, else its root
  ``README.md`` (MkDocs' home page too), else one generated;
- add tag pages, the graph page and the graph JSON; aliases, tags and backlinks on notes;
- keep unpublished notes out of the site: drafts (``draft: true`` / ``publish: false``) and what
  Obsidian's settings leave out (templates, Excluded files, Obsidian Publish's selection:
  ``vault/obsidian_settings.py``; attachments Publish excludes are not in the vault's files at all);
- keep every page's navigation small, whatever the size of the vault;
- give every page a Content-Security-Policy (scripts/csp.py).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from datetime import datetime, timezone
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(__file__))  # the vault model beside this file

import csp  # noqa: E402
import parallel_render  # noqa: E402
import site_pages  # noqa: E402
import source_files  # noqa: E402
from vault import Vault  # noqa: E402
from vault.checks import ERROR, WARNING, check, load_config  # noqa: E402
from vault.graph import backlinks  # noqa: E402
from vault.history import last_changed  # noqa: E402

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

log = logging.getLogger("mkdocs.plugins.obsidian_markdown")
EXTENSION = "obsidian_markdown"
# Per build: the vault, each note's backlinks, the site's files (for the graph's URLs).
vault: Vault | None = None
linked_from: dict = {}
changed: dict = {}  # note path -> time of its last change
settings = None  # the checks' levels (checks.toml, or $CHECKS_CONFIG)
site_files: Files | None = None
site_nav = None  # the navigation, for the worker that builds pages
home = site_pages.GENERATED_HOME  # vault path of the home page (site_pages.HOME_NOTES)


command_name: str | None = None  # "build", "serve" or "gh-deploy"; None for a --dirty build


def on_startup(command, dirty):
    """Remember the command: only a full `mkdocs build` renders its pages on two cores."""
    global command_name
    command_name = None if dirty else command


def on_pre_build(config):
    """Scan the vault once per build (and again on each `mkdocs serve` rebuild)."""
    global vault, settings
    vault = Vault.load(config.docs_dir)
    # The site's files are the vault's: MkDocs' own walk follows symbolic links (loops, folders outside).
    mkdocs_build.get_files = functools.partial(source_files.vault_files, vault)
    default = os.path.join(os.path.dirname(config.config_file_path), "checks.toml")
    settings = load_config(os.environ.get("CHECKS_CONFIG", default))
    options = config.mdx_configs.setdefault(EXTENSION, {})
    options["vault"] = vault
    # A vault that allows missing notes links them to a "wanted notes" page, like a wiki.
    options["wanted_page"] = site_pages.WANTED_PAGE if settings.level("broken-link") != ERROR else ""
    options["nested_markdown"] = (list(config.markdown_extensions), dict(config.mdx_configs))


def on_files(files: Files, config):
    # Notes MkDocs leaves out (exclude_docs: dot files, templates/) are not published either;
    # the vault model has already unpublished what Obsidian's settings leave out.
    vault.hide({f.src_uri for f in files if f.src_uri in vault.notes and f.inclusion.is_excluded()})
    _report()
    hidden = {note.path for note in vault.notes.values() if not note.published}
    for file in list(files):
        if file.src_uri in hidden:
            files.remove(file)
        elif file.src_uri in vault.notes and file.is_documentation_page():
            note = vault.notes[file.src_uri]
            if "\ufffd" in note.text:  # invalid UTF-8: MkDocs would stop; use our decoded text
                file.content_string = note.text
    global changed, home
    changed = last_changed(config.docs_dir, [n.path for n in vault.published()])
    home = next((path for path in site_pages.HOME_NOTES if files.get_file_from_path(path) is not None), None)
    if home is None:
        home = site_pages.GENERATED_HOME
        files.append(File.generated(config, home, content=site_pages.home_markdown(vault, changed)))
    generated = {**site_pages.tag_pages(vault), site_pages.GRAPH_PAGE: site_pages.graph_page_markdown()}
    if config.mdx_configs[EXTENSION]["wanted_page"]:
        generated[site_pages.WANTED_PAGE] = site_pages.wanted_markdown(vault)
    for path, content in generated.items():
        if files.get_file_from_path(path) is None:  # a note of the vault wins
            files.append(File.generated(config, path, content=content))
    global linked_from, site_files
    linked_from, site_files = backlinks(vault), files
    # Links get their final URLs from the extension; MkDocs need not look each one up.
    config.mdx_configs[EXTENSION]["urls"] = {f.src_uri: f.url for f in files if not f.inclusion.is_excluded()}
    return files


def _report() -> None:
    """The link checker's findings, once per build: errors fail a strict build."""
    for finding in check(vault, settings):
        level = settings.level(finding.kind)
        line = f"{finding.path}:{finding.line}:{finding.column}: {level} {finding.kind}: {finding.message}"
        if finding.suggestion and finding.kind not in ("ambiguous-link",):
            line += f' (did you mean "{finding.suggestion}"?)'
        if level == ERROR:
            log.warning(line)
        elif level == WARNING:
            log.info(line)
        else:
            log.debug(line)


def on_nav(nav, config, files):
    """Navigation that does not grow with the vault: home, graph, tags (home lists every note)."""
    for page in nav.pages:
        page.previous_page = page.next_page = None
    extra = [files.get_file_from_path(p) for p in (site_pages.GRAPH_PAGE, "tags/index.md")]
    pages = [files.get_file_from_path(home).page] + [f.page for f in extra if f is not None and f.page is not None]
    nav.items, nav.pages = pages, list(pages)
    # MkDocs renders the pages next: a worker takes half of them (scripts/parallel_render.py).
    global site_nav
    site_nav = nav
    if parallel_render.enabled(command_name):
        parallel_render.start(config, files)
    return nav


def on_env(env, config, files):
    """MkDocs builds the pages next: a worker takes half of them too."""
    if parallel_render.enabled(command_name):
        parallel_render.start_building(env, config, files, site_nav)
    return env


def on_pre_page(page, config, files):
    """The "edit this page" link opens the note's file, its name percent-encoded (note names
    have spaces). Generated pages (tags, graph, a generated home) have no file: MkDocs gives
    them no link."""
    source = page.file.edit_uri
    if page.edit_url and source and page.edit_url.endswith(source):
        page.edit_url = page.edit_url[: -len(source)] + quote(source)
    page.update_date = _update_date(page.file.src_uri) or page.update_date
    return page


def _update_date(path: str) -> str | None:
    """A page's date for sitemap.xml (and its gzip header): its note's last change (git, else
    the file's time), a generated page the vault's newest; never the day of the build."""
    when = changed.get(path, max(changed.values(), default=None))
    return None if when is None else datetime.fromtimestamp(when, tz=timezone.utc).strftime("%Y-%m-%d")


def on_page_markdown(markdown, page, config, files):
    config.mdx_configs[EXTENSION].update(page=page.file.src_uri, page_url=page.url)
    note = vault.notes.get(page.file.src_uri)
    if note is not None:
        if note.body_line == 1:
            page.meta = {}  # MkDocs reads "Key: value" first lines as metadata; Obsidian does not
        page.meta["title"] = note.title
    # Material prints metadata (title, description...) as HTML: a note's strings become text.
    page.meta = site_pages.html_meta(page.meta)
    if note is None:
        return markdown
    # What Obsidian renders: all but YAML frontmatter (even when MkDocs could not parse it).
    if page.file.src_uri == home:  # the vault's own home page: its text, then the index
        return "\n\n".join([note.body, site_pages.recently_updated(vault, changed, skip=home), site_pages.a_to_z(vault, skip=home)])
    return note.body


def on_page_content(html, page, config, files):
    """Aliases and tags above a note (searchable); what links here and its neighbourhood
    below, handed to the template (overrides/main.html) so search skips them."""
    note = vault.notes.get(page.file.src_uri)
    if note is None or page.file.src_uri == home:
        return html

    def url(path: str) -> str:
        target = files.get_file_from_path(path)
        return get_relative_url(target.url, page.url) if target is not None else "#"

    page.kb_after = site_pages.backlinks_html(linked_from.get(note.path, []), url) + site_pages.local_graph_html(page.url)
    return site_pages.note_header_html(note, url) + "\n" + html


def on_post_page(output, page, config):
    """Each page's Content-Security-Policy: its theme scripts run, its content's never do."""
    return csp.with_policy(output, page.content or "")


def on_post_template(output_content, template_name, config):
    """The same policy for the pages built from templates alone (404.html)."""
    return csp.with_policy(output_content) if template_name.endswith(".html") else output_content


def on_build_error(error):
    parallel_render.stop(failed=True)


def on_post_build(config):
    """The graph JSON the front end reads (graph page, local graphs)."""
    parallel_render.stop()
    def site_url(path: str) -> str | None:
        file = site_files.get_file_from_path(path)
        return file.url if file is not None and file.is_documentation_page() else None

    target = os.path.join(config.site_dir, site_pages.GRAPH_JSON)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(site_pages.graph_json(vault, site_url))

