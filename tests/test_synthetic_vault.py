"""The synthetic vault (scripts/bench/synthetic_vault.py) is deterministic and correct: every link resolves."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from bench.synthetic_vault import FORBIDDEN, generate, main
from vault import Vault

N_NOTES = 60


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("vault")
    generate(str(root), N_NOTES, seed=0)
    return root


@pytest.fixture(scope="module")
def vault(generated: Path) -> Vault:
    return Vault.load(str(generated))


def test_same_seed_same_bytes(generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(str(again), N_NOTES, seed=0)
    assert tree(again) == tree(generated)


def test_other_seed_other_vault(generated: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(str(other), N_NOTES, seed=1)
    assert tree(other) != tree(generated)


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.md").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(str(tmp_path), 5)


def test_cli(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "cli"), "--notes", "5", "--seed", "3"]) == 0
    assert "5 notes" in capsys.readouterr().out
    assert len(list((tmp_path / "cli").rglob("*.md"))) == 5 + 1  # notes and index.md


def test_note_count_folders_home_and_attachments(generated: Path) -> None:
    notes = [p for p in generated.rglob("*.md") if p.relative_to(generated).as_posix() != "index.md"]
    assert len(notes) == N_NOTES
    assert (generated / "index.md").is_file()
    assert all(len(p.relative_to(generated).parts) in (2, 3) for p in notes)  # in folders 1-2 levels deep
    folders = {p.parent for p in notes}
    assert 3 <= len(folders) <= 6  # about sqrt(60) / 2
    images = list((generated / "attachments").iterdir())
    assert images and all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in images)


def test_names_are_valid_and_unique(generated: Path) -> None:
    seen: dict[str, str] = {}
    for path in generated.rglob("*"):
        for part in path.relative_to(generated).parts:
            assert part == part.strip() and not part.startswith("."), part
            assert not set(part) & FORBIDDEN, part
        if path.suffix == ".md":
            key = unicodedata.normalize("NFC", path.stem).casefold()
            assert key not in seen, (path, seen.get(key))
            seen[key] = str(path)


def test_notes_look_real(generated: Path, vault: Vault) -> None:
    notes = [n for n in vault.notes.values() if n.path != "index.md"]
    mean = sum(len(n.text.encode()) for n in notes) / len(notes)
    assert 3000 <= mean <= 4500, mean
    everything = "\n".join(n.text for n in notes)
    for needle in (
        "np.array([[1, 2], [3, 4]])", "`[[not a link]]`", "%%comment with [[x]]", "> [!tip] ", "> [!note]- ",
        "==", "\n$$\n", "```mermaid", "\\|", "Präzision & Recall", "\n\t- ", "\n  - ",
    ):
        assert needle in everything, needle
    # A list starts on the line right after a paragraph line.
    assert re.search(r"^[A-Z][^\n]*:\n- ", everything, re.M)
    # Some heading text repeats within a note.
    assert any(len({h.title for h in n.headings}) < len(n.headings) for n in notes)


def test_every_note_has_enough_links(vault: Vault) -> None:
    for note in vault.notes.values():
        assert len(note.links) >= 8, (note.path, len(note.links))


def test_every_link_resolves_unambiguously(vault: Vault) -> None:
    assert vault.problems == []
    reports = list(vault.link_reports())
    broken = [(r.note.path, r.link.link.raw, r.resolution.problem) for r in reports if not r.resolution.ok]
    ambiguous = [(r.note.path, r.link.link.raw) for r in reports if r.resolution.ambiguous]
    assert broken == []
    assert ambiguous == []


def test_every_link_form_is_used(vault: Vault) -> None:
    reports = list(vault.link_reports())
    links = [r.link.link for r in reports]
    forms = {
        "plain": any(not l.embed and l.path and not l.headings and l.block is None and l.label is None and "/" not in l.path for l in links),
        "label": any(l.label and not l.embed and "\\|" not in l.raw for l in links),
        "table": any("\\|" in l.raw for l in links),
        "heading": any(len(l.headings) == 1 and l.path and not l.embed for l in links),
        "nested headings": any(len(l.headings) == 2 for l in links),
        "same note": any(not l.path and l.headings for l in links),
        "block": any(l.block for l in links),
        "folder path": any("/" in l.path and not l.embed for l in links),
        "alias": any(r.resolution.by_alias for r in reports),
        "image": any(l.embed and l.path.endswith(".png") and l.label is None for l in links),
        "image width": any(l.embed and l.image_size for l in links),
        "note embed": any(l.embed and r.resolution.note is not None and not l.headings for l, r in zip(links, reports)),
        "section embed": any(l.embed and l.headings for l in links),
    }
    assert [form for form, used in forms.items() if not used] == []
    # Nested heading links point at the repeated heading too, and some headings are not ASCII.
    assert any(r.resolution.heading is not None and not r.resolution.heading.title.isascii() for r in reports)


def test_transclusions_do_not_nest_deeply(vault: Vault) -> None:
    def depth(note, seen=()) -> int:
        assert note.path not in seen, "transclusion cycle"
        embeds = [vault.resolve(l.link, note).note for l in note.links if l.link.embed]
        return 1 + max((depth(n, seen + (note.path,)) for n in embeds if n is not None), default=0)

    assert max(depth(n) for n in vault.notes.values()) <= 3
