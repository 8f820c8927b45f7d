"""The Content-Security-Policy of every page: only the site's own files run or load.

A static site sends its policy as ``<meta http-equiv="Content-Security-Policy">`` at the top
of ``<head>``, before any script. The theme's templates hold a few inline scripts (Material's
``__md_scope``, palette and tab scripts); each page's policy allows exactly those, by the
sha256 of their text. A script inside the page's own content (raw HTML written in a note) is
not hashed, so it never runs: the link checker's ``unsafe-html`` kind points it out.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(
    r"""
    <script\b
    (?P<attributes>[^>]*)        # type=..., id=...: no src= for an inline script
    >
    (?P<code>.*?)                # the script's text, exactly as hashed by the browser
    </script\s*>
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
SOURCE = re.compile(r"""\ssrc\s*=""", re.IGNORECASE)
TYPE = re.compile(r"""\stype\s*=\s*(?P<quote>["']?)(?P<type>[^"'\s>]*)(?P=quote)""", re.IGNORECASE)
# Script types a browser runs; anything else (application/json, text/template) is data.
EXECUTABLE = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}
# Where the policy goes: after the charset declaration (which must stay in the first 1024
# bytes), else right after <head>.
CHARSET = re.compile(r"""<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*/?>""", re.IGNORECASE)
HEAD = re.compile(r"""<head\b[^>]*>""", re.IGNORECASE)

# What each kind of resource may come from. Scripts: our files and the hashed inline
# scripts only (no 'unsafe-inline', no 'unsafe-eval': nothing we ship needs them), and
# 'wasm-unsafe-eval': search (Pagefind) runs WebAssembly, which a policy sent with the worker
# would otherwise forbid compiling; it turns no string into code (README, "Search").
# Styles also allow inline styles: KaTeX writes style attributes, mermaid writes <style>
# into its SVGs and Material sets element styles; a style cannot run code.
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # plus the hashes of the page's inline scripts
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",  # data: for Material's and mermaid's inline SVG images
    "font-src": "'self' data:",
    "connect-src": "'self'",  # previews fetch pages; search and graphs fetch their JSON
    "worker-src": "'self'",  # the search worker
    "media-src": "'self'",
    "frame-src": "'self'",  # embedded PDFs of the vault
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def script_hash(code: str) -> str:
    """A CSP source for one inline script: ``'sha256-...'`` of its exact text."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_script_hashes(page_html: str, content: str = "") -> list[str]:
    """Hashes of the executable inline scripts of a page, except those inside ``content``
    (the page's rendered Markdown, as it appears in the page), in order, each once."""
    start = page_html.find(content) if content else -1
    end = start + len(content) if start >= 0 else -1
    hashes: list[str] = []
    for m in INLINE_SCRIPT.finditer(page_html):
        if start <= m.start() < end or SOURCE.search(m["attributes"]):
            continue
        kind = TYPE.search(m["attributes"])
        if kind is not None and kind["type"].lower() not in EXECUTABLE:
            continue
        source = script_hash(m["code"])
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(hashes: list[str]) -> str:
    """The policy text, with these inline script hashes allowed."""
    sources = {**DIRECTIVES, "script-src": " ".join([DIRECTIVES["script-src"], *hashes])}
    return "; ".join(f"{name} {value}" for name, value in sources.items())


def with_policy(page_html: str, content: str = "") -> str:
    """The page with its policy as the first thing in its head (unchanged if it has no head)."""
    head = CHARSET.search(page_html) or HEAD.search(page_html)
    if head is None:
        return page_html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy(theme_script_hashes(page_html, content))}">'
    return page_html[: head.end()] + meta + page_html[head.end() :]
