"""The Hub's own tags (`base_model:<relation>:<id>`, a model type only one vendor uses) and config.json's architecture
and sizes matched against the known families: the tags bind as declared fields do; an architecture is a weak signal
that never binds a license alone (the license is then unsettled, never open on a guess)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from howopen import check
from howopen.ancestry import collect as C
from howopen.ancestry import families
from howopen.ancestry.signals import STRONG
from howopen.sources.snapshot import Snapshot
from hubserver import HubServer

LLAMA31_8B = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
              "num_hidden_layers": 32, "vocab_size": 128256}


def _config_claims(config: dict[str, object], org: str | None = "someone") -> dict[str, tuple[str, float, str]]:
    snapshot = Snapshot(label="someone/model")
    snapshot.config, snapshot.config_text = config, json.dumps(config, indent=1)
    return {c.base: (c.signal, c.confidence, c.note) for c in C.from_config(snapshot, org)}


def test_a_config_of_an_official_shape_is_a_weak_claim_with_its_source() -> None:
    found = _config_claims(LLAMA31_8B)
    (base,) = found
    assert base == "meta-llama/Llama 3.1"
    signal, confidence, note = found[base]
    assert signal == "architecture" and confidence < STRONG
    assert "meta-llama/Llama-3.1-8B" in note and "vocab_size 128256" in note


def test_the_shapes_in_the_data_cite_where_they_were_read() -> None:
    shapes = [(f, s) for f in families.families() for s in f.shapes]
    assert len(shapes) >= 4
    assert all(s.source and "/" in s.model and s.size for _, s in shapes)


def test_an_architecture_many_vendors_use_is_no_lineage() -> None:
    other = dict(LLAMA31_8B, vocab_size=64000)  # llama architecture, another tokenizer: not a Llama 3.1 copy
    assert _config_claims(other) == {}


def test_a_model_type_only_one_vendor_uses() -> None:
    found = _config_claims({"model_type": "gemma2", "hidden_size": 2304, "num_hidden_layers": 26})
    assert list(found) == ["google/Gemma"] and found["google/Gemma"][0] == "architecture"


def test_the_vendors_own_release_is_not_its_own_derivative() -> None:
    assert _config_claims(LLAMA31_8B, org="meta-llama") == {}


def test_hub_model_type_tags_are_weak_and_not_counted_twice() -> None:
    snapshot = Snapshot(label="someone/model")
    snapshot.hub_tags = ["transformers", "gemma2", "llama", "text-generation", "base_model:google/gemma-2-9b"]
    (claim,) = C.from_hub_tags(snapshot, "someone")
    assert claim.base == "google/Gemma" and claim.signal == "hub_model_type" and claim.confidence < STRONG
    snapshot.config = {"model_type": "gemma2"}
    assert C.from_hub_tags(snapshot, "someone") == []  # config.json said it already (the Hub derives the tag from it)


def test_a_weak_architecture_never_binds_but_leaves_the_license_unsettled(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# My model\n\nA chat model.\n", encoding="utf-8")
    (tmp_path / "config.json").write_text(json.dumps(LLAMA31_8B), encoding="utf-8")
    report = check(str(tmp_path), offline=True)
    (ancestor,) = [a for a in report.release.lineage if a.signal == "architecture"]
    assert ancestor.license is not None and ancestor.license.id == "llama3.1" and ancestor.doubt
    assert not report.release.conflicts  # a weak signal does not bind
    data = report.to_dict()
    assert report.label not in ("open-weights", "open-source")
    assert data["license"]["commercial_use"] != "yes"


@pytest.fixture
def tagged(hub: HubServer) -> Iterator[HubServer]:
    hub.world.add_model({"id": "howopen-test/tagged-tune", "extra_tags": [
        "gemma2", "base_model:finetune:google/gemma-2-9b-it", "base_model:google/gemma-2-9b-it"], "files": [
        {"path": "README.md", "text": "---\nlicense: apache-2.0\n---\n# tune\n\nOur chat model.\n"},
        {"path": "config.json", "json": {"architectures": ["Gemma2ForCausalLM"]}},
        {"path": "model.safetensors", "size": 1000}]})
    yield hub
    hub.world.models.pop("howopen-test/tagged-tune", None)


def test_hub_tags_name_the_base_and_its_relation(tagged: HubServer) -> None:
    report = check("howopen-test/tagged-tune")
    (base,) = [a for a in report.release.lineage if a.id == "google/gemma-2-9b-it"]
    assert base.relation == "finetune" and base.license is not None and base.license.id == "gemma"
    assert base.evidence and base.evidence[0].method == "hub-tags"
    assert any(c.binding == "gemma" for c in report.release.conflicts)
    assert report.label not in ("open-weights", "open-source")
    assert any(c.signal == "hub_model_type" for c in report.release.lineage_claims)


def test_a_weak_family_beside_a_strong_parent_of_its_publisher_is_dropped(tmp_path: Path) -> None:
    card = "---\nlicense: apache-2.0\nbase_model: Qwen/Qwen2.5-72B-Instruct\n---\n# tune\n"
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "qwen2"}), encoding="utf-8")
    report = check(str(tmp_path), offline=True)
    assert any(c.base == "Qwen/Qwen2" and c.signal == "architecture" for c in report.release.lineage_claims)
    assert [a.id for a in report.release.lineage if a.depth == 1] == ["Qwen/Qwen2.5-72B-Instruct"]
