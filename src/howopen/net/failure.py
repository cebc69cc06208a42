"""`Failure`: a request that gave no usable answer, with a short code and a sentence a report can show."""

from __future__ import annotations


class Failure(Exception):
    """Codes: not-found, gated, revision-not-found, file-not-found, disabled, rate-limited, server-error,
    http-error, timeout, truncated, network, too-large, malformed, invalid-id, offline."""

    def __init__(self, code: str, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.url = url
