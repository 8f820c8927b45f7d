"""Build-time and page-size benchmark on synthetic vaults (`make bench`).

    .venv/bin/python scripts/bench/build_times.py [--notes 1000] [--scale 10] [--quick]

For each vault size (``--notes`` and ``--notes`` x ``--scale``) it generates a vault with
scripts/bench/synthetic_vault.py and times ``python -m mkdocs build`` in three configurations:

  floor    Material with only ``font: false``, the search plugin and a nav of the home
           page alone: the least any MkDocs + Material site of this many pages costs.
  no-ext   the project's mkdocs.yml without the ``obsidian_markdown`` extension and
           without our plugin: the same theme and Markdown extensions, none of our code.
           It gets the floor's one-page nav when mkdocs.yml has no ``nav:``.

About the nav: MkDocs turns ``nav: []`` into "no nav" and then puts every page in the
nav, and Material writes the whole nav into every page, so output grows as N squared
(90 KB per page at 200 notes, ~4 MB per page and ~45 GB in all at 10,000). Pages left
out of the nav are still built, so the floor lists the home page only, as our plugin does.
  project  the project's mkdocs.yml as is, built with ``--strict``.

Best of 2 runs at the base size, 1 run at the scaled size, configurations interleaved. Targets (PASS/FAIL):
project/floor <= 2.0, project over no-ext <= +25 %, time at 10x / time at 1x <= 11,
and note pages that do not grow with the vault. A failed build prints the end of its
log and makes the exit status nonzero; a missed target only prints FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project
PROJECT_CONFIG = ROOT / "mkdocs.yml"

from bench.synthetic_vault import generate  # noqa: E402

CONFIGS = ("floor", "no-ext", "project")
TARGET_FLOOR_RATIO = 2.0
TARGET_OVERHEAD = 0.25
TARGET_GROWTH = 11.0
# Note pages "do not grow" when at the larger size the median is within 10 % and the max
# within 50 % of the base size (the max moves a little with the most-linked note).
PAGE_MEDIAN_TOLERANCE = 1.10
PAGE_MAX_TOLERANCE = 1.50

FLOOR_CONFIG = """\
site_name: Benchmark floor
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


# -- configurations ----------------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _drop_block(lines: list[str], start: int) -> int:
    """Index after the YAML block that starts at ``start`` (the key line or list item),
    i.e. after every following line that is blank, a comment, or indented deeper; a
    top-level key's list may also sit at the key's own indentation (``- item``)."""
    level = _indent(lines[start])
    is_key = not lines[start].lstrip().startswith("-")
    i = start + 1
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _indent(line) > level:
            i += 1
        elif is_key and _indent(line) == level and stripped.startswith("- "):
            i += 1
        else:
            break
    # Trailing blank lines and comments belong to whatever follows.
    while i > start + 1 and (not lines[i - 1].strip() or lines[i - 1].strip().startswith("#")):
        i -= 1
    return i


def no_ext_config(text: str, docs: Path, site: Path, root: Path = ROOT) -> str:
    """The project's mkdocs.yml without our extension and plugin, runnable from another folder.

    A textual edit, so ``!ENV`` and ``!!python/name:`` tags pass through untouched.
    """
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^(hooks|watch|INHERIT)\s*:", line):
            i = _drop_block(lines, i)  # watch and INHERIT are relative paths
            continue
        if re.match(r"^\s*-\s*['\"]?(obsidian_markdown|obsidian-vault)['\"]?\s*(:.*)?(#.*)?$", line):
            i = _drop_block(lines, i)  # our extension or plugin, and its options
            continue
        if re.match(r"^docs_dir\s*:", line):
            line = f"docs_dir: {json.dumps(str(docs))}"
        elif re.match(r"^site_dir\s*:", line):
            line = f"site_dir: {json.dumps(str(site))}"
        else:
            m = re.match(r"^(\s*custom_dir\s*:\s*)(['\"]?)([^'\"#]+?)\2(\s*#.*)?$", line)
            if m and not os.path.isabs(m[3].strip()):
                line = f"{m[1]}{json.dumps(str(root / m[3].strip()))}"
        out.append(line)
        i += 1
    result = "\n".join(out) + "\n"
    if not re.search(r"^nav\s*:", result, re.M):
        # Our plugin keeps the nav to the home page; without them every page would list every page.
        result += "nav:\n  - index.md\n"
    if not re.search(r"^docs_dir\s*:", result, re.M):
        result += f"docs_dir: {json.dumps(str(docs))}\n"
    if not re.search(r"^site_dir\s*:", result, re.M):
        result += f"site_dir: {json.dumps(str(site))}\n"
    leftover = [name for name in ("obsidian_markdown", "obsidian-vault") if name in re.sub(r"#.*", "", result)]
    if leftover:
        raise SystemExit(f"bench: could not remove {', '.join(leftover)} from {PROJECT_CONFIG}")
    return result


# -- measuring ---------------------------------------------------------------------------


@dataclass
class Build:
    config: str
    notes: int
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + sys seconds of each run, workers included
    failed: bool = False
    failed_after: float | None = None  # seconds until the failed build stopped
    log_tail: str = ""
    pages: int = 0  # note pages found in the site
    page_median: int | None = None
    page_max: int | None = None
    page_max_name: str = ""
    pages_fallback: bool = False  # note pages not where expected: measured all pages instead
    site_bytes: int = 0
    search_bytes: int | None = None

    @property
    def best(self) -> float | None:
        return None if self.failed or not self.times else min(self.times)


def note_pages(vault: Path) -> list[str]:
    """Where MkDocs writes each note (use_directory_urls): a/B.md -> a/B/index.html."""
    pages = []
    for path in sorted(vault.rglob("*.md")):
        rel = path.relative_to(vault).as_posix()
        if rel == "index.md":
            continue
        pages.append(rel[: -len(".md")] + "/index.html")
    return pages


def measure(build: Build, site: Path, expected: list[str]) -> None:
    sizes = {}
    for rel in expected:
        page = site / rel
        if page.is_file():
            sizes[rel] = page.stat().st_size
    if len(sizes) < len(expected) // 2:
        # The site put notes elsewhere (e.g. slugified URLs): measure every page but the home page.
        build.pages_fallback = True
        sizes = {
            p.relative_to(site).as_posix(): p.stat().st_size
            for p in site.rglob("index.html")
            if p.parent != site
        }
    build.pages = len(sizes)
    if sizes:
        build.page_median = int(statistics.median(sizes.values()))
        build.page_max_name, build.page_max = max(sizes.items(), key=lambda item: item[1])
    build.site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    # Material's lunr index (the floor), or Material's settings and the Pagefind index (the
    # project): what the site holds for search; a page view fetches a fraction of the latter.
    index = site / "search" / "search_index.json"
    sizes = ([index.stat().st_size] if index.is_file() else []) + [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    build.search_bytes = sum(sizes) if sizes else None


def run_build(config_file: Path, vault: Path, site: Path, strict: bool) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the build and its worker processes, exit code, log)."""
    if site.exists():
        shutil.rmtree(site)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DOCS_DIR=str(vault), SITE_DIR=str(site))
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
    if strict:
        cmd.append("--strict")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu, proc.returncode, proc.stderr if proc.stderr.strip() else proc.stdout


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_size(n_notes: int, runs: int, work: Path, seed: int, configs: tuple[str, ...], keep: bool) -> dict[str, Build]:
    vault = work / f"vault-{n_notes}"
    started = time.perf_counter()
    summary = generate(str(vault), n_notes, seed)
    progress(
        f"[{n_notes} notes] vault generated in {time.perf_counter() - started:.1f} s: "
        f"{summary['folders']} folders, {summary['mean_note_bytes']} bytes per note"
    )
    expected = note_pages(vault)
    files = {
        "floor": work / f"floor-{n_notes}.yml",
        "no-ext": work / f"no-ext-{n_notes}.yml",
        "project": PROJECT_CONFIG,
    }
    site_of = {name: work / f"site-{name}-{n_notes}" for name in CONFIGS}
    files["floor"].write_text(FLOOR_CONFIG.format(docs=json.dumps(str(vault)), site=json.dumps(str(site_of["floor"]))))
    files["no-ext"].write_text(no_ext_config(PROJECT_CONFIG.read_text(encoding="utf-8"), vault, site_of["no-ext"]))
    # Runs interleave the configurations (floor, no-ext, project, floor, ...), so a machine
    # that slows down or speeds up during the benchmark moves all three alike.
    results = {name: Build(name, n_notes) for name in configs}
    for run in range(runs):
        for name in configs:
            build = results[name]
            if build.failed:
                continue
            elapsed, cpu, code, log = run_build(files[name], vault, site_of[name], strict=name == "project")
            if code != 0:
                build.failed = True
                build.failed_after = elapsed
                build.log_tail = "\n".join(log.rstrip().splitlines()[-20:])
                progress(f"[{n_notes} notes] {name}: build FAILED (exit {code}) after {elapsed:.1f} s; last lines:")
                progress(build.log_tail)
                continue
            build.times.append(elapsed)
            build.cpu.append(cpu)
            progress(f"[{n_notes} notes] {name} run {run + 1}/{runs}: {elapsed:.2f} s ({cpu:.1f} s CPU)")
    for name, build in results.items():
        if not build.failed:
            measure(build, site_of[name], expected)
            if build.pages < len(expected) and not build.pages_fallback:
                progress(f"[{n_notes} notes] {name}: only {build.pages} of {len(expected)} note pages were built")
        if not keep and site_of[name].exists():
            shutil.rmtree(site_of[name])
    return results


# -- report ------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def seconds(build: Build | None) -> str:
    if build is None:
        return "-"
    if build.failed:
        return f"FAILED ({build.failed_after:.1f})" if build.failed_after is not None else "FAILED"
    return f"{build.best:.2f}"


def kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:.1f}"


def mb(value: int | None) -> str:
    return "-" if value is None else f"{value / 2**20:.1f}"


def report(results: dict[int, dict[str, Build]], sizes: list[int]) -> None:
    print()
    print("Build time (wall seconds, best of the runs)")
    header = f"{'notes':>7}  {'floor s':>8}  {'no-ext s':>8}  {'project s':>9}  {'project/floor (<= 2.0)':>24}  {'overhead vs no-ext (<= 25%)':>28}"
    print(header)
    print("-" * len(header))
    for n in sizes:
        row = results[n]
        floor, noext, project = (row[c].best if c in row else None for c in CONFIGS)
        ratio = f"{project / floor:.2f} {verdict(project / floor <= TARGET_FLOOR_RATIO)}" if project and floor else verdict(None)
        if project and noext:
            overhead = project / noext - 1
            over = f"{overhead * 100:+.1f}% {verdict(overhead <= TARGET_OVERHEAD)}"
        else:
            over = verdict(None)
        print(
            f"{n:>7}  {seconds(row.get('floor')):>8}  {seconds(row.get('no-ext')):>8}  "
            f"{seconds(row.get('project')):>9}  {ratio:>24}  {over:>28}"
        )
    print()
    print("CPU time (user + sys seconds of the best run, worker processes included; no target:")
    print("the project renders and builds pages on two cores, so its wall time is less than its CPU time)")
    header = f"{'notes':>7}  {'floor s':>8}  {'no-ext s':>8}  {'project s':>9}  {'project CPU / no-ext CPU':>24}"
    print(header)
    print("-" * len(header))
    for n in sizes:
        cpu = {}
        for name in CONFIGS:
            build = results[n].get(name)
            if build is not None and build.best is not None and build.cpu:
                cpu[name] = build.cpu[build.times.index(build.best)]
        ratio = f"{cpu['project'] / cpu['no-ext']:.2f}" if "project" in cpu and "no-ext" in cpu else "n/a"
        cells = [f"{cpu[name]:.1f}" if name in cpu else "-" for name in CONFIGS]
        print(f"{n:>7}  {cells[0]:>8}  {cells[1]:>8}  {cells[2]:>9}  {ratio:>24}")

    if len(sizes) > 1:
        small, large = sizes
        factor = large / small
        print()
        print(f"Growth: time at {large} notes / time at {small} notes (x{factor:g} notes; target <= {TARGET_GROWTH:g} at x10)")
        limit = TARGET_GROWTH * factor / 10
        for name in CONFIGS:
            a = results[small].get(name)
            b = results[large].get(name)
            if a is None or b is None:
                continue
            if a.best and b.best:
                growth = b.best / a.best
                mark = f" {verdict(growth <= limit)}" if name == "project" else ""
                print(f"  {name:<8} {growth:6.2f}{mark}")
            else:
                print(f"  {name:<8} {'n/a':>6}{' n/a' if name == 'project' else ''}")

    print()
    print("Pages (note pages: site/<folder>/<note>/index.html)")
    header = f"{'notes':>7}  {'config':<8}  {'pages':>6}  {'median KB':>9}  {'max KB':>7}  {'site MB':>8}  {'search index MB':>15}  largest page"
    print(header)
    print("-" * len(header))
    for n in sizes:
        for name in CONFIGS:
            build = results[n].get(name)
            if build is None:
                continue
            if build.failed:
                print(f"{n:>7}  {name:<8}  build failed")
                continue
            note = " (all pages: notes not at their usual URLs)" if build.pages_fallback else ""
            print(
                f"{n:>7}  {name:<8}  {build.pages:>6}  {kb(build.page_median):>9}  {kb(build.page_max):>7}  "
                f"{mb(build.site_bytes):>8}  {mb(build.search_bytes):>15}  {build.page_max_name}{note}"
            )
    if len(sizes) > 1:
        small, large = sizes
        print()
        print(f"Page growth, {large} vs {small} notes (median <= x{PAGE_MEDIAN_TOLERANCE:g}, max <= x{PAGE_MAX_TOLERANCE:g})")
        for name in CONFIGS:
            a = results[small].get(name)
            b = results[large].get(name)
            if a is None or b is None:
                continue
            if a.page_median and b.page_median and a.page_max and b.page_max:
                median_growth = b.page_median / a.page_median
                max_growth = b.page_max / a.page_max
                ok = median_growth <= PAGE_MEDIAN_TOLERANCE and max_growth <= PAGE_MAX_TOLERANCE
                print(f"  {name:<8} median x{median_growth:.2f}  max x{max_growth:.2f}  {verdict(ok)}")
            else:
                print(f"  {name:<8} n/a")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=None, help="notes in the base vault (default 1000; 200 with --quick)")
    parser.add_argument("--scale", type=int, default=None, help="also build a vault this many times larger (default 10; 1 = no; none with --quick)")
    parser.add_argument("--quick", action="store_true", help="one 200-note vault, one run per configuration")
    parser.add_argument("--runs", type=int, default=None, help="runs at the base size, best kept (default 2; 1 with --quick)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default=",".join(CONFIGS), help=f"comma-separated configurations to build (default {','.join(CONFIGS)})")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (created; must be missing or empty) and keep vaults and sites")
    args = parser.parse_args(argv)

    notes = args.notes if args.notes is not None else (200 if args.quick else 1000)
    scale = args.scale if args.scale is not None else (1 if args.quick else 10)
    runs = args.runs if args.runs is not None else (1 if args.quick else 2)
    configs = tuple(c.strip() for c in args.only.split(",") if c.strip())
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown or not configs:
        parser.error(f"unknown configuration {', '.join(unknown)}; choose from {', '.join(CONFIGS)}")
    if notes < 2 or scale < 1 or runs < 1:
        parser.error("--notes must be >= 2, --scale and --runs >= 1")
    sizes = [notes] + ([notes * scale] if scale > 1 else [])

    if args.keep:
        work = Path(args.keep).resolve()
        if work.exists() and any(work.iterdir()):
            parser.error(f"{work} is not empty")
        work.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="kb-bench-")
        work = Path(cleanup.name)

    started = time.perf_counter()
    results: dict[int, dict[str, Build]] = {}
    try:
        for n in sizes:
            results[n] = bench_size(n, runs if n == notes else 1, work, args.seed, configs, keep=bool(args.keep))
    finally:
        if cleanup is not None:
            cleanup.cleanup()

    print(f"MkDocs build benchmark: synthetic vaults of {', '.join(map(str, sizes))} notes (seed {args.seed}), {os.cpu_count()} CPUs")
    print(f"project: {PROJECT_CONFIG} (--strict); no-ext: the same without obsidian_markdown and our plugin, nav: [index.md];")
    print("floor: Material (font: false) + search, nav: [index.md]")
    report(results, sizes)
    failed = [b for row in results.values() for b in row.values() if b.failed]
    print()
    if failed:
        for build in failed:
            print(f"BUILD FAILED: {build.config} at {build.notes} notes; last lines of its log:")
            print("    " + build.log_tail.replace("\n", "\n    "))
    print(f"Total benchmark time {time.perf_counter() - started:.0f} s" + (f"; files kept in {work}" if args.keep else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
