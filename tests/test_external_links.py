"""External links against a local HTTP server on 127.0.0.1: 200, 404, 429, redirects,
a slow answer, HEAD refused, a flaky server; per-host limit, cache, expiry, offline."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from link_checker.external import ExternalChecker, ExternalOptions


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    active = 0
    most_active = 0
    lock = threading.Lock()

    def log_message(self, *args):  # keep the test output clean
        pass

    def _answer(self):
        with self.lock:
            Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
            hits = Handler.hits[self.path]
            Handler.active += 1
            Handler.most_active = max(Handler.most_active, Handler.active)
        time.sleep(0.05)  # long enough for concurrent requests to overlap
        with self.lock:
            Handler.active -= 1  # before answering: the client may send the next at once
        if self.path == "/ok" or self.path.startswith("/many/"):
            self._status(200)
        elif self.path == "/missing":
            self._status(404)
        elif self.path == "/limited":
            self._status(429 if hits == 1 else 200, {"Retry-After": "0"})
        elif self.path == "/flaky":
            self._status(503 if hits <= 2 else 200)
        elif self.path == "/moved":
            self._status(302, {"Location": "/ok"})
        elif self.path == "/moved-to-missing":
            self._status(301, {"Location": "/missing"})
        elif self.path == "/slow":
            time.sleep(1.0)
            self._status(200)
        elif self.path == "/no-head":
            self._status(405 if self.command == "HEAD" else 200)
        else:
            self._status(500)

    def _status(self, code, headers=None):
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer


@pytest.fixture
def server():
    Handler.hits, Handler.active, Handler.most_active = {}, 0, 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def checker(tmp_path, **options) -> ExternalChecker:
    settings = dict(cache_path=str(tmp_path / "cache.json"), timeout=0.4, retries=2, backoff=0.01)
    settings.update(options)
    return ExternalChecker(ExternalOptions(**settings))


@pytest.mark.parametrize("path, ok, status", [
    ("/ok", True, 200),
    ("/missing", False, 404),
    ("/limited", True, 200),
    ("/flaky", True, 200),
    ("/moved", True, 200),
    ("/moved-to-missing", False, 404),
    ("/no-head", True, 200),
])
def test_answers(server, tmp_path, path, ok, status):
    result = checker(tmp_path).check([server + path])[server + path]
    assert (result.ok, result.status) == (ok, status)


def test_slow_server_times_out_after_retries(server, tmp_path):
    started = time.monotonic()
    result = checker(tmp_path, retries=1).check([server + "/slow"])[server + "/slow"]
    assert not result.ok and "timed out" in result.error and not result.unchecked
    assert Handler.hits["/slow"] == 2  # first try and one retry
    assert time.monotonic() - started < 5


def test_retry_gives_up(server, tmp_path):
    result = checker(tmp_path, retries=1).check([server + "/flaky"])[server + "/flaky"]
    assert (result.ok, result.status) == (False, 503)


def test_per_host_limit(server, tmp_path):
    urls = [f"{server}/many/{i}" for i in range(12)]
    results = checker(tmp_path, per_host=2, workers=8).check(urls)
    assert all(r.ok for r in results.values())
    assert Handler.most_active <= 2


def test_cache_is_used_until_it_expires(server, tmp_path):
    url = server + "/ok"
    checker(tmp_path).check([url])
    assert Handler.hits["/ok"] == 1
    again = checker(tmp_path).check([url])[url]
    assert again.cached and again.ok and Handler.hits["/ok"] == 1
    expired = checker(tmp_path, max_age=0).check([url])[url]
    assert not expired.cached and Handler.hits["/ok"] == 2


def test_offline_means_unchecked_not_broken(tmp_path):
    result = checker(tmp_path).check(["http://host.invalid/page"])["http://host.invalid/page"]
    assert result.unchecked and not result.ok


def test_offline_flag_fetches_nothing(server, tmp_path):
    url = server + "/ok"
    result = checker(tmp_path, offline=True).check([url])[url]
    assert result.unchecked and Handler.hits == {}


def test_unchecked_answers_are_not_cached(tmp_path):
    checker(tmp_path).check(["http://host.invalid/x"])
    assert "host.invalid" not in (tmp_path / "cache.json").read_text()


def test_cli_reports_broken_external_links(server, tmp_path, capsys):
    from link_checker.cli import main

    vault = tmp_path / "vault"
    vault.mkdir()
    text = f"Good <{server}/ok>, bad [link]({server}/missing), code `{server}/missing`.\n"
    (vault / "index.md").write_text(text)
    column = text.index(f"{server}/missing") + 1
    args = [str(vault), "--external", "--cache", str(tmp_path / "c.json"), "--timeout", "1", "--level", "dead-end=ignore"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"index.md:1:{column}: error broken-external: {server}/missing: HTTP 404" in out
    assert out.count("broken-external") == 1
    assert main([*args, "--offline"]) == 1  # the cached 404 still counts offline
