"""An HTTP transport that adds howopen's network rules under any `httpx2` client, `huggingface_hub`'s
included.

- **Cache**: a GET answered within the time to live comes from disk without a request; after it, the request
  carries `If-None-Match` and a `304 Not Modified` renews the stored answer.
- **Offline**: nothing is sent; a request the cache cannot answer raises `OfflineMiss`.
- **Retries, bounded**: 429 and 503 (and GitHub's 403 with no requests left) are retried after `Retry-After`
  when that wait is within the bound; 500/502/504, timeouts, dropped connections and truncated bodies are
  retried
  once or twice with a short backoff. Then the last answer (or error) stands.
- **Timeouts**: a request sent without one (huggingface_hub sends most without) gets the configured timeout.

Which rules apply is a `NetPolicy`. `huggingface_hub` shares one client per process, so a request names its
policy in the `x-howopen-policy` header (removed before sending); requests without it pass through untouched.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx2

from .cache import MAX_CACHED_BODY, DiskCache, Entry, cache_key

POLICY_HEADER = "x-howopen-policy"
POLICY_EXTENSION = "howopen_policy"
_DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "set-cookie", "connection",
                    "keep-alive"}
CACHEABLE_STATUS = {200, 203, 206, 301, 302, 307, 308, 401, 403, 404, 410}
RETRY_AFTER_STATUS = {429, 503}
RETRY_SERVER_STATUS = {500, 502, 504}
RETRY_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)


class OfflineMiss(Exception):
    """Offline, and the cache holds no answer for this request."""

    def __init__(self, url: str) -> None:
        super().__init__(f"not in the cache: {url}")
        self.url = url


class ResponseTooLarge(Exception):
    def __init__(self, url: str, limit: int) -> None:
        super().__init__(f"the response from {url} is larger than {limit // (1024 * 1024)} MB")


@dataclass
class Stats:
    """What one check's requests cost: sent to the network, answered from the cache, renewed by a 304."""

    network: int = 0
    cache_hits: int = 0
    revalidated: int = 0
    retries: int = 0
    offline_misses: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, amount: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + amount)


@dataclass
class NetPolicy:
    cache: DiskCache | None
    ttl: float
    offline: bool = False
    timeout: float = 20.0
    max_retry_wait: float = 30.0
    max_attempts: int = 3
    stats: Stats = field(default_factory=Stats)
    sleep: object = time.sleep  # replaced in tests that must not wait


_REGISTRY: dict[str, NetPolicy] = {}
_REGISTRY_LOCK = threading.Lock()


@contextmanager
def registered(policy: NetPolicy) -> Iterator[str]:
    """Register a policy for the duration of a check; yields the header value that selects it."""
    token = uuid.uuid4().hex
    with _REGISTRY_LOCK:
        _REGISTRY[token] = policy
    try:
        yield token
    finally:
        with _REGISTRY_LOCK:
            _REGISTRY.pop(token, None)


def _kept(headers: httpx2.Headers) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers.multi_items() if k.lower() not in _DROPPED_HEADERS]


def retry_after(headers: httpx2.Headers, now: float | None = None) -> float | None:
    """Seconds to wait from `Retry-After` (seconds or an HTTP date) or GitHub's `x-ratelimit-reset`."""
    now = time.time() if now is None else now
    raw = headers.get("retry-after")
    if raw:
        raw = raw.strip()
        try:
            return max(0.0, float(raw))
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(raw) if raw else None
            if parsed is not None:
                return max(0.0, parsed.timestamp() - now)
    reset = headers.get("x-ratelimit-reset")
    if reset and headers.get("x-ratelimit-remaining") == "0":
        try:
            return max(0.0, float(reset) - now)
        except ValueError:
            return None
    return None


def _rate_limited(response: httpx2.Response) -> bool:
    if response.status_code in RETRY_AFTER_STATUS:
        return True
    return response.status_code == 403 and response.headers.get("x-ratelimit-remaining") == "0"


def _storable(request: httpx2.Request, response: httpx2.Response) -> bool:
    """Worth keeping: not a rate-limit answer, not a signed (expiring) URL, not a redirect to another host
    (the Hub sends large files to a CDN by signed URLs that expire: kept, they would replay dead links)."""
    if response.status_code not in CACHEABLE_STATUS or _rate_limited(response):
        return False
    query = request.url.query.decode("ascii", errors="replace").lower() if request.url.query else ""
    if any(mark in query for mark in ("signature=", "x-amz-", "expires=")):
        return False
    if 300 <= response.status_code < 400:
        target = httpx2.URL(response.headers.get("location", ""))
        return not target.host or target.host == request.url.host
    return True


def _valid_json(entry: Entry) -> bool:
    ctype = (entry.header("content-type") or "").lower()
    if "json" not in ctype or not (200 <= entry.status < 300):
        return True
    try:
        json.loads(entry.body)
    except ValueError:
        return False
    return True


class CachingTransport(httpx2.BaseTransport):
    def __init__(self, inner: httpx2.BaseTransport | None = None, policy: NetPolicy | None = None) -> None:
        if inner is None:
            from .routing import ProxyRouter

            inner = ProxyRouter()
        self.inner = inner
        self.policy = policy

    # -- selection --------------------------------------------------------------------------------

    def _policy_for(self, request: httpx2.Request) -> NetPolicy | None:
        token = request.headers.get(POLICY_HEADER)
        if token is not None:
            del request.headers[POLICY_HEADER]
            # Kept in the extensions, which the client carries over to the request that follows a redirect.
            request.extensions = {**request.extensions, POLICY_EXTENSION: token}
        token = request.extensions.get(POLICY_EXTENSION)
        if token is not None:
            with _REGISTRY_LOCK:
                return _REGISTRY.get(token, self.policy)
        return self.policy

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        policy = self._policy_for(request)
        if policy is None:
            return self.inner.handle_request(request)
        self._bound_timeout(request, policy)
        if request.method not in ("GET", "HEAD"):
            return self._send(request, policy)
        url = str(request.url)
        key = cache_key(request.method, url, range_header=request.headers.get("range"),
                        auth=request.headers.get("authorization"))
        entry = policy.cache.get(key) if policy.cache is not None else None
        if policy.offline:
            if entry is None:
                with policy.stats.lock:
                    policy.stats.offline_misses.append(url)
                raise OfflineMiss(url)
            policy.stats.add("cache_hits")
            return self._from_entry(entry, request, "offline")
        if entry is not None and entry.age() < policy.ttl:
            policy.stats.add("cache_hits")
            return self._from_entry(entry, request, "hit")
        etag = entry.header("etag") if entry is not None else None
        if etag:
            request.headers["if-none-match"] = etag
        response = self._send(request, policy)
        if response.status_code == 304 and entry is not None and policy.cache is not None:
            policy.cache.touch(key, entry)
            policy.stats.add("revalidated")
            return self._from_entry(entry, request, "revalidated")
        if policy.cache is not None and _storable(request, response):
            fresh = Entry(response.status_code, _kept(response.headers), response.content, time.time(), url)
            if _valid_json(fresh):
                policy.cache.put(key, fresh)
        return response

    # -- sending ----------------------------------------------------------------------------------

    @staticmethod
    def _bound_timeout(request: httpx2.Request, policy: NetPolicy) -> None:
        current = request.extensions.get("timeout") or {}
        if not current or all(v is None for v in current.values()):
            bounded = dict.fromkeys(("connect", "read", "write", "pool"), policy.timeout)
            request.extensions = {**request.extensions, "timeout": bounded}

    def _send(self, request: httpx2.Request, policy: NetPolicy) -> httpx2.Response:
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            try:
                status, headers, body = self._send_once(request, policy)
            except RETRY_ERRORS:
                if attempt < min(policy.max_attempts, 2):
                    policy.stats.add("retries")
                    policy.sleep(0.1 * attempt)  # type: ignore[operator]
                    continue
                raise
            response = httpx2.Response(status, headers=headers, content=body, request=request)
            if _rate_limited(response) and attempt < policy.max_attempts + 1:
                wait = retry_after(response.headers)
                wait = 0.5 * attempt if wait is None else wait
                if wait <= policy.max_retry_wait and waited + wait <= 2 * policy.max_retry_wait:
                    policy.stats.add("retries")
                    policy.sleep(wait)  # type: ignore[operator]
                    waited += wait
                    continue
            elif status in RETRY_SERVER_STATUS and attempt < policy.max_attempts:
                policy.stats.add("retries")
                policy.sleep(0.2 * attempt)  # type: ignore[operator]
                continue
            return response

    def _send_once(self, request: httpx2.Request,
                   policy: NetPolicy) -> tuple[int, list[tuple[str, str]], bytes]:
        policy.stats.add("network")
        response = self.inner.handle_request(request)
        try:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > MAX_CACHED_BODY:
                raise ResponseTooLarge(str(request.url), MAX_CACHED_BODY)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_CACHED_BODY:
                    raise ResponseTooLarge(str(request.url), MAX_CACHED_BODY)
                chunks.append(chunk)
            return response.status_code, _kept(response.headers), b"".join(chunks)
        finally:
            response.close()

    @staticmethod
    def _from_entry(entry: Entry, request: httpx2.Request, how: str) -> httpx2.Response:
        return httpx2.Response(entry.status, headers=entry.headers, content=entry.body, request=request,
                               extensions={"howopen_cache": how})

    def close(self) -> None:
        self.inner.close()
