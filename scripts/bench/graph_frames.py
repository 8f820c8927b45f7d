"""The graph page at scale: time to settle and frame time of the global graph in Chromium.

    .venv/bin/python scripts/bench/graph_frames.py [--notes 6500] [--links 21000]

It builds the project's docs/ (the site around the graph page), replaces its
``assets/graph.json`` with the graph of a synthetic vault of ``--notes`` notes whose links are
thinned, at random but seeded, to ``--links`` (the synthetic vault has about 9.5 per note),
serves it on 127.0.0.1 and opens the graph page in Debian's Chromium (headless, software
rendering: a desktop browser with a GPU draws faster). It prints how long the layout took to
settle, how many layout steps it ran, and the frame times (requestAnimationFrame deltas)
while the reader pans and zooms the settled graph. tests/browser/test_graph.py runs the same
measurement and prints it; neither holds a threshold: the issue's target is a layout settled
within 5 s.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.synthetic_vault import generate
from vault import Vault
from vault_plugin.pages import graph_json

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
NOTES, LINKS = 6500, 21000  # the vault of issue 16

# Every animation frame's distance to the one before, in ms, from now until __kbFrames.stop().
RECORD_FRAMES = """() => {
  const deltas = [];
  let last = performance.now(), running = true;
  const frame = (now) => { deltas.push(now - last); last = now; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  window.__kbFrames = { stop: () => { running = false; return deltas.slice(1); } };
}"""


def large_graph_json(notes: int = NOTES, links: int = LINKS, seed: int = 0) -> str:
    """graph.json (as the build writes it) of a synthetic vault of ``notes`` notes, with a
    seeded sample of ``links`` of its links, kept sorted."""
    with tempfile.TemporaryDirectory() as folder:
        generate(folder, notes, seed)
        data = json.loads(graph_json(Vault.load(folder), lambda path: path.removesuffix(".md") + "/"))
    if links < len(data["links"]):
        data["links"] = sorted(random.Random(seed).sample(data["links"], links))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def summary(deltas: list[float]) -> dict:
    ordered = sorted(deltas)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")  # noqa: E731
    return {"frames": len(ordered), "median_ms": statistics.median(ordered) if ordered else float("nan"),
            "p95_ms": pick(0.95), "max_ms": ordered[-1] if ordered else float("nan")}


def pan_and_zoom(page, canvas) -> dict:
    """Zooms in with the wheel, drags the view about, zooms out again, as a reader does, and
    returns the frame times meanwhile (summary())."""
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(RECORD_FRAMES)
    page.mouse.move(x, y)
    for _ in range(6):
        page.mouse.wheel(0, -150)
        page.wait_for_timeout(80)
    page.mouse.down()
    for i in range(40):
        page.mouse.move(x + 120 * ((i % 20) / 20 - 0.5), y + 60 * ((i % 10) / 10 - 0.5))
        page.wait_for_timeout(16)
    page.mouse.up()
    for _ in range(6):
        page.mouse.wheel(0, 150)
        page.wait_for_timeout(80)
    return summary(page.evaluate("() => window.__kbFrames.stop()"))


def report(settle: dict, frames: dict, notes: int, links: int) -> str:
    return (f"graph page, {notes} notes and {links} links: layout settled {settle['settleMs'] / 1000:.2f} s after the graph "
            f"was shown ({settle['ticks']} layout steps); panning and zooming: {frames['frames']} frames, median "
            f"{frames['median_ms']:.1f} ms, p95 {frames['p95_ms']:.1f} ms, max {frames['max_ms']:.1f} ms")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--links", type=int, default=LINKS)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    body = large_graph_json(args.notes, args.links)
    links = len(json.loads(body)["links"])
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        env = dict(os.environ, DOCS_DIR=str(ROOT / "docs"), SITE_DIR=str(site), SITE_URL=base, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml")],
                       env=env, cwd=ROOT, check=True)
        (site / "assets" / "graph.json").write_text(body, encoding="utf-8")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "graph/")
                graph = page.locator('.kb-graph[data-graph="global"]')
                page.wait_for_function("(el) => el.kbGraph?.settled === true", arg=graph.element_handle(), timeout=120_000)
                settle = graph.evaluate("(el) => el.kbGraph.stats")
                frames = pan_and_zoom(page, graph.locator("canvas").first)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(report(settle, frames, args.notes, links))
    return 0


if __name__ == "__main__":
    sys.exit(main())
