"""scripts/commands/rename_note.py: rename or move a note and rewrite every link and embed to it, as
Obsidian does; refuse collisions and forbidden names; code and alias links stay as written."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from bench.synthetic_vault import generate
from vault import Vault
from vault.checks import ERROR, check
from vault.graph import edges
from vault_edit.names import Refusal
from vault_edit.rename import perform, plan

RENAME = ROOT / "scripts" / "commands" / "rename_note.py"
CHECKER = ROOT / "scripts" / "commands" / "check_links.py"

OLD_NOTE = "---\naliases: [Ancient]\n---\n# Old\n\n## Section A\n\n### Deep\n\nA paragraph. ^blk\n\nSee [[#Section A]] and [[Old#Deep]] and [[Sibling]].\n"
BASE = {
    "notes/Old.md": OLD_NOTE,
    "notes/Sibling.md": "---\naliases: [Sib]\n---\n# Sibling\n\n[[Old]]\n",
    "Top.md": "# Top\n",
    "a/Twin.md": "# Twin\n",
    "b/Twin.md": "# Twin\n",
    "drafts/Draft.md": "---\ndraft: true\n---\nSee [[Old#^blk]].\n",
}


def make_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    for path, content in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (root / path).write_bytes(content)
        else:
            (root / path).write_bytes(content.encode("utf-8"))
    (root / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def rename(root: Path, old: str, new: str):
    done = plan(str(root), old, new)
    perform(done)
    return done


# (written in Hub.md at the vault root, after renaming Old to New in its folder, after moving it to archive/New)
LINK_CASES = [
    ("[[Old]]", "[[New]]", "[[New]]"),
    ("[[Old|the old one]]", "[[New|the old one]]", "[[New|the old one]]"),
    ("[[old]]", "[[New]]", "[[New]]"),
    ("[[Old#Section A]]", "[[New#Section A]]", "[[New#Section A]]"),
    ("[[Old#Section A#Deep]]", "[[New#Section A#Deep]]", "[[New#Section A#Deep]]"),
    ("[[Old#^blk|see]]", "[[New#^blk|see]]", "[[New#^blk|see]]"),
    ("![[Old]]", "![[New]]", "![[New]]"),
    ("![[Old#Section A]]", "![[New#Section A]]", "![[New#Section A]]"),
    ("[[notes/Old]]", "[[notes/New]]", "[[archive/New]]"),
    ("[[Old.md]]", "[[New.md]]", "[[New.md]]"),
    ("[[notes/Old.md#Deep|x]]", "[[notes/New.md#Deep|x]]", "[[archive/New.md#Deep|x]]"),
    ("[[./notes/Old]]", "[[./notes/New]]", "[[./archive/New]]"),
    ("[[ Old | spaced ]]", "[[ New | spaced ]]", "[[ New | spaced ]]"),
    ("[[Old]] then [[Old#Deep]], [[Sibling]] and ![[Old#^blk]]",
     "[[New]] then [[New#Deep]], [[Sibling]] and ![[New#^blk]]",
     "[[New]] then [[New#Deep]], [[Sibling]] and ![[New#^blk]]"),
    ("| h | k |\n| --- | --- |\n| a | [[Old\\|text]] |",
     "| h | k |\n| --- | --- |\n| a | [[New\\|text]] |",
     "| h | k |\n| --- | --- |\n| a | [[New\\|text]] |"),
    ("- item with [[Old]]\n\t- nested [[Old#Deep]]", "- item with [[New]]\n\t- nested [[New#Deep]]",
     "- item with [[New]]\n\t- nested [[New#Deep]]"),
    ("> [!tip] See [[Old]]", "> [!tip] See [[New]]", "> [!tip] See [[New]]"),
    # Markdown links, each in its own style: encoded or in <...>, with or without .md
    ("[the old](notes/Old.md)", "[the old](notes/New.md)", "[the old](archive/New.md)"),
    ("[the old](Old)", "[the old](New)", "[the old](New)"),
    ("[deep](notes/Old.md#Deep \"t\")", "[deep](notes/New.md#Deep \"t\")", "[deep](archive/New.md#Deep \"t\")"),
    ("[x](<notes/Old.md#Section A>)", "[x](<notes/New.md#Section A>)", "[x](<archive/New.md#Section A>)"),
    ("![embed](Old.md)", "![embed](New.md)", "![embed](New.md)"),
    ("[rooted](/notes/Old.md)", "[rooted](/notes/New.md)", "[rooted](/archive/New.md)"),
    ("`[x](Old.md)` and [w](https://example.org/Old.md)", "`[x](Old.md)` and [w](https://example.org/Old.md)",
     "`[x](Old.md)` and [w](https://example.org/Old.md)"),
    # stay as written: an alias, other notes, an attachment, links that are not links
    ("[[Ancient]]", "[[Ancient]]", "[[Ancient]]"),
    ("[[Ancient#Deep|x]]", "[[Ancient#Deep|x]]", "[[Ancient#Deep|x]]"),
    ("[[Top]] ![[img.png|200]]", "[[Top]] ![[img.png|200]]", "[[Top]] ![[img.png|200]]"),
    ("Code: `[[Old]]`", "Code: `[[Old]]`", "Code: `[[Old]]`"),
    ("```\n[[Old]]\n```", "```\n[[Old]]\n```", "```\n[[Old]]\n```"),
    ("    [[Old]] indented code", "    [[Old]] indented code", "    [[Old]] indented code"),
    ("%%[[Old]]%%", "%%[[Old]]%%", "%%[[Old]]%%"),
    ("$x_{[[Old]]}$", "$x_{[[Old]]}$", "$x_{[[Old]]}$"),
]



def test_a_markdown_link_is_rewritten_with_its_encoding(tmp_path: Path) -> None:
    root = make_vault(tmp_path, {**BASE, "notes/Hub.md": "# Hub\n\n[s](Old.md) and [d](<Old.md#Deep>)\n"})
    rename(root, "Old", "New name")
    assert (root / "notes/Hub.md").read_text(encoding="utf-8") == "# Hub\n\n[s](New%20name.md) and [d](<New name.md#Deep>)\n"


@pytest.mark.parametrize(("written", "renamed", "moved"), LINK_CASES)
def test_links_to_the_note_are_rewritten(tmp_path: Path, written: str, renamed: str, moved: str) -> None:
    for new, expected in (("New", renamed), ("archive/New", moved)):
        root = make_vault(tmp_path / new.replace("/", "-"), {**BASE, "Hub.md": f"# Hub\n\n{written}\n"})
        rename(root, "Old", new)
        assert (root / "Hub.md").read_text(encoding="utf-8") == f"# Hub\n\n{expected}\n"


@pytest.mark.parametrize(
    ("new", "path", "inside"),
    [
        ("New", "notes/New.md", "See [[#Section A]] and [[New#Deep]] and [[Sibling]].\n"),
        ("archive/New", "archive/New.md", "See [[#Section A]] and [[New#Deep]] and [[Sibling]].\n"),
        ("./New", "New.md", "See [[#Section A]] and [[New#Deep]] and [[Sibling]].\n"),
        ("old", "notes/old.md", "See [[#Section A]] and [[old#Deep]] and [[Sibling]].\n"),  # case only
    ],
)
def test_the_file_moves_and_its_own_links_follow(tmp_path: Path, new: str, path: str, inside: str) -> None:
    root = make_vault(tmp_path, BASE)
    done = rename(root, "Old", new)
    assert done.new == path
    assert sorted(p for p in tree(root) if p.endswith(".md")) == sorted(
        p if p != "notes/Old.md" else path for p in BASE
    )
    assert (root / path).read_text(encoding="utf-8") == OLD_NOTE.replace(
        "See [[#Section A]] and [[Old#Deep]] and [[Sibling]].\n", inside
    )
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    assert (root / "notes/Sibling.md").read_text(encoding="utf-8").endswith(f"[[{stem}]]\n")
    assert (root / "drafts/Draft.md").read_text(encoding="utf-8").endswith(f"See [[{stem}#^blk]].\n")  # drafts too


def test_links_from_the_moved_note_keep_their_targets(tmp_path: Path) -> None:
    """Relative paths and the same-folder tie-break depend on where the note is."""
    root = make_vault(tmp_path, {
        **BASE,
        "notes/Twin.md": "# Twin\n",
        "notes/Old.md": "[[Twin]] [[../Top]] [[./Sibling|sib]] [[Top]] [[a/Twin]] ![[img.png]]\n",
    })
    rename(root, "notes/Old.md", "archive/deep/New")
    assert (root / "archive/deep/New.md").read_text(encoding="utf-8") == (
        "[[notes/Twin]] [[../../Top]] [[../../notes/Sibling|sib]] [[Top]] [[a/Twin]] ![[img.png]]\n"
    )


@pytest.mark.parametrize("old", ["notes/Old.md", "notes/Old", "Old", "old", "OLD.md", "Ancient"])
def test_old_is_a_path_or_a_name_resolved_like_a_link(tmp_path: Path, old: str) -> None:
    root = make_vault(tmp_path, BASE)
    assert plan(str(root), old, "New").old == "notes/Old.md"


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("Old", "Sibling", "cannot rename notes/Old.md to notes/Sibling.md: a note named 'Sibling' already exists: notes/Sibling.md"),
        ("Old", "SIBLING", "a note named 'Sibling' already exists"),
        ("Old", "elsewhere/sibling", "a note named 'Sibling' already exists"),
        ("Old", "Sib", "'Sib' is already an alias of notes/Sibling.md"),
        ("Old", "Top", "a note named 'Top' already exists: Top.md"),
        ("Old", "Draft", "a note named 'Draft' already exists: drafts/Draft.md"),
        ("Old", "Bad: name", "the name 'Bad: name' contains ':', which Obsidian forbids in names"),
        ("Old", "C# notes", "contains '#'"),
        ("Old", "x|y", "contains '|'"),
        ("Old", "x^y", "contains '^'"),
        ("Old", "[x]", "contains '[]'"),
        ("Old", ".hidden", "starts with '.'"),
        ("Old", "", "is empty"),
        ("Old", "../up", "'..' is not allowed"),
        ("Old", "Old", "notes/Old.md already has that name"),
        ("Nope", "New", "no note named 'Nope'"),
        ("Olf", "New", "no note named 'Olf'; did you mean \"Old\"?"),
        ("Twin", "New", "'Twin' is ambiguous: a/Twin.md, b/Twin.md; give the path of the one to rename"),
        ("img.png", "New", "'img.png' is the file img.png, not a note"),
    ],
)
def test_refusals_change_nothing(tmp_path: Path, old: str, new: str, reason: str) -> None:
    root = make_vault(tmp_path, {**BASE, "Hub.md": "[[Old]]\n"})
    before = tree(root)
    with pytest.raises(Refusal) as refused:
        plan(str(root), old, new)
    assert reason in str(refused.value)
    assert tree(root) == before


def test_a_name_taken_in_another_unicode_form_is_refused(tmp_path: Path) -> None:
    root = make_vault(tmp_path, {**BASE, "Café.md": "# Café\n"})
    with pytest.raises(Refusal, match="a note named 'Café' already exists: Café.md"):
        plan(str(root), "Old", "Cafe\u0301")


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    crlf = "\ufeff# Hub\r\n\r\n```\r\n[[Old]]\r\n```\r\n\r\nSee [[Old|it]] and [[Old#Deep]].\r\nNo newline at the end: [[old]]"
    root = make_vault(tmp_path, {**BASE, "Hub.md": crlf.encode("utf-8")})
    rename(root, "Old", "New")
    assert (root / "Hub.md").read_bytes() == (
        "\ufeff# Hub\r\n\r\n```\r\n[[Old]]\r\n```\r\n\r\nSee [[New|it]] and [[New#Deep]].\r\nNo newline at the end: [[New]]"
    ).encode("utf-8")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    root = make_vault(tmp_path, {**BASE, "Latin.md": "Caf\xe9 [[Old]]\n".encode("latin-1")})
    before = tree(root)
    with pytest.raises(Refusal, match="Latin.md: not valid UTF-8"):
        plan(str(root), "Old", "New")
    assert tree(root) == before


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RENAME), *args], capture_output=True, text=True, timeout=120)


def test_dry_run_prints_each_change_and_writes_nothing(tmp_path: Path) -> None:
    root = make_vault(tmp_path, {**BASE, "Hub.md": "# Hub\n\n[[Ancient]] and [[Old|x]], ![[Old#Deep]]\n"})
    before = tree(root)
    result = run("Old", "archive/New", "--vault", str(root), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{root}/Hub.md:3:17: [[Old|x]] -> [[New|x]]",
        f"{root}/Hub.md:3:28: ![[Old#Deep]] -> ![[New#Deep]]",
        f"{root}/drafts/Draft.md:4:5: [[Old#^blk]] -> [[New#^blk]]",
        f"{root}/notes/Old.md:12:24: [[Old#Deep]] -> [[New#Deep]]",
        f"{root}/notes/Sibling.md:6:1: [[Old]] -> [[New]]",
        f"would rename {root}/notes/Old.md -> {root}/archive/New.md: 5 links in 4 notes",
    ]
    assert tree(root) == before
    done = run("Old", "archive/New", "--vault", str(root))
    assert done.returncode == 0
    assert done.stdout.splitlines()[:-1] == result.stdout.splitlines()[:-1]
    assert done.stdout.splitlines()[-1] == f"renamed {root}/notes/Old.md -> {root}/archive/New.md: 5 links in 4 notes"
    assert (root / "Hub.md").read_text(encoding="utf-8") == "# Hub\n\n[[Ancient]] and [[New|x]], ![[New#Deep]]\n"


def test_cli_refusal_exits_2(tmp_path: Path) -> None:
    root = make_vault(tmp_path, BASE)
    before = tree(root)
    result = run("Old", "Sibling", "--vault", str(root))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "rename_note.py: error: cannot rename notes/Old.md to notes/Sibling.md: "
        "a note named 'Sibling' already exists: notes/Sibling.md\n"
    )
    assert tree(root) == before


def test_broken_links_that_the_new_name_resolves_are_reported(tmp_path: Path) -> None:
    root = make_vault(tmp_path, {**BASE, "Hub.md": "[[Old]] and [[New]] (not written yet)\n"})
    result = run("Old", "New", "--vault", str(root))
    assert result.returncode == 0
    assert "rename_note.py: note: Hub.md ([[New]]) did not resolve and will link to notes/New.md" in result.stderr


# -- a whole synthetic vault -------------------------------------------------------------------


def resolved(vault: Vault, old: str = "", new: str = "") -> Counter:
    """Every link as (source, target, anchor, problem), the renamed note counted as new."""
    def named(path):
        return new if path == old else path

    found = Counter()
    for report in vault.link_reports():
        target = report.resolution.note or report.resolution.attachment
        found[(named(report.note.path), named(target.path) if target else None, report.resolution.anchor, report.resolution.problem)] += 1
    return found


def most_linked(vault: Vault) -> str:
    counts = Counter(r.resolution.note.path for r in vault.link_reports()
                     if r.resolution.ok and r.resolution.note is not None and r.note is not r.resolution.note)
    aliased = {n.path for n in vault.notes.values() if n.aliases}
    return next(path for path, _ in counts.most_common() if path in aliased)


@pytest.mark.parametrize("new", ["Renamed note", "Elsewhere/Deeper/Renamed note"])
def test_synthetic_vault_stays_clean_and_keeps_its_graph(tmp_path: Path, new: str) -> None:
    root = tmp_path / "vault"
    generate(str(root), 60, seed=4)
    before = Vault.load(str(root))
    old = most_linked(before)
    findings_before = check(before)
    assert not [f for f in findings_before if f.kind == ERROR]

    done = rename(root, old, new)
    after = Vault.load(str(root))
    assert old not in after.notes and done.new in after.notes
    assert len(done.changes) >= 5
    forms = {c.old for c in done.changes}
    assert any("#" in f for f in forms) and any("|" in f for f in forms) and any("/" in f for f in forms)

    def through_aliases(vault: Vault, path: str) -> Counter:
        return Counter(r.link.link.raw for r in vault.link_reports() if r.resolution.by_alias and r.resolution.note.path == path)

    assert through_aliases(before, old) and through_aliases(after, done.new) == through_aliases(before, old)
    rename_path = {old: done.new}
    assert edges(after) == sorted((rename_path.get(s, s), rename_path.get(t, t)) for s, t in edges(before))
    assert resolved(after) == resolved(before, old, done.new)
    assert Counter((f.path, f.kind) for f in check(after)) == Counter((rename_path.get(f.path, f.path), f.kind) for f in findings_before)
    checker = subprocess.run([sys.executable, str(CHECKER), str(root)], capture_output=True, text=True, timeout=300)
    assert checker.returncode == 0, checker.stdout
    assert checker.stdout.splitlines()[-1].startswith("0 errors, ")
