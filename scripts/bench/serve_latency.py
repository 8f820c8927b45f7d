"""Edit-to-page latency of `make serve` (`mkdocs serve --dirty`): how long after a note is
saved its page shows the edit, and whether the server's memory grows over many edits.

    .venv/bin/python scripts/bench/serve_latency.py [--notes 1000] [--edits 3] [--memory-edits 50]

It serves a synthetic vault with the project's mkdocs.yml, as `make serve` does, waits for the
first build, then appends a new line to one note ``--edits`` times, each time fetching the
note's page every 0.1 s until the line is there. It prints each latency and the median
(targets: 2 s at 1000 notes, 5 s at 5000). With ``--memory-edits N`` it goes on editing, other
notes too, up to N edits in all, and prints the server's resident memory after the fifth
edit and after the last.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench.synthetic_vault import generate
from vault import Vault

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {1000: 2.0, 5000: 5.0}  # notes: seconds (issue 15)
TIMEOUT_SECONDS = 300.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, text: str, started: float) -> float:
    """Seconds from ``started`` until the page at ``url`` contains ``text``."""
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.1)
    raise SystemExit(f"serve_latency: {url} did not show {text!r} within {TIMEOUT_SECONDS:.0f} s")


def resident_mb(pid: int) -> float:
    """The process's resident memory (Linux: /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb / 1024


def edit(note: Path, marker: str) -> float:
    """Append a line to a note; the time it was saved."""
    started = time.perf_counter()
    with open(note, "a", encoding="utf-8") as handle:
        handle.write(f"\n{marker}\n")
    return started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--memory-edits", type=int, default=0)
    args = parser.parse_args(argv)
    memory: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as work:
        vault = Path(work) / "vault"
        generate(vault, args.notes)
        notes = [n.path for n in Vault.load(str(vault)).published() if n.path.rsplit("/", 1)[-1] not in ("index.md", "README.md")]
        port = free_port()
        base = f"http://127.0.0.1:{port}/"

        def url(path: str) -> str:
            return base + quote(path[: -len(".md")]) + "/"

        env = dict(os.environ, DOCS_DIR=str(vault), NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            first = wait_for(url(notes[0]), "</html>", time.perf_counter())
            print(f"[{args.notes} notes] first page served after {first:.1f} s", file=sys.stderr)
            latencies = []
            for number in range(1, max(args.edits, args.memory_edits) + 1):
                path = notes[0] if number <= args.edits else notes[number % len(notes)]
                marker = f"Edit marker {number} {time.time_ns()}"
                time.sleep(1.0)  # the watcher sees this edit apart from the last one
                took = wait_for(url(path), marker, edit(vault / path, marker))
                if number <= args.edits:
                    latencies.append(took)
                    print(f"[{args.notes} notes] edit {number}: page updated after {took:.1f} s", file=sys.stderr)
                if number in (5, args.memory_edits):
                    memory.append((number, resident_mb(server.pid)))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    median = statistics.median(latencies)
    target = TARGETS.get(args.notes)
    verdict = "    " if target is None else ("PASS" if median <= target else "FAIL")
    print()
    print(f"Edit to updated page, make serve ({args.notes} notes, {args.edits} edits): "
          + ", ".join(f"{s:.1f} s" for s in latencies))
    print(f"{verdict}  median {median:.1f} s" + ("" if target is None else f" (target <= {target:.0f} s)"))
    if len(memory) == 2:
        (a, before), (b, after) = memory
        print(f"       server memory: {before:.0f} MB after edit {a}, {after:.0f} MB after edit {b} ({after - before:+.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
