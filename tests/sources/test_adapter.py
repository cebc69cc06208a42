"""PEFT adapters: `adapter_config.json`'s `base_model_name_or_path` names the base model (relation `adapter`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from howopen.sources.local import LocalSource
from support.snapshots import make_snapshot


def adapter_folder(root: Path, base: object, card: str = "# An adapter\n") -> Path:
    config = {"peft_type": "LORA", "r": 8, "lora_alpha": 16, "base_model_name_or_path": base,
              "target_modules": ["q_proj", "v_proj"], "task_type": "CAUSAL_LM"}
    make_snapshot(root, card=card, weights=False, extra={"adapter_config.json": json.dumps(config, indent=2)})
    (root / "config.json").unlink()
    return root


def test_the_base_model_of_an_adapter_is_read_with_its_line(tmp_path: Path) -> None:
    root = adapter_folder(tmp_path / "a", "meta-llama/Llama-3.1-8B")
    release = LocalSource(root).fetch()
    assert [(b.id, b.relation) for b in release.base_models] == [("meta-llama/Llama-3.1-8B", "adapter")]
    prov = release.base_models[0].provenance
    assert prov is not None and prov.source == "adapter_config.json" and prov.line == 5
    assert prov.cite() == "adapter_config.json:5"


def test_a_card_naming_the_same_base_is_not_counted_twice(tmp_path: Path) -> None:
    card = "---\nbase_model: meta-llama/Llama-3.1-8B\n---\n# An adapter\n"
    root = adapter_folder(tmp_path / "a", "meta-llama/Llama-3.1-8B", card=card)
    release = LocalSource(root).fetch()
    assert [(b.id, b.relation) for b in release.base_models] == [("meta-llama/Llama-3.1-8B", "adapter")]


@pytest.mark.parametrize("base", ["/home/me/models/llama", "./llama", "../base", "~/llama", "C:\\models\\llama"])
def test_a_local_base_path_is_a_gap_not_a_base_model(tmp_path: Path, base: str) -> None:
    root = adapter_folder(tmp_path / "a", base)
    release = LocalSource(root).fetch()
    assert release.base_models == ()
    gaps = [g for g in release.gaps if g.code == "adapter-base-local-path"]
    assert len(gaps) == 1 and "local path" in gaps[0].message and base in gaps[0].message
    assert gaps[0].provenance is not None and gaps[0].provenance.source == "adapter_config.json"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", json.dumps({"base_model_name_or_path": 3})])
def test_a_broken_adapter_config_is_a_gap(tmp_path: Path, content: str) -> None:
    root = make_snapshot(tmp_path / "a", card="# x\n", extra={"adapter_config.json": content})
    release = LocalSource(root).fetch()
    assert release.base_models == ()
    assert any(g.code == "adapter-config-unparsable" for g in release.gaps)


def test_a_huge_adapter_config_is_not_read(tmp_path: Path) -> None:
    big = json.dumps({"base_model_name_or_path": "org/base", "pad": "x" * (2 * 1024 * 1024)})
    root = make_snapshot(tmp_path / "a", card="# x\n", extra={"adapter_config.json": big})
    release = LocalSource(root).fetch()
    assert release.base_models == ()
    assert any(g.code == "adapter-config-too-large" for g in release.gaps)
