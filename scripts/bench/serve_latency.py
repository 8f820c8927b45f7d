"""Edit-to-page latency of `mkdocs serve`: how long after a note is saved its page shows the edit.

    .venv/bin/python scripts/bench/serve_latency.py [--notes 1000] [--edits 3]

It serves a synthetic vault with the project's mkdocs.yml, waits for the first build, then
appends a new line to one note ``--edits`` times, each time fetching the note's page every
0.1 s until the line is there. It prints each latency and the median. Target: within 2 s at
1000 notes.
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
TARGET_SECONDS = 2.0
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as work:
        vault = Path(work) / "vault"
        generate(vault, args.notes)
        path = next(n.path for n in Vault.load(str(vault)).published() if n.path.rsplit("/", 1)[-1] not in ("index.md", "README.md"))
        note = vault / path
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        url = base + quote(path[: -len(".md")]) + "/"
        env = dict(os.environ, DOCS_DIR=str(vault), NO_MKDOCS_2_WARNING="1")
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            first = wait_for(url, "</html>", time.perf_counter())
            print(f"[{args.notes} notes] first page served after {first:.1f} s", file=sys.stderr)
            latencies = []
            for edit in range(args.edits):
                marker = f"Edit marker {edit} {time.time_ns()}"
                time.sleep(1.0)  # the watcher sees this edit apart from the last one
                started = time.perf_counter()
                with open(note, "a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                latencies.append(wait_for(url, marker, started))
                print(f"[{args.notes} notes] edit {edit + 1}: page updated after {latencies[-1]:.1f} s", file=sys.stderr)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    median = statistics.median(latencies)
    verdict = "PASS" if median <= TARGET_SECONDS else "FAIL"
    print()
    print(f"Edit to updated page, mkdocs serve ({args.notes} notes, {args.edits} edits): "
          + ", ".join(f"{s:.1f} s" for s in latencies))
    print(f"{verdict}  median {median:.1f} s (target <= {TARGET_SECONDS:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
