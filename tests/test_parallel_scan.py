"""Reading a large vault on two cores (scripts/vault/parallel.py) gives the same model as
reading it in one process, and survives a worker that fails."""

from __future__ import annotations

import os

import pytest

from synthetic_vault import generate
from vault import Vault, parallel, read_notes


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("scan") / "docs"
    generate(str(folder), parallel.MIN_NOTES + 50)
    (folder / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\nbad \xff byte [[nowhere]]\n")
    return str(folder)


def _load(root: str, monkeypatch, workers: str) -> Vault:
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, workers)
    return Vault.load(root)


def test_two_processes_read_the_same_vault(root, monkeypatch):
    one, two = _load(root, monkeypatch, "1"), _load(root, monkeypatch, "")
    assert parallel.worth_forking(len(two.notes))
    assert list(two.notes) == list(one.notes)
    assert [two.notes[path] for path in two.notes] == [one.notes[path] for path in one.notes]
    assert two.problems == one.problems and any(p.path == "broken.md" for p in two.problems)
    assert [r.resolution for r in two.link_reports()] == [r.resolution for r in one.link_reports()]


def test_a_failing_worker_leaves_its_half_to_this_process(root):
    parent = os.getpid()

    def read_or_fail(folder, paths):
        if os.getpid() != parent:
            raise RuntimeError("the worker fails")
        return read_notes(folder, paths)

    paths = sorted(Vault.load(root).notes)
    notes, problems = parallel.read_in_two(read_or_fail, root, paths, [1] * len(paths))
    assert [note.path for note in notes] == paths
