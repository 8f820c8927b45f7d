"""Practice mode at build time: the deck (assets/practice.json), the Practice page and its
place in the navigation, and no page at all for a vault without questions. Read as a browser
would: the built files, parsed."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, build_site, write_vault
from vault import Vault
from vault_plugin import practice
from vault_plugin.safe_html import safe_html


class Elements(HTMLParser):
    """Every element's tag, attributes and the classes of its ancestors; the nav's links."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, tuple[str, list[str]]] = {}  # id: (tag, classes of the ancestors)
        self.nav: list[str] = []  # text of the primary navigation's links
        self.tags: list[tuple[str, dict]] = []
        self._stack: list[tuple[str, str]] = []
        self._nav_link = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.by_id[attributes["id"]] = (tag, [classes for _, classes in self._stack])
        if tag == "a":  # a page's link in the site navigation (not the table of contents: #ids)
            self._nav_link = ("md-nav__link" in (attributes.get("class") or "") and not (attributes.get("href") or "#").startswith("#")
                              and any("md-nav--primary" in c for _, c in self._stack))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source"):
            self._stack.append((tag, attributes.get("class") or ""))

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._nav_link and data.strip():
            self.nav.append(data.strip())
            self._nav_link = False


def deck_of(site: Path) -> dict:
    return json.loads((site / practice.DECK_JSON).read_text(encoding="utf-8"))


def page_of(site: Path, url: str) -> str:
    return (site / unquote(url) / "index.html").read_text(encoding="utf-8")


# -- the project's vault --------------------------------------------------------------------------


def test_the_deck_holds_every_question_of_the_vault(project_site):
    deck = deck_of(project_site)
    vault = Vault.load(str(ROOT / "docs"))
    expected = sorted((n.path, q.line) for n in vault.published() for q in n.questions)
    assert len(expected) >= 437  # the issue counted 437; the notes added since hold more
    assert deck["version"] == 1
    assert set(deck) == {"version", "notes", "questions"}
    urls = [note["url"] for note in deck["notes"]]
    assert urls == sorted(urls)
    assert len(deck["questions"]) == len(expected)
    assert len({q["id"] for q in deck["questions"]}) == len(expected)
    assert {q["level"] for q in deck["questions"]} == {"E", "M", "H"}
    assert [q["note"] for q in deck["questions"]] == sorted(q["note"] for q in deck["questions"])
    calibration = next(n for n in deck["notes"] if n["title"] == "Calibration")
    assert calibration["tags"] == ["metrics", "models"]


def test_the_deck_is_small_and_holds_no_note_bodies(project_site):
    deck_file = project_site / practice.DECK_JSON
    assert deck_file.stat().st_size < 150_000  # 106 KB for 555 questions; the notes' text is 650 KB
    text = deck_file.read_text(encoding="utf-8")
    assert "## Related" not in text and "Platt. " not in text
    for question in deck_of(project_site)["questions"]:
        assert set(question) == {"id", "note", "anchor", "level", "html"}
        assert len(question["html"]) < 600


def test_every_deck_anchor_is_a_question_item_on_its_page(project_site):
    """URL#anchor lands on the question: an <li> inside the note's question callout."""
    deck = deck_of(project_site)
    pages: dict[str, Elements] = {}
    for question in deck["questions"]:
        url = deck["notes"][question["note"]]["url"]
        page = pages.setdefault(url, Elements(page_of(project_site, url)))
        assert question["anchor"] in page.by_id, f"{url}#{question['anchor']} is on no element"
        tag, ancestors = page.by_id[question["anchor"]]
        assert tag == "li"
        assert any("admonition question" in classes for classes in ancestors), f"{url}#{question['anchor']}"


def test_math_in_questions_reaches_the_deck_as_the_page_shows_it(project_site):
    questions = deck_of(project_site)["questions"]
    by_id = {q["id"]: q["html"] for q in questions}
    assert by_id["A-B testing.md#8b5db10f"] == (
        '<p>What do <span class="arithmatex">\\(\\alpha\\)</span>, power and minimum detectable effect mean?</p>'
    )


def test_the_practice_page_is_in_the_navigation_and_holds_no_question(project_site):
    page = (project_site / "practice" / "index.html").read_text(encoding="utf-8")
    parsed = Elements(page)
    assert parsed.nav == ["Home", "Graph", "Tags", "Practice"]
    assert any(tag == "div" and "kb-practice" in (a.get("class") or "").split() for tag, a in parsed.tags)
    assert "Platt scaling or isotonic regression" not in page
    assert practice.STORAGE_KEY in page  # the page names where progress is kept
    assert any(tag == "script" and (a.get("src") or "").endswith("javascripts/practice.js") for tag, a in parsed.tags)
    home = Elements((project_site / "index.html").read_text(encoding="utf-8"))
    assert home.nav == ["Home", "Graph", "Tags", "Practice"]


# -- other vaults ---------------------------------------------------------------------------------


def test_a_vault_without_questions_has_no_practice_page_and_no_deck(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "Home. [[Note]]\n",
        "Note.md": "> [!tip] Not questions\n> - [E] a tip, not a question\n\nBack [[index]].\n",
    })
    result = build_site(docs, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / "practice").exists()
    assert not (site / practice.DECK_JSON).exists()
    assert Elements((site / "index.html").read_text(encoding="utf-8")).nav == ["index", "Graph", "Tags"]  # its home is its index.md


def test_a_small_vault_gets_a_deck_with_its_questions(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "Home: [[b/Second]], [[First]].\n",
        "First.md": "---\ntags: [ml/basics]\n---\nText [[index]].\n\n> [!question] Interview questions\n"
                    "> - [H] Why `x[[0]]` and $x^2$?\n> - [E] Nested:\n>     - part a\n>     - part b\n> - no marker\n",
        "b/Second.md": "#inline\n\n## Questions\n> [!question] Interview questions\n> - [M] Second [[First|first]]?\n",
    })
    result = build_site(docs, tmp_path / "site", strict=True)
    assert result.returncode == 0, result.stderr
    assert "question-difficulty" not in result.stderr  # info: not in the build's log at its default level
    deck = deck_of(tmp_path / "site")
    assert deck["notes"] == [
        {"title": "First", "url": "First/", "tags": ["ml/basics"]},
        {"title": "Second", "url": "b/Second/", "tags": ["inline"]},
    ]
    assert [(q["note"], q["level"]) for q in deck["questions"]] == [(0, "H"), (0, "E"), (0, None), (1, "M")]
    html = [q["html"] for q in deck["questions"]]
    assert html[0] == '<p>Why <code>x[[0]]</code> and <span class="arithmatex">\\(x^2\\)</span>?</p>'
    assert html[1] == "<p>Nested:</p>\n<ul>\n<li>part a</li>\n<li>part b</li>\n</ul>"
    assert html[3] == "<p>Second first?</p>"  # a link becomes its text: the card links to the note
    first = Elements(page_of(tmp_path / "site", "First/"))
    for question in deck["questions"][:3]:
        assert first.by_id[question["anchor"]][0] == "li"


# -- pieces -----------------------------------------------------------------------------------------

SAFE_HTML = {
    # name: (rendered HTML, what the card gets)
    "text and math": ('<p>a <span class="arithmatex">\\(x&lt;y\\)</span></p>', '<p>a <span class="arithmatex">\\(x&lt;y\\)</span></p>'),
    "script dropped with its content": ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    "event handler and image dropped": ('<p><img src=x onerror="alert(1)">t</p>', "<p>t</p>"),
    "attributes other than class dropped": ('<span class="c" style="x" onclick="y" id="z">t</span>', '<span class="c">t</span>'),
    "a link becomes its text": ('<a href="javascript:alert(1)" class="wikilink">text</a>', "text"),
    "escaped text stays escaped": ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    "svg dropped whole": ("<svg><script>alert(1)</script><text>t</text></svg>after", "after"),
    "unclosed tags closed": ("<p><em>x", "<p><em>x</em></p>"),
    "quotes in a class escaped": ('<span class="a&quot;b">t</span>', '<span class="a&quot;b">t</span>'),
    "lists and code kept": ("<ul><li><code>a &amp; b</code></li></ul>", "<ul><li><code>a &amp; b</code></li></ul>"),
}


@pytest.mark.parametrize(("fragment", "expected"), SAFE_HTML.values(), ids=SAFE_HTML.keys())
def test_safe_html(fragment, expected):
    assert safe_html(fragment) == expected


def test_deck_json_is_sorted_compact_and_escaped():
    vault = Vault.from_texts({
        "z.md": "> [!question] Q\n> - [E] Zed?\n",
        "a.md": "---\ntitle: \"A </script>\"\n---\n> [!question] Q\n> - [H] Ay?\n",
        "none.md": "No questions.\n",
    })
    text = practice.deck_json(vault, lambda path: path.removesuffix(".md") + "/", lambda note, q: f"<p>{q.text}</p>")
    assert text == (
        '{"version":1,"notes":[{"title":"A </script>","url":"a/","tags":[]},{"title":"z","url":"z/","tags":[]}],'
        '"questions":[{"id":"a.md#' + vault.notes["a.md"].questions[0].key + '","note":0,"anchor":"'
        + vault.notes["a.md"].questions[0].anchor + '","level":"H","html":"<p>Ay?</p>"},'
        '{"id":"z.md#' + vault.notes["z.md"].questions[0].key + '","note":1,"anchor":"'
        + vault.notes["z.md"].questions[0].anchor + '","level":"E","html":"<p>Zed?</p>"}]}'
    )
    assert practice.pages(vault) == {practice.PRACTICE_PAGE: practice.page_markdown()}
    assert practice.pages(Vault.from_texts({"n.md": "text"})) == {}


def test_plain_questions_skip_the_pipeline_and_get_what_it_would_give():
    """Most questions are plain text: the renderer writes their paragraph itself. For every
    question of docs/ that takes this path, the site's pipeline gives the same HTML."""
    import os

    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    vault = Vault.load(str(ROOT / "docs"), workers=1)
    config.mdx_configs.setdefault("obsidian_markdown", {})["vault"] = vault
    render = practice.QuestionRenderer(list(config.markdown_extensions), dict(config.mdx_configs))
    plain = [(note, q) for note in vault.published() for q in note.questions if practice.PLAIN_QUESTION.fullmatch(q.text)]
    assert len(plain) > 400
    for note, question in plain:
        assert render(note, question) == render.render(note, question), question
    for text in ("1. a list", "- item", "# heading", "a `code` span", "$x$ math", "a *b*", "a %%c%%", "a [[link]]", "a <b>", "a & b", "x_y"):
        assert not practice.PLAIN_QUESTION.fullmatch(text), text
