"""The Hub's model listing, a page at a time, with the link of the next page kept so a crawl can resume.

This is the request `huggingface_hub.HfApi.list_models` sends (the same endpoint and parameters: `author`,
`search`, `sort`, `expand`, `limit`) through huggingface_hub's own session and retry (`http_backoff`: 429 waits
for `Retry-After`, 5xx and dropped connections back off), and its items become huggingface_hub `ModelInfo`s as
there. `list_models` is a generator that keeps the `Link: <...>; rel="next"` cursor to itself (huggingface_hub
issues #2741 and #4257), so the pages are walked here: the cursor is what a resumed crawl starts from, and
`limit` can be the page size (a thousand) rather than a cap on the whole listing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from huggingface_hub.hf_api import ModelInfo
from huggingface_hub.utils import build_hf_headers, hf_raise_for_status, http_backoff

PAGE_SIZE = 1000  # the most the Hub sends in one page
# What a crawl needs of each model (`expand` returns only these, which keeps a page small).
EXPAND = ("author", "cardData", "createdAt", "downloads", "gated", "lastModified", "library_name", "likes",
          "pipeline_tag", "private", "sha", "siblings", "tags")
SORTS = {"downloads": "downloads", "last-modified": "lastModified"}
TIMEOUT = 60.0


@dataclass(frozen=True)
class ListingQuery:
    author: str | None = None
    search: str | None = None
    sort: str = "downloads"  # downloads | last-modified (descending, as the Hub sorts)

    def params(self) -> list[tuple[str, Any]]:
        params: list[tuple[str, Any]] = []
        if self.author:
            params.append(("author", self.author))
        if self.search:
            params.append(("search", self.search))
        params.append(("sort", SORTS[self.sort]))
        params.append(("limit", PAGE_SIZE))
        params += [("expand", name) for name in EXPAND]
        return params


@dataclass(frozen=True)
class Page:
    models: list[ModelInfo]
    url: str  # the request that returned this page
    next_url: str | None  # None on the last page


def first_url(endpoint: str) -> str:
    return f"{endpoint.rstrip('/')}/api/models"


def pages(endpoint: str, query: ListingQuery, start: str | None = None, *,
          token: str | bool | None = None) -> Iterator[Page]:
    """The listing's pages from the first (or from `start`, a saved next-page link). The token, when one is
    configured (HF_TOKEN, `hf auth login`), is sent as huggingface_hub sends it. Raises huggingface_hub's
    errors (`HfHubHTTPError`, ...) when a page cannot be had after its retries."""
    headers = build_hf_headers(token=token, library_name="howopen")
    # a card whose model-index does not parse is graded from its README anyway: no warning for each one
    logging.getLogger("huggingface_hub.repocard_data").setLevel(logging.ERROR)
    url: str | None = start or first_url(endpoint)
    params: list[tuple[str, Any]] | None = None if start else query.params()
    while url is not None:
        response = http_backoff("GET", url, params=params, headers=headers, timeout=TIMEOUT)
        hf_raise_for_status(response)
        following = response.links.get("next", {}).get("url")
        items = response.json()
        models = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("id"):
                item.setdefault("siblings", None)
                models.append(ModelInfo(**item))
        yield Page(models, str(response.url), following)
        url, params = following, None
