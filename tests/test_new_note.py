"""`make new NAME=...` / scripts/commands/new_note.py: a note from the template, in the right place,
under a name Obsidian allows and no note or alias already has."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from vault_edit.create import create_note
from vault_edit.names import Refusal, note_path
from vault_edit.templates import fill, format_moment

NEW_NOTE = ROOT / "scripts" / "commands" / "new_note.py"
WHEN = datetime.datetime(2024, 3, 5, 14, 7, 9)
TEMPLATE = "---\ntitle: {{title}}\ncreated: {{date}}\n---\n\n# {{title}}\n\nWritten at {{time}}.\n"

EXISTING = {
    "Feature store.md": "---\naliases: [FS, Merkmalsspeicher]\n---\n# Feature store\n",
    "ml/Café.md": "# Café\n",  # NFC
    "drafts/Secret.md": "---\ndraft: true\n---\n# Secret\n",
    "templates/Note.md": TEMPLATE,
}


def make_vault(root: Path, files: dict[str, str] = EXISTING) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("YYYY-MM-DD", "2024-03-05"),
        ("DD.MM.YY", "05.03.24"),
        ("D/M/YYYY", "5/3/2024"),
        ("dddd, MMMM Do YYYY", "Tuesday, March 5th 2024"),
        ("ddd MMM D", "Tue Mar 5"),
        ("HH:mm:ss", "14:07:09"),
        ("h:mm A", "2:07 PM"),
        ("hh a", "02 pm"),
        ("[Week of] YYYY", "Week of 2024"),
        ("YYYYMMDDHHmm", "202403051407"),
    ],
)
def test_moment_formats(pattern: str, expected: str) -> None:
    assert format_moment(pattern, WHEN) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("# {{title}}", "# Feature store"),
        ("{{date}} {{time}}", "2024-03-05 14:07"),
        ("{{ Title }} / {{DATE}}", "Feature store / 2024-03-05"),
        ("{{date:YYYY}} {{time:HH}}", "2024 14"),
        ("{{date:}}", "2024-03-05"),
        ("{{tags}} and {{title", "{{tags}} and {{title"),  # not placeholders of core Templates
    ],
)
def test_fill(template: str, expected: str) -> None:
    assert fill(template, "Feature store", WHEN) == expected


def test_fill_with_the_vault_formats() -> None:
    assert fill("{{date}} {{time}}", "x", WHEN, "DD.MM.YYYY", "h:mm a") == "05.03.2024 2:07 pm"


@pytest.mark.parametrize(
    ("name", "base_folder", "expected"),
    [
        ("Feature store", "", "Feature store.md"),
        ("Feature store.md", "", "Feature store.md"),
        ("ml/Feature store", "", "ml/Feature store.md"),
        ("ml/deep/Two-tower model", "", "ml/deep/Two-tower model.md"),
        ("Idea", "Inbox", "Inbox/Idea.md"),
        ("ml/Idea", "Inbox", "ml/Idea.md"),
        ("./Idea", "Inbox", "Idea.md"),
        ("Präzision & Recall (2024)", "", "Präzision & Recall (2024).md"),
        ("  padded  ", "", "padded.md"),
    ],
)
def test_note_path(name: str, base_folder: str, expected: str) -> None:
    assert note_path(name, base_folder) == expected


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "is empty"),
        ("a*b", "contains '*'"),
        ('a"b', "contains '\"'"),
        ("a\\b", "contains '\\\\'"),
        ("a<b>", "contains '<>'"),
        ("a:b", "contains ':'"),
        ("a|b", "contains '|'"),
        ("a?b", "contains '?'"),
        ("C# notes", "contains '#'"),
        ("x^2", "contains '^'"),
        ("[draft] idea", "contains '[]'"),
        (".hidden", "starts with '.'"),
        ("ml/.hidden", "starts with '.'"),
        ("Etc.", "ends with '.'"),
        ("ml//Idea", "is empty"),
        ("ml/ Idea", "starts or ends with a space"),
        ("../Idea", "'..' is not allowed"),
        ("/abs/Idea", "not an absolute path"),
        ("https://example.com/x", "not an absolute path or URL"),
    ],
)
def test_forbidden_names_are_refused(name: str, reason: str) -> None:
    with pytest.raises(Refusal) as refused:
        note_path(name)
    assert reason in str(refused.value)


def test_creates_the_note_from_the_template(tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    assert create_note(str(vault), "Model registry", now=WHEN) == "Model registry.md"
    assert (vault / "Model registry.md").read_text(encoding="utf-8") == (
        "---\ntitle: Model registry\ncreated: 2024-03-05\n---\n\n# Model registry\n\nWritten at 14:07.\n"
    )


def test_a_folder_in_the_name_is_created(tmp_path: Path) -> None:
    vault = make_vault(tmp_path)
    assert create_note(str(vault), "serving/online/Model registry", now=WHEN) == "serving/online/Model registry.md"
    assert (vault / "serving/online/Model registry.md").read_text(encoding="utf-8").startswith("---\ntitle: Model registry\n")


def test_obsidian_settings_choose_folder_template_and_formats(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, {
        ".obsidian/app.json": json.dumps({"newFileLocation": "folder", "newFileFolderPath": "Inbox"}),
        ".obsidian/templates.json": json.dumps({"folder": "Meta/Templates", "dateFormat": "DD.MM.YYYY"}),
        "Meta/Templates/Note.md": "{{title}} {{date}}",
    })
    assert create_note(str(vault), "Idea", now=WHEN) == "Inbox/Idea.md"
    assert (vault / "Inbox/Idea.md").read_text(encoding="utf-8") == "Idea 05.03.2024"
    assert create_note(str(vault), "./Top idea", now=WHEN) == "Top idea.md"


def test_template_line_endings_and_bom(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, {})
    (vault / "templates").mkdir()
    (vault / "templates" / "Note.md").write_bytes(b"\xef\xbb\xbf# {{title}}\r\n\r\nText\r\n")
    create_note(str(vault), "Windows", now=WHEN)
    assert (vault / "Windows.md").read_bytes() == b"# Windows\r\n\r\nText\r\n"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Feature store", "a note named 'Feature store' already exists: Feature store.md"),
        ("feature STORE", "a note named 'Feature store' already exists"),
        ("elsewhere/Feature store", "a note named 'Feature store' already exists"),
        ("FS", "'FS' is already an alias of Feature store.md"),
        ("merkmalsspeicher", "is already an alias of Feature store.md"),
        ("Cafe\u0301", "a note named 'Café' already exists: ml/Café.md"),  # NFD spelling
        ("Secret", "a note named 'Secret' already exists: drafts/Secret.md"),  # drafts count
        ("Note", "a note named 'Note' already exists: templates/Note.md"),
    ],
)
def test_taken_names_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    vault = make_vault(tmp_path)
    before = tree(vault)
    with pytest.raises(Refusal) as refused:
        create_note(str(vault), name, now=WHEN)
    assert reason in str(refused.value)
    assert tree(vault) == before


def test_missing_template_is_refused(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, {"A.md": "# A\n"})
    with pytest.raises(Refusal, match=r"templates/Note\.md does not exist"):
        create_note(str(vault), "B", now=WHEN)
    assert not (vault / "B.md").exists()


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, **env)
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=environment, timeout=120)


def test_cli_prints_the_path_and_exit_codes(tmp_path: Path) -> None:
    vault = make_vault(tmp_path / "vault")
    made = run(sys.executable, str(NEW_NOTE), "ml/Batch scoring", "--vault", str(vault))
    assert (made.returncode, made.stdout.strip(), made.stderr) == (0, f"{vault}/ml/Batch scoring.md", "")
    today = datetime.date.today().isoformat()
    assert f"created: {today}\n" in (vault / "ml/Batch scoring.md").read_text(encoding="utf-8")
    again = run(sys.executable, str(NEW_NOTE), "batch scoring", "--vault", str(vault))
    assert again.returncode == 2
    assert again.stderr == "new_note.py: error: cannot create batch scoring.md: a note named 'Batch scoring' already exists: ml/Batch scoring.md\n"
    bad = run(sys.executable, str(NEW_NOTE), "What?", "--vault", str(vault))
    assert bad.returncode == 2 and "contains '?', which Obsidian forbids in names" in bad.stderr


def test_make_new(tmp_path: Path) -> None:
    """The Makefile target (with the venv taken as up to date: -o never rebuilds it)."""
    vault = make_vault(tmp_path / "vault")
    stamp = "-o.venv/.installed"
    made = run("make", "--no-print-directory", stamp, "new", "NAME=ml/Feature crosses", DOCS_DIR=str(vault))
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"{vault}/ml/Feature crosses.md"
    missing = run("make", "--no-print-directory", stamp, "new", DOCS_DIR=str(vault))
    assert missing.returncode != 0
    assert 'give the note a name: make new NAME="Note name"' in missing.stderr
    taken = run("make", "--no-print-directory", stamp, "new", "NAME=fs", DOCS_DIR=str(vault))
    assert taken.returncode != 0 and "'fs' is already an alias of Feature store.md" in taken.stderr
