"""The audit's findings and counts, printed in the project's shape:
``path:line:column: error kind: message``, then one summary line."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from .rules import ERROR, KINDS


def shown_path(root: str, relative: str) -> str:
    """``relative`` (POSIX) under folder ``root``, as a user sees it: from the current
    folder when the file is below it, else in full."""
    full = os.path.join(os.path.abspath(root), *relative.split("/"))
    here = os.path.relpath(full)
    return (here if not here.startswith("..") else full).replace(os.sep, "/")


@dataclass(frozen=True)
class AuditFinding:
    path: str  # a site file (HTML findings) or a note (agreement findings), as shown
    line: int  # 1-based: the HTML line, or the note's line
    column: int
    kind: str
    message: str

    def __post_init__(self):
        assert self.kind in KINDS, self.kind

    def __str__(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.column, 1)}: {ERROR} {self.kind}: {self.message}"


@dataclass
class AuditReport:
    """What one audit found, and how much it looked at."""

    findings: list[AuditFinding] = field(default_factory=list)
    pages: int = 0  # HTML files read
    links: int = 0  # internal URLs of <a>, <area>, <link>, <script> checked
    media: int = 0  # internal URLs of <img>, <audio>, <video>, <source>, <iframe>... checked
    fragments: int = 0  # #fragments looked up on their page
    notes: int = 0  # note pages compared with the link checker (0 without a vault)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, path: str, line: int, column: int, kind: str, message: str) -> None:
        self.findings.append(AuditFinding(path, line, column, kind, message))

    def lines(self) -> list[str]:
        """One line per finding, sorted by file and place."""
        ordered = sorted(self.findings, key=lambda f: (f.path, f.line, f.column, f.kind, f.message))
        return [str(f) for f in ordered]

    def summary(self) -> str:
        by_kind = Counter(f.kind for f in self.findings)
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(by_kind.items()))
        compared = f", {self.notes} notes compared with the link checker" if self.notes else ""
        return (f"site audit: {len(self.findings)} findings{' (' + kinds + ')' if kinds else ''} in "
                f"{self.pages} pages ({self.links} links, {self.media} media, {self.fragments} fragments checked{compared})")
