"""scripts/vault_plugin/csp.py: which inline scripts of a page are allowed, and where the policy goes."""

from __future__ import annotations

import pytest

from vault_plugin.csp import policy, script_hash, theme_script_hashes, with_policy

CONTENT = '<p>note</p><script>alert(1)</script>'
# (page, content of the page, scripts whose hashes the policy allows)
CASES = {
    "inline theme script": ("<head><script>a()</script></head>", "", ["a()"]),
    "module and text/javascript": ('<script type="module">m()</script><script type=text/javascript>t()</script>', "", ["m()", "t()"]),
    "JSON data is not a script": ('<script id="__config" type="application/json">{"a": 1}</script>', "", []),
    "an external script needs no hash": ('<script src="x.js"></script>', "", []),
    "the page's content is never allowed": (f"<script>a()</script><article>{CONTENT}</article><script>b()</script>", CONTENT, ["a()", "b()"]),
    "each script once": ("<script>a()</script><script>a()</script>", "", ["a()"]),
}


@pytest.mark.parametrize(("page", "content", "allowed"), CASES.values(), ids=CASES.keys())
def test_theme_script_hashes(page, content, allowed):
    assert theme_script_hashes(page, content) == [script_hash(code) for code in allowed]


def test_hash_is_the_browser_form():
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_policy_goes_right_after_the_charset_and_lists_the_hashes():
    page = '<!doctype html><html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    out = with_policy(page)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy([script_hash("a()")])}">'
    assert out == page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + meta)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in meta and "unsafe-inline" not in meta.split("style-src")[0]


def test_a_file_without_a_head_is_unchanged():
    assert with_policy("<urlset></urlset>") == "<urlset></urlset>"
