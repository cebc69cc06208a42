"""Where howopen looks things up, and how patiently: read from the environment each time a check starts.

Every value has a default that works against the public services; tests and mirrors override them.

| variable | default | meaning |
| --- | --- | --- |
| `HOWOPEN_HF_ENDPOINT` (else `HF_ENDPOINT`) | `https://huggingface.co` | the Hugging Face Hub |
| `HOWOPEN_GITHUB_API` | `https://api.github.com` | GitHub's REST API |
| `HOWOPEN_ARXIV_URL` | `https://arxiv.org` | arXiv (abstract pages) |
| `HOWOPEN_CACHE_DIR` | `platformdirs.user_cache_dir("howopen")` | the response cache (and `howopen list`'s rows) |
| `HOWOPEN_CACHE_TTL` | `86400` | seconds a cached response is used without asking again |
| `HOWOPEN_NO_CACHE` | unset | `1` disables the disk cache |
| `HOWOPEN_TIMEOUT` | `20` | seconds before one request is given up |
| `HOWOPEN_MAX_RETRY_WAIT` | `30` | the longest `Retry-After` howopen honours; longer waits end in a gap |
| `HOWOPEN_MAX_LINK_REQUESTS` | `48` | requests a check may spend following links (GitHub, datasets, arXiv) |
| `GITHUB_TOKEN` | unset | used for GitHub when set (higher rate limits) |
| `HOWOPEN_OFFLINE` (or `HF_HUB_OFFLINE`) | unset | `1` works as `--offline` |

A Hugging Face token comes from `huggingface_hub` itself (`HF_TOKEN` or `hf auth login`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DEFAULT_HF_ENDPOINT = "https://huggingface.co"
DEFAULT_GITHUB_API = "https://api.github.com"
DEFAULT_ARXIV_URL = "https://arxiv.org"


def offline_by_environment() -> bool:
    """`HOWOPEN_OFFLINE=1`, or huggingface_hub's own `HF_HUB_OFFLINE=1`, mean the same as `--offline`."""
    return any(os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
               for name in ("HOWOPEN_OFFLINE", "HF_HUB_OFFLINE"))


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value >= 0 else default


@dataclass(frozen=True)
class Settings:
    hf_endpoint: str
    github_api: str
    arxiv_url: str
    cache_dir: Path | None  # None: no disk cache
    cache_ttl: float
    timeout: float
    max_retry_wait: float
    github_token: str | None
    max_link_requests: int = 48

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        no_cache = env.get("HOWOPEN_NO_CACHE", "").strip().lower() in ("1", "true", "yes")
        folder = env.get("HOWOPEN_CACHE_DIR") or platformdirs.user_cache_dir("howopen")
        cache_dir = None if no_cache else Path(folder)
        return cls(
            hf_endpoint=(env.get("HOWOPEN_HF_ENDPOINT") or env.get("HF_ENDPOINT")
                         or DEFAULT_HF_ENDPOINT).rstrip("/"),
            github_api=(env.get("HOWOPEN_GITHUB_API") or DEFAULT_GITHUB_API).rstrip("/"),
            arxiv_url=(env.get("HOWOPEN_ARXIV_URL") or DEFAULT_ARXIV_URL).rstrip("/"),
            cache_dir=cache_dir,
            cache_ttl=_float("HOWOPEN_CACHE_TTL", 86400.0),
            timeout=_float("HOWOPEN_TIMEOUT", 20.0) or 20.0,
            max_retry_wait=_float("HOWOPEN_MAX_RETRY_WAIT", 30.0),
            github_token=(env.get("GITHUB_TOKEN") or env.get("GH_TOKEN") or "").strip() or None,
            max_link_requests=int(_float("HOWOPEN_MAX_LINK_REQUESTS", 48.0)),
        )
