"""The site audit: read the built HTML as a browser would, after every build.

- every internal ``href`` and ``src`` (``<a>``, ``<link>``, ``<script>``, ``<img>``, ``<audio>``,
  ``<video>``, ``<source>``, ``<iframe>``...) leads to a file of the site, a folder URL to its
  ``index.html``, and every ``#fragment`` to an id (or ``<a name>``) of that page (crawl.py);
- no ``[[`` shows as text outside code, unless the note escaped it (leaks.py);
- with the vault: each note's page shows as broken exactly the links the link checker
  reports as broken there, and every link it calls fine reaches its target (agreement.py).

``audit(site_dir, vault)`` returns an AuditReport; ``scripts/site_audit.py`` is its command
line. Pages are read with the standard library's ``html.parser`` (page.py), once each: the
audit is linear in the size of the site.
"""

from __future__ import annotations

from .agreement import compare
from .crawl import crawl
from .leaks import check_leaks
from .notes import note_pages
from .report import AuditFinding, AuditReport
from .rules import KINDS

__all__ = ["KINDS", "AuditFinding", "AuditReport", "audit"]


def audit(site_dir: str, vault=None, findings=None, *, base: str = "/") -> AuditReport:
    """Audit the site built in ``site_dir``. ``vault``: the vault it was built from (a
    ``Vault`` or its folder) for the `[[` and agreement checks; ``findings``: the link
    checker's findings for it (default: ``check(vault)`` at default levels, so no broken
    kind is left out); ``base``: the URL path the site is served under (``site_url``'s)."""
    report = AuditReport()
    site = crawl(site_dir, report, base)
    if vault is None:
        check_leaks(site, report, base=base)
        return report
    if isinstance(vault, str):
        from vault import Vault

        vault = Vault.load(vault)
    if findings is None:
        from vault.checks import check

        findings = check(vault)
    pages = note_pages(vault, site.files)
    check_leaks(site, report, vault, {page: note for note, page in pages.items() if page}, base)
    compare(site, vault, findings, pages, report)
    return report
