"""A vault whose notes carry script-injection payloads wherever a note's own string lands on
the site: frontmatter title, aliases, tags and description, headings, file names, link
display text and text around links (backlink snippets, previews, search). None of them is
raw HTML in a note's body (that is Markdown's feature: the checker flags it and the policy
blocks it), except in RAW_NOTE, kept apart for that."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site

TITLE = "<img src=x onerror=alert(1)>\"><script>alert(2)</script>{{ 7*7 }}"
ALIASES = ("<img src=x onerror=alert(3)>", "</script><script>alert(4)</script>", "javascript:alert(5)")
TAG = "\"><img src=x onerror=alert(6)>"
DESCRIPTION = "\"><script>alert(7)</script>"
HEADING = "Heading <img src=x onerror=alert(8)>"  # written with &lt; &gt; in the note
OPENING = "Opening text <script>alert(9)</script> and {{ 7*7 }}."  # written with &lt; &gt; too
FILE_NOTE = "<img src=x onerror=alert(11)>"  # a note's file name (Linux allows it)
URL_NOTE = "javascript:alert(12)"  # a note's file name that looks like a URL
DISPLAY = "<img src=x onerror=alert(13)>"  # a link's display text
MISSING = "</script><script>alert(14)</script>"  # an unresolved link's target
CONTEXT = "<img src=x onerror=alert(15)>"  # text beside a link: the backlink snippet
RAW_NOTE = "Raw HTML"  # a note with raw HTML that would run code
QUESTION = "Why <script>alert(19)</script> and <img src=x onerror=alert(20)>?"  # an interview question (practice deck), escaped
RAW_QUESTION = "Raw <img src=x onerror=alert(21)> and <script>alert(22)</script> in a question"  # in RAW_NOTE, as written

PAYLOAD = "Payload"  # the note with the payloads in its frontmatter


def _escaped(text: str) -> str:
    """Markdown that shows ``text`` as written (Python-Markdown has no backslash escape for <)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


NOTES = {
    f"{PAYLOAD}.md": "\n".join([
        "---",
        f"title: {_yaml(TITLE)}",
        "aliases:",
        *[f"  - {_yaml(a)}" for a in ALIASES],
        "tags:",
        "  - xss",
        f"  - {_yaml(TAG)}",
        f"description: {_yaml(DESCRIPTION)}",
        "---",
        "",
        _escaped(OPENING),
        "",
        f"## {_escaped(HEADING)}",
        "",
        "Under the heading: `<script>alert(10)</script>` in code. Back to [[Hub]].",
        "",
        "> [!question] Interview questions",
        f"> - [H] {_escaped(QUESTION)}",
        "",
    ]),
    f"{FILE_NOTE}.md": "A note named by its file. #xss\n\nSee [[Hub]].\n",
    f"{URL_NOTE}.md": "A note whose name looks like a URL. #xss\n\nSee [[Hub]].\n",
    "Hub.md": "\n".join([
        "# Hub",
        "",
        f"Text {_escaped(CONTEXT)} before [[{PAYLOAD}|{DISPLAY}]] and after.",
        "",
        f"- By title: [[{PAYLOAD}]]; by alias: [[{ALIASES[0]}]]",
        f"- By file name: [[{FILE_NOTE}]] and [[{URL_NOTE}]]",
        f"- Missing: [[{MISSING}]]",
        f"- Raw: [[{RAW_NOTE}]]",
        "",
        f"![[{PAYLOAD}]]",
        "",
    ]),
    f"{RAW_NOTE}.md": "\n".join([
        "# Raw HTML",
        "",
        "Inline <img src=x onerror=alert(16)> image, a [link](javascript:alert(17)) and a script:",
        "",
        "<script>alert(18)</script>",
        "",
        "Back to [[Hub]].",
        "",
        "> [!question] Interview questions",
        f"> - [E] {RAW_QUESTION}",
        "",
    ]),
}


def write_vault(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_xss_site(root: Path, **env: str) -> Path:
    """Write the vault under root/docs and build it (not strict: it has a missing link
    and raw HTML on purpose) into root/site."""
    docs = write_vault(root / "docs")
    result = build_site(docs, root / "site", **env)
    assert result.returncode == 0, result.stderr
    return root / "site"
