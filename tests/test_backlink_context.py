"""End to end: a backlink's context shows code as code and math as math, exactly as the
linking note's own page does (built with the project's configuration, read as a browser would)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from conftest import build_site

LINE = 'Use `np.dot` and $x^2$ with [[Target]], not `[[Overdue]]` or $ 5 and 6 $, and `a<b & "c"`.'
NOTES = {
    "Target.md": "# Target\n\nThe target note.\n",
    "Source.md": f"# Source\n\n{LINE}\n",
}


class Parts(HTMLParser):
    """The code, math and link-text elements inside the first element matching ``where``
    (a tag and a class, or a tag alone), as (kind, text) in order, and all its text."""

    KINDS = {("code", None): "code", ("span", "arithmatex"): "math", ("strong", "backlink-link"): "link",
             ("a", "wikilink"): "link"}

    def __init__(self, page: str, tag: str, cls: str | None = None):
        super().__init__(convert_charrefs=True)
        self.where, self.depth, self.done = (tag, cls), 0, False
        self.parts: list[list[str]] = []
        self.open: list[bool] = []  # per element inside: whether it is a part
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if not self.depth and not self.done:
            if tag == self.where[0] and (self.where[1] is None or self.where[1] in classes):
                self.depth = 1
            return
        if self.depth:
            self.depth += 1
            kind = next((k for (t, c), k in self.KINDS.items() if t == tag and (c is None or c in classes)), None)
            if kind:
                self.parts.append([kind, ""])
            self.open.append(kind is not None)

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.done = True
            elif self.open:
                self.open.pop()

    def handle_data(self, data):
        if self.depth:
            self.text += data
            if any(self.open):
                self.parts[-1][1] += data


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


def test_backlink_shows_code_and_math_as_the_page_does(site):
    target = (site / "Target" / "index.html").read_text(encoding="utf-8")
    context = Parts(target, "p", "backlink-context")
    assert context.parts == [
        ["code", "np.dot"], ["math", "\\(x^2\\)"], ["link", "Target"], ["code", "[[Overdue]]"], ["code", 'a<b & "c"'],
    ]
    assert " ".join(context.text.split()) == (
        'Use np.dot and \\(x^2\\) with Target, not [[Overdue]] or $ 5 and 6 $, and a<b & "c".'
    )
    page = Parts((site / "Source" / "index.html").read_text(encoding="utf-8"), "p")
    assert page.parts == context.parts
    assert " ".join(page.text.split()) == " ".join(context.text.split())
