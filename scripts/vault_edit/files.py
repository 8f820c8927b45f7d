"""Reading a note for an edit and writing it back atomically, bytes kept as they were
except the edited text: the UTF-8 byte-order mark, CRLF or LF line endings, no newline
at the end."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass

from .names import Refusal

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceText:
    """A note's text as the vault model decodes it (BOM removed, line endings kept)."""

    text: str
    bom: bool


def read_source(full_path: str, shown: str) -> SourceText:
    """The file's text; Refusal if it is not valid UTF-8 (writing it back would lose bytes)."""
    with open(full_path, "rb") as handle:
        data = handle.read()
    try:
        return SourceText(data.decode("utf-8-sig"), data.startswith(BOM))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Refusal(f"{shown}:{line}: not valid UTF-8; fix the file before editing links in it") from None


def write_atomic(full_path: str, source: SourceText, text: str) -> None:
    """Replace the file with ``text`` in one step (a temporary file, then os.replace),
    keeping its BOM and permissions. Line endings are whatever ``text`` holds: edits only
    replace link text, so they are the file's own."""
    folder = os.path.dirname(full_path) or "."
    data = (BOM if source.bom else b"") + text.encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        shutil.copymode(full_path, temporary)
        os.replace(temporary, full_path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
