"""Every text file read from the Hub (card, config, license files, merge recipes) asks the server for no more than
its read bound (`Range`), whatever size the file listing gives: a file larger than the listing says, or a card of
megabytes, is never received whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from howopen import check
from howopen.sources.card import MAX_CARD_BYTES
from howopen.sources.hub import MAX_LICENSE_BYTES
from hubserver import HubServer

MODEL = "howopen-test/huge-card"


@pytest.fixture
def huge_card(hub: HubServer) -> Iterator[HubServer]:
    card = "---\nlicense: apache-2.0\n---\n# A model\n" + ("A line of prose that pads the card out.\n" * 80_000)
    assert len(card) > 3 * MAX_CARD_BYTES
    hub.world.add_model({"id": MODEL, "files": [
        {"path": "README.md", "text": card}, {"path": "LICENSE", "text": "Apache License\n" * 40_000},
        {"path": "config.json", "json": {"model_type": "llama"}}, {"path": "model.safetensors", "size": 1000}]})
    yield hub
    hub.world.models.pop(MODEL, None)


def _span(range_header: str | None) -> int | None:
    if range_header is None:
        return None
    start, end = range_header.removeprefix("bytes=").split("-")
    return int(end) - int(start) + 1


def test_text_files_are_asked_for_only_up_to_their_bound(huge_card: HubServer) -> None:
    report = check(MODEL)
    reads = {r.path.rsplit("/", 1)[-1]: r for r in huge_card.requests(r"/resolve/") if r.method == "GET"}
    assert _span(reads["README.md"].range) == MAX_CARD_BYTES + 1
    assert _span(reads["LICENSE"].range) == MAX_LICENSE_BYTES + 1
    assert reads["config.json"].range is not None
    codes = {g.code for g in report.release.gaps}
    assert {"card-truncated", "license-truncated"} <= codes  # read in part, and the report says so
