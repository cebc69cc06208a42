"""What the caching transport keeps: no rate-limit answers, no signed CDN links, no redirects off the host."""

from __future__ import annotations

import httpx2

from howopen.net.transport import _storable


def _pair(url: str, status: int, **headers: str) -> tuple[httpx2.Request, httpx2.Response]:
    request = httpx2.Request("GET", url)
    return request, httpx2.Response(status, headers=headers, request=request)


def test_what_is_stored() -> None:
    assert _storable(*_pair("https://huggingface.co/api/models/a/b", 200))
    assert _storable(*_pair("https://huggingface.co/api/models/a/b", 404))
    assert not _storable(*_pair("https://huggingface.co/api/models/a/b", 429))
    assert not _storable(*_pair("https://huggingface.co/api/models/a/b", 500))
    assert not _storable(*_pair("https://api.github.com/repos/a/b", 403, **{"x-ratelimit-remaining": "0"}))
    moved = _pair("https://huggingface.co/api/models/old/name", 307, location="/api/models/new/name")
    assert _storable(*moved)
    assert not _storable(*_pair("https://huggingface.co/a/b/resolve/main/model.safetensors", 302,
                                location="https://cdn-lfs.hf.co/x?X-Amz-Signature=abc"))
    assert not _storable(*_pair("https://cdn-lfs.hf.co/x?X-Amz-Signature=abc&Expires=1", 206))
