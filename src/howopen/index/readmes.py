"""Reading README.md files from the Hub for a crawl, politely: bounded size, pinned to the listed commit, a
shared pause when the Hub answers 429 (for its `Retry-After`), backoff on 5xx and network errors.

A README that cannot be read raises `ReadFailed`; the crawl counts the model as failed and grades nothing
for it (a failed read is never a verdict), so the next crawl tries it again.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx2
from huggingface_hub import hf_hub_url
from huggingface_hub.utils import build_hf_headers, get_session

from ..net.transport import retry_after
from ..sources.card import MAX_CARD_BYTES

RETRY_STATUS = {429, 503}
BACKOFF_STATUS = {500, 502, 504, 408}
BACKOFF = 0.5  # seconds before the second attempt after a 5xx or a network error; doubled each time, at most 8
MAX_RETRY_AFTER = 300.0  # a longer Retry-After is honoured up to this (then the read is retried or fails)


_RESET = re.compile(r";\s*t=(\d+)")


def wait_for(headers: httpx2.Headers) -> float | None:
    """Seconds to wait after a 429: `Retry-After`, else the reset time of the Hub's `RateLimit` header
    (`"resolvers";r=0;t=55`, the IETF draft the Hub implements)."""
    found = retry_after(headers)
    if found is not None:
        return found
    match = _RESET.search(headers.get("ratelimit", ""))
    return float(match.group(1)) if match else None


class ReadFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Throttle:
    """One pause for every reader: after a 429, nobody sends until its `Retry-After` has passed."""

    sleep: Callable[[float], None] = time.sleep
    rate_limited: int = 0
    waited: float = 0.0
    _until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def pause(self, seconds: float) -> None:
        with self._lock:
            self.rate_limited += 1
            self._until = max(self._until, time.monotonic() + min(seconds, MAX_RETRY_AFTER))

    def wait(self) -> None:
        while True:
            with self._lock:
                left = self._until - time.monotonic()
            if left <= 0:
                return
            self.sleep(min(left, 1.0))
            with self._lock:
                self.waited += min(left, 1.0)


class ReadmeReader:
    def __init__(self, endpoint: str, *, token: str | bool | None = None, timeout: float = 20.0,
                 attempts: int = 4, throttle: Throttle | None = None, limit: int = MAX_CARD_BYTES) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.headers = build_hf_headers(token=token, library_name="howopen")
        self.timeout = timeout
        self.attempts = attempts
        self.throttle = throttle or Throttle()
        self.limit = limit

    def url(self, repo_id: str, revision: str | None) -> str:
        return hf_hub_url(repo_id, "README.md", revision=revision or None, endpoint=self.endpoint)

    def read(self, repo_id: str, revision: str | None) -> bytes:
        """At most `limit + 1` bytes of the README at `revision` (the card reader reports a longer one)."""
        url = self.url(repo_id, revision)
        why = "not tried"
        for attempt in range(1, self.attempts + 1):
            self.throttle.wait()
            backoff = min(8.0, BACKOFF * 2 ** (attempt - 1))
            try:
                with get_session().stream("GET", url, headers=self.headers, timeout=self.timeout,
                                          follow_redirects=True) as response:
                    status = response.status_code
                    if status in RETRY_STATUS:
                        wait = wait_for(response.headers)
                        self.throttle.pause(backoff if wait is None else wait)
                        why = f"the Hub answered {status}"
                        continue
                    if status in BACKOFF_STATUS:
                        why = f"the Hub answered {status}"
                        self.throttle.sleep(backoff)
                        continue
                    if status == 404:
                        raise ReadFailed("not-found", f"README.md of {repo_id}: the Hub answered 404")
                    if status in (401, 403):
                        raise ReadFailed("denied", f"README.md of {repo_id}: the Hub answered {status}")
                    if status >= 400:
                        raise ReadFailed("http-error", f"README.md of {repo_id}: the Hub answered {status}")
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data += chunk
                        if len(data) > self.limit:
                            break
                    return bytes(data[: self.limit + 1])
            except (httpx2.TimeoutException, httpx2.TransportError) as exc:
                why = f"network error ({exc.__class__.__name__})"
                self.throttle.sleep(backoff)
        raise ReadFailed("unavailable", f"README.md of {repo_id}: {why} after {self.attempts} attempts")
