"""The transport under howopen's `CachingTransport`: one shared TLS context, and the environment's proxies.

A client given its own transport no longer reads `HTTPS_PROXY` and friends, so this transport does, with the
standard library's rules (`urllib.request.getproxies` and `proxy_bypass`, so `NO_PROXY` is honoured).
"""

from __future__ import annotations

import functools
import ssl
import threading
import urllib.request

import httpx2


@functools.cache
def tls_context() -> ssl.SSLContext:
    """Built once per process: creating one costs tens of milliseconds."""
    return httpx2.create_ssl_context()


class ProxyRouter(httpx2.BaseTransport):
    def __init__(self) -> None:
        self._proxies = {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https")}
        self._direct: httpx2.HTTPTransport | None = None
        self._via: dict[str, httpx2.HTTPTransport] = {}
        self._lock = threading.Lock()

    def _transport(self, request: httpx2.Request) -> httpx2.HTTPTransport:
        scheme, host = request.url.scheme, request.url.host
        proxy = self._proxies.get(scheme)
        with self._lock:
            if proxy and not urllib.request.proxy_bypass(host):
                if proxy not in self._via:
                    self._via[proxy] = httpx2.HTTPTransport(verify=tls_context(), proxy=proxy)
                return self._via[proxy]
            if self._direct is None:
                self._direct = httpx2.HTTPTransport(verify=tls_context())
            return self._direct

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._transport(request).handle_request(request)

    def close(self) -> None:
        for transport in (self._direct, *self._via.values()):
            if transport is not None:
                transport.close()
