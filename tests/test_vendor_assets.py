"""The front-end assets: vendored as pinned, licensed, loaded from this site only, wired into the theme."""

from __future__ import annotations

import fnmatch
import io
import re
import tarfile
from pathlib import Path

import pytest

from commands.vendor_assets import PINS, VENDOR_DIR, Pin, differences, integrity_of, unpack, write

OVERRIDES = VENDOR_DIR.parent.parent
MAIN_HTML = OVERRIDES / "main.html"
OUR_FILES = sorted(
    path for path in OVERRIDES.rglob("*")
    if path.suffix in {".html", ".js", ".css"} and VENDOR_DIR not in path.parents
)
PIN_PATTERNS = [(pin, pattern) for pin in PINS for pattern in pin.files]


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# The committed vendor folder.

@pytest.mark.parametrize(("pin", "pattern"), PIN_PATTERNS, ids=[f"{p.package}:{f}" for p, f in PIN_PATTERNS])
def test_every_pinned_file_is_vendored(pin: Pin, pattern: str) -> None:
    assert fnmatch.filter(files_under(VENDOR_DIR / pin.package), pattern), f"nothing vendored for {pattern}"


@pytest.mark.parametrize("pin", PINS, ids=lambda pin: pin.package)
def test_license_is_vendored_beside_the_files(pin: Pin) -> None:
    assert "MIT License" in (VENDOR_DIR / pin.package / "LICENSE").read_text(encoding="utf-8")


def test_vendor_folder_holds_only_pinned_files() -> None:
    assert sorted(p.name for p in VENDOR_DIR.iterdir()) == sorted(pin.package for pin in PINS)
    for pin in PINS:
        for name in files_under(VENDOR_DIR / pin.package):
            assert name == "LICENSE" or any(fnmatch.fnmatchcase(name, p) for p in pin.files), f"{pin.package}/{name} is not pinned"


def test_every_katex_font_face_has_a_vendored_woff2() -> None:
    katex = VENDOR_DIR / "katex"
    faces = re.findall(r"@font-face\s*\{([^}]*)\}", (katex / "katex.min.css").read_text(encoding="utf-8"))
    assert faces, "no @font-face found in katex.min.css"
    for face in faces:
        urls = re.findall(r"url\(([^)]+)\)", face)
        assert any(url.endswith(".woff2") and (katex / url).is_file() for url in urls), f"no vendored woff2 in {face}"


def test_mermaid_is_a_self_contained_bundle_defining_the_global() -> None:
    bundle = (VENDOR_DIR / "mermaid" / "mermaid.min.js").read_text(encoding="utf-8")
    assert 'globalThis["mermaid"]' in bundle
    assert not re.search(r"\bimport\(", bundle), "the bundle loads further chunks"


def test_force_graph_is_a_self_contained_umd_bundle_defining_the_global() -> None:
    bundle = (VENDOR_DIR / "force-graph" / "force-graph.min.js").read_text(encoding="utf-8")
    assert ".ForceGraph=" in bundle
    assert not re.search(r"\bimport\(|\bimportScripts\(|\bfetch\(", bundle), "the bundle loads something more"


# Offline: no file of ours, and no vendored stylesheet, loads anything from another host.

@pytest.mark.parametrize("path", OUR_FILES, ids=lambda path: path.relative_to(OVERRIDES).as_posix())
def test_our_files_name_no_remote_url(path: Path) -> None:
    assert not re.search(r"https?://", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(VENDOR_DIR.rglob("*.css")), ids=lambda path: path.relative_to(VENDOR_DIR).as_posix())
def test_vendored_css_loads_nothing_remote(path: Path) -> None:
    css = path.read_text(encoding="utf-8")
    assert not re.search(r"""url\(\s*['"]?(https?:)?//|@import""", css)


@pytest.mark.parametrize("path", OUR_FILES, ids=lambda path: path.relative_to(OVERRIDES).as_posix())
def test_nothing_uses_the_class_material_sends_to_a_cdn(path: Path) -> None:
    # Material fetches Mermaid from unpkg for elements of class `mermaid`; ours is `mermaid-diagram`.
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?<![\w-])\.mermaid(?![\w-])|class=["'][^"']*(?<![\w-])mermaid(?![\w-])""", text)


# The theme override.

def test_main_html_extends_base_and_keeps_its_blocks() -> None:
    html = MAIN_HTML.read_text(encoding="utf-8")
    assert '{% extends "base.html" %}' in html
    for block in ("extrahead", "scripts"):
        body = re.search(r"{%%\s*block %s\s*%%}(.*?){%%\s*endblock\s*%%}" % block, html, re.S)
        assert body and "{{ super() }}" in body.group(1), f"block {block} must call super()"


ASSETS = ["assets/stylesheets/obsidian.css"] + sorted(
    path.relative_to(OVERRIDES).as_posix() for path in (OVERRIDES / "assets" / "javascripts").glob("*.js")
)


@pytest.mark.parametrize("asset", ASSETS)
def test_main_html_links_each_asset_through_the_url_filter(asset: str) -> None:
    """Every script of ours is on every page, through the url filter (the site's own file)."""
    assert f"{{{{ '{asset}' | url }}}}" in MAIN_HTML.read_text(encoding="utf-8")
    assert (OVERRIDES / asset).is_file()


# The script, on a tarball made here (no network).

def tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


PACKAGE = tarball({
    "package/LICENSE": b"MIT",
    "package/package.json": b"{}",
    "package/dist/lib.min.js": b"js",
    "package/dist/lib.js": b"unminified",
    "package/dist/fonts/a.woff2": b"a2",
    "package/dist/fonts/a.woff": b"a1",
})


def pin_for(data: bytes, files: tuple[str, ...] = ("lib.min.js", "fonts/*.woff2")) -> Pin:
    return Pin("lib", "1.0.0", integrity_of(data), files)


def test_unpack_keeps_the_pinned_files_and_the_license() -> None:
    assert unpack(pin_for(PACKAGE), PACKAGE) == {"LICENSE": b"MIT", "lib.min.js": b"js", "fonts/a.woff2": b"a2"}


def test_unpack_refuses_a_tarball_that_does_not_match_the_integrity() -> None:
    with pytest.raises(ValueError, match="integrity"):
        unpack(pin_for(PACKAGE + b"x"), PACKAGE)


def test_unpack_refuses_a_pattern_that_matches_nothing() -> None:
    with pytest.raises(ValueError, match="renamed.js"):
        unpack(pin_for(PACKAGE, ("lib.min.js", "renamed.js")), PACKAGE)


def test_check_finds_missing_changed_and_unpinned_files(tmp_path: Path) -> None:
    expected = unpack(pin_for(PACKAGE), PACKAGE)
    write(expected, tmp_path)
    assert differences(expected, tmp_path) == []
    (tmp_path / "fonts" / "a.woff2").unlink()
    (tmp_path / "lib.min.js").write_bytes(b"edited")
    (tmp_path / "stale.js").write_bytes(b"old")
    assert differences(expected, tmp_path) == ["missing fonts/a.woff2", "changed lib.min.js", "not pinned stale.js"]


def test_write_replaces_the_folder(tmp_path: Path) -> None:
    (tmp_path / "old-version.js").write_bytes(b"old")
    write({"LICENSE": b"MIT"}, tmp_path)
    assert files_under(tmp_path) == ["LICENSE"]
