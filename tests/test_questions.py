"""Interview questions in the vault model (vault/questions.py): which callout items are
questions, their difficulty, their Markdown, and the ids the renderer gives their items."""

from __future__ import annotations

import re

import markdown
import pytest

from vault import Vault
from vault.checks import CheckConfig, check, format_finding, load_config
from vault.questions import text_hash

CALLOUT = "> [!question] Interview questions\n"

# name: (note text, [(line, difficulty, Markdown text)])
CASES = {
    "three levels": (
        CALLOUT + "> - [E] Easy one?\n> - [M] Medium one?\n> - [H] Hard one?\n",
        [(2, "E", "Easy one?"), (3, "M", "Medium one?"), (4, "H", "Hard one?")],
    ),
    "no marker": (
        CALLOUT + "> - Which level am I?\n> - [M] Medium.\n",
        [(2, None, "Which level am I?"), (3, "M", "Medium.")],
    ),
    "nested list belongs to its question": (
        CALLOUT + "> - [M] Compare:\n>     - option a\n>     - option b\n> - [H] Next?\n",
        [(2, "M", "Compare:\n  - option a\n  - option b"), (5, "H", "Next?")],
    ),
    "nested by two spaces": (
        CALLOUT + "> - [E] Two:\n>   - one\n>   - two\n",
        [(2, "E", "Two:\n- one\n- two")],
    ),
    "code kept as written": (
        CALLOUT + "> - [M] What does `np.array([[1, 2]])` return for `$x$`?\n",
        [(2, "M", "What does `np.array([[1, 2]])` return for `$x$`?")],
    ),
    "math kept as written": (
        CALLOUT + "> - [H] Why $2^{rel} - 1$ and not $rel$? And $$\\sum_i x_i$$?\n",
        [(2, "H", "Why $2^{rel} - 1$ and not $rel$? And $$\\sum_i x_i$$?")],
    ),
    "continuation lines": (
        CALLOUT + "> - [E] A question\n>   on two lines\n> - [M] lazy\ncontinuation\n",
        [(2, "E", "A question\non two lines"), (4, "M", "lazy\ncontinuation")],
    ),
    "text before the list is no question": (
        CALLOUT + "> Answer in two minutes.\n> - [E] One?\n",
        [(3, "E", "One?")],
    ),
    "comments removed": (
        CALLOUT + "> - [E] Visible %%hidden%% text?\n",
        [(2, "E", "Visible  text?")],
    ),
    "lower case type and marker": (
        "> [!QUESTION]- Folded\n> - [h] Hard?\n",
        [(2, "H", "Hard?")],
    ),
    "numbered list": (
        CALLOUT + "> 1. [E] First?\n> 2. [M] Second?\n",
        [(2, "E", "First?"), (3, "M", "Second?")],
    ),
    "a blank line ends the callout": (
        CALLOUT + "> - [E] In.\n\n- [E] Out: a list of the note.\n",
        [(2, "E", "In.")],
    ),
    "another callout type": ("> [!tip] Tips\n> - [E] Not a question.\n", []),
    "in fenced code": ("```\n" + CALLOUT + "> - [E] Code.\n```\n", []),
    "after a paragraph line: a quote, not a callout": ("Text.\n" + CALLOUT + "> - [E] Quoted.\n", []),
    "indented code": ("Text.\n\n    " + CALLOUT + "    > - [E] Code.\n", []),
    "after a heading": ("## Questions\n" + CALLOUT + "> - [E] Yes?\n", [(3, "E", "Yes?")]),
    "after frontmatter": ("---\ntags: [a]\n---\n" + CALLOUT + "> - [E] Yes?\n", [(5, "E", "Yes?")]),
}


def questions_of(text: str):
    return Vault.from_texts({"Note.md": text}).notes["Note.md"].questions


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_questions_of_a_note(text, expected):
    found = [(q.line, q.difficulty, q.text) for q in questions_of(text)]
    assert found == expected


def test_anchors_are_a_hash_of_the_text_and_unique_in_the_note():
    text = CALLOUT + "> - [E] Same?\n> - [M] Same?\n> - [H] Other? ^own-id\n\n" + CALLOUT + "> - [E] Second callout?\n"
    questions = questions_of(text)
    assert [q.anchor for q in questions] == [f"q-{text_hash('Same?')}", f"q-{text_hash('Same?')}-2", "^own-id", f"q-{text_hash('Second callout?')}"]
    assert [q.callout for q in questions] == [0, 0, 0, 1]
    assert [q.key for q in questions] == [text_hash("Same?"), text_hash("Same?") + "-2", text_hash("Other?"), text_hash("Second callout?")]
    assert questions[2].text == "Other?"
    assert text_hash("a  b\n c") == text_hash("a b c")  # whitespace does not change a question's key


def render(text: str) -> str:
    vault = Vault.from_texts({"Note.md": text})
    md = markdown.Markdown(
        extensions=["obsidian_markdown", "admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.arithmatex"],
        extension_configs={"obsidian_markdown": {"vault": vault, "page": "Note.md"}, "pymdownx.arithmatex": {"generic": True}},
    )
    return md.convert(text)


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_the_page_gives_each_question_item_its_anchor(text, expected):
    """The renderer reads the same callouts: each question's list item carries its anchor,
    and no other element carries one."""
    page = render(text)
    anchors = re.findall(r'<li id="([^"]+)"', page)
    assert anchors == [q.anchor for q in questions_of(text)]
    assert "data-kb-questions" not in page


def test_question_callouts_in_an_embed_get_no_ids():
    vault = Vault.from_texts({"Note.md": CALLOUT + "> - [E] Embedded?\n", "Host.md": "![[Note]]\n"})
    md = markdown.Markdown(extensions=["obsidian_markdown", "admonition"],
                           extension_configs={"obsidian_markdown": {"vault": vault, "page": "Host.md"}})
    page = md.convert("![[Note]]\n")
    assert "Embedded?" in page and 'id="q-' not in page


def test_the_checker_reports_a_question_without_difficulty_at_info(tmp_path):
    vault = Vault.from_texts({"Note.md": "Intro [[Other]].\n\n" + CALLOUT + "> - [E] Fine.\n> - Which level?\n", "Other.md": "[[Note]]\n"})
    found = [f for f in check(vault) if f.kind == "question-difficulty"]
    assert [(f.path, f.line, f.column) for f in found] == [("Note.md", 5, 3)]
    assert CheckConfig().level("question-difficulty") == "info"
    assert format_finding(found[0], "info").startswith("Note.md:5:3: info question-difficulty: interview question without a difficulty")
    # Its level is set in checks.toml like any other kind's.
    (tmp_path / "checks.toml").write_text('[levels]\nquestion-difficulty = "error"\n', encoding="utf-8")
    config = load_config(str(tmp_path / "checks.toml"))
    assert config.level("question-difficulty") == "error"
    (tmp_path / "checks.toml").write_text('[levels]\nquestion-difficulty = "ignore"\n', encoding="utf-8")
    assert [f for f in check(vault, load_config(str(tmp_path / "checks.toml"))) if f.kind == "question-difficulty"] == []
