"""The MkDocs plugin: only what needs the whole site. Link rendering is the Markdown extension's.

- load the vault once per build and hand it to the extension, with the page being rendered;
- report the link checks' findings (bad links, frontmatter, encoding) with file and line;
- give the home page an A-Z index of every note: the vault's ``index.md``, else its root
  ``README.md`` (MkDocs' home page too), else one generated;
- add tag pages, the graph page and the graph JSON; aliases, tags and backlinks on notes;
- keep unpublished notes out of the site: drafts (``draft: true`` / ``publish: false``) and what
  Obsidian's settings leave out (templates, Excluded files, Obsidian Publish's selection:
  ``vault/obsidian_settings.py``; attachments Publish excludes are not in the vault's files at all);
- keep every page's navigation small, whatever the size of the vault;
- give every page a Content-Security-Policy (``csp.py``).

Everything here uses MkDocs' public plugin events; the two places that need MkDocs' internals
are in ``mkdocs_internals.py``.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from vault import Known, Vault
from vault.checks import ERROR, WARNING, check, format_finding, load_config
from vault.graph import Backlinks
from vault.history import last_changed

from . import csp, mkdocs_internals, pages, practice, search
from .incremental import IncrementalBuilds
from .options import VaultPluginOptions

log = logging.getLogger("mkdocs.plugins.obsidian_vault")
EXTENSION = "obsidian_markdown"


class VaultPlugin(BasePlugin[VaultPluginOptions]):
    supports_multiple_instances = False

    def __init__(self):
        self.command: str | None = None  # "build", "serve" or "gh-deploy"; None for a --dirty build
        self.two_cores = mkdocs_internals.TwoCoreBuild()
        # `mkdocs serve`: the notes as last scanned, rescanned only when their file changed;
        # --dirty (`make serve`): the pages an edit reaches are rendered again, no others.
        self.known: Known | None = None
        self.incremental: IncrementalBuilds | None = None
        self.search = search.SiteSearch()  # the Pagefind index, written after each build
        self._reset()

    def _reset(self) -> None:
        """What one build knows: the vault, each note's backlinks, the site's files."""
        self.vault: Vault | None = None
        self.settings = None  # the checks' levels (checks.toml)
        self.linked_from: Backlinks | None = None
        self.changed: dict = {}  # note path -> time of its last change
        self.files: Files | None = None
        self.nav = None
        self.home = pages.GENERATED_HOME  # vault path of the home page (pages.HOME_NOTES)
        self.recent = ""  # the vault's own home page: its recently updated notes (Markdown)

    def on_config(self, config):
        """The plugin hands the vault to the Markdown extension: without it, nothing renders."""
        if EXTENSION not in config.markdown_extensions:
            raise PluginError(f"obsidian-vault: add {EXTENSION} to markdown_extensions in {config.config_file_path or 'mkdocs.yml'}")
        return config

    def on_serve(self, server, *, config, builder):
        """`mkdocs serve` rebuilds when the checks' levels change, as when a note does."""
        if os.path.exists(self.config.checks):
            server.watch(self.config.checks)
        return server

    def on_startup(self, *, command, dirty):
        """Remember the command: only a full `mkdocs build` renders its pages on two cores;
        `mkdocs serve` keeps what it scanned, and with --dirty what it built, between builds."""
        self.command = None if dirty else command
        self.known = {} if command == "serve" else None
        if dirty:
            self.incremental = IncrementalBuilds()
            IncrementalBuilds.quiet_dirty_warning()
        self.search.background = command == "serve"  # serve indexes without holding up the page

    def on_pre_build(self, *, config):
        """Scan the vault once per build (and again on each `mkdocs serve` rebuild)."""
        self._reset()
        self.vault = Vault.load(config.docs_dir, workers=self.config.scan_workers, known=self.known)
        # The site's files are the vault's: MkDocs' own walk follows symbolic links (loops, folders outside).
        mkdocs_internals.use_vault_files(self.vault)
        self.settings = load_config(self.config.checks)
        options = config.mdx_configs.setdefault(EXTENSION, {})
        options["vault"] = self.vault
        # A vault that allows missing notes links them to a "wanted notes" page, like a wiki.
        options["wanted_page"] = pages.WANTED_PAGE if self.settings.level("broken-link") != ERROR else ""
        options["nested_markdown"] = (list(config.markdown_extensions), dict(config.mdx_configs))
        options["tag_pages"] = True  # on_files adds them

    def on_files(self, files: Files, *, config):
        vault = self.vault
        # Notes MkDocs leaves out (exclude_docs: dot files, templates/) are not published either;
        # the vault model has already unpublished what Obsidian's settings leave out.
        vault.hide({f.src_uri for f in files if f.src_uri in vault.notes and f.inclusion.is_excluded()})
        self._report()
        hidden = {note.path for note in vault.notes.values() if not note.published}
        for file in list(files):
            if file.src_uri in hidden:
                files.remove(file)
            elif file.src_uri in vault.notes and file.is_documentation_page():
                note = vault.notes[file.src_uri]
                if "\ufffd" in note.text:  # invalid UTF-8: MkDocs would stop; use our decoded text
                    file.content_string = note.text
        self.changed = last_changed(config.docs_dir, [n.path for n in vault.published()])
        self.home = next((path for path in pages.HOME_NOTES if files.get_file_from_path(path) is not None), None)
        if self.home is None:
            self.home = pages.GENERATED_HOME
            files.append(self._generated(config, self.home, pages.home_markdown(vault, self.changed, self._from_home(files))))
        generated = {**pages.tag_pages(vault), pages.GRAPH_PAGE: pages.graph_page_markdown()}
        generated.update(practice.pages(vault))  # the Practice page: none without questions
        if config.mdx_configs[EXTENSION]["wanted_page"]:
            generated[pages.WANTED_PAGE] = pages.wanted_markdown(vault)
        for path, content in generated.items():
            if files.get_file_from_path(path) is None:  # a note of the vault wins
                files.append(self._generated(config, path, content))
        self.linked_from, self.files = Backlinks(vault), files
        self.recent = pages.recently_updated(vault, self.changed, skip=self.home)
        # Links inside embeds get final URLs: MkDocs does not rewrite the embedded HTML.
        config.mdx_configs[EXTENSION]["urls"] = {f.src_uri: f.url for f in files if not f.inclusion.is_excluded()}
        if self.incremental is not None:
            self.incremental.prepare(vault, files, config, shown={self.home: self.recent}, checks=self.config.checks)
        return files

    @staticmethod
    def _from_home(files: Files, home_url: str = "./") -> pages.Url:
        """Vault path -> URL of its page from the home page (at the site's root)."""
        def url(path: str) -> str:
            target = files.get_file_from_path(path)
            return get_relative_url(target.url, home_url) if target is not None else "#"
        return url

    def _generated(self, config, path: str, content: str) -> File:
        if self.incremental is not None:
            return self.incremental.generated(config, path, content)
        return File.generated(config, path, content=content)

    def _report(self) -> None:
        """The link checks' findings, once per build: errors fail a strict build."""
        for finding in check(self.vault, self.settings):
            level = self.settings.level(finding.kind)
            line = format_finding(finding, level)  # as the checker prints it
            if level == ERROR:
                log.warning(line)
            elif level == WARNING:
                log.info(line)
            else:
                log.debug(line)

    def on_nav(self, nav, *, config, files):
        """Navigation that does not grow with the vault: home, graph, tags, practice (home lists every note)."""
        for page in nav.pages:
            page.previous_page = page.next_page = None
        extra = [files.get_file_from_path(p) for p in (pages.GRAPH_PAGE, "tags/index.md", practice.PRACTICE_PAGE)]
        listed = [files.get_file_from_path(self.home).page] + [f.page for f in extra if f is not None and f.page is not None]
        nav.items, nav.pages = listed, list(listed)
        self.nav = nav
        # MkDocs renders the pages next: a worker takes half of them.
        if self._two_cores():
            self.two_cores.start_rendering(config, files)
        return nav

    def on_env(self, env, *, config, files):
        """MkDocs builds the pages next: a worker takes half of them too."""
        if self.incremental is not None:
            self.incremental.keep_titles(self.nav)
        if self._two_cores():
            self.two_cores.start_building(env, config, files, self.nav)
        return env

    def _two_cores(self) -> bool:
        return self.config.render_workers == 2 and mkdocs_internals.TwoCoreBuild.possible(self.command)

    def on_pre_page(self, page, *, config, files):
        """The "edit this page" link opens the note's file, its name percent-encoded (note names
        have spaces). Generated pages (tags, graph, a generated home) have no file: MkDocs gives
        them no link."""
        source = page.file.edit_uri
        if page.edit_url and source and page.edit_url.endswith(source):
            page.edit_url = page.edit_url[: -len(source)] + quote(source)
        page.update_date = self._update_date(page.file.src_uri) or page.update_date
        return page

    def _update_date(self, path: str) -> str | None:
        """A page's date for sitemap.xml (and its gzip header): its note's last change (git, else
        the file's time), a generated page the vault's newest; never the day of the build."""
        when = self.changed.get(path, max(self.changed.values(), default=None))
        return None if when is None else datetime.fromtimestamp(when, tz=timezone.utc).strftime("%Y-%m-%d")

    def on_page_markdown(self, markdown, *, page, config, files):
        config.mdx_configs[EXTENSION].update(page=page.file.src_uri, page_url=page.url)
        note = self.vault.notes.get(page.file.src_uri)
        if note is not None:
            if note.body_line == 1:
                page.meta = {}  # MkDocs reads "Key: value" first lines as metadata; Obsidian does not
            page.meta["title"] = note.title
        # Material prints metadata (title, description...) as HTML: a note's strings become text.
        page.meta = pages.html_meta(page.meta)
        if note is None:
            return markdown
        # What Obsidian renders: all but YAML frontmatter (even when MkDocs could not parse it).
        if page.file.src_uri == self.home:  # the vault's own home page: its text, then the index
            return "\n\n".join([
                note.body,
                self.recent,
                pages.a_to_z(self.vault, self._from_home(files, page.url), skip=self.home),
            ])
        return note.body

    def on_page_content(self, html, *, page, config, files):
        """Aliases and tags above a note (searchable); what links here and its neighbourhood
        below, in ``page.meta["kb_after"]`` for the template (overrides/main.html), so search
        skips them."""
        note = self.vault.notes.get(page.file.src_uri)
        if note is None or page.file.src_uri == self.home:
            return html

        def url(path: str) -> str:
            target = files.get_file_from_path(path)
            return get_relative_url(target.url, page.url) if target is not None else "#"

        after = pages.backlinks_html(self.linked_from.of(note.path), url) + pages.local_graph_html(page.url)
        page.meta[pages.AFTER_CONTENT] = after
        return pages.note_header_html(note, url) + "\n" + html

    def on_post_page(self, output, *, page, config):
        """Each page's Content-Security-Policy: its theme scripts run, its content's never do."""
        return csp.with_policy(output, page.content or "")

    def on_post_template(self, output_content, *, template_name, config):
        """The same policy for the pages built from templates alone (404.html)."""
        return csp.with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_shutdown(self):
        if self.incremental is not None:
            self.incremental.close()

    def on_build_error(self, *, error):
        self.two_cores.stop(failed=True)

    def on_post_build(self, *, config):
        """The graph JSON the front end reads (graph page, local graphs)."""
        self.two_cores.stop()

        def site_url(path: str) -> str | None:
            file = self.files.get_file_from_path(path)
            return file.url if file is not None and file.is_documentation_page() else None

        target = os.path.join(config.site_dir, pages.GRAPH_JSON)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(pages.graph_json(self.vault, site_url))
        practice.write_deck(config, self.vault, site_url)  # the Practice page's questions
        self.search.index(config.site_dir)  # search.py
        if self.incremental is not None:
            self.incremental.settled()
