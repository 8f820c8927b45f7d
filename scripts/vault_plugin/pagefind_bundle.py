"""Reading what Pagefind wrote: its entry, its metadata, its word index and its fragments.

The search worker plans each query by what it costs (``workers/search.js``), and the build
writes what it needs beside the index (``COSTS``, by ``chunk_costs``):

- **bytes**: a word of the query is looked up in one slice ("chunk") of the word index, the
  chunk whose first and last words enclose it, and a chunk holds at least 20,000 word positions
  whatever the vault's size (Pagefind's ``chunk_index``), so each word costs 30-90 KB at 10,000
  notes and the commonest words several times that. Pagefind keeps each chunk's bounds in its
  metadata; each chunk's size in bytes is added.
- **time**: Pagefind's ``search()`` takes about 40 ms per 1,000 pages a word is on (Chromium,
  10,000 notes: 23 ms for a word on 880 pages, 388 ms for one on 9,100). The words on more than
  ``FREQUENT_PAGES`` pages are listed with their counts, so that a query searches its rarer
  words and looks for these in its results' text.

Formats (Pagefind 1.5, ``pagefind/src/index``): every ``.pf_*`` file is gzip of the bytes
``pagefind_dcd`` and then a CBOR item; the metadata is the array ``[version, pages, chunks,
filters, sorts]`` with each chunk ``[from, to, hash]``, its file ``index/<hash>.pf_index``; a
chunk is ``[words, ...]``, each word ``[word, pages, ...]``, each page ``[number, locations, ...]``.
Words are stems ("ranking" is indexed as "rank").
"""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import cbor2

ENTRY = "pagefind-entry.json"
# Written into the bundle: {"language": ..., "pages": N, "chunks": [[from, to, bytes], ...], "frequent": [[word, pages], ...]}
COSTS = "chunks.json"
FREQUENT_PAGES = 1_000  # a word on more pages costs search() 40 ms or more
FREQUENT_MAX = 1_000  # the commonest ones, at most: 10-15 KB of chunks.json
PREFIX = b"pagefind_dcd"


class FormatError(ValueError):
    """A Pagefind file this reader does not understand (another Pagefind version)."""


def decompressed(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PREFIX):
        raise FormatError(f"{path}: not a Pagefind file")
    return data[len(PREFIX):]


def cbor(data: bytes):
    """The CBOR item ``data`` holds."""
    try:
        return cbor2.loads(data)
    except cbor2.CBORDecodeError as error:
        raise FormatError(f"unreadable CBOR: {error}") from error


def main_language(bundle: Path) -> dict:
    """The entry of the language index a search worker loads: the one with the most pages
    (a worker has no ``<html lang>``, so Pagefind falls back to that one)."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    if not languages:
        raise FormatError(f"{bundle / ENTRY}: no language index")
    language, index = max(languages.items(), key=lambda item: item[1].get("page_count", 0))
    return {"language": language, **index}


def chunk_costs(bundle: Path, frequent_pages: int = FREQUENT_PAGES) -> dict:
    """Each word-index chunk of the main language's index: its first word, its last word and
    the bytes a browser fetches for it; and the words on more than ``frequent_pages`` pages,
    commonest first."""
    language = main_language(bundle)
    meta = cbor(decompressed(bundle / f"pagefind.{language['hash']}.pf_meta"))
    try:
        files = [(first, last, bundle / "index" / f"{name}.pf_index") for first, last, name in meta[2]]
        costs = [[first, last, path.stat().st_size] for first, last, path in files]
        frequent = sorted(((word, pages) for word, pages in _pages_per_word(path for *_, path in files)
                           if pages > frequent_pages), key=lambda item: (-item[1], item[0]))
        pages = len(meta[1])
    except (IndexError, TypeError, ValueError) as error:
        raise FormatError(f"unexpected Pagefind index layout: {error}") from error
    return {"language": language["language"], "pages": pages, "chunks": costs,
            "frequent": [list(item) for item in frequent[:FREQUENT_MAX]]}


def _pages_per_word(chunks: Iterable[Path]):
    """(word, the number of pages it is on) for each word of the index."""
    for path in chunks:
        with _cyclic_gc_paused():
            words = [(entry[0], len(entry[1])) for entry in cbor(decompressed(path))[0]]
        yield from words


@contextmanager
def _cyclic_gc_paused():
    """Decoding a chunk makes about 100,000 lists, which set off Python's cyclic garbage
    collector, and at the end of a build each of its full passes walks MkDocs' whole heap:
    `make bench` built 10,000 notes in 123 s so, and in 101 s with the collector paused here
    (the counts alone: 4.4 s beside a heap of 5 million lists, 0.9 s paused). The decoded
    items hold no cycles: reference counting frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_chunk_costs(bundle: Path) -> None:
    (bundle / COSTS).write_text(json.dumps(chunk_costs(bundle), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def indexed_pages(bundle: Path) -> list[dict]:
    """What the index holds, page by page, as Pagefind stores it (its fragments: url, content,
    meta title, ...), for tests and the benchmark."""
    return [json.loads(decompressed(path)) for path in sorted(Path(bundle, "fragment").glob("*.pf_fragment"))]
