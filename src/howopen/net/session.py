"""One check's network session: its policy (cache, offline, timeouts), its HTTP clients and its thread pool.

`huggingface_hub` sends every request through one process-wide `httpx2.Client`; `install_hub_transport` gives
that client howopen's `CachingTransport` once per process. Requests from other code using huggingface_hub pass
through it unchanged (they carry no policy header). GitHub and arXiv get a client of their own per session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

import httpx2

from ..settings import Settings
from .cache import DiskCache
from .routing import ProxyRouter
from .transport import POLICY_EXTENSION, POLICY_HEADER, CachingTransport, NetPolicy, registered

T = TypeVar("T")

try:
    _VERSION = version("howopen")
except PackageNotFoundError:  # running from a source tree
    _VERSION = "0.0.0"
USER_AGENT = f"howopen/{_VERSION}"
MAX_WORKERS = 32  # single requests: the model's own round of requests (license files, headers, ...) ...
MAX_ORCHESTRATORS = 16  # tasks that wait on single requests (fetching one base model's release)

_INSTALL_LOCK = threading.Lock()
_installed = False


def _hub_client_factory() -> httpx2.Client:
    from huggingface_hub.utils._http import hf_request_event_hook

    def hook(request: httpx2.Request) -> None:
        if POLICY_HEADER in request.headers or POLICY_EXTENSION in request.extensions:
            return  # howopen's own requests: its offline mode is the cache's, not HF_HUB_OFFLINE's
        hf_request_event_hook(request)

    return httpx2.Client(event_hooks={"request": [hook]}, follow_redirects=True, timeout=None,
                         transport=CachingTransport(ProxyRouter()))


def install_hub_transport() -> None:
    """Route huggingface_hub's requests through `CachingTransport` (once per process)."""
    global _installed
    with _INSTALL_LOCK:
        if _installed:
            return
        from huggingface_hub import set_client_factory

        set_client_factory(_hub_client_factory)
        _installed = True


class Session:
    """Everything one check needs to fetch: settings, policy, clients, thread pools. A context manager."""

    def __init__(self, settings: Settings | None = None, *, offline: bool = False) -> None:
        self.settings = settings or Settings.from_env()
        cache = DiskCache(self.settings.cache_dir) if self.settings.cache_dir is not None else None
        self.policy = NetPolicy(cache=cache, ttl=self.settings.cache_ttl, offline=offline,
                                timeout=self.settings.timeout, max_retry_wait=self.settings.max_retry_wait)
        self.offline = offline
        self._stack = ExitStack()
        self._pool: ThreadPoolExecutor | None = None
        self._orchestrators: ThreadPoolExecutor | None = None
        self._http: httpx2.Client | None = None
        self._lock = threading.Lock()
        self.token = self._stack.enter_context(registered(self.policy))
        install_hub_transport()

    # -- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in (self._orchestrators, self._pool):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        if self._http is not None:
            self._http.close()
        self._stack.close()

    # -- tools ------------------------------------------------------------------------------------

    @property
    def hub_headers(self) -> dict[str, str]:
        """Extra headers for `HfApi(headers=...)`: select this session's policy."""
        return {POLICY_HEADER: self.token}

    @property
    def http(self) -> httpx2.Client:
        """A client for GitHub and arXiv, with this session's policy."""
        with self._lock:
            if self._http is None:
                self._http = httpx2.Client(transport=CachingTransport(ProxyRouter(), self.policy),
                                           follow_redirects=True, headers={"user-agent": USER_AGENT},
                                           timeout=self.settings.timeout)
            return self._http

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run a single request (or a few in sequence) on the pool. Such tasks must not wait on others."""
        with self._lock:
            if self._pool is None:
                # ... plus every link the cap allows, so that one round's requests all go out at once
                workers = MAX_WORKERS + min(self.settings.max_link_requests, 256)
                self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="howopen-fetch")
            pool = self._pool
        return pool.submit(fn, *args, **kwargs)

    def spawn(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Run a task that submits single requests and waits on them (a pool of its own: no deadlock)."""
        with self._lock:
            if self._orchestrators is None:
                self._orchestrators = ThreadPoolExecutor(max_workers=MAX_ORCHESTRATORS,
                                                         thread_name_prefix="howopen-release")
            pool = self._orchestrators
        return pool.submit(fn, *args, **kwargs)
