"""Checking http(s) links: concurrent, polite to each host, retried, cached on disk.

Off by default (``--external``). A URL is fetched with HEAD (GET when the server refuses
HEAD), at most ``per_host`` requests at a time to one host, with a timeout; 429 and 5xx
answers and timeouts are retried with exponential backoff (429 honours Retry-After, up to
a cap). Answers are cached in a JSON file and reused until they expire. When the network
is unavailable (no name resolution, no route), the URL is reported as *unchecked*, never as
broken; ``offline=True`` checks nothing and uses only the cache.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

USER_AGENT = "check_links (knowledge-base link checker)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
HEAD_REFUSED = {403, 405, 501}


@dataclass
class UrlStatus:
    url: str
    status: int | None  # final HTTP status, None when there was no answer
    ok: bool
    error: str = ""  # why it failed, when it did
    checked_at: float = 0.0
    unchecked: bool = False  # no network: neither good nor broken
    cached: bool = False


@dataclass
class ExternalOptions:
    cache_path: str = ".cache/external-links.json"
    max_age: float = 24 * 3600  # seconds a cached answer is trusted
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # extra attempts after a retryable failure
    backoff: float = 0.5  # first wait; doubles each retry
    max_retry_after: float = 10.0  # longest Retry-After we wait for
    per_host: int = 2  # concurrent requests to one host
    workers: int = 8  # concurrent requests in all
    offline: bool = False


class ExternalChecker:
    def __init__(self, options: ExternalOptions | None = None):
        self.options = options or ExternalOptions()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def check(self, urls: list[str]) -> dict[str, UrlStatus]:
        cache = self._load_cache()
        now = time.time()
        results: dict[str, UrlStatus] = {}
        todo = []
        for url in sorted(set(urls)):
            hit = cache.get(url)
            if hit is not None and now - hit.checked_at < self.options.max_age:
                hit.cached = True
                results[url] = hit
            elif self.options.offline:
                results[url] = UrlStatus(url, None, False, "offline: not checked", unchecked=True)
            else:
                todo.append(url)
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for status in pool.map(self._check_one, todo):
                results[status.url] = status
        self._save_cache(cache, results)
        return results

    # -- one URL -----------------------------------------------------------------------
    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
            return self._hosts[host]

    def _check_one(self, url: str) -> UrlStatus:
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            with self._host_slot(url):
                status, error, retry_after, offline = self._request(url)
            if offline:
                return UrlStatus(url, None, False, error, time.time(), unchecked=True)
            retryable = status in RETRY_STATUSES or (status is None and "timed out" in error)
            if not retryable or attempt == self.options.retries:
                ok = status is not None and 200 <= status < 400
                return UrlStatus(url, status, ok, "" if ok else error or f"HTTP {status}", time.time())
            time.sleep(min(retry_after if retry_after is not None else wait, self.options.max_retry_after))
            wait *= 2
        raise AssertionError("unreachable")

    def _request(self, url: str) -> tuple[int | None, str, float | None, bool]:
        """(status, error, Retry-After seconds, offline) of one attempt: HEAD, then GET."""
        status, error, retry_after, offline = self._send(url, "HEAD")
        if status in HEAD_REFUSED:
            status, error, retry_after, offline = self._send(url, "GET")
        return status, error, retry_after, offline

    def _send(self, url: str, method: str) -> tuple[int | None, str, float | None, bool]:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.options.timeout) as response:
                return response.status, "", None, False
        except urllib.error.HTTPError as answer:
            return answer.code, f"HTTP {answer.code}", _retry_after(answer.headers.get("Retry-After")), False
        except urllib.error.URLError as failure:
            reason = failure.reason
            if isinstance(reason, socket.gaierror) or "Network is unreachable" in str(reason):
                return None, f"network unavailable ({reason})", None, True
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return None, "timed out", None, False
            return None, str(reason), None, False
        except (TimeoutError, socket.timeout):
            return None, "timed out", None, False
        except (OSError, ValueError) as failure:
            return None, str(failure), None, False

    # -- cache -------------------------------------------------------------------------
    def _load_cache(self) -> dict[str, UrlStatus]:
        try:
            with open(self.options.cache_path, encoding="utf-8") as handle:
                data = json.load(handle)
            return {url: UrlStatus(**entry) for url, entry in data.items()}
        except (OSError, ValueError, TypeError):
            return {}

    def _save_cache(self, cache: dict[str, UrlStatus], results: dict[str, UrlStatus]) -> None:
        # Definite answers only: network trouble is not a fact about the URL.
        for url, status in results.items():
            if not status.unchecked and not status.cached and status.status is not None:
                cache[url] = status
        folder = os.path.dirname(self.options.cache_path)
        try:
            if folder:
                os.makedirs(folder, exist_ok=True)
            with open(self.options.cache_path, "w", encoding="utf-8") as handle:
                json.dump({url: {**asdict(s), "cached": False} for url, s in sorted(cache.items())}, handle, indent=1)
        except OSError:
            pass  # a read-only checkout still gets its answers, just not remembered


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
