"""What a cache of scanned notes on disk would buy `make build` (issue 15, item 3).

    .venv/bin/python scripts/bench/scan_cache.py [--notes 1000 10000]

A build scans every note once (``Vault.load``); `make serve` keeps the scanned notes in memory
and rescans only changed files (``Vault.load(known=...)``). Between two `mkdocs build`
processes the same records would have to come from disk: this compares the scan as the build
does it (two cores) with reading the records back (pickle) and loading the vault from them.
The build keeps no such cache: at these sizes it would save little or nothing (README).
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from pathlib import Path

from bench.synthetic_vault import generate
from vault import Vault


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    print()
    print("A scan cache on disk for `make build` (best of 3):")
    print(f"{'notes':>7} {'scan':>8} {'cache size':>11} {'from cache':>11} {'writing it':>11} {'saved':>8}")
    for count in args.notes:
        with tempfile.TemporaryDirectory(prefix="bench-scan-") as work:
            root = Path(work) / "vault"
            generate(root, count)
            scan = best_of(3, lambda: Vault.load(str(root)))
            known: dict = {}
            Vault.load(str(root), known=known)
            blob = pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL)
            cached = best_of(3, lambda: Vault.load(str(root), known=pickle.loads(blob)))
            writing = best_of(3, lambda: pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))
            print(f"{count:>7} {scan:>7.2f}s {len(blob) / 1e6:>8.1f} MB {cached:>10.2f}s {writing:>10.2f}s"
                  f" {scan - cached - writing:>+7.2f}s")
    print("(saved: per build, the cache read and written again; a build takes about 7 s at 1000 notes, 80 s at 10000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
