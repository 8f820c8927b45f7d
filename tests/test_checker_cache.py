"""The checker's cache (scripts/link_checker/cache.py): a repeat run on an unchanged vault
takes the findings it kept; any change the findings depend on is a miss, and the output is
then exactly a cold run's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_vault
from link_checker import cache, cli

CHECKER = ROOT / "scripts" / "commands" / "check_links.py"
VAULT = {
    "Hub.md": "# Hub\n\nSee [[Leaf]], [[Leaf#Details]], [[Other]] and ![[pic.png]].\n",
    "Leaf.md": "# Leaf\n\n## Details\n\nBack to [[Hub]].\n",
    "Other.md": "# Other\n\nBack to [[Hub]].\n",
}


def run(vault: Path, cache_dir: Path | None, capsys, *extra: str) -> tuple[int, dict]:
    arguments = [str(vault), "--format", "json", *extra]
    arguments += ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
    code = cli.main(arguments)
    return code, json.loads(capsys.readouterr().out)


def no_model(monkeypatch):
    """Fail if the run reads the vault into the model: a cache hit does not."""
    def refuse(*args, **kwargs):
        raise AssertionError("the vault was read again")
    monkeypatch.setattr(cli.Vault, "load", refuse)


def _rename(vault: Path, old: str, new: str) -> None:
    (vault / old).rename(vault / new)


# name: (change to the vault, extra arguments of the second run)
CHANGES = {
    "a note's text": (lambda v: (v / "Hub.md").write_text("# Hub\n\nSee [[Lefa]] and ![[pic.png]].\n"), ()),
    "a note added": (lambda v: (v / "Missing.md").write_text("# Missing\n"), ()),
    "a note deleted": (lambda v: (v / "Leaf.md").unlink(), ()),
    "a note renamed": (lambda v: _rename(v, "Leaf.md", "Leaves.md"), ()),
    "an alias in frontmatter": (lambda v: (v / "Other.md").write_text("---\naliases: [Missing]\n---\n# Other\n\n[[Hub]]\n"), ()),
    "an attachment added": (lambda v: (v / "pic.png").write_bytes(b"\x89PNG"), ()),
    "Obsidian's excluded files": (
        lambda v: write_vault(v, {".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Other.md"]})}), ()),
    "a check's level": (lambda v: None, ("--level", "broken-link=warning")),
    "a checks.toml": (lambda v: (v.parent / "checks.toml").write_text('[levels]\nbroken-link = "info"\n'),
                      ("--config", "CHECKS")),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_is_a_miss_and_gives_a_cold_runs_findings(tmp_path, capsys, name):
    vault = write_vault(tmp_path / "vault", {**VAULT, "Hub.md": VAULT["Hub.md"] + "And [[Missing]].\n"})
    cached = tmp_path / "cache"
    change, extra = CHANGES[name]
    extra = tuple(str(tmp_path / "checks.toml") if e == "CHECKS" else e for e in extra)
    _, before = run(vault, cached, capsys)
    change(vault)
    code, after = run(vault, cached, capsys, *extra)
    cold_code, cold = run(vault, None, capsys, *extra)
    assert (code, after) == (cold_code, cold)
    assert after != before  # the change shows


def test_an_unchanged_vault_is_not_read_again_and_reports_the_same(tmp_path, capsys, monkeypatch):
    vault = write_vault(tmp_path / "vault", {**VAULT, "Hub.md": VAULT["Hub.md"] + "And [[Missing]].\n"})
    first = run(vault, tmp_path / "cache", capsys)
    no_model(monkeypatch)
    assert run(vault, tmp_path / "cache", capsys) == first
    assert first[0] == 1 and first[1]["counts"]["error"] >= 2


def test_another_checker_is_a_miss(tmp_path, capsys, monkeypatch):
    vault = write_vault(tmp_path / "vault", VAULT)
    run(vault, tmp_path / "cache", capsys)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: b"a changed module")
    assert cache.load(tmp_path / "cache", str(vault), cache.key(str(vault), cli.load_config("none.toml"))) is None


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "key": 3}', b"[]", b'{"format": 1}'])
def test_a_corrupt_entry_is_ignored_and_replaced(tmp_path, capsys, damage):
    vault = write_vault(tmp_path / "vault", VAULT)
    first = run(vault, tmp_path / "cache", capsys)
    (entry,) = (tmp_path / "cache").glob("*.json")
    entry.write_bytes(damage)
    assert run(vault, tmp_path / "cache", capsys) == first
    assert json.loads(entry.read_text())["format"] == cache.FORMAT


def test_no_cache_writes_nothing_and_the_cache_is_never_in_the_vault(tmp_path, capsys, monkeypatch):
    vault = write_vault(tmp_path / "vault", VAULT)
    files = sorted(p for p in vault.rglob("*"))
    run(vault, None, capsys)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert not (tmp_path / "xdg").exists()
    cli.main([str(vault)])
    capsys.readouterr()
    assert len(list((tmp_path / "xdg" / "obsidian-kb-checker").glob("*.json"))) == 1
    assert sorted(p for p in vault.rglob("*")) == files


def test_two_runs_racing_both_report_right_and_leave_one_whole_entry(tmp_path):
    vault = write_vault(tmp_path / "vault", {**VAULT, **{f"n{i}.md": f"# N{i}\n\n[[Hub]] [[Gone {i}]]\n" for i in range(300)}})
    command = [sys.executable, str(CHECKER), str(vault), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [json.loads(p.communicate(timeout=120)[0]) for p in runs]
    cold = subprocess.run([*command[:-2], "--no-cache"], capture_output=True, text=True, timeout=120)
    assert all(output == json.loads(cold.stdout) for output in outputs)
    (entry,) = (tmp_path / "cache").glob("*.json")
    assert json.loads(entry.read_text())["key"]
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".entry-")]
    assert os.path.getsize(entry) > 0
