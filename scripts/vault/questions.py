r"""Interview questions: the items of a note's ``> [!question]`` callouts, read during the scan.

A question callout is a callout of type ``question`` (any title; the notes write
``> [!question] Interview questions``) that starts a block at the page's margin, as the
renderer reads it (obsidian_markdown/callouts.py): after a blank line, a heading or the
frontmatter. Its lines run to the first blank line. Each item of its top-level list is one
question; nested items and continuation lines belong to the question above them. An item
that starts with ``[E]``, ``[M]`` or ``[H]`` has that difficulty; one without a marker has
none (the checker's ``question-difficulty`` kind reports it).

Each question keeps its Markdown as written (code spans, math and links intact, nested lines
dedented) and the id of its list item on the page (``anchor``), which the renderer sets
(obsidian_markdown/questions.py) so that ``note URL#anchor`` lands on the question.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from typing import NamedTuple

from .block_syntax import BLOCK_ID_AT_END, CALLOUT, LINE_QUOTE_MARKER, LIST_MARKER, indent_width
from .scanner import without_comments

QUESTION_TYPE = "question"
DIFFICULTIES = ("E", "M", "H")  # easy, medium, hard

CALLOUT_OPENER = "[!"  # found with str.find: much faster than a regex search over the note
# The line of a question callout's start up to its opener, in the masked text (code is blank there).
QUESTION_CALLOUT_LINE = re.compile(
    r"""
    [ ]{0,3}>[ ]?           # a quote at the margin (PAGE_QUOTE_MARKER, once)
    \[!question\]           # of type question
    """,
    re.VERBOSE | re.IGNORECASE,
)
# The difficulty marker that starts an item's text.
DIFFICULTY = re.compile(
    r"""
    \[(?P<level>[EMH])\]    # [E], [M] or [H]
    (?:[ \t]+|$)            # then whitespace or the item's end
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A line that ends the block before a callout, so the callout starts a block of its own.
ATX_LINE = re.compile(r"[ ]{0,3}\#{1,6}(?:[ \t]|$)")
ANCHOR_PREFIX = "q-"  # no heading slug or block id of a note looks like q-1a2b3c4d by chance


class Question(NamedTuple):
    """One question of a note: where it is, its difficulty and its Markdown."""

    line: int  # 1-based line of its list item
    column: int  # 1-based column of its list marker
    difficulty: str | None  # "E", "M", "H"; None without a marker
    text: str  # its Markdown, marker removed, nested lines dedented
    anchor: str  # the id of its list item on the page
    callout: int  # which question callout of the note holds it (0-based)
    key: str  # its name in the note, kept while its text is: text_hash, -2, -3... for a repeat


def text_hash(text: str) -> str:
    """8 hex digits of a question's text, whitespace runs folded."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def find_questions(lines: list[str], masked: str, line_starts: list[int], body_line: int) -> tuple[Question, ...]:
    """The questions of a note: ``lines`` as written, ``masked`` its prose (scanner.mask),
    ``line_starts`` the offsets of its lines, ``body_line`` the 1-based first line after the
    frontmatter."""
    questions: list[Question] = []
    used: set[str] = set()  # keys and anchors given so far
    callout = 0
    after = 0  # index of the first line not yet read as part of a callout
    for at in _openers(masked):
        index = _line_index(line_starts, at)
        if index < after or not QUESTION_CALLOUT_LINE.fullmatch(masked, line_starts[index], at + len("[!question]")):
            continue
        if not _starts_block(lines, index, body_line - 1):
            continue
        title = CALLOUT.match(lines[index])
        if title is None or title["type"].lower() != QUESTION_TYPE:
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        questions += _items(lines, index + 1, end, callout, used)
        callout += 1
        after = end
    return tuple(questions)


def _openers(masked: str):
    """Offsets of each ``[!`` in the masked text."""
    at = masked.find(CALLOUT_OPENER)
    while at >= 0:
        yield at
        at = masked.find(CALLOUT_OPENER, at + 1)


def _line_index(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _starts_block(lines: list[str], index: int, body: int) -> bool:
    """Whether line ``index`` starts a block: the body's first line, or after a blank line or a heading."""
    if index <= body:
        return index == body
    before = lines[index - 1]
    return not before.strip() or ATX_LINE.match(before) is not None


def _items(lines: list[str], first: int, end: int, callout: int, used: set[str]) -> list[Question]:
    """The top-level list items among lines ``first`` to ``end`` (a callout's content)."""
    found: list[tuple[int, int, list[str]]] = []  # (line index, column, Markdown lines)
    top: int | None = None  # indentation of the top-level items
    content_column = 0  # where the current item's text starts, after the quote marker
    for index in range(first, end):
        written = without_comments(lines[index])
        quote = LINE_QUOTE_MARKER.match(written)
        inner = written[quote.end():] if quote else written  # a line without `>` goes on lazily
        item = LIST_MARKER.match(inner)
        width = indent_width(item["indent"]) if item else 0
        if item and (top is None or width < top + 2):
            top = width if top is None else top
            content_column = len(item[0].expandtabs(4))
            column = (quote.end() if quote else 0) + len(item["indent"]) + 1
            found.append((index, column, [inner[item.end():]]))
        elif found:
            expanded = inner.expandtabs(4)
            lead = len(expanded) - len(expanded.lstrip(" "))
            found[-1][2].append(expanded[min(lead, content_column):])
    return [_question(index, column, text_lines, callout, used) for index, column, text_lines in found]


def _question(index: int, column: int, text_lines: list[str], callout: int, used: set[str]) -> Question:
    text = "\n".join(text_lines).strip()
    marker = DIFFICULTY.match(text)
    difficulty = marker["level"].upper() if marker else None
    if marker:
        text = text[marker.end():].lstrip()
    block = BLOCK_ID_AT_END.search(text_lines[0].rstrip()) if "^" in text_lines[0] else None
    if block is not None:
        text = _without_block_id(text)
    key = _unique(text_hash(text), used)
    # `- [E] question ^id`: the page gives the item the block's id; else ours.
    anchor = "^" + block["id"] if block is not None else ANCHOR_PREFIX + key
    return Question(index + 1, column, difficulty, text, anchor, callout, key)


def _without_block_id(text: str) -> str:
    first, _, rest = text.partition("\n")
    m = BLOCK_ID_AT_END.search(first)
    first = first[: m.start()].rstrip() if m else first
    return first + ("\n" + rest if rest else "")


def _unique(key: str, used: set[str]) -> str:
    """The key, with -2, -3... when the note has it already (the same question twice)."""
    candidate, n = key, 1
    while candidate in used:
        n += 1
        candidate = f"{key}-{n}"
    used.add(candidate)
    return candidate

