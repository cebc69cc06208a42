"""Known model families (ancestry/data/families.yaml): official repositories resolve offline, with the license each
version ships under; every license is in the knowledge base and agrees with the bundled catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.ancestry import families
from howopen.ancestry.lookup import with_families
from howopen.catalog import find
from howopen.evidence import ArtifactKind
from howopen.licenses.kb import knowledge_base
from howopen.lineage import LookupFailed


def _offline(ident: str) -> None:
    raise LookupFailed("offline and not cached")


@pytest.mark.parametrize(("ident", "license_id"), [
    ("meta-llama/Llama-2-7b-chat-hf", "llama2"),
    ("google/gemma-2-9b-it", "gemma"),
    ("meta-llama/Llama-3.2-3B-Instruct", "llama3.2"),
    ("meta-llama/Meta-Llama-3-70B-Instruct", "llama3"),
    ("Meta-Llama-3-70B-Instruct", "llama3"),  # without its organisation
    ("meta-llama/Llama-3.1-405B-Instruct", "llama3.1"),
    ("Qwen/Qwen2.5-3B-Instruct", "qwen-research"),
    ("Qwen/Qwen2.5-72B-Instruct", "qwen"),
    ("Qwen/Qwen2.5-7B-Instruct", "Apache-2.0"),
    ("Qwen/Qwen1.5-0.5B-Chat", "tongyi-qianwen-research"),
    ("mistralai/Codestral-22B-v0.1", "mistral-non-production"),
    ("tiiuae/falcon-180B", "falcon-180b-tii"),
    ("deepseek-ai/deepseek-coder-33b-base", "deepseek-model-1.0"),
    ("NousResearch/Llama-2-7b-hf", "llama2"),  # a copy named like the official repositories
])
def test_official_repositories_resolve_offline(ident: str, license_id: str) -> None:
    found = with_families(_offline)(ident)
    assert found is not None and found.source == "families"
    ref = found.artifacts[ArtifactKind.WEIGHTS].license
    assert ref is not None and ref.id == license_id
    assert ref.evidence[0].source == "howopen:ancestry/data/families.yaml" and ref.evidence[0].line


def test_an_unknown_base_stays_unknown_and_a_failure_is_not_closed() -> None:
    with pytest.raises(LookupFailed):
        with_families(_offline)("someone/unheard-of-7b")
    assert with_families(lambda _i: None)("someone/unheard-of-7b") is None


def test_every_family_license_is_known_and_matches_the_catalog() -> None:
    kb = knowledge_base()
    for family in families.families():
        for lic in (family.license, *family.sizes.values()):
            assert lic is None or kb.get(lic) is not None, (family.key, lic)
    checked = 0
    for name in ("llama-2-70b", "llama-3-70b", "llama-3.1-8b", "llama-3.2-3b", "gemma-2-27b", "qwen2.5-3b",
                 "qwen2-72b", "qwen2-7b", "mistral-7b-v0.1", "codestral-22b-v0.1", "falcon-180b", "falcon-7b",
                 "deepseek-v3", "deepseek-r1", "phi-4", "chatglm3-6b", "glm-4-9b", "yi-34b"):
        record = find(name)
        if record is None or not record.hub_id:
            continue
        family = families.official(record.hub_id)
        assert family is not None, record.hub_id
        assert (family.license_for(record.hub_id) or "").lower() == (record.license_id or "").lower(), record.hub_id
        checked += 1
    assert checked >= 15


def test_an_official_release_without_a_license_takes_its_familys(tmp_path: Path) -> None:
    card = tmp_path / "Qwen_Qwen-14B-Chat.md"
    card.write_text("---\nlanguage: [zh]\n---\n# Qwen-14B-Chat\n", encoding="utf-8")
    report = check(str(card), offline=True)
    assert report.license is not None and report.license.id == "tongyi-qianwen"


def test_a_training_framework_named_after_llama_is_no_lineage() -> None:
    """Yi's card lists tutorials "基于 LLaMA Factory" (hiyouga/LLaMA-Factory, a fine-tuning tool): Yi ships under
    its own license; LLaMA's architecture or a tool's name is not a lineage."""
    from howopen.ancestry import families as fam

    for text in ("基于 Llama   Factory 实战", "trained with LLaMA-Factory", "llama_factory"):
        assert fam.in_text(text) == [], text
    assert [f.key for f, _ in fam.in_text("a LLaMA fine-tune")] == ["llama1"]
