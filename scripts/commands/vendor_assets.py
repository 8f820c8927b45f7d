"""Vendor the site's third-party JS/CSS from the npm registry into overrides/assets/vendor/.

The site must work offline, so KaTeX, Mermaid and force-graph are committed, not loaded from a CDN.
This script is how they got there, and how anyone (without Node) refreshes or audits them:

    python scripts/commands/vendor_assets.py          # download, verify, (re)write overrides/assets/vendor/
    python scripts/commands/vendor_assets.py --check  # exit 1 if the committed files differ from the pins

Each package is pinned to an exact version and to the tarball's ``dist.integrity`` from the
registry metadata (``npm view <pkg>@<version> dist.integrity``), so a bump is a deliberate edit here.
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import hashlib
import io
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
VENDOR_DIR = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "vendor"


@dataclass(frozen=True)
class Pin:
    package: str
    version: str
    integrity: str  # "sha512-" + base64 of the tarball's SHA-512 digest, as in package-lock.json
    files: tuple[str, ...]  # glob patterns relative to the package's dist/, kept with their layout

    @property
    def url(self) -> str:
        return f"{REGISTRY}/{self.package}/-/{self.package}-{self.version}.tgz"


PINS = (
    # KaTeX's CSS loads fonts/*.woff2 relative to itself; browsers never reach its .woff/.ttf fallbacks.
    Pin(
        "katex",
        "0.16.47",
        "sha512-Eeo8Ys1doU1z+x8AZsPpQu+p/QcZBI5PeOo7QGQdy2x2m0MU/hYagBbGOmXwr5KVbEfVuWv9LpnQWeehogurjg==",
        ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js", "fonts/*.woff2"),
    ),
    # The self-contained IIFE build: defines the global `mermaid` and loads no further chunks.
    Pin(
        "mermaid",
        "11.17.2",
        "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg==",
        ("mermaid.min.js",),
    ),
    # The UMD build (canvas, d3-force inside): defines the global `ForceGraph` and loads no further chunks.
    Pin(
        "force-graph",
        "1.52.0",
        "sha512-0fpxrZzW6qwm9zM7wgh54d7GbxQfQSDV71I0apo+75PVYQPpPHGVPQFLsE9WAu+hOS4VdLd53g0Hua/bxDJKSg==",
        ("force-graph.min.js",),
    ),
)


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def unpack(pin: Pin, tarball: bytes) -> dict[str, bytes]:
    """The files to vendor, by path relative to the package's vendor folder.

    The tarball is checked against the pinned integrity first, so everything read from it
    is exactly what the pin names.
    """
    actual = integrity_of(tarball)
    if actual != pin.integrity:
        raise ValueError(f"{pin.package}@{pin.version}: integrity mismatch, pinned {pin.integrity}, got {actual}")
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            if member.name == "package/LICENSE":
                files["LICENSE"] = archive.extractfile(member).read()
            elif member.name.startswith("package/dist/"):
                name = member.name.removeprefix("package/dist/")
                if any(fnmatch.fnmatchcase(name, pattern) for pattern in pin.files):
                    files[name] = archive.extractfile(member).read()
    missing = [p for p in (*pin.files, "LICENSE") if not any(fnmatch.fnmatchcase(n, p) for n in files)]
    if missing:
        raise ValueError(f"{pin.package}@{pin.version}: nothing in the tarball matches {missing}")
    return files


def differences(expected: dict[str, bytes], folder: Path) -> list[str]:
    """How the files in folder differ from expected: missing, changed, or not pinned."""
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()
    problems = [f"missing {name}" for name in sorted(expected.keys() - on_disk)]
    problems += [f"changed {name}" for name in sorted(expected.keys() & on_disk) if (folder / name).read_bytes() != expected[name]]
    problems += [f"not pinned {name}" for name in sorted(on_disk - expected.keys())]
    return problems


def write(files: dict[str, bytes], folder: Path) -> None:
    """Replace folder with exactly these files, so a version bump leaves nothing stale behind."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the committed files with the pins; change nothing")
    args = parser.parse_args(argv)
    failed = False
    for pin in PINS:
        files = unpack(pin, download(pin.url))
        folder = VENDOR_DIR / pin.package
        if args.check:
            problems = differences(files, folder)
            for problem in problems:
                print(f"{pin.package}: {problem}", file=sys.stderr)
            failed = failed or bool(problems)
            print(f"{pin.package}@{pin.version}: {'MISMATCH' if problems else 'ok'}")
        else:
            write(files, folder)
            size = sum(len(data) for data in files.values())
            print(f"{pin.package}@{pin.version}: {len(files)} files, {size / 1024:.0f} KiB -> {folder}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
