"""An adversarial vault: every case below sits in one vault beside a good note. The build and
the link checker must finish (a generous timeout, never a timing), report each problem exactly
once with its file and line, and still publish everything else."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, build_site

BIG_PARAGRAPHS = 160_000  # about 10 MB
MANY_LINKS = 10_000
LONG_LINE = 100_000
CHAIN = 50
NFC, NFD = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")


@dataclass(frozen=True)
class Symlink:
    target: str


def big_note() -> bytes:
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n\n"
    return ("# Big\n\n" + paragraph * BIG_PARAGRAPHS + "The last paragraph, [[Missing big]].\n").encode()


def many_links() -> bytes:
    lines = [f"[[Target|t{i}]]" if i != MANY_LINKS // 2 else "[[Missing many]]" for i in range(MANY_LINKS)]
    return ("\n".join(lines) + "\n").encode()


def chain() -> dict[str, bytes]:
    return {f"chain/Chain {i}.md": (f"Chain link {i}.\n\n![[Chain {i + 1}]]\n" if i < CHAIN - 1 else "The end of the chain.\n").encode()
            for i in range(CHAIN)}


# case: (files, [(path, line, kind, words of the one message)]). Line 0: the file as a whole.
CASES: dict[str, tuple[dict[str, bytes | Symlink], list[tuple[str, int, str, str]]]] = {
    "byte order mark": ({"bom.md": b"\xef\xbb\xbf---\ntitle: Byte order mark\n---\n# BOM\n\nSee [[Target]], not [[Missing bom]].\n"},
                        [("bom.md", 6, "broken-link", "[[Missing bom]]: no note named 'Missing bom'")]),
    "CRLF": ({"crlf.md": b"---\r\ntitle: Carriage returns\r\n---\r\n# CRLF\r\n\r\nSee [[Target]].\r\nA [[Missing crlf]] link.\r\n"},
             [("crlf.md", 7, "broken-link", "[[Missing crlf]]: no note named 'Missing crlf'")]),
    "carriage returns alone": ({"cr.md": b"# Carriage returns only\r\rSee [[Target]].\r```\r[[Missing in code]]\r```\rA [[Missing cr]] link.\r"},
                               [("cr.md", 7, "broken-link", "[[Missing cr]]: no note named 'Missing cr'")]),
    "invalid UTF-8": ({"latin1.md": b"Fine line, [[Target]].\nCaf\xe9 au lait.\n"},
                      [("latin1.md", 2, "encoding", "invalid UTF-8 at line 2")]),
    "NUL bytes": ({"nul.md": b"See [[Target]].\n\nbefore\x00after\n"},
                  [("nul.md", 3, "encoding", "NUL character at line 3")]),
    "10 MB note": ({"big.md": big_note()},
                   [("big.md", 2 * BIG_PARAGRAPHS + 3, "broken-link", "[[Missing big]]")]),
    "10,000 links": ({"many.md": many_links()},
                     [("many.md", MANY_LINKS // 2 + 1, "broken-link", "[[Missing many]]")]),
    "100,000-character line": ({"long.md": ("x" * LONG_LINE + " [[Target]] [[Missing long]]\n").encode()},
                               [("long.md", 1, "broken-link", "[[Missing long]]")]),
    "unbalanced brackets": ({"unbalanced.md": b"Open [[ never closed\nstray ]] here, [[Target]]\n[[a [[Missing inner]]\n]]]]\n[[[[\n"},
                            [("unbalanced.md", 3, "broken-link", "[[Missing inner]]")]),
    "names differing by case": ({"Case.md": b"Upper [[Target]].\n", "case.md": b"Lower [[Target]].\n"},
                                [("case.md", 1, "path-collision", "'Case.md' has the same path but for case")]),
    "names differing by NFC/NFD": ({f"{NFC}.md": b"Composed [[Target]].\n", f"{NFD}.md": b"Decomposed [[Target]].\n"},
                                   [(f"{NFC}.md", 1, "path-collision", f"'{NFD}.md' has the same path")]),
    "emoji and right-to-left names": ({"😀 Emoji.md": "To [[שלום עולם]].\n".encode(), "שלום עולם.md": "To [[😀 Emoji]].\n".encode()}, []),
    "transclusion cycle": ({"Cycle A.md": b"A\n\n![[Cycle B]]\n", "Cycle B.md": b"B\n\n![[Cycle A]]\n"},
                           [("Cycle B.md", 3, "embed-cycle", "embed ![[Cycle A]] loops back")]),
    "50-deep embed chain": (chain(), [("chain/Chain 0.md", 3, "embed-too-deep", "embeds nest 49 levels (Chain 1 > Chain 2")]),
    "symlink loop": ({"loop": Symlink("."), "sub/back": Symlink("..")},
                     [("loop", 0, "unreadable", "symbolic link loop: points to '.'"),
                      ("sub/back", 0, "unreadable", "symbolic link loop: points to '.'")]),
    "paths and URLs in wikilinks": (
        {"outside.md": b"[[../../etc/passwd]]\n![[../../etc/passwd]]\n[[/etc/passwd]]\n![[/etc/passwd]]\n[[file:///etc/passwd]]\n[[https://example.com/x]]\n"},
        [("outside.md", line, "outside-vault", f"{target}: '{target.lstrip('!')[2:-2]}' is outside the vault")
         for line, target in enumerate(["[[../../etc/passwd]]", "![[../../etc/passwd]]", "[[/etc/passwd]]", "![[/etc/passwd]]",
                                         "[[file:///etc/passwd]]", "[[https://example.com/x]]"], start=1)]),
}
GOOD = {"Good.md": b"# Good\n\nA good note, linking [[Target#Section]].\n", "Target.md": b"# Target\n\n## Section\n\nTarget text.\n"}
QUIET = re.compile(r" (orphan|dead-end|case-mismatch):")  # what every small note of the corpus may also get


def write(vault: Path, files: dict[str, bytes | Symlink]) -> None:
    for name, data in files.items():
        path = vault / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Symlink):
            os.symlink(data.target, path)
        else:
            path.write_bytes(data)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The vault, the build's result and the checker's JSON."""
    work = tmp_path_factory.mktemp("adversarial")
    vault = work / "vault"
    write(vault, GOOD)
    for files, _ in CASES.values():
        write(vault, files)
    build = build_site(vault, work / "site", timeout=1200)
    checker = subprocess.run([sys.executable, str(ROOT / "scripts" / "commands" / "check_links.py"), str(vault), "--format", "json"],
                             capture_output=True, text=True, timeout=600, cwd=ROOT)
    return vault, work / "site", build, json.loads(checker.stdout)


def page(site: Path, path: str) -> str:
    return (site / Path(path).with_suffix("") / "index.html").read_text(encoding="utf-8")


def test_build_and_checker_finish(corpus):
    vault, _, build, report = corpus
    assert build.returncode == 0, build.stderr[-3000:]
    assert "Traceback" not in build.stderr
    assert report["notes"] == sum(name.endswith(".md") for files, _ in CASES.values() for name in files) + len(GOOD)


@pytest.mark.parametrize("case", CASES)
def test_each_problem_once_with_file_and_line(corpus, case):
    vault, _, build, report = corpus
    files, expected = CASES[case]
    for path, line, kind, words in expected:
        logged = [m for m in build.stderr.splitlines() if re.search(rf" {re.escape(path)}:{max(line, 1)}:\d+: \w+ {kind}: ", m)]
        assert len(logged) == 1 and words in logged[0], (path, line, kind, logged)
        found = [p for p in report["problems"] if p["path"] == f"{vault}/{path}" and p["kind"] == kind and p["line"] == max(line, 1)]
        assert len(found) == 1 and words in found[0]["message"], (path, line, kind, found)
    # Nothing else is said about these files (beyond orphan / dead-end notices).
    logged = [m for m in build.stderr.splitlines()
              if any(re.match(rf"\w+ +- +{re.escape(p)}:\d", m) for p in files) and not QUIET.search(m)]
    assert len(logged) == len(expected), logged
    found = [p for p in report["problems"] if p["path"].removeprefix(f"{vault}/") in files and not QUIET.search(f" {p['kind']}:")]
    assert len(found) == len(expected), found


@pytest.mark.parametrize("case", [c for c in CASES if c != "symlink loop"])
def test_every_note_is_published(corpus, case):
    _, site, _, _ = corpus
    for path, data in CASES[case][0].items():
        assert (site / Path(path).with_suffix("") / "index.html").is_file(), path


def test_the_good_note_still_renders(corpus):
    _, site, _, _ = corpus
    assert '<a class="wikilink" href="../Target/#section">' in page(site, "Good.md")


@pytest.mark.parametrize("path, shown, hidden", [
    ("bom.md", "<title>Byte order mark", "title: Byte order mark"),
    ("crlf.md", "<title>Carriage returns", "\r"),
    ("cr.md", "<code>[[Missing in code]]", "\r"),
    ("latin1.md", "Caf\ufffd au lait.", "\x00"),
    ("nul.md", "before\ufffdafter", "\x00"),
    ("big.md", "The last paragraph", "\x00"),
    ("long.md", "x" * 1000, "\x00"),
    ("unbalanced.md", "Open [[ never closed", "\x00"),
])
def test_bad_input_is_shown_as_text(corpus, path, shown, hidden):
    _, site, _, _ = corpus
    html = page(site, path)
    assert shown in html and hidden not in html


def test_long_inputs_render_every_link(corpus):
    _, site, _, _ = corpus
    assert page(site, "many.md").count('href="../Target/"') == MANY_LINKS - 1
    assert page(site, "long.md").count('href="../Target/"') == 1


def test_names_differing_by_case_or_normalization_build_both_pages(corpus):
    _, site, _, _ = corpus
    assert "Upper" in page(site, "Case.md") and "Lower" in page(site, "case.md")
    assert "Composed" in page(site, f"{NFC}.md") and "Decomposed" in page(site, f"{NFD}.md")


def test_emoji_and_right_to_left_names_link_each_other(corpus):
    _, site, _, _ = corpus
    assert 'href="../%D7%A9%D7%9C%D7%95%D7%9D%20%D7%A2%D7%95%D7%9C%D7%9D/"' in page(site, "😀 Emoji.md")
    assert 'href="../%F0%9F%98%80%20Emoji/"' in page(site, "שלום עולם.md")


def test_embed_cycle_and_deep_chain_are_cut(corpus):
    _, site, _, _ = corpus
    assert "(embed not shown: it would contain itself)" in page(site, "Cycle A.md")
    top = page(site, "chain/Chain 0.md")
    assert "Chain link 8." in top and "Chain link 10." not in top and "(embeds nested too deep)" in top
    assert "The end of the chain." in page(site, "chain/Chain 45.md")


def test_symlink_loop_is_not_walked(corpus):
    _, site, _, _ = corpus
    assert not (site / "loop").exists() and not (site / "sub" / "back").exists()
