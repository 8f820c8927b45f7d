"""How findings are printed: text for people, JSON for tools, GitHub annotations, SARIF.

JSON (``--format json``), version 1::

    {
      "version": 1,
      "vault": "docs",                      # the folder checked, as given
      "notes": 9, "links": 120,             # what was checked
      "counts": {"error": 1, "warning": 0, "info": 2},
      "problems": [                         # sorted by path, line, column
        {"path": "docs/a.md",               # relative to the working directory
         "line": 3, "column": 5,            # 1-based; 1 when the whole file is meant
         "kind": "broken-link",             # see `check_links.py --list-kinds`
         "level": "error",                  # error | warning | info
         "target": "[[Nowhere]]",           # the link as written ("" if none)
         "message": "...",
         "suggestion": "Somewhere"}         # a close name, alias or heading ("" if none)
      ]
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from vault.checks import KINDS, Finding, did_you_mean, format_finding

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass(frozen=True)
class Reported:
    """A finding with its level and the path as the user sees it."""

    finding: Finding
    level: str
    path: str


def text(reported: list[Reported], summary: dict) -> str:
    """One line per finding (vault.checks.format_finding: the build log's shape too), then the counts."""
    lines = [format_finding(r.finding, r.level, r.path) for r in reported]
    counts = summary["counts"]
    lines.append(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notices "
        f"in {summary['notes']} notes ({summary['links']} links)"
    )
    return "\n".join(lines)


def as_json(reported: list[Reported], summary: dict) -> str:
    problems = [
        {
            "path": r.path,
            "line": max(r.finding.line, 1),
            "column": max(r.finding.column, 1),
            "kind": r.finding.kind,
            "level": r.level,
            "target": r.finding.target,
            "message": r.finding.message,
            "suggestion": r.finding.suggestion,
        }
        for r in reported
    ]
    return json.dumps({"version": 1, **summary, "problems": problems}, indent=2, ensure_ascii=False, sort_keys=False)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(reported: list[Reported], summary: dict) -> str:
    """GitHub Actions workflow commands: each problem shows on its line in a pull request."""
    lines = []
    for r in reported:
        f = r.finding
        message = f.message + did_you_mean(f)
        lines.append(
            f"::{GITHUB_COMMANDS[r.level]} file={_escape_property(r.path)},line={max(f.line, 1)},"
            f"col={max(f.column, 1)},title={_escape_property(f.kind)}::{_escape_data(message)}"
        )
    return "\n".join(lines + [text([], summary)])


def sarif(reported: list[Reported], summary: dict) -> str:
    """SARIF 2.1.0, for code-scanning dashboards."""
    used = sorted({r.finding.kind for r in reported})
    results = [
        {
            "ruleId": r.finding.kind,
            "level": SARIF_LEVELS[r.level],
            "message": {"text": r.finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": r.path},
                        "region": {"startLine": max(r.finding.line, 1), "startColumn": max(r.finding.column, 1)},
                    }
                }
            ],
        }
        for r in reported
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "check_links",
                        "rules": [{"id": kind, "shortDescription": {"text": KINDS[kind][1]}} for kind in used],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


FORMATS = {"text": text, "json": as_json, "github": github, "sarif": sarif}
