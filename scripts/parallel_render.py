"""Render a build's Markdown on two cores.

MkDocs reads and renders its pages one after another (``_populate_page``), on one core.
Just before it starts (the ``nav`` event), :func:`start` forks a worker that takes the
pages from the last one backwards through the same steps MkDocs takes -- the ``pre_page``
and ``page_markdown`` events, then ``Page.render`` -- and sends back what rendering sets on
a page: its HTML, table of contents, title, anchor ids, links to anchors, and the log
records written meanwhile. MkDocs renders from the first page on; when it reaches a page
the worker has taken, ``Page.render`` installs the worker's result (and replays its log
records, so a ``--strict`` build counts them) instead of converting the page again. The two
meet in the middle, whatever the pages cost. Every other event, the templates and the
search index stay in MkDocs' process, in MkDocs' order: the site is the same byte for byte
(tests/test_parallel_render.py).

Only ``mkdocs build`` (and ``gh-deploy``) use it, on a machine with more than one core and
where ``os.fork`` exists; ``KB_RENDER_WORKERS=1`` turns it off. A page the worker could not
render, or a worker that died, is rendered by MkDocs as usual.
"""

from __future__ import annotations

import logging
import mmap
import os
import pickle
import signal
import struct
import sys
import threading
from dataclasses import dataclass, field

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.parallel_render")
WORKERS_VARIABLE = "KB_RENDER_WORKERS"  # "1": render in MkDocs' process only
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
    # The page's HTML after the `page_content` events, as the search index parsed it
    # (Material's sections): MkDocs' process need not parse it again.
    searched: tuple[str, list] | None = None


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


_original_render = Page.render

try:  # Material's search index parses each page's HTML into sections
    from material.plugins.search import plugin as search_plugin

    SearchParser = search_plugin.Parser
except ImportError:  # pragma: no cover (another theme)
    search_plugin = SearchParser = None

_searched: dict[str, list] = {}  # page HTML -> its sections, parsed by the worker


class _ParsedBefore(SearchParser or object):
    """Material's search parser, for HTML the worker has parsed already: its sections."""

    def feed(self, data: str) -> None:
        sections = _searched.pop(data, None)
        self._known = sections is not None
        if self._known:
            self.data = sections
        else:
            super().feed(data)

    def close(self) -> None:
        if not self._known:
            super().close()


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

    def _get(self, slot: int) -> int:
        return struct.unpack_from("q", self.positions, slot * 8)[0]

    def _set(self, slot: int, value: int) -> None:
        struct.pack_into("q", self.positions, slot * 8, value)

    def work(self, uris: list[str], config, files, out) -> None:
        """In the worker: from the last page backwards, until MkDocs' side is reached."""
        for index in range(len(uris) - 1, -1, -1):
            if index <= self._get(0):
                return
            self._set(1, index)
            file = files.get_file_from_path(uris[index])
            pickle.dump((uris[index], _render_here(file, config, files)), out, pickle.HIGHEST_PROTOCOL)
            out.flush()

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

    def take(self, uri: str) -> Rendered | None:
        """The worker's result for this page, or None when MkDocs should render it."""
        index = self.order.get(uri)
        if index is None:
            return None
        self._set(0, max(index, self._get(0)))
        if index < self._get(1):
            return None  # the worker has not started this page, and now never will
        with self.arrived:
            while uri not in self.results and not self.finished:
                self.arrived.wait()
            return self.results.pop(uri, None)


_run: _Run | None = None


def enabled(command: str | None) -> bool:
    workers = os.environ.get(WORKERS_VARIABLE, "")
    if workers.strip() == "1" or command not in COMMANDS or not hasattr(os, "fork"):
        return False
    return (os.cpu_count() or 1) > 1


def start(config, files) -> None:
    """Fork the worker; from now on ``Page.render`` takes its results."""
    global _run
    stop()
    uris = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
    if len(uris) < 2:
        return
    run = _Run(uris, files)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(reader)
        code = 0
        try:
            with os.fdopen(writer, "wb") as out:
                run.work(uris, config, files, out)
        except BaseException:  # noqa: BLE001 (MkDocs renders what is missing)
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    run.pid, run.reader = pid, os.fdopen(reader, "rb")
    run.thread = threading.Thread(target=run.receive, name="parallel-render", daemon=True)
    run.thread.start()
    _run = run
    Page.render = _render_or_install
    if search_plugin is not None:
        search_plugin.Parser = _ParsedBefore


def stop() -> None:
    """Restore ``Page.render`` and end the worker (after the pages, or after an error)."""
    global _run
    Page.render = _original_render
    if search_plugin is not None:
        search_plugin.Parser = SearchParser
    _searched.clear()
    run, _run = _run, None
    if run is None or run.pid is None:
        return
    run._set(0, len(run.order))  # the worker stops before its next page
    try:
        os.kill(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(run.pid, 0)
    run.thread.join()  # it reads to the end of the worker's output
    run.reader.close()
    log.info(f"Rendered {run.installed} of {len(run.order)} pages in a second process")


def _render_here(file, config, files) -> Rendered | None:
    """In the worker: MkDocs' steps up to and including rendering; None if one fails."""
    try:
        page = file.page if file.page is not None else Page(None, file, config)
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        records = _Records()
        logger = logging.getLogger()
        logger.addHandler(records)
        mkdocs_logger = logging.getLogger("mkdocs")
        propagate, handlers = mkdocs_logger.propagate, mkdocs_logger.handlers
        mkdocs_logger.handlers, mkdocs_logger.propagate = [records], False
        config._current_page = page
        try:
            _original_render(page, config, files)
        finally:
            config._current_page = None
            logger.removeHandler(records)
            mkdocs_logger.handlers, mkdocs_logger.propagate = handlers, propagate
        links = None
        if page.links_to_anchors is not None:
            links = {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
        rendered = Rendered(page.content, page.toc, page._title_from_render, set(page.present_anchor_ids or ()), links, records.records)
        if SearchParser is not None and any(name.split("/")[-1] == "search" for name in config.plugins):
            content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            parser = SearchParser()
            parser.feed(content)
            parser.close()
            rendered.searched = (content, parser.data)
        return rendered
    except Exception:  # noqa: BLE001 (MkDocs renders it again and reports the error)
        return None


def _render_or_install(page: Page, config, files) -> None:
    """``Page.render`` while the worker runs: its result for its pages, else MkDocs' own."""
    run = _run
    rendered = run.take(page.file.src_uri) if run is not None else None
    if rendered is None:
        _original_render(page, config, files)
    else:
        _install(page, rendered, run.files)
        run.installed += 1


def _install(page: Page, rendered: Rendered, files) -> None:
    if rendered.searched is not None:
        content, sections = rendered.searched
        _searched[content] = sections
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


if sys.platform == "win32":  # no fork: MkDocs renders every page
    enabled = lambda command: False  # noqa: E731
