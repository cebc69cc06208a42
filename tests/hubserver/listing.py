"""The Hub's model listing, `GET /api/models`, as `huggingface_hub.HfApi.list_models` calls it.

Parameters (see `HfApi.list_models` in huggingface_hub's `hf_api.py`): `search` (a substring of the id), `author`,
`filter` (tags, all required), `sort` (`downloads`, `likes`, `lastModified`, `createdAt`, `trendingScore`) with
`direction` (`-1`, the default, is descending), `limit` (the page size, at most 1000 as on the Hub), `full`,
`cardData`, `expand` / `expand[]` (only the properties named, plus `id` and `_id`).

Pages are keyset pages: the `cursor` in the next page's link names the last item sent (its sort value and id),
so a listing that changes between two pages neither repeats nor skips the items that did not move.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import urlencode

from .world import GENERATION, Repo, World

MAX_PAGE = 1000
SORTS = {"downloads": "downloads", "likes": "likes", "lastModified": "lastModified", "createdAt": "createdAt",
         "trendingScore": "trendingScore", "last_modified": "lastModified", "created_at": "createdAt"}
# What the Hub sends for a model without `full`, `cardData` or `expand`.
COMPACT = ("_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name",
           "createdAt", "modelId")
FULL = (*COMPACT, "author", "sha", "lastModified", "gated", "disabled", "siblings")


def _flag(query: dict[str, list[str]], name: str) -> bool:
    return query.get(name, ["false"])[-1].lower() in ("true", "1")


def _sort_value(info: dict[str, Any], key: str) -> Any:
    value = info.get(key)
    if key in ("downloads", "likes", "trendingScore"):
        return int(value or 0)
    return str(value or "")


def _encode(value: Any, ident: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, ident]).encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[Any, str] | None:
    try:
        value, ident = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return value, str(ident)
    except (ValueError, TypeError):
        return None


def _matches(repo: Repo, info: dict[str, Any], query: dict[str, list[str]]) -> bool:
    if repo.private:
        return False
    search = query.get("search", [""])[-1].lower()
    if search and search not in repo.id.lower():
        return False
    author = query.get("author", [""])[-1].lower()
    if author and (info.get("author") or "").lower() != author:
        return False
    wanted = query.get("filter", [])
    return not wanted or all(tag in info["tags"] for tag in wanted)


def list_models(world: World, query: dict[str, list[str]]) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the listing and the query string of the next page (None on the last page)."""
    sort = SORTS.get(query.get("sort", [""])[-1], "")
    descending = query.get("direction", ["-1"])[-1] != "1"
    try:
        size = max(1, min(MAX_PAGE, int(query.get("limit", [str(MAX_PAGE)])[-1])))
    except ValueError:
        size = MAX_PAGE
    expand = query.get("expand", []) + query.get("expand[]", [])
    full, card = _flag(query, "full"), _flag(query, "cardData")
    rows = _ordered(world, query, sort, descending)
    after = _decode(query["cursor"][-1]) if query.get("cursor") else None
    if after is not None:
        value, ident = after

        def beyond(row: tuple[Any, str, dict[str, Any]]) -> bool:
            if not sort or row[0] == value:
                return row[1] > ident
            return bool(row[0] < value) if descending else bool(row[0] > value)

        rows = [r for r in rows if beyond(r)]
    page = rows[:size]
    items = [_shape(info, expand, full, card) for _, _, info in page]
    if len(rows) <= size:
        return items, None
    last = page[-1]
    following = [(k, v) for k, values in query.items() if k != "cursor" for v in values]
    following.append(("cursor", _encode(last[0], last[1])))
    return items, urlencode(following)


_ORDERS: dict[tuple[Any, ...], list[tuple[Any, str, dict[str, Any]]]] = {}


def _ordered(world: World, query: dict[str, list[str]], sort: str,
             descending: bool) -> list[tuple[Any, str, dict[str, Any]]]:
    """The matching models in listing order, kept until the world changes (a listing of many pages sorts
    once)."""
    key = (id(world), len(world.models), GENERATION[0], sort, descending,
           *(tuple(query.get(k, [])) for k in ("search", "author", "filter")))
    found = _ORDERS.get(key)
    if found is not None:
        return found
    rows: list[tuple[Any, str, dict[str, Any]]] = []
    for repo in world.models.values():
        info = repo.listing_info()
        if _matches(repo, info, query):
            rows.append((_sort_value(info, sort) if sort else "", repo.id.lower(), info))
    rows.sort(key=lambda r: r[1])
    if sort:  # by value (descending unless direction=1), ties by id ascending
        rows.sort(key=lambda r: r[0], reverse=descending)
    if len(_ORDERS) > 16:
        _ORDERS.clear()
    _ORDERS[key] = rows
    return rows


def _shape(info: dict[str, Any], expand: list[str], full: bool, card: bool) -> dict[str, Any]:
    if expand:
        keys: tuple[str, ...] = ("_id", "id", *expand)
    else:
        keys = FULL if full else COMPACT
        if card:
            keys = (*keys, "cardData")
    return {k: info[k] for k in keys if k in info}
