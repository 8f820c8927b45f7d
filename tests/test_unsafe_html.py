"""The `unsafe-html` check: raw HTML in a note that would run code (`<script>`, inline event
handlers, `javascript:` URLs) is reported with file, line and column, outside code only, at a
level checks.toml can change; at error level it fails a strict build."""

from __future__ import annotations

import pytest

from conftest import ROOT, build_site
from vault import Vault
from vault.checks import ERROR, KINDS, CheckConfig, check, load_config

# (note text, [(line, column, what, as written)] it must report, and nothing else)
CASES = {
    "script element": ("Text <script>alert(1)</script>\n", [(1, 6, "script", "<script")]),
    "script block": ("Intro.\n\n<script>\nalert(1)\n</script>\n", [(3, 1, "script", "<script")]),
    "script with attributes, any case": ("<SCRIPT type=module src=x.js></SCRIPT>\n", [(1, 1, "script", "<SCRIPT")]),
    "event handler": ("An <img src=x onerror=alert(1)> image\n", [(1, 15, "event-handler", "onerror")]),
    "handler after a slash": ("<svg/onload=alert(1)>\n", [(1, 6, "event-handler", "onload")]),
    "handler after a quoted value": ('x <a href="#"onclick="go()">y</a>\n', [(1, 14, "event-handler", "onclick")]),
    "handler in an HTML block": ('<div class="x" onmouseover="f()">\nhi\n</div>\n', [(1, 16, "event-handler", "onmouseover")]),
    "handler on a markdown-in-html tag": ('<div markdown="1" onclick="f()">\n\ntext\n\n</div>\n', [(1, 19, "event-handler", "onclick")]),
    "markdown link": ("[click](javascript:alert(1))\n", [(1, 9, "javascript-url", "javascript:")]),
    "markdown image, spaced and bracketed": ("![x]( <JavaScript:alert(1)>)\n", [(1, 8, "javascript-url", "JavaScript:")]),
    "reference definition": ("[x][r]\n\n[r]: javascript:alert(1)\n", [(3, 6, "javascript-url", "javascript:")]),
    "href attribute": ("<a href='javascript:alert(1)'>x</a>\n", [(1, 10, "javascript-url", "javascript:")]),
    "entity-encoded scheme": ('<a href="&#106;avascript&#58;alert(1)">x</a>\n', [(1, 10, "javascript-url", "&#106;avascript&#58;")]),
    "tab inside the scheme": ("[x](java\tscript:alert(1))\n", [(1, 5, "javascript-url", "java\tscript:")]),
    "two on one line": ("<b onclick=a()>x</b> <i onkeyup=b()>y</i>\n", [(1, 4, "event-handler", "onclick"), (1, 25, "event-handler", "onkeyup")]),
    "after frontmatter": ("---\ntitle: T\n---\n\n<script>x</script>\n", [(5, 1, "script", "<script")]),
    # Not code that runs, or not HTML at all:
    "inline code": ("Use `<script>alert(1)</script>` or `<img onerror=x>`\n", []),
    "fenced code": ("```html\n<script>alert(1)</script>\n<a href=\"javascript:x\">\n```\n", []),
    "indented code": ("Text.\n\n    <img src=x onerror=alert(1)>\n", []),
    "html comment": ("<!-- <script>alert(1)</script> -->\n", []),
    "obsidian comment": ("%% <script>alert(1)</script> %%\n", []),
    "math": ("$<script>$ and $$\\text{onerror=}$$\n", []),
    # Python-Markdown, unlike CommonMark, has no \< escape: this is still raw HTML.
    "backslash before <": ("\\<script>alert(1)\\</script> and \\<img onerror=x>\n", [(1, 2, "script", "<script"), (1, 39, "event-handler", "onerror")]),
    "character references": ("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;\n", []),
    "frontmatter": ('---\ntitle: "<script>alert(1)</script>"\n---\nBody.\n', []),
    "wikilink text": ("[[Note|<img src=x onerror=alert(1)>]] and [[</script><script>x</script>]]\n", []),
    "prose about javascript": ("JavaScript: a language. See [docs](https://example.com/javascript:intro).\n", []),
    "handler-like words": ("A <span data-onclick=x title=y>z</span>; 2 < 3 onwards=4\n", []),
    "a script-like tag name": ("<scripts>not a script</scripts> <noscript>x</noscript>\n", []),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_unsafe_html_is_found_in_prose_and_html_only(text, expected):
    note = Vault.from_texts({"Note.md": text}).notes["Note.md"]
    assert [(u.line, u.column, u.what, u.text) for u in note.unsafe_html] == expected


def test_findings_name_file_line_column_and_the_fix():
    vault = Vault.from_texts({"folder/Bad.md": "Fine.\n\nThen <img src=x onerror=alert(1)> and [a](javascript:x)\n"})
    found = [f for f in check(vault) if f.kind == "unsafe-html"]
    assert [(f.path, f.line, f.column, f.target) for f in found] == [
        ("folder/Bad.md", 3, 17, "onerror"),
        ("folder/Bad.md", 3, 43, "javascript:"),
    ]
    assert "Content-Security-Policy" in found[0].message and found[0].message.startswith("onerror=:")


def test_default_level_is_error_and_checks_toml_changes_it(tmp_path):
    assert KINDS["unsafe-html"][0] == ERROR
    (tmp_path / "checks.toml").write_text('[levels]\nunsafe-html = "warning"\n')
    assert load_config(str(tmp_path / "checks.toml")).level("unsafe-html") == "warning"
    vault = Vault.from_texts({"A.md": "<script>x</script>\n"})
    assert [f.kind for f in check(vault, CheckConfig(levels={"unsafe-html": "ignore", "dead-end": "ignore", "orphan": "ignore"}))] == []


def test_an_error_level_finding_fails_a_strict_build_and_a_lower_level_does_not(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [[Other]].\n")
    # (a <b>, not an <img src=x>: the site audit would report the missing image as well)
    (docs / "Other.md").write_text("# Other\n\nBack [[index|home]]. <b onclick=alert(1)>bold</b>\n")
    failed = build_site(docs, tmp_path / "site", strict=True)
    assert failed.returncode != 0
    assert "Other.md:3:25: error unsafe-html: onclick=:" in failed.stderr
    (tmp_path / "checks.toml").write_text('[levels]\nunsafe-html = "warning"\n')
    passed = build_site(docs, tmp_path / "site", strict=True, plugin={"checks": str(tmp_path / "checks.toml")})
    assert passed.returncode == 0, passed.stderr
    assert "warning unsafe-html" in passed.stderr


def test_the_project_vault_has_no_unsafe_html():
    vault = Vault.load(str(ROOT / "docs"))
    assert [(n.path, u) for n in vault.notes.values() for u in n.unsafe_html] == []
