#!/usr/bin/env python3
"""Check a vault's links: ``python scripts/commands/check_links.py [VAULT] [--format ...]``.

See ``--help``; the checks themselves live in ``vault/checks.py``.
"""

import gc
import os
import sys

from link_checker.cli import main

if __name__ == "__main__":
    # A short run that keeps what it reads until the end: the cyclic garbage collector
    # would only walk a large vault's records again and again (see vault/gc_pause.py).
    gc.disable()
    code = main()
    # Leave without the interpreter's teardown: freeing a large vault's records one by one
    # takes a few tenths of a second and changes nothing. Output is flushed first.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        pass
    os._exit(code)
