#!/usr/bin/env python3
"""What the project makes of real Obsidian vaults: one Markdown table per vault.

    .venv/bin/python scripts/commands/vault_report.py VAULT [VAULT ...] [--names a,b,...] [--site-root /tmp/vault-report]

For each vault in turn:

1. the strict build, as `make build` runs it and as tests/conftest.py's build_site does
   (``mkdocs build --strict -f mkdocs.yml`` with DOCS_DIR=VAULT, SITE_DIR=SITE_ROOT/NAME):
   its wall time, its exit status, and its WARNING lines sorted into the project's own
   findings (``path:line:column: error kind:``, the link checker's kinds apart from the site
   audit's) and MkDocs' native warnings, counted by a short label;
2. the link checker, in this process (as check_links.py runs it, with the levels of the
   project's checks.toml): notes, links and findings by kind and level;
3. the site audit of the built site, in this process (as site_audit.py --vault runs it):
   pages, links, media and fragments checked, findings by kind, and among them the
   disagreements between the checker and the site.

It prints the tables and the first finding of each kind (so a reader can judge whether it is
genuine); it writes nothing but the sites under SITE_ROOT.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]  # the project: its mkdocs.yml and checks.toml

from site_auditor import KINDS as AUDIT_KINDS
from site_auditor import audit
from vault import Vault
from vault.checks import ERROR, INFO, KINDS as CHECK_KINDS, WARNING, check, load_config

# The audit's kinds that say the checker and the site disagree about a note.
DISAGREEMENTS = ("shown-not-reported", "reported-not-shown", "fine-not-linked", "missing-page")

# A WARNING line carrying one of the project's findings (the checker's or the audit's).
PROJECT_FINDING = re.compile(r"""
    ^WARNING \s+ - \s+
    (?P<where> .+? : \d+ : \d+ ) : \s    # path:line:column:
    error \s (?P<kind> [a-z-]+ ) :       # error kind:
""", re.VERBOSE)

# MkDocs' own warnings, by a short label; the first that matches names the line.
NATIVE_LABELS = (
    ("target not found", re.compile(r"contains a link .*, but the target (.* )?is not found")),
    ("anchor not in target", re.compile(r"but the doc .* does not contain an anchor")),
    ("unreferenced footnote", re.compile(r"no such anchor on this page\. This seems to be a footnote")),
    ("no such anchor", re.compile(r"there is no such anchor on this page")),
    ("unrecognized relative link", re.compile(r"contains an unrecognized relative link")),
    ("absolute link", re.compile(r"contains an absolute link")),
    ("excluded: conflicts", re.compile(r"conflicts with")),
)


def native_label(line: str) -> str:
    return next((label for label, pattern in NATIVE_LABELS if pattern.search(line)), "other")


def counted(counter: Counter) -> str:
    """``kind 3, other 1``, most frequent first; ``-`` for none."""
    return ", ".join(f"{key} {count}" for key, count in counter.most_common()) or "-"


class BuildLog:
    """The WARNING lines of one build, sorted by who wrote them, with the first of each kind."""

    def __init__(self, stderr: str):
        self.checker, self.audit, self.native = Counter(), Counter(), Counter()
        self.examples: dict[str, str] = {}  # "native: label" -> its first line
        self.errors = 0  # ERROR lines and tracebacks: the build itself failed
        for line in stderr.splitlines():
            if line.startswith("ERROR") or line.startswith("Traceback"):
                self.errors += 1
            if not line.startswith("WARNING"):
                continue
            m = PROJECT_FINDING.match(line)
            if m and m["kind"] in AUDIT_KINDS:
                self.audit[m["kind"]] += 1
            elif m and m["kind"] in CHECK_KINDS:
                self.checker[m["kind"]] += 1
            else:
                label = native_label(line)
                self.native[label] += 1
                self.examples.setdefault(f"native: {label}", line.split("-", 1)[-1].strip())


def build(vault: str, site: str) -> tuple[float, int, BuildLog]:
    """The strict build of ``vault`` into ``site``: seconds, exit status, its log."""
    env = dict(os.environ, DOCS_DIR=vault, SITE_DIR=site, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml")]
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, result.returncode, BuildLog(result.stderr)


def report(name: str, vault_dir: str, site: str) -> list[str]:
    """The Markdown table and the examples for one vault."""
    seconds, status, log = build(vault_dir, site)

    start = time.perf_counter()
    vault = Vault.load(vault_dir)
    config = load_config(str(ROOT / "checks.toml"))  # the levels the build reads
    findings = check(vault, config)
    check_seconds = time.perf_counter() - start
    notes, links = sum(1 for _ in vault.published()), len(vault.link_reports())
    by_kind = Counter(f"{f.kind} ({config.level(f.kind)})" for f in findings)
    levels = Counter(config.level(f.kind) for f in findings)

    start = time.perf_counter()
    base = urlsplit(os.environ.get("SITE_URL", "/")).path or "/"
    audited = audit(site, vault, base=base)  # at the checker's default levels, as the build audits
    audit_seconds = time.perf_counter() - start
    audit_kinds = Counter(f.kind for f in audited.findings)
    disagreements = Counter({kind: audit_kinds[kind] for kind in DISAGREEMENTS})

    rows = [
        ("notes / links", f"{notes} / {links}"),
        ("build seconds / strict exit", f"{seconds:.1f} / {status}"),
        ("build log: ERROR lines and tracebacks", str(log.errors)),
        ("build log: checker findings by kind", counted(log.checker)),
        ("build log: audit findings by kind", counted(log.audit)),
        ("build log: native MkDocs warnings by label", counted(log.native)),
        (f"checker ({check_seconds:.1f} s): error / warning / info",
         f"{levels[ERROR]} / {levels[WARNING]} / {levels[INFO]}"),
        ("checker findings by kind (level)", counted(by_kind)),
        (f"audit ({audit_seconds:.1f} s): pages / links / media / fragments checked / notes compared",
         f"{audited.pages} / {audited.links} / {audited.media} / {audited.fragments} / {audited.notes}"),
        ("audit findings by kind", counted(audit_kinds)),
        ("checker vs site: disagreements", f"{sum(disagreements.values())} ("
         + ", ".join(f"{kind} {count}" for kind, count in disagreements.items()) + ")"),
    ]
    lines = [f"### {name}", "", f"`{vault_dir}`, built into `{site}`", "",
             "| measure | value |", "| --- | --- |"]
    lines += [f"| {measure} | {value} |" for measure, value in rows]

    examples = {}  # the first finding of each kind
    for f in findings:
        examples.setdefault(f"checker: {f.kind}", f"{f.path}:{f.line}:{f.column}: {f.message}")
    for f in sorted(audited.findings, key=lambda f: (f.path, f.line, f.column)):
        examples.setdefault(f"audit: {f.kind}", str(f))
    examples.update(log.examples)
    if examples:
        lines += ["", "First of each kind:", "", "````text"]
        lines += [f"{kind:34} {example}" for kind, example in examples.items()]
        lines.append("````")
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vault_report.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("vaults", nargs="+", metavar="VAULT", help="an Obsidian vault folder")
    parser.add_argument("--names", help="comma-separated names for the vaults (default: their folder names)")
    parser.add_argument("--site-root", default="/tmp/vault-report",
                        help="each vault's site is built into SITE_ROOT/NAME (default: /tmp/vault-report)")
    args = parser.parse_args(argv)
    args.names = args.names.split(",") if args.names else [Path(v).resolve().name for v in args.vaults]
    if len(args.names) != len(args.vaults) or len(set(args.names)) != len(args.names):
        parser.error("--names needs one distinct name per vault")
    for folder in args.vaults:
        if not os.path.isdir(folder):
            parser.error(f"{folder!r} is not a folder")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    print(f"## Vault report: project {ROOT}" + (f" at {head}" if head else ""))
    for name, folder in zip(args.names, args.vaults):
        site = os.path.join(os.path.abspath(args.site_root), name)
        print("\n" + "\n".join(report(name, os.path.abspath(folder), site)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
