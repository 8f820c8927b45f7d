"""Unit tables for the edges of reading a vault: decoding, symbolic links, paths that differ
only by case or normalization, and the order the site's files are handed to MkDocs."""

from __future__ import annotations

import os
import unicodedata

import pytest

from vault_plugin.mkdocs_internals import walk_order
from vault import Vault
from vault.checks import check
from vault.model import decode

NFC, NFD = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")


@pytest.mark.parametrize("data, text, problem", [
    (b"plain\n", "plain\n", None),
    (b"\xef\xbb\xbfwith BOM\n", "with BOM\n", None),
    (b"a\r\nb\r\n", "a\r\nb\r\n", None),
    (b"ok\nCaf\xe9\n", "ok\nCaf\ufffd\n", (2, "invalid UTF-8 at line 2 (byte 6); shown with replacement characters")),
    (b"one\ntwo\nx\x00y\x00\n", "one\ntwo\nx\ufffdy\ufffd\n", (3, "NUL character at line 3 (not text); shown as a replacement character")),
    (b"\xff\n\x00\n", "\ufffd\n\ufffd\n", (1, "invalid UTF-8 at line 1 (byte 0); shown with replacement characters")),
])
def test_decode(data, text, problem):
    assert decode(data) == (text, problem)


def make(root, entries: dict[str, str | None]) -> None:
    """{path: text} files, {path: "-> target"} symbolic links, {path: None} folders."""
    for path, value in entries.items():
        full = root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            full.mkdir(exist_ok=True)
        elif value.startswith("-> "):
            os.symlink(value[3:].replace("$OUT", str(root.parent / "out")), full)
        else:
            full.write_text(value, encoding="utf-8")


@pytest.mark.parametrize("entries, notes, problems", [
    ({"a.md": "a", "loop": "-> ."}, ["a.md"],
     [("loop", "unreadable", "symbolic link loop: points to '.', a folder that contains it: not followed")]),
    ({"x/a.md": "a", "x/y/up": "-> .."}, ["x/a.md"],
     [("x/y/up", "unreadable", "symbolic link loop: points to 'x', a folder that contains it: not followed")]),
    ({"x/a.md": "a", "again": "-> x"}, ["x/a.md"],
     [("again", "unreadable", "symbolic link to the vault's folder 'x': not followed (its notes are read at their own path)")]),
    ({"a.md": "a", "same.md": "-> a.md"}, ["a.md", "same.md"], []),
    ({"gone.md": "-> nowhere.md"}, [], [("gone.md", "unreadable", "broken symbolic link")]),
    ({"secret.md": "-> $OUT/secret.md"}, [],
     [("secret.md", "outside-vault", "symbolic link to $OUT/secret.md, a file outside the vault: not read")]),
    ({"folder": "-> $OUT"}, [], [("folder", "outside-vault", "symbolic link to $OUT, a folder outside the vault: not read")]),
])
def test_symbolic_links(tmp_path, entries, notes, problems):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "secret.md").write_text("SECRET", encoding="utf-8")
    vault_root = tmp_path / "vault"
    vault_root.mkdir()
    make(vault_root, entries)
    vault = Vault.load(str(vault_root))
    assert sorted(vault.notes) == notes
    out = os.path.realpath(tmp_path / "out")
    assert [(p.path, p.kind, p.message) for p in vault.problems] == [(path, kind, message.replace("$OUT", out)) for path, kind, message in problems]


@pytest.mark.parametrize("names, flagged", [
    (["Case.md", "case.md"], [("case.md", "'Case.md'")]),
    ([f"{NFC}.md", f"{NFD}.md"], [(f"{NFC}.md", f"'{NFD}.md'")]),
    (["a/Pic.png", "a/pic.PNG"], [("a/pic.PNG", "'a/Pic.png'")]),
    (["a/Same.md", "b/same.md"], []),  # other folders: same name, not same path
    (["Note.md", "Note.md.png"], []),
])
def test_path_collisions(names, flagged):
    notes = {n: "text" for n in names if n.endswith(".md")}
    vault = Vault.from_texts(notes, attachments=tuple(n for n in names if not n.endswith(".md")))
    found = [(f.path, f.message.split(" has ")[0]) for f in check(vault) if f.kind == "path-collision"]
    assert found == flagged


def test_walk_order_is_mkdocs_order():
    paths = ["b.md", "a/z.md", "README.md", "a/index.md", "a/b/c.md", "index.md", "Z.md", "a/README.md"]
    assert sorted(paths, key=walk_order) == ["README.md", "index.md", "Z.md", "b.md", "a/README.md", "a/index.md", "a/z.md", "a/b/c.md"]
