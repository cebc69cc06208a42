"""A disk cache of HTTP responses: status, the headers that matter, the body, and when it was stored.

One file per response under `<dir>/http/<2 hex>/<sha256>`: a JSON line of metadata, then the raw body. Writes
go
to a temporary file renamed into place, so concurrent checks never read half an entry; an entry that does not
parse is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Headers kept with a cached response. Bodies are stored decoded, so encodings and lengths are not kept.
KEPT_HEADERS = (
    "content-type", "etag", "location", "last-modified", "content-range", "retry-after",
    "x-error-code", "x-error-message", "x-repo-commit", "x-linked-etag", "x-linked-size", "link",
)
MAX_CACHED_BODY = 64 * 1024 * 1024


@dataclass
class Entry:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    stored_at: float
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def age(self, now: float | None = None) -> float:
        return (now if now is not None else time.time()) - self.stored_at


def cache_key(method: str, url: str, *, range_header: str | None = None, auth: str | None = None) -> str:
    """The key of one request: method, full URL, byte range, and (hashed) who asked."""
    who = hashlib.sha256(auth.encode()).hexdigest()[:16] if auth else "anonymous"
    raw = f"{method.upper()} {url}\nrange={range_header or ''}\nauth={who}"
    return hashlib.sha256(raw.encode()).hexdigest()


class DiskCache:
    """Stores and reads `Entry`s by key. Safe to share between threads and processes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root) / "http"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Entry | None:
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                meta = json.loads(handle.readline())
                body = handle.read(MAX_CACHED_BODY + 1)
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or len(body) != meta.get("length"):
            return None
        try:
            return Entry(status=int(meta["status"]), headers=[(str(k), str(v)) for k, v in meta["headers"]],
                         body=body, stored_at=float(meta["stored_at"]), url=str(meta.get("url", "")),
                         extra=dict(meta.get("extra") or {}))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, entry: Entry) -> bool:
        if len(entry.body) > MAX_CACHED_BODY:
            return False
        path = self._path(key)
        meta = {"status": entry.status, "headers": entry.headers, "stored_at": entry.stored_at,
                "url": entry.url, "length": len(entry.body), "extra": entry.extra}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(meta).encode() + b"\n")
                    handle.write(entry.body)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False  # a cache that cannot be written only costs speed
        return True

    def touch(self, key: str, entry: Entry) -> None:
        """Mark an entry fresh again (after the server answered 304 Not Modified)."""
        entry.stored_at = time.time()
        self.put(key, entry)
