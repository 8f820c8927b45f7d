"""End to end: a backlink's context shows code as code and math as math, exactly as the
linking note's own page does (built with the project's configuration, read as a browser would)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import build_site

LINES = {
    "Code and math": 'Use `np.dot` and $x^2$ with [[Target]], not `[[Overdue]]` or $ 5 and 6 $, and `a<b & "c"`.',
    "Label": "See [[Target|the `fn()` &amp; `$y$` docs]] for $z$.",
}
NOTES = {"Target.md": "# Target\n\nThe target note.\n", **{f"{name}.md": f"# {name}\n\n{line}\n" for name, line in LINES.items()}}


class Parts(HTMLParser):
    """For each element ``tag`` (with class ``cls``, if given): its code, math and link
    elements as (kind, own text) in document order, and its whole text, spaces collapsed."""

    KINDS = {("code", None): "code", ("span", "arithmatex"): "math", ("strong", "backlink-link"): "link",
             ("a", "wikilink"): "link"}

    def __init__(self, page: str, tag: str, cls: str | None = None):
        super().__init__(convert_charrefs=True)
        self.where = (tag, cls)
        self.found: list[tuple[list[tuple[str, str]], str]] = []
        self.depth = 0  # elements open inside the current match
        self.stack: list[int | None] = []  # per open element: its index in parts, if a part
        self.parts: list[list[str]] = []
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if not self.depth:
            if tag == self.where[0] and (self.where[1] is None or self.where[1] in classes):
                self.depth, self.parts, self.text = 1, [], ""
            return
        self.depth += 1
        kind = next((k for (t, c), k in self.KINDS.items() if t == tag and (c is None or c in classes)), None)
        if kind:
            self.parts.append([kind, ""])
        self.stack.append(len(self.parts) - 1 if kind else None)

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if self.depth:
            self.stack.pop()
        else:
            self.found.append(([(k, t) for k, t in self.parts], " ".join(self.text.split())))

    def handle_data(self, data):
        if self.depth:
            self.text += data
            innermost = next((i for i in reversed(self.stack) if i is not None), None)
            if innermost is not None:
                self.parts[innermost][1] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("backlink-context")
    docs = work / "vault"
    docs.mkdir()
    for name, text in NOTES.items():
        (docs / name).write_text(text, encoding="utf-8")
    result = build_site(docs, work / "site", strict=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def test_backlinks_show_code_and_math(site):
    target = (site / "Target" / "index.html").read_text(encoding="utf-8")
    contexts = Parts(target, "p", "backlink-context").found  # one per linking note, by path
    assert contexts == [
        ([("code", "np.dot"), ("math", "\\(x^2\\)"), ("link", "Target"), ("code", "[[Overdue]]"), ("code", 'a<b & "c"')],
         'Use np.dot and \\(x^2\\) with Target, not [[Overdue]] or $ 5 and 6 $, and a<b & "c".'),
        ([("link", "the  &  docs"), ("code", "fn()"), ("code", "$y$"), ("math", "\\(z\\)")],
         "See the fn() & $y$ docs for \\(z\\)."),
    ]


@pytest.mark.parametrize("name", LINES)
def test_a_backlink_shows_its_line_as_the_linking_page_does(site, name):
    target = (site / "Target" / "index.html").read_text(encoding="utf-8")
    contexts = dict(zip(sorted(LINES), Parts(target, "p", "backlink-context").found))
    page = Parts((site / name / "index.html").read_text(encoding="utf-8"), "p").found[0]
    assert contexts[name] == page
