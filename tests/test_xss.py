"""No injected script: a vault whose titles, aliases, tags, headings, file names and link
texts are script payloads builds into pages where each payload is text, never markup, and
every page carries a Content-Security-Policy that runs only the theme's own scripts.
Read as a browser would: parsed HTML and JSON, not substrings."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vault_plugin import csp
import xss_vault as x

SCRIPT_PAYLOAD = re.compile(r"alert\(")


class Parsed(HTMLParser):
    """Elements with attributes, executable script texts, the CSP, and the visible text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str]] = []  # (tag, on... attribute)
        self.javascript_urls: list[str] = []
        self.scripts: list[str] = []  # texts of inline scripts a browser would run
        self.policy = ""
        self.title = ""
        self.h1 = ""
        self.text: list[str] = []
        self._in: list[str] = []
        self._script: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if value and name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.javascript_urls.append(value)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = attributes.get("content") or ""
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "") in ("", "module", "text/javascript"):
            self._script = []
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
            return
        if "title" in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1 += data
        if "script" not in self._in and "style" not in self._in:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return x.build_xss_site(tmp_path_factory.mktemp("xss"))


def pages(site: Path) -> dict[str, Parsed]:
    return {p.relative_to(site).as_posix(): Parsed(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def parsed(site):
    return pages(site)


def test_the_vault_builds_every_page_type(parsed):
    expected = {
        "index.html", "Hub/index.html", "Payload/index.html", "graph/index.html", "tags/index.html",
        "tags/xss/index.html", f"tags/{x.TAG.casefold()}/index.html", f"{x.FILE_NOTE}/index.html",
        f"{x.URL_NOTE}/index.html", f"{x.RAW_NOTE}/index.html", "404.html", "practice/index.html",
    }
    assert expected <= set(parsed)


def test_no_page_but_the_raw_html_note_has_markup_from_a_payload(parsed):
    for path, page in parsed.items():
        if path == f"{x.RAW_NOTE}/index.html":
            continue
        assert page.handlers == [], path
        assert page.javascript_urls == [], path
        assert [s for s in page.scripts if SCRIPT_PAYLOAD.search(s)] == [], path


PAGE_TEXT = {
    # page: strings that must be shown there as text
    "Payload/index.html": [x.TITLE, *x.ALIASES, "#" + x.TAG, x.HEADING, x.OPENING, "Text " + x.CONTEXT + " before " + x.DISPLAY + " and after."],
    "Hub/index.html": [x.DISPLAY, x.ALIASES[0], x.FILE_NOTE, x.URL_NOTE, x.MISSING, x.TITLE, x.OPENING, x.HEADING],
    "index.html": [x.TITLE, x.FILE_NOTE, x.URL_NOTE],
    "tags/index.html": ["#" + x.TAG],
    f"tags/{x.TAG.casefold()}/index.html": ["#" + x.TAG, x.TITLE],
    "tags/xss/index.html": [x.TITLE, x.FILE_NOTE, x.URL_NOTE],
    f"{x.FILE_NOTE}/index.html": [x.FILE_NOTE],
}


@pytest.mark.parametrize("path", PAGE_TEXT, ids=PAGE_TEXT)
def test_payloads_are_shown_as_text(parsed, path):
    page = parsed[path]
    for text in PAGE_TEXT[path]:
        assert " ".join(text.split()) in page.visible, (path, text)


def test_titles_land_as_text_in_title_heading_and_header(parsed):
    page = parsed["Payload/index.html"]
    assert page.title.strip() == f"{x.TITLE} - ML System Design Knowledge Base"
    assert page.h1.strip() == x.TITLE
    assert parsed[f"{x.FILE_NOTE}/index.html"].h1.strip() == x.FILE_NOTE


def test_the_description_lands_as_an_attribute_value(site):
    page = (site / "Payload" / "index.html").read_text(encoding="utf-8")
    [content] = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert content == "&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;"


def test_the_search_index_holds_the_payloads_as_text(site):
    """Pagefind stores a page's title and text as plain text; the search worker escapes them
    where they land (tests/browser/test_xss.py shows a search result)."""
    from vault_plugin.pagefind_bundle import indexed_pages
    from vault_plugin.search import SEPARATOR

    pages = {page["url"]: page for page in indexed_pages(site / "pagefind")}
    payload = pages["/Payload/"]
    assert payload["meta"]["title"].replace(SEPARATOR, "") == x.TITLE
    assert x.HEADING in payload["content"] and x.OPENING in payload["content"]
    assert all(alias in payload["content"] for alias in x.ALIASES)


def test_graph_json_carries_titles_and_tags_as_data(site):
    graph = json.loads((site / "assets" / "graph.json").read_text(encoding="utf-8"))
    nodes = {node["url"]: node for node in graph["nodes"]}
    assert nodes["Payload/"]["title"] == x.TITLE
    assert x.TAG in nodes["Payload/"]["tags"]
    assert {n["title"] for n in nodes.values()} >= {x.FILE_NOTE, x.URL_NOTE}
    # No URL in the graph is a script: each one is a path of this site.
    assert all(not n["url"].lower().startswith("javascript:") and "://" not in n["url"] for n in nodes.values())


def test_the_practice_deck_carries_questions_as_safe_html(site):
    """A question lands in the page's DOM as the deck's HTML: text, never markup from the note,
    whether the note escaped it (shown as text) or wrote it raw (dropped, as the policy would)."""
    deck = json.loads((site / "assets" / "practice.json").read_text(encoding="utf-8"))
    shown = {}
    for question in deck["questions"]:
        html = Parsed(question["html"])
        assert html.handlers == [] and html.scripts == [] and html.javascript_urls == [], question
        assert not re.search(r"<(?!/?(?:p|span|code)\b)", question["html"]), question  # no other element
        shown[deck["notes"][question["note"]]["url"]] = html.visible
    assert shown["Payload/"] == x.QUESTION
    assert shown[f"{x.RAW_NOTE.replace(' ', '%20')}/"] == "Raw and in a question"
    assert deck["notes"][0]["title"] == x.TITLE  # a title is data: practice.js sets it as text


def test_every_page_has_a_policy_that_runs_only_its_theme_scripts(parsed):
    for path, page in parsed.items():
        assert page.policy, path
        directives = dict(d.strip().split(" ", 1) for d in page.policy.split(";"))
        script_src = directives["script-src"].split()
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'", path
        allowed = set(script_src) - {"'self'", "'wasm-unsafe-eval'"}  # search compiles WebAssembly
        hashes = {csp.script_hash(s) for s in page.scripts}
        if path == f"{x.RAW_NOTE}/index.html":
            for note_script in (csp.script_hash("alert(18)"), csp.script_hash("alert(22)")):
                assert note_script in hashes and note_script not in allowed  # the note's scripts never run
                hashes.discard(note_script)
        assert hashes == allowed, path  # each theme script is allowed, and nothing else


def test_the_raw_html_note_is_reported_by_the_checker(site):
    from vault import Vault
    from vault.checks import check

    vault = Vault.load(str(site.parent / "docs"))
    found = {(f.path, f.line, f.target) for f in check(vault) if f.kind == "unsafe-html"}
    assert found == {(f"{x.RAW_NOTE}.md", 3, "onerror"), (f"{x.RAW_NOTE}.md", 3, "javascript:"), (f"{x.RAW_NOTE}.md", 5, "<script"),
                     (f"{x.RAW_NOTE}.md", 10, "onerror"), (f"{x.RAW_NOTE}.md", 10, "<script")}
