"""Block ids: `^id` at the end of a block, or alone on the line after it."""

import pytest

from vault import Vault


def blocks(text: str) -> dict[str, tuple[int, int]]:
    note = Vault.from_texts({"n.md": text}).notes["n.md"]
    return {b.id: (b.first_line, b.last_line) for b in note.blocks.values()}


CASES = [
    ("end of paragraph", "first line\nsecond line ^abc", {"abc": (1, 2)}),
    ("alone after a blank line names the block before", "- a\n- b\n\n^list-1", {"list-1": (1, 2)}),
    ("alone right after the block", "para\n^p1", {"p1": (1, 1)}),
    ("digits and dashes", "x ^2024-q1", {"2024-q1": (1, 1)}),
    ("needs a space before", "x^abc", {}),
    ("not in code", "```\ntext ^abc\n```", {}),
    ("not in inline code", "`a ^abc`", {}),
    ("only at the end", "a ^abc b", {}),
    ("table", "| a |\n|---|\n| 1 |\n\n^tbl", {"tbl": (1, 3)}),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_block_ids(name, text, expected):
    assert blocks(text) == expected
