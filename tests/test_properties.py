"""Property-based tests (hypothesis) of the link parser, the vault scan and the resolver.

- Reading any text never raises: the scan, resolution, the checks and the renderer.
- The links found outside code are exactly those a document was built with: documents are
  generated as segments (plain text, code span, fenced block, comment, wikilink), so the
  expected links, with their lines and columns, are known by construction.
- A link written from its parts parses back to those parts; rendered, its HTML reads back
  as the same target and display text.

Runs are deterministic (derandomize, no example database) and small enough for every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import unique as toc_unique
from mkdocs.config import load_config

from vault import Vault, parse_wikilink
from vault.checks import check
from vault.headings import slugify
from vault.scanner import mask

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- rendering as the site does ------------------------------------------------------------


@pytest.fixture(scope="module")
def render():
    """Render one note of a vault with the Markdown extensions of the project's mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)

    def render(vault: Vault, page: str) -> str:
        configs = {k: dict(v) for k, v in config.mdx_configs.items()}
        configs["obsidian_markdown"] = {"vault": vault, "page": page, "nested_markdown": (names, configs)}
        return markdown.Markdown(extensions=names, extension_configs=configs).convert(vault.notes[page].body)

    return render


@dataclass
class Element:
    tag: str
    attributes: dict
    text: str = ""


def as_shown(text: str) -> str:
    """Text as a browser shows it: runs of spaces, tabs and newlines are one space (the
    site's Markdown turns a tab into spaces, which a page shows the same way)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text)  # HTML's white space: ASCII only


class WikiLinkElements(HTMLParser):
    """The rendered wikilinks of a page (a.wikilink, span.wikilink-unresolved), in order,
    with their href and text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self._open: Element | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if "wikilink" in classes or "wikilink-unresolved" in classes:
            self._open = Element(tag, attributes)
            self.found.append(self._open)

    def handle_endtag(self, tag):
        if self._open is not None and tag == self._open.tag:
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.text += data


# -- (a) any text ----------------------------------------------------------------------------

# Pieces of Markdown and Obsidian syntax, so random text is made of what parsers look at.
SYNTAX = [
    "[[", "]]", "[", "]", "|", "\\|", "#", "#^", "^", "^id", "!", "![[", "`", "``", "```", "~~~",
    "$", "$$", "%%", "<!--", "-->", "<div>", "</div>", "<script>", "\\", "\n", "\r\n", "\r", "\n\n",
    " ", "    ", "\t", "> ", "> [!note] ", "- ", "1. ", "---", "...", "==", "Note", "a/b", "x",
    "#tag", "é", "ß", "\u2028", "\u00a0", "\ufeff", "\x00", "🙂", ":", "title: x", "aliases: [a]",
]
MARKDOWNISH = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=4), max_size=60).map("".join)
ANY_TEXT = MARKDOWNISH | st.text(max_size=200)


@PROPERTIES
@given(text=ANY_TEXT, other=ANY_TEXT)
@example(text="[[Other]]\r\n[[Other#H]]", other="# H\n")
@example(text="---\ntitle: [\n---\n[[Other|x]]", other="")
@example(text="", other="\x85")  # a line of whitespace the paragraph scan skipped: it raised
@example(text="a\n\u2028\n[[Other]]", other="")
def test_reading_resolving_and_checking_any_text_never_raises(text, other):
    vault = Vault.from_texts({"folder/Note.md": text, "Other.md": other})
    note = vault.notes["folder/Note.md"]
    lines = text.split("\n")  # the model counts lines by "\n"
    for link in note.links:
        assert lines[link.line - 1][link.column - 1 :].startswith(link.link.raw), link
    for report in vault.link_reports():
        assert report.resolution.ok or report.resolution.problem
    check(vault)
    assert len(mask(text).text) == len(text)


@PROPERTIES
@given(text=MARKDOWNISH)
def test_rendering_any_text_never_raises(render, text):
    vault = Vault.from_texts({"Note.md": text, "Other.md": "# H\n\ntext ^b\n"})
    render(vault, "Note.md")


# -- (b) documents built from segments -----------------------------------------------------

PLAIN = st.text(
    alphabet=st.characters(
        categories=["L", "N", "Zs"], include_characters=".,;:'\"()?*_+=/", exclude_characters="\u1680\u180e"
    ),
    max_size=12,
).map(lambda s: s.lstrip())  # a line starting with spaces may be indented code
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éü-", min_size=1, max_size=10).filter(
    lambda s: s.strip() != "" and not s.startswith(" ")
)
CODE = st.text(alphabet="abc []|!#^$\\-", max_size=10).map(lambda s: s + "[[Hidden]]")


@dataclass(frozen=True)
class Segment:
    text: str
    link: tuple[str, str, str | None] | None = None  # (raw, path, label) of a wikilink segment


def wikilink(embed: bool, path: str, label: str | None) -> Segment:
    raw = ("!" if embed else "") + f"[[{path}" + (f"|{label}" if label is not None else "") + "]]"
    return Segment(raw, (raw, path.strip(), label))


SEGMENTS = st.one_of(
    PLAIN.map(Segment),
    st.just(Segment("\nx ")),  # a line break (the next line starts with a letter)
    st.just(Segment("\n\nx ")),  # a new paragraph
    CODE.map(lambda code: Segment(f"`{code}`")),
    CODE.map(lambda code: Segment(f"\n\n```\n{code}\n```\n\nx ")),
    CODE.map(lambda code: Segment(f"%%{code.replace('[[Hidden]]', '[[Comment]]')}%%")),
    st.builds(wikilink, st.booleans(), NAME, st.none() | NAME),
)


def expected_links(segments: list[Segment]) -> list[tuple[str, str, str | None, int, int]]:
    """(raw, path, label, line, column) of the wikilink segments, by construction."""
    found, text = [], ""
    for segment in segments:
        if segment.link is not None:
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            found.append((*segment.link, line, column))
        text += segment.text
    return found


@PROPERTIES
@given(segments=st.lists(SEGMENTS, max_size=25))
@example(segments=[Segment("a"), wikilink(False, "Note", "x"), Segment("`[[Hidden]]`")])
def test_links_outside_code_are_exactly_the_written_ones(render, segments):
    text = "".join(s.text for s in segments)
    vault = Vault.from_texts({"Note.md": text})
    note = vault.notes["Note.md"]
    found = [(l.link.raw, l.link.path, l.link.label, l.line, l.column) for l in note.links]
    assert found == expected_links(segments)
    # The page shows the same links, in the same order, and code keeps its text.
    page = render(vault, "Note.md")
    shown = WikiLinkElements(page).found
    assert len(shown) == len(found)
    for element, link in zip(shown, note.links):
        if not link.link.embed:  # an embed shown whole is titled with the note's title
            assert as_shown(element.text) == as_shown(link.link.display)
    assert page.count("[[Hidden]]") == text.count("[[Hidden]]")  # code shows its text
    assert "[[Comment]]" not in page  # comments are removed


# -- (c) format, parse, render ---------------------------------------------------------------

PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789éü-.,&'\"<>", min_size=1, max_size=12).filter(
    lambda s: s.strip() != "" and s == s.strip()
)
PATH = st.lists(PART.filter(lambda s: "." not in s), min_size=1, max_size=3).map("/".join)
BLOCK = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
# Backticks and dollars would make part of the link code or math, and then no link at all.
# A character reference (&amp;) is decoded, as Markdown does in all text.
LABEL = st.text(alphabet=st.characters(exclude_characters="[]\n\r\\\x02\x03`$", exclude_categories=["Cs"]), min_size=1, max_size=15).filter(
    lambda s: not re.search(r"&\#?\w+;", s)
)


def written(path: str, headings: list[str], block: str | None, label: str | None) -> str:
    return f"[[{path}" + "".join("#" + h for h in headings) + (f"#^{block}" if block else "") + (f"|{label}" if label is not None else "") + "]]"


@PROPERTIES
@given(path=PATH, headings=st.lists(PART, max_size=2), block=st.none() | BLOCK, label=st.none() | LABEL)
@example(path="a", headings=[], block=None, label="b|c")
def test_a_link_written_from_its_parts_parses_back_to_them(path, headings, block, label):
    link = parse_wikilink(written(path, headings, block, label))
    assert (link.path, list(link.headings), link.block, link.label) == (path, headings, block, label)


@PROPERTIES
@given(path=PATH, heading=st.none() | PART, label=st.none() | LABEL.filter(lambda s: s.strip() != ""))
@example(path="0", heading="<", label=None)
@example(path="a", heading=None, label="<img src=x onerror=alert(1)>")
@example(path="a", heading="b", label="*not emphasis* & <b>no HTML</b> & {{ 7*7 }}")
def test_a_rendered_link_reads_back_as_its_target_and_display(render, path, heading, label):
    target = f"{path}.md"
    vault = Vault.from_texts({"Source.md": written(path, [heading] if heading else [], None, label) + "\n",
                              target: f"# {heading}\n" if heading else "Text.\n"})
    [element] = WikiLinkElements(render(vault, "Source.md")).found
    link = vault.notes["Source.md"].links[0].link
    assert element.tag == "a" and as_shown(element.text) == as_shown(link.display)
    href = unquote(element.attributes["href"])
    # The id toc gives the heading: its slug, or `_1` when the slug is empty (a heading `<`).
    anchor = toc_unique(slugify(vault.notes[target].headings[0].title), set()) if heading else ""
    assert href == target + (f"#{anchor}" if heading else "")  # from Source.md's folder, the root


@pytest.mark.xfail(strict=True, reason="known: Python-Markdown's HTML block preprocessor rewrites a numeric "
                   "character reference without its semicolon (&#0 -> &#0;) before any inline processing, so "
                   "the page shows one more ';' than the note's text; the link resolves the same")
def test_a_semicolonless_character_reference_in_a_link_shows_as_written(render):
    vault = Vault.from_texts({"Source.md": "[[a#&#0]]\n", "a.md": "# x\n"})
    [element] = WikiLinkElements(render(vault, "Source.md")).found
    assert element.text == vault.notes["Source.md"].links[0].link.display == "a > & > 0"
