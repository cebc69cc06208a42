"""A `mergekit_config.yml` in the release is a lineage signal: the models it lists, each cited to its line, as
strong as a merge recipe in the card; read from a local folder and from the (loopback) Hub, bounded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from howopen import check
from howopen.ancestry import collect as C
from howopen.ancestry.signals import confidence
from howopen.sources.snapshot import MAX_RECIPE_BYTES, Snapshot
from hubserver import HubServer

RECIPE = """\
slices:
  - sources:
      - model: mistralai/Mistral-7B-Instruct-v0.2
        layer_range: [0, 32]
      - model: teknium/OpenHermes-2.5-Mistral-7B
        layer_range: [0, 32]
merge_method: slerp
base_model: mistralai/Mistral-7B-Instruct-v0.2
parameters:
  t: 0.5
dtype: bfloat16
"""
MODELS = """\
models:
  - model: google/gemma-2-9b-it
  - model: someone/other-9b
    parameters: {weight: 0.5}
merge_method: ties
base_model: google/gemma-2-9b
"""


def _claims(recipes: dict[str, str]) -> dict[str, tuple[str, int | None, str | None]]:
    snapshot = Snapshot(label="org/merge")
    snapshot.recipes = recipes
    return {c.base: (c.signal, c.evidence.line if c.evidence else None, c.relation)
            for c in C.from_recipe_files(snapshot)}


def test_slices_and_base_model_each_cited_to_their_line() -> None:
    found = _claims({"mergekit_config.yml": RECIPE})
    assert found == {"mistralai/Mistral-7B-Instruct-v0.2": ("mergekit", 3, "merge"),
                     "teknium/OpenHermes-2.5-Mistral-7B": ("mergekit", 5, "merge")}
    assert confidence("mergekit") >= 0.85  # the same as a recipe in the card


def test_models_list_in_the_yaml_spelling() -> None:
    found = _claims({"mergekit_config.yaml": MODELS})
    assert set(found) == {"google/gemma-2-9b-it", "someone/other-9b", "google/gemma-2-9b"}
    assert found["google/gemma-2-9b"][1] == 6


def test_bad_yaml_is_a_gap_and_no_claim() -> None:
    snapshot = Snapshot(label="org/merge")
    snapshot.recipes = {"mergekit_config.yml": "models: [\n  - model: x/y\n"}
    assert C.from_recipe_files(snapshot) == []
    assert [g.code for g in snapshot.gaps] == ["recipe-invalid"]
    snapshot.recipes = {"mergekit_config.yml": "!!python/object/apply:os.system ['echo hi']"}
    assert C.from_recipe_files(snapshot) == []  # safe_load refuses it: nothing is constructed


def test_a_large_recipe_is_cut_with_a_gap() -> None:
    snapshot = Snapshot(label="org/merge")
    snapshot.add_recipe("mergekit_config.yml", b"#" * (MAX_RECIPE_BYTES + 10))
    assert len(snapshot.recipes["mergekit_config.yml"]) == MAX_RECIPE_BYTES
    assert [g.code for g in snapshot.gaps] == ["recipe-too-large"]


def test_a_local_merge_folder_names_its_parents_and_their_licenses(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# A merge\n\nMy merge.\n", encoding="utf-8")
    (tmp_path / "mergekit_config.yml").write_text(MODELS, encoding="utf-8")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    report = check(str(tmp_path), offline=True)
    parents = {a.id: a for a in report.release.lineage if a.depth == 1}
    gemma = parents["google/gemma-2-9b-it"]
    assert gemma.relation == "merge" and gemma.signal == "mergekit" and gemma.license is not None
    assert gemma.license.id == "gemma"
    assert gemma.evidence[0].source.endswith("mergekit_config.yml") and gemma.evidence[0].line == 2
    assert report.label not in ("open-weights", "open-source")  # Gemma's terms bind a merge that includes it
    assert report.to_dict()["license"]["commercial_use"] != "yes"


@pytest.fixture
def merge_on_hub(hub: HubServer) -> Iterator[HubServer]:
    hub.world.add_model({"id": "howopen-test/slerp-merge", "files": [
        {"path": "README.md", "text": "---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# slerp\n"},
        {"path": "mergekit_config.yml", "text": RECIPE},
        {"path": "config.json", "json": {"architectures": ["MistralForCausalLM"], "model_type": "mistral"}},
        {"path": "model.safetensors", "size": 1000}]})
    yield hub
    hub.world.models.pop("howopen-test/slerp-merge", None)


def test_the_hub_source_reads_the_recipe(merge_on_hub: HubServer) -> None:
    report = check("howopen-test/slerp-merge")
    merged = {a.id for a in report.release.lineage if a.relation == "merge" and a.signal == "mergekit"}
    assert {"mistralai/Mistral-7B-Instruct-v0.2", "teknium/OpenHermes-2.5-Mistral-7B"} <= merged
    claim = next(c for c in report.release.lineage_claims if c.signal == "mergekit")
    assert claim.evidence is not None and "mergekit_config.yml" in claim.evidence.source
    assert claim.evidence.line in (3, 5)
    assert merge_on_hub.count(r"mergekit_config\.yml") == 1
