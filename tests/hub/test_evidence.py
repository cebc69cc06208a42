"""Each kind of evidence the Hub source collects, read by the real huggingface_hub client from the loopback
Hub."""

from __future__ import annotations

import pytest

from howopen import check
from howopen.evidence import ArtifactKind as K
from howopen.evidence import ClaimKind, Status
from hubserver import TOKEN, HubServer

PYTHIA = "EleutherAI/pythia-1b"
PYTHIA_PARAMETERS = 1_011_353_600  # the tensors in tests/fixtures/hub/models/EleutherAI__pythia-1b.yaml


@pytest.fixture
def pythia(hub: HubServer):  # type: ignore[no-untyped-def]
    return check(PYTHIA)


def test_model_info_facts(pythia, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    release = pythia.release
    repo = hub.world.models[PYTHIA.lower()]
    assert release.source == "hub"
    assert release.revision == repo.sha
    assert release.fact("sha") == repo.sha
    assert release.fact("gated") is False
    assert release.fact("downloads") == 95000 and release.fact("likes") == 37
    assert release.fact("created_at").startswith("2023-03-10")
    assert release.fact("last_modified").startswith("2024-01-04")
    assert release.fact("pipeline_tag") == "text-generation"
    assert release.facts["downloads"].provenance.source == f"{hub.url}/api/models/{PYTHIA}"


def test_file_listing_and_card_citations(pythia, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    release = pythia.release
    sha = hub.world.models[PYTHIA.lower()].sha
    weights = release.artifact(K.WEIGHTS)
    assert weights.status == Status.PRESENT
    assert weights.details["bytes"] > 2 * 10**9  # sizes come from the listing; nothing was downloaded
    assert weights.evidence[0].source == f"{hub.url}/{PYTHIA}/blob/{sha}/model.safetensors"
    tag = next(c for c in release.license_claims if c.kind == ClaimKind.TAG)
    assert tag.provenance.source == f"{hub.url}/{PYTHIA}/blob/{sha}/README.md"
    assert tag.provenance.line == 8
    assert pythia.license is not None and pythia.license.id == "Apache-2.0"
    assert not release.metadata_only


def test_config_and_safetensors_header_without_downloading_weights(pythia, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    release = pythia.release
    assert release.artifact(K.MODEL_ARCHITECTURE).details["architectures"] == ["GPTNeoXForCausalLM"]
    assert release.fact("config.num_hidden_layers") == 16
    assert release.fact("parameters") == PYTHIA_PARAMETERS
    assert release.artifact(K.WEIGHTS).details["dtype"] == "F16"
    weight_requests = hub.requests(r"\.(safetensors|bin)$")
    assert weight_requests, "the safetensors header was read"
    for request in weight_requests:
        assert request.range is not None  # only ranged reads of headers
        start, end = request.range.removeprefix("bytes=").split("-")
        assert int(end) - int(start) <= 100_000


def test_branches_are_intermediate_checkpoints(pythia, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    artifact = pythia.release.artifact(K.INTERMEDIATE_WEIGHTS)
    assert artifact.status == Status.PRESENT
    assert artifact.details["via"] == "repository branches"
    assert "step1000" in artifact.details["examples"]
    assert artifact.evidence[0].source.startswith(f"{hub.url}/{PYTHIA}/tree/step")


def test_github_code_by_kind_with_the_repositories_licenses(pythia) -> None:  # type: ignore[no-untyped-def]
    release = pythia.release
    training = release.artifact(K.TRAINING_CODE)
    assert training.status == Status.PRESENT
    assert "https://github.com/EleutherAI/gpt-neox/blob/main/train.py" in training.locations
    assert training.license is not None and training.license.id == "Apache-2.0"
    assert training.license.evidence[0].source in ("https://github.com/EleutherAI/gpt-neox/blob/main/LICENSE",
                                                   "https://github.com/EleutherAI/pythia/blob/main/LICENSE")
    processing = release.artifact(K.DATA_PROCESSING_CODE)
    assert any("tools/datasets/preprocess_data.py" in loc for loc in processing.locations)
    evaluation = release.artifact(K.EVALUATION_CODE)
    assert any("lm-evaluation-harness" in loc for loc in evaluation.locations)
    claims = [c for c in release.license_claims if c.kind == ClaimKind.SOURCE_REPOSITORY]
    assert {c.value for c in claims} == {"Apache-2.0", "MIT"}
    mit = next(c for c in claims if c.value == "MIT")
    assert mit.applies_to == (K.EVALUATION_CODE,)


def test_papers_are_confirmed_on_arxiv(pythia) -> None:  # type: ignore[no-untyped-def]
    paper = pythia.release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.PRESENT
    assert paper.details["arxiv"]["2304.01373"] == "confirmed"
    quotes = [p.quote for p in paper.evidence if p.method == "arxiv"]
    assert "Pythia: A Suite for Analyzing Large Language Models Across Training and Scaling" in quotes


def test_dataset_the_hub_does_not_have(pythia) -> None:  # type: ignore[no-untyped-def]
    training = pythia.release.artifact(K.TRAINING_DATA)
    assert training.status == Status.UNKNOWN  # named, but not on the Hub: never "absent"
    assert "the_pile" in (training.reason or "")
    assert training.details["datasets_checked"][0]["found"] is False


def test_dataset_license_and_data_card(hub: HubServer) -> None:
    release = check("allenai/OLMo-1B-hf").release
    training = release.artifact(K.TRAINING_DATA)
    assert training.status == Status.PRESENT
    assert training.license is not None and training.license.declared == "odc-by"
    checked = training.details["datasets_checked"][0]
    assert checked["id"] == "allenai/dolma" and checked["gated"] is False
    data_card = release.artifact(K.DATA_CARD)  # dolma's README.md here holds metadata only: not a data card
    assert data_card.status == Status.UNKNOWN
    assert "allenai/dolma" in (data_card.reason or "")


def test_safetensors_summary_from_model_info_needs_no_header_read(hub: HubServer) -> None:
    release = check("allenai/OLMo-1B-hf").release
    assert release.fact("parameters") == 1_176_764_416
    assert release.artifact(K.WEIGHTS).details["parameters"] == 1_176_764_416
    assert hub.count(r"model\.safetensors") == 0


def test_github_tree_falls_back_to_the_default_branch(hub: HubServer) -> None:
    release = check("allenai/OLMo-1B-hf").release
    assert hub.count(r"open-instruct/git/trees/HEAD") == 1
    assert hub.count(r"open-instruct/git/trees/main") == 1
    assert release.artifact(K.EVALUATION_CODE).status == Status.PRESENT  # from the evaluation repository


def test_gated_model_with_a_token_reads_the_license_files(hub: HubServer,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    report = check("meta-llama/Llama-3.1-8B-Instruct")
    release = report.release
    files = [c for c in release.license_claims if c.kind == ClaimKind.FILE]
    assert {c.value for c in files} == {"LICENSE", "USE_POLICY.md"}
    assert report.license is not None and report.license.id == "llama3.1"
    assert release.fact("gated") == "manual"
    assert not [g for g in release.gaps if g.code == "gated"]
    assert all(r.authorized for r in hub.requests(r"^/(api/models/)?meta-llama/"))


def test_report_json_carries_the_hub_evidence(pythia) -> None:  # type: ignore[no-untyped-def]
    data = pythia.to_dict()
    assert data["release"]["source"] == "hub"
    assert data["understood"] == "Hugging Face Hub model EleutherAI/pythia-1b (read as a Hub id)"
    assert data["artifacts"]["training_code"]["status"] == "present"
    assert data["release"]["facts"]["parameters"]["value"] == PYTHIA_PARAMETERS


def test_many_shards_are_read_in_one_request(hub: HubServer) -> None:
    release = check("howopen-test/many-shards").release
    assert release.fact("parameters") == 17 * 1024 * 1024
    assert hub.count(r"/safetensors-metadata/model\.safetensors\.index\.json$") == 1
    assert hub.count(r"/resolve/.*\.safetensors$") == 0


def test_gguf_summary_gives_the_parameter_count(hub: HubServer) -> None:
    release = check("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF").release
    assert release.fact("parameters") == 8_030_261_312
    assert release.artifact(K.WEIGHTS).details["formats"] == ["gguf"]


def test_github_token_goes_to_github_only(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "gh-test-token")
    check(PYTHIA)
    github = hub.requests(r"^/github/")
    assert github and all(r.authorization == "Bearer gh-test-token" for r in github)
    assert not any(r.authorization for r in hub.requests(r"^/(api|EleutherAI)/"))


def test_a_papers_own_license_is_read_from_arxiv(pythia) -> None:  # type: ignore[no-untyped-def]
    paper = pythia.release.artifact(K.RESEARCH_PAPER)
    assert paper.license is not None and paper.license.declared == "CC-BY-SA-4.0"
    assert paper.license.evidence[0].source == "https://arxiv.org/abs/2304.01373" or \
        paper.license.evidence[0].source.endswith("/arxiv/abs/2304.01373")
    assert paper.details["license_from"] == "arXiv's record of arXiv:2304.01373"
