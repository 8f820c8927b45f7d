"""MkDocs and Material internals the plugin needs: the one module that touches them.

Everything else in the plugin uses MkDocs' public events. Two capabilities have no public
way in, each measured (README, "MkDocs internals"); ``tests/test_mkdocs_internals.py`` names
every internal below and fails when the pinned MkDocs or Material changes one of them.

1. **The site's files are the vault's** (``use_vault_files``): MkDocs 1.6 walks ``docs_dir``
   itself before any plugin event, following symbolic links (``os.walk(followlinks=True)`` in
   ``mkdocs.structure.files.get_files``): a link to a folder that contains it sends the walk
   round until the path holds 40 links, two such links make it practically endless, and a link
   to a folder or file outside the vault would publish what is there. The vault model has
   already walked the folder once, following no linked folder and leaving out links to
   anything outside the vault (and reporting each), so the build takes its list of files
   instead (replaces ``mkdocs.commands.build.get_files``).

2. **Pages rendered and built on two cores** (``TwoCoreBuild``): MkDocs reads and renders its
   pages one after another (``_populate_page``), then builds them one after another
   (``_build_page``: template, ``post_page`` events, the file), on one core. Just before it
   starts (the ``nav`` event), a forked worker takes the pages from the last one backwards
   through the same steps MkDocs takes -- the ``pre_page`` and ``page_markdown`` events, then
   ``Page.render`` -- and sends back what rendering sets on a page: its HTML, table of
   contents, title, anchor ids, links to anchors, and the log records written meanwhile.
   MkDocs renders from the first page on; when it reaches a page the worker has taken,
   ``Page.render`` installs the worker's result (and replays its log records, so a
   ``--strict`` build counts them) instead of converting the page again. The two meet in the
   middle, whatever the pages cost. Once all are rendered (the ``env`` event), a second worker
   builds pages from the last one backwards while MkDocs builds forwards; for a page the
   worker has taken, MkDocs only runs the ``page_context`` events, in its own process and
   order. The site is the same byte for byte (tests/test_parallel_render.py). Wraps
   ``Page.render`` and ``mkdocs.commands.build._build_page``. (Search reads the built site
   afterwards, ``search.py``: Material's search plugin, which indexed pages in these events,
   is not used.)

   MkDocs' process runs every page event for every page (``pre_page`` and ``page_markdown``
   run in the worker too, for the pages it renders), except ``post_page`` for the pages the
   second worker builds (it runs them there): a plugin that collects state in ``post_page``
   would miss those pages (ours keeps none there); with such a plugin,
   set the plugin's ``render_workers: 1``. Only ``mkdocs build`` (and ``gh-deploy``) use the
   workers, on a machine with more than one core and where ``os.fork`` exists. A page a
   worker could not render or build, or a worker that died, is done by MkDocs as usual.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import mmap
import os
import posixpath
import pickle
import signal
import struct
import sys
import threading
from dataclasses import dataclass, field
from typing import Callable

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page
from vault import Vault
from vault.parallel import fork_writer

log = logging.getLogger("mkdocs.plugins.obsidian_vault")
files_log = logging.getLogger("mkdocs.structure.files")  # as MkDocs' own walk
COMMANDS = {"build", "gh-deploy"}  # `serve` rebuilds in a threaded server: never fork there


@dataclass
class Rendered:
    """What ``Page.render`` sets on a page, in a form that crosses processes."""

    content: str
    toc: object
    title: str | None
    present_anchor_ids: set
    links_to_anchors: dict | None  # {target src_uri: {anchor: link}}
    records: list = field(default_factory=list)  # (logger name, level, message)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_original_render = Page.render
_original_build_page = mkdocs_build._build_page
get_context = mkdocs_build.get_context


class _Run:
    """One build's worker: where each side is, and the results received so far."""

    def __init__(self, order: list[str], files):
        self.order = {uri: index for index, uri in enumerate(order)}
        self.files = files
        # Shared with the worker: [0] the last page MkDocs has started, [1] the first page the
        # worker has started (it goes backwards). Anonymous mmap is shared across fork.
        self.positions = mmap.mmap(-1, 16)
        self._set(0, -1)
        self._set(1, len(order))
        self.results: dict[str, Rendered | None] = {}
        self.arrived = threading.Condition()
        self.finished = False  # the worker has sent all it will send
        self.pid: int | None = None
        self.reader = None
        self.thread: threading.Thread | None = None
        self.installed = 0  # pages MkDocs took from the worker
        self.skipped: list = []  # (page, arguments) of pages MkDocs left to the worker to build

    def _get(self, slot: int) -> int:
        return struct.unpack_from("q", self.positions, slot * 8)[0]

    def _set(self, slot: int, value: int) -> None:
        struct.pack_into("q", self.positions, slot * 8, value)

    def work(self, do: Callable[[str], object], out) -> None:
        """In the worker: ``do`` each page from the last backwards, until MkDocs' side is
        reached, sending (page, result) as each is done."""
        uris = sorted(self.order, key=self.order.__getitem__)
        for index in range(len(uris) - 1, -1, -1):
            if index <= self._get(0):
                return
            self._set(1, index)
            pickle.dump((uris[index], do(uris[index])), out, pickle.HIGHEST_PROTOCOL)
            out.flush()

    def fork(self, do: Callable[[str], object]) -> None:
        """Start the worker, and the thread that receives its results."""
        self.pid, self.reader = fork_writer(lambda out: self.work(do, out))
        self.thread = threading.Thread(target=self.receive, name="parallel-render", daemon=True)
        self.thread.start()

    def end(self) -> None:
        """Stop the worker before its next page, and wait for its last results."""
        self._set(0, len(self.order))
        self.thread.join()  # to the end of the worker's output
        os.waitpid(self.pid, 0)
        self.reader.close()

    def kill(self) -> None:
        self._set(0, len(self.order))
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.thread.join()
        self.reader.close()

    def receive(self) -> None:
        """In MkDocs' process, on a thread: store results as they arrive."""
        try:
            while True:
                uri, rendered = pickle.load(self.reader)
                with self.arrived:
                    self.results[uri] = rendered
                    self.arrived.notify_all()
        except Exception:  # noqa: BLE001 (end of the worker's output, or the worker died)
            pass
        finally:
            with self.arrived:
                self.finished = True
                self.arrived.notify_all()

    def claimed(self, uri: str) -> bool:
        """Whether the worker has this page (MkDocs' side has now reached it)."""
        index = self.order.get(uri)
        if index is None:
            return False
        self._set(0, max(index, self._get(0)))
        return index >= self._get(1)  # else the worker has not started it, and now never will

    def take(self, uri: str) -> object:
        """The worker's result for this page, or None when MkDocs should do it."""
        if not self.claimed(uri):
            return None
        with self.arrived:
            while uri not in self.results and not self.finished:
                self.arrived.wait()
            return self.results.pop(uri, None)


class TwoCoreBuild:
    """One plugin's workers: the rendering one (while MkDocs renders), then the building one."""

    def __init__(self):
        self.rendering: _Run | None = None  # while MkDocs renders pages (Page.render)
        self.building: _Run | None = None  # while MkDocs builds them (templates and files)

    @staticmethod
    def possible(command: str | None) -> bool:
        if command not in COMMANDS or not hasattr(os, "fork") or sys.platform == "win32":
            return False
        return (os.cpu_count() or 1) > 1

    def start_rendering(self, config, files) -> None:
        """Before MkDocs renders the pages (``nav`` event): fork the rendering worker; from now
        on ``Page.render`` takes its results."""
        self.stop()
        uris = _pages(files)
        if len(uris) < 2:
            return
        self.rendering = _Run(uris, files)
        self.rendering.fork(lambda uri: _render_here(files.get_file_from_path(uri), config, files))
        Page.render = lambda page, config, files: self._render_or_install(page, config, files)

    def start_building(self, env, config, files, nav) -> None:
        """After the pages are rendered (``env`` event): fork the worker that builds pages
        (template, ``post_page`` events, the file) from the last one backwards; MkDocs only
        runs their ``page_context`` events."""
        if self.rendering is not None:
            self.rendering.end()
            log.info(f"Rendered {self.rendering.installed} of {len(self.rendering.order)} pages in a second process")
            self.rendering = None
        Page.render = _original_render
        uris = _pages(files)
        if len(uris) < 2:
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.building = _Run(uris, files)

        def build(uri: str):
            page = files.get_file_from_path(uri).page
            with _records() as records:
                _original_build_page(page, config, doc_files, nav, env)
            return records.records

        self.building.fork(lambda uri: _quietly(build, uri))
        mkdocs_build._build_page = self._build_or_index

    def stop(self, failed: bool = False) -> None:
        """After the build: end the workers, build any page the worker did not, replay the
        workers' log records, and restore MkDocs. After an error (``failed``): end them."""
        rendering, building, self.rendering, self.building = self.rendering, self.building, None, None
        Page.render = _original_render
        mkdocs_build._build_page = _original_build_page
        if rendering is not None:
            rendering.kill()
        if building is not None and failed:
            building.kill()
        elif building is not None:
            building.end()
            for page, args in building.skipped:
                records = building.results.pop(page.file.src_uri, None)
                if records is None:  # the worker did not build it: build it here
                    _original_build_page(page, *args)
                    continue
                for name, level, message in records:
                    logging.getLogger(name).log(level, message)
            log.info(f"Built {len(building.skipped)} of {len(building.order)} pages in a second process")

    def _build_or_index(self, page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        """``_build_page`` while the building worker runs: for its pages, only the ``page_context``
        events; the worker writes the file."""
        run = self.building
        if run is None or excluded or dirty or not run.claimed(page.file.src_uri):
            _original_build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        context = get_context(nav, doc_files, config, page)
        config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        run.skipped.append((page, (config, doc_files, nav, env)))

    def _render_or_install(self, page: Page, config, files) -> None:
        """``Page.render`` while the worker runs: its result for its pages, else MkDocs' own."""
        run = self.rendering
        rendered = run.take(page.file.src_uri) if run is not None else None
        if rendered is None:
            _original_render(page, config, files)
        else:
            _install(page, rendered, run.files)
            run.installed += 1


def _pages(files) -> list[str]:
    """The pages MkDocs renders and builds, in its order."""
    return [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]


def _quietly(do: Callable, uri: str):
    """In a worker: ``do(uri)``, or None when it fails (MkDocs does it again and reports)."""
    try:
        return do(uri)
    except Exception:  # noqa: BLE001
        return None


@contextlib.contextmanager
def _records():
    """Log records written meanwhile, kept instead of shown (a worker's, for MkDocs to replay)."""
    records = _Records()
    root, mkdocs_logger = logging.getLogger(), logging.getLogger("mkdocs")
    propagate, handlers = mkdocs_logger.propagate, mkdocs_logger.handlers
    root.addHandler(records)
    mkdocs_logger.handlers, mkdocs_logger.propagate = [records], False
    try:
        yield records
    finally:
        root.removeHandler(records)
        mkdocs_logger.handlers, mkdocs_logger.propagate = handlers, propagate


def _render_here(file, config, files) -> Rendered | None:
    """In the worker: MkDocs' steps up to and including rendering; None if one fails."""
    try:
        page = file.page if file.page is not None else Page(None, file, config)
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        config._current_page = page
        try:
            with _records() as records:
                _original_render(page, config, files)
        finally:
            config._current_page = None
        links = None
        if page.links_to_anchors is not None:
            links = {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
        return Rendered(page.content, page.toc, page._title_from_render, set(page.present_anchor_ids or ()), links, records.records)
    except Exception:  # noqa: BLE001 (MkDocs renders it again and reports the error)
        return None


def _install(page: Page, rendered: Rendered, files) -> None:
    for name, level, message in rendered.records:
        logging.getLogger(name).log(level, message)
    page.content = rendered.content
    page.toc = rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.present_anchor_ids
    if rendered.links_to_anchors is not None:
        page.links_to_anchors = {
            target: anchors
            for uri, anchors in rendered.links_to_anchors.items()
            if (target := files.get_file_from_path(uri)) is not None
        }


# 1. The site's files are the vault's.

def walk_order(path: str) -> tuple:
    """MkDocs' order: folders depth first by name, a folder's files before its subfolders,
    ``index`` and ``README`` first among them."""
    *folders, name = path.split("/")
    return (*((1, folder) for folder in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def use_vault_files(vault: Vault) -> None:
    """From now on MkDocs' ``get_files(config)`` returns the files of ``vault``."""
    mkdocs_build.get_files = functools.partial(vault_files, vault)


def vault_files(vault: Vault, config) -> Files:
    """What ``get_files(config)`` returns, for the files of ``vault``."""
    paths = sorted([*vault.notes, *vault.attachments], key=walk_order)
    files = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in paths]
    set_exclusions(files, config)
    return Files(_without_conflicts(files))


def _without_conflicts(files: list[File]) -> list[File]:
    """As MkDocs does: of two files of a folder with one page (``README.md`` beside
    ``index.md``), the later one in walk order is kept, unless it is excluded. MkDocs warns;
    here it is information: the vault model already treats that README as unpublished
    (``vault.readmes_beside_index``), so links to it are reported, and a vault Obsidian
    reads fine still builds strictly."""
    kept: dict[tuple[str, str], File] = {}
    for file in files:
        where = (posixpath.dirname(file.src_uri), file.dest_uri)
        first = kept.setdefault(where, file)
        if first is not file and file.inclusion.is_included():
            if first.inclusion.is_included():
                files_log.info(f"Excluding '{first.src_uri}' from the site because it conflicts with '{file.src_uri}'.")
            kept[where] = file
    chosen = {id(file) for file in kept.values()}
    return [file for file in files if id(file) in chosen]
