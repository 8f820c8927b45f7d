"""Reading what Pagefind wrote: its entry, its metadata (CBOR) and its fragments.

The search worker plans each query by what it costs to fetch (``workers/search.js``): a word
of the query is looked up in one slice ("chunk") of the word index, the chunk whose first and
last words enclose it, and a chunk holds at least 20,000 word positions whatever the vault's
size (Pagefind's ``chunk_index``), so each word costs 30-90 KB at 10,000 notes and the commonest
words several times that. Pagefind keeps each chunk's bounds in its metadata file; ``chunk_costs``
adds each chunk's size in bytes, and the build writes them beside the index (``COSTS``).

Formats (Pagefind 1.5, ``pagefind/src/index``): every ``.pf_*`` file is gzip of the bytes
``pagefind_dcd`` and then a CBOR item; the metadata is the array ``[version, pages, chunks,
filters, sorts]`` with each chunk ``[from, to, hash]``, its file ``index/<hash>.pf_index``.
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

ENTRY = "pagefind-entry.json"
COSTS = "chunks.json"  # written into the bundle: {"language": ..., "chunks": [[from, to, bytes], ...]}
PREFIX = b"pagefind_dcd"


class FormatError(ValueError):
    """A Pagefind file this reader does not understand (another Pagefind version)."""


def decompressed(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PREFIX):
        raise FormatError(f"{path}: not a Pagefind file")
    return data[len(PREFIX):]


def cbor(data: bytes):
    """The one CBOR item in ``data`` (the subset minicbor writes: integers, strings, arrays,
    maps, simple values and floats)."""
    item, end = _item(data, 0)
    if end != len(data):
        raise FormatError(f"{len(data) - end} bytes after the CBOR item")
    return item


def _item(data: bytes, at: int):
    if at >= len(data):
        raise FormatError("truncated CBOR")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        if info in (20, 21):
            return info == 21, at
        if info in (22, 23):
            return None, at
        if info in (25, 26, 27):
            size = {25: 2, 26: 4, 27: 8}[info]
            value = struct.unpack(">" + {2: "e", 4: "f", 8: "d"}[size], data[at:at + size])[0]
            return value, at + size
        raise FormatError(f"CBOR simple value {info}")
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    elif info == 31 and major in (2, 3, 4, 5):
        return _indefinite(data, at, major)
    else:
        raise FormatError(f"CBOR additional information {info}")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        raw = data[at:at + length]
        if len(raw) != length:
            raise FormatError("truncated CBOR string")
        return (raw if major == 2 else raw.decode("utf-8")), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(length):
            key, at = _item(data, at)
            mapping[key], at = _item(data, at)
        return mapping, at
    raise FormatError(f"CBOR major type {major}")  # 6: tags, which minicbor's derive does not write


def _indefinite(data: bytes, at: int, major: int):
    items = []
    while at < len(data) and data[at] != 0xFF:
        item, at = _item(data, at)
        items.append(item)
    if at >= len(data):
        raise FormatError("unterminated CBOR item")
    at += 1
    if major == 2:
        return b"".join(items), at
    if major == 3:
        return "".join(items), at
    if major == 4:
        return items, at
    return dict(zip(items[::2], items[1::2])), at


def main_language(bundle: Path) -> dict:
    """The entry of the language index a search worker loads: the one with the most pages
    (a worker has no ``<html lang>``, so Pagefind falls back to that one)."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    if not languages:
        raise FormatError(f"{bundle / ENTRY}: no language index")
    language, index = max(languages.items(), key=lambda item: item[1].get("page_count", 0))
    return {"language": language, **index}


def chunk_costs(bundle: Path) -> dict:
    """Each word-index chunk of the main language's index: its first word, its last word and
    the bytes a browser fetches for it."""
    language = main_language(bundle)
    meta = cbor(decompressed(bundle / f"pagefind.{language['hash']}.pf_meta"))
    try:
        chunks = meta[2]
        costs = [[first, last, (bundle / "index" / f"{name}.pf_index").stat().st_size] for first, last, name in chunks]
    except (IndexError, TypeError, ValueError) as error:
        raise FormatError(f"unexpected Pagefind metadata layout: {error}") from error
    return {"language": language["language"], "chunks": costs}


def write_chunk_costs(bundle: Path) -> None:
    (bundle / COSTS).write_text(json.dumps(chunk_costs(bundle), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def indexed_pages(bundle: Path) -> list[dict]:
    """What the index holds, page by page, as Pagefind stores it (its fragments: url, content,
    meta title, ...), for tests and the benchmark."""
    return [json.loads(decompressed(path)) for path in sorted(Path(bundle, "fragment").glob("*.pf_fragment"))]
