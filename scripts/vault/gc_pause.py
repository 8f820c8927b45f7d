"""Pausing Python's cyclic garbage collector while a vault is read.

Reading a vault allocates millions of small records that all live on. Each time enough
objects have been allocated, the collector walks the young ones, and every so often all of
them, to find none to free: at 5000 notes that was a fifth of the scan and three quarters of
unpickling a worker's notes. Reference counting still frees everything as usual; only
reference cycles wait until the collector runs again, after the phase.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
