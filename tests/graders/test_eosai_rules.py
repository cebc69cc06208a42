"""The European index's dimensions as its experts apply them (docs/frameworks.md, "European Open Source AI Index")."""

from __future__ import annotations

from pathlib import Path

from howopen.graders import eosai
from howopen.licenses import resolve
from howopen.lineage import trace
from howopen.pipeline import check
from howopen.sources.cardfile import CardFileSource

from . import releases as R

K = eosai.K


def dims_of(target: str) -> dict:
    return check(target, offline=True).frameworks["eosai"].fields["dimensions"]


def card_dims(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "org_model.md"
    path.write_text(text, encoding="utf-8")
    release = trace(resolve(CardFileSource(path).fetch()))
    return eosai.grade(release).fields["dimensions"]


def test_gated_catalog_weights_are_partial_and_a_bespoke_license_is_closed() -> None:
    dims = dims_of("llama-3.1-8b")  # access: gated-weights, Llama 3.1 Community License
    assert dims["weights_endmodel"]["class"] == "partial"
    assert "gated" in dims["weights_endmodel"]["notes"]
    assert dims["licenses"]["class"] == "closed"


def test_the_license_dimension_is_graded_from_the_licenses() -> None:
    dims = dims_of("mistral-7b-v0.1")  # Apache-2.0 weights; training code and data not published
    assert dims["weights_endmodel"]["class"] == "open"
    assert dims["licenses"]["class"] == "open"  # the experts: "Apache-2.0, an OSI-approved license"
    assert dims_of("olmo-7b")["licenses"]["class"] == "open"  # weights, code and data all openly licensed
    assert dims_of("llama-3.1-8b")["licenses"]["class"] == "closed"  # bespoke, and nothing else open


def test_a_part_known_not_open_makes_the_license_partial() -> None:
    mixed = R.release("mixed", [R.present(K.WEIGHTS, "Apache-2.0", "model.safetensors", None),
                                R.present(K.TRAINING_DATA, "CC-BY-NC-4.0", "README.md", 5, datasets=["ex/data"])])
    rating = eosai.licenses(mixed)
    assert rating.value == "partial"
    assert "training data" in rating.note
    # a bespoke model license with the release's code under Apache-2.0: "only parts" (BLOOMZ, DeepSeek-Coder)
    assert eosai.licenses(R.bloom_like()).value == "partial"
    alone = R.release("alone", [R.present(K.WEIGHTS, "llama3.1", "model.safetensors", None),
                                R.present(K.TRAINING_DATA, "Apache-2.0", "README.md", 5, datasets=["ex/data"])])
    assert eosai.licenses(alone).value == "closed"  # one open part is not "at least two"


def test_benchmarks_under_datasets_are_not_training_data(tmp_path: Path) -> None:
    card = ("---\nlicense: apache-2.0\ndatasets:\n- openai/openai_humaneval\n- cais/mmlu\n- gsm8k\n---\n"
            "# A model\n\nSome text.\n")
    path = tmp_path / "org_model.md"
    path.write_text(card, encoding="utf-8")
    release = trace(resolve(CardFileSource(path).fetch()))
    assert release.artifact(eosai.K.TRAINING_DATA).status != "present"
    assert release.artifact(eosai.K.EVALUATION_DATA).details["datasets"] == ["openai/openai_humaneval", "cais/mmlu",
                                                                             "gsm8k"]
    card2 = card.replace("- gsm8k\n", "- gsm8k\n- tatsu-lab/alpaca\n")
    path.write_text(card2, encoding="utf-8")
    release = trace(resolve(CardFileSource(path).fetch()))
    assert release.artifact(eosai.K.TRAINING_DATA).details["datasets"] == ["tatsu-lab/alpaca"]


def test_a_training_data_section_is_not_a_datasheet(tmp_path: Path) -> None:
    dims = card_dims(tmp_path, "---\nlicense: apache-2.0\n---\n# A model\n\n## Training Data\n\nWe trained on web "
                     "text.\nIt was filtered.\nAnd deduplicated.\n")
    assert dims["datasheet"]["class"] == "closed"
    assert "not a datasheet" in dims["datasheet"]["notes"]


def test_the_releases_own_arxiv_report_is_an_open_preprint(tmp_path: Path) -> None:
    dims = card_dims(tmp_path, "---\nlicense: apache-2.0\n---\n# A model\n\nTechnical report: "
                     "https://arxiv.org/abs/2401.00001\n")
    assert dims["preprint"]["class"] == "open"
    assert dims["paper"]["class"] == "unknown"  # whether the preprint was peer reviewed is not shown
    assert "would settle it" in dims["paper"]["notes"]
    venue = R.release("venue", [R.present(K.RESEARCH_PAPER, None, "README.md", 3,
                                          locations=("https://aclanthology.org/2024.acl-long.1/",))])
    assert eosai.paper(venue).value == "partial"
    none = card_dims(tmp_path, "---\nlicense: apache-2.0\n---\n# A model\n\nSome text.\n")
    assert none["paper"]["class"] == "closed"


def test_training_data_open_when_listed_for_inspection(tmp_path: Path) -> None:
    section = "## Training Data\n\nWe fine-tuned on the datasets below.\nThey were filtered.\nAnd deduplicated.\n"
    listed = card_dims(tmp_path, "---\nlicense: apache-2.0\ndatasets:\n- tatsu-lab/alpaca\n---\n# A model\n\n"
                       + section)
    assert listed["datasources_endmodel"]["class"] == "open"
    only_listed = card_dims(tmp_path, "---\nlicense: apache-2.0\ndatasets:\n- tatsu-lab/alpaca\n---\n# A\n\nText.\n")
    assert only_listed["datasources_endmodel"]["class"] == "partial"
    described = card_dims(tmp_path, "---\nlicense: apache-2.0\n---\n# A model\n\n" + section)
    assert described["datasources_endmodel"]["class"] == "closed"  # described, nothing to inspect
    assert "would settle it" in described["datasources_endmodel"]["notes"]


def test_the_score_over_answered_dimensions_leaves_unknown_out(tmp_path: Path) -> None:
    path = tmp_path / "org_model.md"
    path.write_text("---\nlicense: apache-2.0\n---\n# A model\n\nSome text.\n", encoding="utf-8")
    fields = eosai.grade(trace(resolve(CardFileSource(path).fetch()))).fields
    classes = [d["class"] for d in fields["dimensions"].values()]
    answered = [eosai.values()[c] for c in classes if c != "unknown"]
    assert fields["answered"] == len(answered) < 12
    assert fields["score_over_answered"] == round(sum(answered) / len(answered), 4)
    assert fields["score"] == round(sum(answered) / 12, 4)  # the index's own: unknown counts 0


def test_a_cited_paper_is_not_the_releases_own(tmp_path: Path) -> None:
    text = ("---\nlicense: apache-2.0\n---\n# A model\n\nWe fine-tuned with LoRA "
            "(https://arxiv.org/abs/2106.09685).\n")
    dims = card_dims(tmp_path, text)
    assert dims["preprint"]["class"] == "unknown"
    derivative = card_dims(tmp_path, text.replace("license: apache-2.0\n", "license: apache-2.0\nbase_model: "
                                                  "mistralai/Mistral-7B-v0.1\n"))
    assert derivative["preprint"]["class"] == "unknown"  # whose paper it is is not shown
    assert "would settle it" in derivative["preprint"]["notes"]


def test_a_base_model_in_the_catalog_is_graded_from_its_own_evidence(tmp_path: Path) -> None:
    dims = card_dims(tmp_path, "---\nlicense: apache-2.0\nbase_model: allenai/OLMo-7B\n---\n# A fine-tune\n\nText.\n")
    assert dims["weights_basemodel"]["class"] == "open"
    assert dims["datasources_basemodel"]["class"] == "open"
    assert "OLMo" in dims["datasources_basemodel"]["notes"]
    unknown_base = card_dims(tmp_path, "---\nlicense: apache-2.0\nbase_model: someone/not-in-catalog\n---\n# A\n")
    assert unknown_base["weights_basemodel"]["class"] == "unknown"
    assert "would settle it" in unknown_base["weights_basemodel"]["notes"]


def test_a_catalog_model_card_in_the_releases_own_repository_is_under_its_license() -> None:
    mof = check("olmo-2-1124-7b", offline=True).frameworks["mof"].fields["components"]
    card = mof["Model card"]
    assert card["status"] == "included" and card["license"] == "Apache-2.0"
    llama = check("llama-3.1-8b", offline=True).frameworks["mof"].fields["components"]["Model card"]
    assert llama["status"] in ("invalid", "unknown")  # the Llama license reaches its card; never open


def test_an_architecture_only_named_on_the_card_documents_neither(tmp_path: Path) -> None:
    card = ("---\nlicense: apache-2.0\n---\n# A model\n\n## Model Details\n\n- Model type: a decoder-only transformer\n"
            "- Parameters: 7B\n- Language: English\n")
    named = card_dims(tmp_path, card)
    assert named["hardware_architecture"]["class"] == "closed"
    assert "would settle it" in named["hardware_architecture"]["notes"]
    trained = card_dims(tmp_path, card + "\nIt was trained on 64 A100 GPUs for two weeks.\n")
    assert trained["hardware_architecture"]["class"] == "open"
    reported = card_dims(tmp_path, card + "\nTechnical report: https://arxiv.org/abs/2401.00001\n")
    assert reported["hardware_architecture"]["class"] == "partial"
