"""``check_links.py``: check a vault's links the way the site resolves them.

Exit status: 0 when nothing is at or above ``--fail-on`` (default: error), 1 when
something is, 2 for a usage error or a vault that cannot be read. No flag turns 1 into 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vault import Vault
from vault.checks import ERROR, INFO, KINDS, LEVELS, WARNING, CheckConfig, Finding, check, load_config

from . import cache
from .formats import FORMATS, Reported

SEVERITY = {ERROR: 3, WARNING: 2, INFO: 1}
EXTERNAL_KIND = "broken-external"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="check_links.py",
        description="Check every [[link]] of an Obsidian vault against the notes, headings, "
        "block ids and files the site will have.",
    )
    parser.add_argument("vault", nargs="?", default=os.environ.get("DOCS_DIR", "docs"),
                        help="the vault folder (default: $DOCS_DIR, else docs)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument("--fail-on", choices=[ERROR, WARNING, INFO], default=ERROR,
                        help="lowest level that makes the exit status 1 (default: error)")
    parser.add_argument("--config", default="checks.toml",
                        help="levels and orphan exemptions (default: checks.toml, if present)")
    parser.add_argument("--level", action="append", default=[], metavar="KIND=LEVEL",
                        help="override one kind's level, e.g. --level orphan=ignore (repeatable)")
    parser.add_argument("--only", nargs="*", metavar="PATH",
                        help="report findings in these notes only (paths inside the vault; the whole vault is still read)")
    parser.add_argument("--external", action="store_true", help="also check http(s) links (network)")
    parser.add_argument("--offline", action="store_true", help="with --external: use the cache only, fetch nothing")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per external request (default: 10)")
    parser.add_argument("--cache", default=".cache/external-links.json", help="external link cache file")
    parser.add_argument("--cache-age", type=float, default=24.0, help="hours a cached answer is trusted (default: 24)")
    parser.add_argument("--no-cache", action="store_true",
                        help="check from scratch, and keep no findings for the next run (see link_checker/cache.py)")
    parser.add_argument("--cache-dir", default=None,
                        help="where findings are kept between runs (default: $XDG_CACHE_HOME/obsidian-kb-checker, else ~/.cache/...)")
    parser.add_argument("--list-kinds", action="store_true", help="list the checks with their default levels and exit")
    return parser.parse_args(argv)


def configured(args: argparse.Namespace, parser_error) -> CheckConfig:
    try:
        config = load_config(args.config)
    except (ValueError, OSError) as error:
        parser_error(str(error))
    for item in args.level:
        kind, _, level = item.partition("=")
        if kind not in KINDS:
            parser_error(f"--level {item}: unknown kind {kind!r}")
        if level not in LEVELS:
            parser_error(f"--level {item}: level must be one of {', '.join(LEVELS)}")
        config.levels[kind] = level
    return config


def vault_path(vault_dir: str, given: str, usage_error) -> str:
    """The vault path of a file named with --only: relative to the current folder
    (docs/Note.md, as git and pre-commit name it) or to the vault (Note.md)."""
    here = os.path.relpath(os.path.abspath(given), os.path.abspath(vault_dir))
    for candidate in (here, given):
        candidate = candidate.replace(os.sep, "/")
        if not candidate.startswith("../") and os.path.isfile(os.path.join(vault_dir, candidate)):
            return candidate
    usage_error(f"--only {given}: no such file in the vault {vault_dir!r}")


def external_findings(vault: Vault, args: argparse.Namespace) -> list[Finding]:
    from .external import ExternalChecker, ExternalOptions  # the network modules, only with --external

    places = [(note, web) for note in vault.published() for web in note.web_links]
    checker = ExternalChecker(ExternalOptions(
        cache_path=args.cache, max_age=args.cache_age * 3600, timeout=args.timeout, offline=args.offline,
    ))
    statuses = checker.check([web.url for _, web in places])
    findings = []
    unchecked = sorted({url for url, s in statuses.items() if s.unchecked})
    for note, web in places:
        status = statuses[web.url]
        if not status.ok and not status.unchecked:
            findings.append(Finding(note.path, web.line, web.column, EXTERNAL_KIND, f"{web.url}: {status.error}", target=web.url))
    if unchecked:
        print(f"note: {len(unchecked)} external links not checked (network unavailable or --offline)", file=sys.stderr)
    return findings


def checked_vault(args: argparse.Namespace, config: CheckConfig) -> tuple[cache.Cached, Vault | None]:
    """The vault's findings: kept from an earlier run of the same checker on the same vault
    with the same settings, else found now (and kept); and the vault, when it was read."""
    folder = None if args.no_cache else (Path(args.cache_dir) if args.cache_dir else cache.default_folder())
    wanted = cache.key(args.vault, config) if folder is not None else ""
    found = cache.load(folder, args.vault, wanted) if folder is not None else None
    if found is not None:
        return found, None
    vault = Vault.load(args.vault)
    found = cache.Cached(check(vault, config), sum(1 for _ in vault.published()), len(vault.link_reports()))
    if folder is not None:
        cache.store(folder, args.vault, wanted, found)
    return found, vault


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list_kinds:
        for kind, (level, meaning) in KINDS.items():
            print(f"{kind:22} {level:8} {meaning}")
        return 0
    if not os.path.isdir(args.vault):
        print(f"check_links.py: error: {args.vault!r} is not a folder", file=sys.stderr)
        return 2

    def usage_error(message: str):
        print(f"check_links.py: error: {message}", file=sys.stderr)
        raise SystemExit(2)

    config = configured(args, usage_error)
    only = None if args.only is None else {vault_path(args.vault, given, usage_error) for given in args.only}
    try:
        checked, vault = checked_vault(args, config)
    except OSError as error:
        print(f"check_links.py: error: cannot read {args.vault!r}: {error}", file=sys.stderr)
        return 2
    findings = list(checked.findings)
    if args.external:
        vault = vault or Vault.load(args.vault)  # external links are never cached: read the notes
        findings += [f for f in external_findings(vault, args) if config.level(f.kind) != "ignore"]
        findings.sort(key=lambda f: f.sort_key)
    if only is not None:
        findings = [f for f in findings if f.path in only]

    shown = os.path.relpath(args.vault) if not os.path.isabs(args.vault) else args.vault
    reported = [Reported(f, config.level(f.kind), os.path.join(shown, f.path).replace(os.sep, "/")) for f in findings]
    counts = {level: sum(r.level == level for r in reported) for level in (ERROR, WARNING, INFO)}
    summary = {"vault": args.vault, "notes": checked.notes, "links": checked.links, "counts": counts}
    print(FORMATS[args.format](reported, summary))
    threshold = SEVERITY[args.fail_on]
    return 1 if any(SEVERITY[r.level] >= threshold for r in reported) else 0
