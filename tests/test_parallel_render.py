"""Rendering and building pages on two cores (scripts/vault_plugin/mkdocs_internals.py) gives the same
site, and reports the same problems, as doing every page in MkDocs' own process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "vault"
WORKER = re.compile(r"(?P<step>Rendered|Built) (?P<taken>\d+) of (?P<pages>\d+) pages in a second process")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _problems(log: str) -> list[str]:
    """The build's warnings and errors, without the worker's own line."""
    return sorted(line for line in log.splitlines() if line.startswith(("WARNING", "ERROR")))


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Path:
    """The fixture vault, with more notes so both processes have pages to render."""
    docs = tmp_path_factory.mktemp("parallel") / "docs"
    shutil.copytree(FIXTURE, docs)
    for index in range(40):
        (docs / f"extra-{index:02d}.md").write_text(
            f"# Extra {index}\n\nSee [[extra-{(index + 1) % 40:02d}]], [[Missing {index}]] and `[[code]]`.\n\n"
            f"- a list\n- [[extra-{(index + 7) % 40:02d}#Extra {(index + 7) % 40}]]\n\n"
            f"A Markdown link MkDocs checks while rendering: [gone](nowhere-{index}.md).\n",
            encoding="utf-8",
        )
    return docs


def test_the_site_is_the_same_byte_for_byte(vault, tmp_path):
    one = build_site(vault, tmp_path / "one", plugin={"render_workers": 1})
    two = build_site(vault, tmp_path / "two")
    assert one.returncode == 0 and two.returncode == 0, one.stderr[-2000:] + two.stderr[-2000:]
    assert WORKER.search(one.stderr) is None
    steps = {m["step"]: (int(m["taken"]), int(m["pages"])) for m in WORKER.finditer(two.stderr)}
    assert set(steps) == {"Rendered", "Built"}, two.stderr[-2000:]
    # How many pages a worker takes depends on the machine's load: none, when it is busy
    # elsewhere, or all of them, when MkDocs' process is. Either way the site is the same.
    assert all(0 <= taken <= pages for taken, pages in steps.values()), steps
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_the_same_problems_are_reported_and_fail_a_strict_build(vault, tmp_path):
    one = build_site(vault, tmp_path / "one", strict=True, plugin={"render_workers": 1})
    two = build_site(vault, tmp_path / "two", strict=True)
    assert one.returncode == two.returncode == 1
    problems = _problems(two.stderr)
    # Found by the vault scan, in MkDocs' process; and by MkDocs while rendering the last
    # page, which the worker renders: its log record is replayed.
    assert any("[[Missing 39]]" in line for line in problems)
    assert any("extra-39.md" in line and "nowhere-39.md" in line for line in problems), problems
    assert problems == _problems(one.stderr)


def test_the_two_sides_meet_in_the_middle_whoever_is_faster():
    """The sharing itself, without a race: the worker takes pages from the last one back
    until it reaches the page MkDocs has started; MkDocs takes a page only if the worker has
    not started it. Every page is done once."""
    import io
    import pickle

    from vault_plugin.mkdocs_internals import _Run

    run = _Run(["a", "b", "c", "d", "e"], files=None)
    assert not run.claimed("a")  # MkDocs starts a: the worker never started it
    assert not run.claimed("b")
    out = io.BytesIO()
    run.work(lambda uri: uri.upper(), out)  # the worker: e, d, c, then b is MkDocs'
    out.seek(0)
    done = []
    while out.tell() < len(out.getvalue()):
        done.append(pickle.load(out))
    assert done == [("e", "E"), ("d", "D"), ("c", "C")]
    assert [run.claimed(uri) for uri in "cde"] == [True, True, True]  # MkDocs leaves them

    idle = _Run(["a", "b"], files=None)  # a worker that never ran: MkDocs does every page
    assert [idle.claimed(uri) for uri in "ab"] == [False, False]

    busy = _Run(["a", "b", "c"], files=None)  # a worker that did every page first
    busy.work(lambda uri: uri, io.BytesIO())
    assert [busy.claimed(uri) for uri in "abc"] == [True, True, True]
