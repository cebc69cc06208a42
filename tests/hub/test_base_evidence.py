"""An online check grades a fine-tune's base-model dimensions from the base's own Hub repository (through the
loopback Hub; docs/frameworks.md, "A base model's own evidence")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from howopen import check
from hubserver import HubServer
from support.base_cards import BASE_CARD
from support.base_cards import TUNE_CARD as TUNE_TEMPLATE

TUNE_CARD = TUNE_TEMPLATE.format(base="howopen-test/base-7b")



@pytest.fixture
def chat_on_hub(hub: HubServer) -> Iterator[HubServer]:
    hub.world.add_model({"id": "howopen-test/base-7b", "files": [
        {"path": "README.md", "text": BASE_CARD},
        {"path": "config.json", "json": {"architectures": ["LlamaForCausalLM"]}},
        {"path": "model.safetensors", "size": 1000}]})
    hub.world.add_model({"id": "howopen-test/chat-7b", "files": [
        {"path": "README.md", "text": TUNE_CARD},
        {"path": "config.json", "json": {"architectures": ["LlamaForCausalLM"]}},
        {"path": "model.safetensors", "size": 1000}]})
    yield hub
    for ident in ("howopen-test/base-7b", "howopen-test/chat-7b"):
        hub.world.models.pop(ident, None)


def test_an_online_check_grades_the_base_fetched_from_the_hub(chat_on_hub: HubServer) -> None:
    report = check("howopen-test/chat-7b")
    (ancestor,) = report.release.lineage
    assert ancestor.source == "hub" and ancestor.release is not None
    dims = report.frameworks["eosai"].fields["dimensions"]
    weights = dims["weights_basemodel"]
    assert weights["class"] == "open"  # the base's own file listing shows its weights
    assert "howopen-test/base-7b's own evidence (its Hub repository, model card http" in weights["notes"]
    assert any("model.safetensors" in e["cite"] for e in weights["evidence"])
    data = dims["datasources_basemodel"]
    assert data["class"] == "open"
    assert any("howopen-test/base-7b" in e["cite"] for e in data["evidence"])
    assert "lineage" in report.to_dict() and "release" not in report.to_dict()["lineage"][0]
