"""The loopback Hub's model listing answers `HfApi.list_models` as the Hub does: filters, sort, pages, limits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from huggingface_hub import HfApi

from hubserver import HubServer, load

CARDS = Path(__file__).resolve().parents[1] / "fixtures" / "cards"


@pytest.fixture(scope="module")
def server() -> Iterator[HubServer]:
    world = load()
    world.add_card_copies(sorted(CARDS.glob("*_*.md")), 150)  # 2,550 copies besides the fixtures
    with HubServer(world) as running:
        yield running


def test_every_model_once_across_pages(server: HubServer) -> None:
    server.reset()
    api = HfApi(endpoint=server.url)
    listed = [m.id for m in api.list_models(full=True, cardData=True)]
    public = [r.id for r in server.world.models.values() if not r.private]
    assert sorted(listed) == sorted(public) and len(set(listed)) == len(listed)
    assert server.count(r"^/api/models\?") == -(-len(public) // 1000)  # a thousand a page, Link paging
    assert server.count(r"cursor=") == server.count(r"^/api/models\?") - 1


def test_sort_author_search_limit_expand(server: HubServer) -> None:
    api = HfApi(endpoint=server.url)
    top = list(api.list_models(sort="downloads", limit=50, full=True))
    assert [m.downloads for m in top] == sorted((m.downloads or 0 for m in top), reverse=True)
    assert top[0].downloads == max(r.meta.get("downloads", 0) for r in server.world.models.values()
                                   if not r.private)
    assert len(top) == 50 and top[0].sha and top[0].siblings
    mine = list(api.list_models(author="copy-7"))
    assert len(mine) == 17 and all(m.id.startswith("copy-7/") for m in mine)
    found = list(api.list_models(search="hermes-2-pro", author="copy-9"))
    assert [m.id for m in found] == ["copy-9/Hermes-2-Pro-Llama-3-8B"]
    expanded = next(iter(api.list_models(expand=["cardData", "siblings", "sha"], author="copy-1", limit=1)))
    assert expanded.card_data is not None and expanded.siblings and expanded.sha and expanded.downloads is None
    compact = next(iter(api.list_models(author="copy-1", limit=1)))
    assert compact.sha is None and compact.card_data is None


def test_pages_survive_a_change_between_them(server: HubServer) -> None:
    """Keyset cursors: a model pushed (moved to the front by lastModified) while the listing is read does not
    shift the pages after it."""
    api = HfApi(endpoint=server.url)
    pages = iter(api.list_models(sort="last_modified", full=True))
    first = [next(pages) for _ in range(1000)]
    server.world.models["copy-140/amber"].change_commit(when="2030-01-01T00:00:00.000Z")
    rest = list(pages)
    ids = [m.id for m in first + rest]
    assert len(ids) == len(set(ids))


def test_rate_limit_answers_429_with_retry_after(server: HubServer) -> None:
    import httpx2

    server.rate_limit = (2, 30.0)
    try:
        answers = [httpx2.get(f"{server.url}/api/models?limit=1") for _ in range(3)]
    finally:
        server.rate_limit = None
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2].headers["retry-after"]) >= 1
