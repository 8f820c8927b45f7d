"""Reading a large vault on two cores (scripts/vault/parallel.py) gives the same model as
reading it in one process, and survives a worker that fails."""

from __future__ import annotations

import os

import pytest

from bench.synthetic_vault import generate
from vault import Vault, WikiLink, parallel, read_notes


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("scan") / "docs"
    generate(str(folder), parallel.MIN_NOTES + 50)
    (folder / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\nbad \xff byte [[nowhere]]\n")
    return str(folder)


def _paths(root: str) -> list[str]:
    return sorted(Vault.load(root).notes)


def _typed(value):
    """``value`` with the type of every record and container in it (a named tuple equals
    a plain tuple with the same items, so equality alone would miss a lost type). A
    frozenset's items in no order: unpickling rebuilds the set, and its iteration order may
    differ (about 1 in 20 pairs of strings do)."""
    if isinstance(value, frozenset):
        return frozenset, frozenset(_typed(item) for item in value)
    if isinstance(value, (list, tuple)):
        return type(value), tuple(_typed(item) for item in value)
    if isinstance(value, dict):
        return dict, tuple((key, _typed(item)) for key, item in value.items())
    if hasattr(value, "__dataclass_fields__"):
        return type(value), tuple((name, _typed(getattr(value, name))) for name in value.__dataclass_fields__)
    return type(value), value


def test_two_processes_read_the_same_notes(root):
    paths = _paths(root)
    sizes = [os.path.getsize(os.path.join(root, path)) for path in paths]
    in_two = parallel.read_in_two(read_notes, root, paths, sizes)
    assert in_two == read_notes(root, paths)
    assert _typed(in_two) == _typed(read_notes(root, paths))
    assert {type(link.link) for note in in_two[0] for link in note.links} == {WikiLink}


def test_a_vault_forks_only_when_it_is_worth_it(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel.worth_forking(parallel.MIN_NOTES)
    assert not parallel.worth_forking(parallel.MIN_NOTES - 1)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)  # mkdocs serve's threads
    assert not parallel.worth_forking(parallel.MIN_NOTES)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert not parallel.worth_forking(parallel.MIN_NOTES, workers=1)  # the plugin's scan_workers: 1
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not parallel.worth_forking(parallel.MIN_NOTES)


def test_a_failing_worker_leaves_its_half_to_this_process(root):
    parent = os.getpid()

    def read_or_fail(folder, paths):
        if os.getpid() != parent:
            raise RuntimeError("the worker fails")
        return read_notes(folder, paths)

    paths = _paths(root)
    notes, problems = parallel.read_in_two(read_or_fail, root, paths, [1] * len(paths))
    assert [note.path for note in notes] == paths
