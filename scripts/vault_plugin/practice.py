"""Practice mode: the Practice page and the deck of interview questions it reads.

The vault model holds each note's questions (vault/questions.py). Here they become one JSON
deck per build, ``assets/practice.json`` (``deck_json`` documents its format), and a page,
``practice.md``, that holds no question itself: overrides/assets/javascripts/practice.js reads
the deck and keeps the reader's progress in ``localStorage`` (``STORAGE_KEY``). A vault without
question callouts gets neither.

Each question's Markdown is rendered by the site's own Markdown pipeline, as part of its note
(links resolve from there), then cut down to text, code, math and lists (safe_html.py).
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Callable, Iterator

from markdown import Markdown

from obsidian_markdown import ObsidianExtension
from vault import Note, Vault
from vault.questions import Question

from .safe_html import safe_html

PRACTICE_PAGE = "practice.md"
DECK_JSON = "assets/practice.json"
DECK_VERSION = 1
STORAGE_KEY = "kb-practice/v1"  # practice.js keeps all progress under this one key
EXTENSION = "obsidian_markdown"

# The Leitner schedule practice.js follows: "knew it" moves a question up one box, "review
# again" back to box 1; a question is due again this long after its last mark.
BOX_INTERVALS = (("1", "10 minutes"), ("2", "1 day"), ("3", "3 days"), ("4", "7 days"), ("5", "14 days"))

# A question Markdown would render as one paragraph of its text: it starts with a letter and
# holds letters, digits, spaces and punctuation that opens nothing (no code, math, emphasis,
# link, HTML, entity, comment or tag). Most questions are such; they skip the pipeline.
PLAIN_QUESTION = re.compile(
    r"""
    [^\W\d_]                           # a letter: no list marker, heading, quote or indent
    (?:[^\W_] | [ ,.;:?!'"()/+-] | %(?!%))*   # words, and punctuation Markdown leaves as it is
    """,
    re.VERBOSE,
)

SiteUrl = Callable[[str], "str | None"]  # vault path -> the page's URL from the site root, None without a page


def with_questions(vault: Vault) -> Iterator[Note]:
    """The published notes that hold questions, in path order."""
    return (note for note in sorted(vault.published(), key=lambda n: n.path) if note.questions)


def has_questions(vault: Vault) -> bool:
    return next(with_questions(vault), None) is not None


def pages(vault: Vault) -> dict[str, str]:
    """{vault path: Markdown} of the Practice page; none for a vault without questions."""
    return {PRACTICE_PAGE: page_markdown()} if has_questions(vault) else {}


def page_markdown() -> str:
    schedule = "\n".join(f"| {box} | {interval} |" for box, interval in BOX_INTERVALS)
    return "\n".join([
        "---", "title: Practice", "---", "",
        "Drill the notes' interview questions, one at a time. Think of your answer, reveal, "
        "then mark it: *knew it* or *review again*.",
        "",
        '<div class="kb-practice">'
        '<p class="kb-practice__message">Loading the questions… (this page needs JavaScript)</p></div>',
        "",
        "## How it works",
        "",
        "- **Keys:** <kbd>Space</kbd> or <kbd>Enter</kbd> reveals, <kbd>1</kbd> *knew it*, "
        "<kbd>2</kbd> *review again*, <kbd>J</kbd> or <kbd>→</kbd> next, <kbd>K</kbd> or <kbd>←</kbd> previous.",
        "- **Schedule** (Leitner boxes): a new question starts outside the boxes. *Knew it* moves it up "
        "one box, *review again* puts it back in box 1. A question is due again after its box's interval; "
        "due questions come first (lowest box first), then new ones (a note at a time in turn), "
        "then the rest, soonest due first.",
        "",
        "| box | due again after |",
        "| --- | --- |",
        schedule,
        "",
        f"- **Your progress stays in this browser**, in `localStorage` under the key `{STORAGE_KEY}`, "
        "and nowhere else: nothing is sent anywhere. *Reset progress* forgets it.",
        "",
    ])


# -- the deck -----------------------------------------------------------------------------------


def deck(vault: Vault, site_url: SiteUrl, render: Callable[[Note, Question], str]) -> dict:
    """The deck as a dict (see deck_json)."""
    notes = sorted((site_url(n.path), n) for n in with_questions(vault) if site_url(n.path) is not None)
    entries, questions = [], []
    for index, (url, note) in enumerate(notes):
        entries.append({"title": note.title, "url": url, "tags": list(note.all_tags)})
        for question in note.questions:
            questions.append({
                "id": f"{note.path}#{question.key}",
                "note": index,
                "anchor": question.anchor,
                "level": question.difficulty,
                "html": render(note, question),
            })
    return {"version": DECK_VERSION, "notes": entries, "questions": questions}


def deck_json(vault: Vault, site_url: SiteUrl, render: Callable[[Note, Question], str]) -> str:
    """``{"version": 1, "notes": [{"title", "url", "tags"}], "questions": [{"id", "note",
    "anchor", "level", "html"}]}``.

    ``notes``: the published notes with questions, sorted by URL (from the site root); a
    question's ``note`` is its note's position there. ``questions``: in note order, then as
    written. ``id``: the note's vault path and a hash of the question's text, the key of its
    progress in the browser (it stays while the text does). ``anchor``: the id of the question's
    list item on its note's page. ``level``: "E", "M", "H" or null. ``html``: the question
    rendered and reduced to safe HTML (safe_html.py); math as arithmatex leaves it, for KaTeX.
    Compact and deterministic: no note bodies, no dates.
    """
    return json.dumps(deck(vault, site_url, render), ensure_ascii=False, separators=(",", ":"))


class QuestionRenderer:
    """Renders questions with the site's Markdown extensions, each as part of its note."""

    def __init__(self, extensions: list, configs: dict):
        ours = dict(configs.get(EXTENSION, {}))
        ours.update(page="", embed_chain=())
        self.extension = ObsidianExtension(**ours)
        others = [name for name in extensions if not (isinstance(name, str) and name.split(":")[0] == EXTENSION)]
        self.md = Markdown(extensions=[*others, self.extension],
                           extension_configs={k: v for k, v in configs.items() if k != EXTENSION})
        self._note: str | None = None

    def __call__(self, note: Note, question: Question) -> str:
        if PLAIN_QUESTION.fullmatch(question.text):  # the pipeline's own result (tests/test_practice.py)
            return f"<p>{html.escape(question.text, quote=False)}</p>"
        return self.render(note, question)

    def render(self, note: Note, question: Question) -> str:
        """The question through the site's Markdown pipeline, as part of its note."""
        if self._note != note.path:
            self.extension.context.on_page(note.path, "")
            self._note = note.path
        self.md.reset()
        return safe_html(self.md.convert(question.text))


def write_deck(config, vault: Vault, site_url: SiteUrl) -> None:
    """Write the deck into the site, when the site has a Practice page."""
    if not has_questions(vault):
        return
    render = QuestionRenderer(list(config.markdown_extensions), dict(config.mdx_configs))
    target = os.path.join(config.site_dir, DECK_JSON)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(deck_json(vault, site_url, render))
