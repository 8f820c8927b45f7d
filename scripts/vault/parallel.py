"""Reading a large vault on two cores.

Scanning is most of the cost of loading a vault (and of the link checker). A forked
worker reads and scans the last notes (a little under half the text) while this process
reads the others; the worker sends its notes back through a pipe, pickled. The notes are
the same, in the same order, as a sequential read.

Where forking is unsafe or not worth it -- fewer than ``MIN_NOTES`` notes, one core, no
``os.fork``, or other threads running (``mkdocs serve``) -- the read is sequential; so it
is when the worker fails, for the notes it did not deliver.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from typing import BinaryIO, Callable, TypeVar

MIN_NOTES = 200  # below this, a fork costs more than it saves
# The worker's share of the text: a little under half, as it also pickles its notes (about
# a sixth of the time it takes to scan them), so both finish together.
WORKER_SHARE = 0.46
A, B = TypeVar("A"), TypeVar("B")


def fork_writer(write: Callable[[BinaryIO], None]) -> tuple[int, BinaryIO]:
    """Fork a worker that runs ``write(pipe)`` and exits (status 1 if it raised): its pid,
    and the pipe's end to read from. The caller reads, then waits for the pid."""
    reader, writer = os.pipe()
    # Frozen objects are never walked by the garbage collector: the worker's collections then
    # leave this process's objects, and so their memory pages, unwritten and shared.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(reader)
        code = 0
        try:
            with os.fdopen(writer, "wb") as out:
                write(out)
        except BaseException:  # noqa: BLE001 (the parent does what is missing)
            code = 1
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(writer)
    return pid, os.fdopen(reader, "rb")


def worth_forking(count: int, workers: int = 2) -> bool:
    """Whether to read ``count`` items on two cores; ``workers=1`` never does."""
    if workers < 2 or count < MIN_NOTES:
        return False
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def in_two(mine: Callable[[], A], theirs: Callable[[], B]) -> tuple[A, B]:
    """``(mine(), theirs())``, ``theirs`` run in a forked worker meanwhile; its result comes
    back pickled. If the worker fails, ``theirs`` runs here."""

    def send(out: BinaryIO) -> None:
        # Pickled in memory first: written straight to the pipe, the pickling would wait for
        # this process to read (a pipe holds 64 KB), after its own part, instead of running
        # alongside it.
        out.write(pickle.dumps(theirs(), pickle.HIGHEST_PROTOCOL))

    pid, incoming = fork_writer(send)
    try:
        result = mine()
        try:
            their_result = pickle.load(incoming)
        except Exception:  # noqa: BLE001 (the worker failed: do its part here)
            their_result = theirs()
    finally:
        incoming.close()  # a worker still writing stops (broken pipe)
        os.waitpid(pid, 0)
    return result, their_result


def read_in_two(read: Callable, root: str, paths: list, sizes: list[int]) -> tuple[list, list]:
    """``read(root, paths) -> (notes, problems)``, part of it in a forked worker."""
    total, running, cut = sum(sizes), 0, len(paths)
    for index, size in enumerate(sizes):
        running += size
        if running >= total * (1 - WORKER_SHARE):
            cut = index + 1
            break
    mine, theirs = paths[:cut], paths[cut:]
    if not theirs:
        return read(root, paths)
    (notes, problems), (their_notes, their_problems) = in_two(lambda: read(root, mine), lambda: read(root, theirs))
    return notes + their_notes, problems + their_problems
