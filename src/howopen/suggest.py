"""Near-miss suggestions: `llama3.1-8b` -> llama-3.1-8b, `gpt4o` -> gpt-4o, `apach-2.0` -> apache-2.0.

Names are compared without case and punctuation first (so spacing and hyphens do not matter), then by prefix (a
family name such as `olmo` suggests its releases), then by similarity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import get_close_matches


def squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def close_names(word: str, names: Iterable[str], limit: int = 3, cutoff: float = 0.75) -> list[str]:
    """Up to `limit` of `names` that `word` most likely meant, best first; [] when none is close."""
    wanted = squash(word)
    if not wanted:
        return []
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(squash(name), name)
    if wanted in by_key:
        return [by_key[wanted]]
    prefixed = sorted((k for k in by_key if len(wanted) >= 3 and k.startswith(wanted)), key=lambda k: (len(k), k))
    if prefixed:
        return [by_key[k] for k in prefixed[:limit]]
    return [by_key[k] for k in get_close_matches(wanted, list(by_key), n=limit, cutoff=cutoff)]


def did_you_mean(word: str, names: Iterable[str], limit: int = 3) -> str | None:
    """`did you mean llama-3.1-8b?` or None."""
    found = close_names(word, names, limit)
    return f"did you mean {' or '.join(found)}?" if found else None
