"""Following a card's links, against the loopback Hub, GitHub and arXiv: dataset cards as datasheets, papers that
present the release or are only cited, the request cap, faults and offline mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.evidence import Artifact, ArtifactKind, BaseModelRef, Provenance, Release, Status
from howopen.sources.linked_papers import with_papers
from howopen.sources.papers import PaperCheck, abstract_of
from hubserver import HubServer

K = ArtifactKind
MANY = "howopen-test/many-links"
PILE_CARD = "howopen-test/the-pile-card"
LINK_REQUESTS = r"^/(github/|api/datasets/|datasets/|arxiv/)"


@pytest.fixture
def many(hub: HubServer):  # type: ignore[no-untyped-def]
    return check(MANY)


def test_a_dataset_card_is_read_as_a_datasheet(many, hub: HubServer) -> None:  # type: ignore[no-untyped-def]
    card = many.release.artifact(K.DATA_CARD)
    assert card.status == Status.PRESENT
    # The Pile's card fills three of the seven sections; the rest are the template's "[More Information Needed]"
    assert card.details["datasheet_sections"][PILE_CARD] == ["motivation", "composition", "distribution"]
    assert card.details["datasheet_coverage"] == 3 and card.details["datasheet_total"] == 7
    sha = hub.world.datasets[PILE_CARD].sha
    readme = f"{hub.url}/datasets/{PILE_CARD}/blob/{sha}/README.md"
    assert [(p.source, p.line, p.quote) for p in card.evidence] == [
        (readme, 52, "Dataset Description"), (readme, 74, "Dataset Structure"), (readme, 148, "Licensing Information")]
    # the card is part of the dataset repository: its license, cited to the dataset
    assert card.license is not None and card.license.id == "MIT"
    assert hub.count(rf"^/datasets/{PILE_CARD}/resolve/main/README\.md$") == 1


def test_gated_datasets_are_named_on_the_training_data(many) -> None:  # type: ignore[no-untyped-def]
    training = many.release.artifact(K.TRAINING_DATA)
    assert training.details["gated_datasets"] == [PILE_CARD]
    checked = {d["id"]: d for d in training.details["datasets_checked"]}
    assert checked["howopen-test/missing-data-1"]["found"] is False
    assert checked[PILE_CARD]["datasheet_sections"] == ["motivation", "composition", "distribution"]


def test_mof_reads_the_linked_evidence(many) -> None:  # type: ignore[no-untyped-def]
    components = many.frameworks["mof"].fields["components"]
    assert components["Data card"]["status"] == "included"
    assert any(PILE_CARD in e["source"] for e in components["Data card"]["evidence"])
    training = components["Training code"]
    assert training["status"] == "included" and training["license"] == "Apache-2.0"
    assert training["evidence"][0]["source"].startswith("https://github.com/EleutherAI/gpt-neox/blob/")


def test_the_eosai_datasheet_reads_the_sections(many) -> None:  # type: ignore[no-untyped-def]
    datasheet = many.frameworks["eosai"].fields["dimensions"]["datasheet"]
    assert datasheet["class"] == "partial"
    assert "3 of 7" in datasheet["notes"]


def test_links_are_followed_within_the_cap(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    check(MANY)
    followed = hub.count(LINK_REQUESTS)
    assert 30 <= followed <= 48  # 4 repositories x 3, 10 datasets x 2, 8 papers (plus tree fallbacks)
    hub.reset()
    monkeypatch.setenv("HOWOPEN_MAX_LINK_REQUESTS", "10")
    monkeypatch.setenv("HOWOPEN_NO_CACHE", "1")
    report = check(MANY)
    assert hub.count(LINK_REQUESTS) <= 10 + 1  # one tree fallback may follow a repository's answer
    cap = next(g for g in report.release.gaps if g.code == "link-cap")
    assert "HOWOPEN_MAX_LINK_REQUESTS" in cap.message and "dataset howopen-test/the-pile-card" in cap.message
    # what was not read is not called absent
    assert report.release.artifact(K.DATA_CARD).status == Status.UNKNOWN


def test_a_failed_dataset_card_is_a_gap_not_an_absence(hub: HubServer) -> None:
    hub.add_fault(rf"^/datasets/{PILE_CARD}/resolve/", "status", status=500, times=None)
    report = check(MANY)
    card = report.release.artifact(K.DATA_CARD)
    assert card.status == Status.UNKNOWN
    gap = next(g for g in report.release.gaps if g.code == "fetch-server-error" and PILE_CARD in g.message)
    assert gap.provenance is not None and "/datasets/" in gap.provenance.source
    assert report.frameworks["eosai"].fields["dimensions"]["datasheet"]["class"] != "closed"


def test_offline_reads_only_the_cache(hub: HubServer) -> None:
    online = check(MANY)
    hub.reset()
    offline = check(MANY, offline=True)
    assert hub.count() == 0
    assert offline.release.artifact(K.DATA_CARD).details == online.release.artifact(K.DATA_CARD).details
    assert offline.release.artifact(K.TRAINING_CODE).status == Status.PRESENT


def test_a_paper_whose_title_names_the_model_presents_it(hub: HubServer) -> None:
    paper = check("EleutherAI/pythia-1b").release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.PRESENT
    assert paper.details["presents_release"]["2304.01373"] is True
    assert "pythia" in paper.details["scope"]["2304.01373"]


def test_cited_papers_that_do_not_name_the_model_stay_cited(many) -> None:  # type: ignore[no-untyped-def]
    paper = many.release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.UNKNOWN and paper.details.get("cited")


def _release(name: str, paper: Artifact, bases: tuple[str, ...] = ()) -> Release:
    return Release(target=f"org/{name}", source="hub", name=name, organization="org",
                   artifacts={paper.kind: paper}, base_models=tuple(BaseModelRef(b) for b in bases))


LLAMA = PaperCheck("2302.13971", "https://arxiv.org/abs/2302.13971", True,
                   "LLaMA: Open and Efficient Foundation Language Models",
                   abstract="We introduce LLaMA, a collection of foundation language models ranging from 7B to 65B "
                            "parameters.",
                   license_url="http://arxiv.org/licenses/nonexclusive-distrib/1.0/")


def test_the_base_models_paper_is_not_the_fine_tunes_own() -> None:
    presented = Artifact(K.RESEARCH_PAPER, Status.PRESENT, details={"ids": ["arXiv:2302.13971"]},
                         evidence=(Provenance("README.md", line=12),))
    release = with_papers(_release("Hermes-2-Pro-Llama-3-8B", presented, ("NousResearch/Meta-Llama-3-8B",)),
                          [LLAMA])
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.UNKNOWN and paper.license is None
    assert paper.details["presents_release"] == {"2302.13971": False}
    assert paper.details["cited"] == ["arXiv:2302.13971"]
    assert "hermes" in (paper.reason or "")


def test_the_family_paper_presents_a_model_named_by_its_family() -> None:
    presented = Artifact(K.RESEARCH_PAPER, Status.PRESENT, details={"ids": ["arXiv:2302.13971"]})
    release = with_papers(_release("llama-7b", presented), [LLAMA])
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.PRESENT
    assert paper.license is not None and paper.license.evidence[0].source == LLAMA.url


def test_a_cited_paper_whose_title_names_the_model_is_its_own() -> None:
    cited = Artifact(K.RESEARCH_PAPER, Status.UNKNOWN, reason="cited only", details={"cited": ["arXiv:2304.01373"]})
    pythia = PaperCheck("2304.01373", "https://arxiv.org/abs/2304.01373", True,
                        "Pythia: A Suite for Analyzing Large Language Models Across Training and Scaling",
                        license_url="http://creativecommons.org/licenses/by-sa/4.0/", license_id="CC-BY-SA-4.0")
    release = with_papers(_release("pythia-1b", cited), [pythia])
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.PRESENT and paper.locations == (pythia.url,)
    assert paper.license is not None and paper.license.declared == "CC-BY-SA-4.0"


def test_abstract_from_the_page_block() -> None:
    page = ('<blockquote class="abstract mathjax">\n<span class="descriptor">Abstract:</span>How do large '
            "language models (LLMs) develop &amp; evolve?\n</blockquote>")
    assert abstract_of(page) == "How do large language models (LLMs) develop & evolve?"


@pytest.mark.parametrize(("path", "kind"), [
    ("lm_eval/tasks/hellaswag/hellaswag.yaml", K.EVALUATION_CODE),  # a task config of lm-evaluation-harness
    ("configs/pythia/1-4B.yml", K.TRAINING_CODE),  # a GPT-NeoX training run
    ("scripts/pretrain/launch.sh", K.TRAINING_CODE),
    ("tools/datasets/preprocess_data.py", K.DATA_PROCESSING_CODE),
    ("inference/serve.py", K.INFERENCE_CODE),
    ("README.md", None), ("LICENSE", None), (".github/workflows/ci.yml", None),
])
def test_repository_paths_by_rule(path: str, kind: ArtifactKind | None) -> None:
    from howopen.sources.repocode import repository_code_kind

    assert repository_code_kind(path) == kind


def test_a_config_in_an_evaluation_repository_is_evaluation_code() -> None:
    from howopen.sources.github import GitHubRepo

    repo = GitHubRepo("allenai", "OLMo-Eval", paths=("evaluation/experiments/eval_config.jsonnet", "configs/x.yaml"))
    assert set(repo.code_by_kind()) == {K.EVALUATION_CODE}


def test_howopen_identifies_the_repository_license_text_itself(many) -> None:  # type: ignore[no-untyped-def]
    from howopen.evidence import ClaimKind

    claims = {c.provenance.source: c for c in many.release.license_claims if c.kind == ClaimKind.SOURCE_REPOSITORY}
    harness = next(c for url, c in claims.items() if "lm-evaluation-harness" in url)
    assert harness.text is not None and "Permission is hereby granted" in harness.text
    ident = next(i for i in many.release.licenses if i.claim is harness)
    assert ident.license_id == "MIT" and ident.method == "text"


def test_the_code_hosts_id_is_the_fallback_for_an_unknown_text() -> None:
    from howopen.evidence import ClaimKind, LicenseClaim
    from howopen.licenses.identify import identify_claim

    where = Provenance("https://github.com/o/r/blob/main/LICENSE", method="github-license")
    garbled = identify_claim(LicenseClaim(ClaimKind.SOURCE_REPOSITORY, "MIT", where, text="our own words, no license"))
    assert garbled.license_id == "MIT"
    apache = (Path(__file__).resolve().parents[2] / "src/howopen/licenses/texts/apache-2.0.txt").read_text()
    relabelled = identify_claim(LicenseClaim(ClaimKind.SOURCE_REPOSITORY, "MIT", where, text=apache))
    assert relabelled.license_id == "Apache-2.0"  # the text, read by howopen, wins over the host's label


def test_an_unknown_license_says_what_would_settle_it(hub: HubServer) -> None:
    olmo = check("allenai/OLMo-1B-hf").frameworks["mof"].fields["components"]["Research paper"]
    assert olmo["status"] == "unknown" and "/arxiv/abs/2402.00838 shows no license link" in olmo["why"]
    hub.reset()
    datasets = check(MANY).frameworks["mof"].fields["components"]["Datasets"]
    assert datasets["status"] == "unknown"
    assert "the Hub has no dataset howopen-test/missing-data-1" in datasets["why"]


CARD = """---
license: apache-2.0
datasets:
- howopen-test/the-pile-card
---
# A model graded from its card

Training code: https://github.com/EleutherAI/gpt-neox
Paper: https://arxiv.org/abs/2304.01373
"""


def test_a_card_file_checked_online_has_its_links_followed(hub: HubServer, tmp_path: Path) -> None:
    card = tmp_path / "EleutherAI_pythia-card.md"
    card.write_text(CARD, encoding="utf-8")
    release = check(str(card)).release
    training = release.artifact(K.TRAINING_CODE)
    assert training.status == Status.PRESENT and training.license is not None
    assert training.license.id == "Apache-2.0"
    assert training.evidence[0].source.startswith("https://github.com/EleutherAI/gpt-neox/blob/")
    assert release.artifact(K.DATA_CARD).details["datasheet_coverage"] == 3
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.license is not None and paper.license.evidence[0].source == f"{hub.url}/arxiv/abs/2304.01373"
    # a kind no linked repository holds stays unknown: the model repository's own files were not listed
    assert release.artifact(K.INFERENCE_CODE).status in (Status.PRESENT, Status.UNKNOWN)


def test_a_card_file_checked_offline_is_read_alone(hub: HubServer, tmp_path: Path) -> None:
    card = tmp_path / "EleutherAI_pythia-card.md"
    card.write_text(CARD, encoding="utf-8")
    release = check(str(card), offline=True).release
    assert hub.count() == 0
    assert release.artifact(K.TRAINING_CODE).details.get("via") != "linked GitHub repository"


def test_without_the_abstract_a_title_alone_does_not_demote() -> None:
    from dataclasses import replace

    presented = Artifact(K.RESEARCH_PAPER, Status.PRESENT, details={"ids": ["arXiv:2302.13971"]})
    release = with_papers(_release("Hermes-2-Pro-Llama-3-8B", presented, ("NousResearch/Meta-Llama-3-8B",)),
                          [replace(LLAMA, abstract=None)])
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.PRESENT
    assert paper.details["presents_release"] == {"2302.13971": None}
    assert "abstract could not be read" in paper.details["scope"]["2302.13971"]


def test_datasets_linked_in_the_training_data_section_are_followed(hub: HubServer, tmp_path: Path) -> None:
    card = tmp_path / "org_linked-data.md"
    card.write_text("# A model\n\n## Training data\n\nTrained on [Dolma](https://huggingface.co/datasets/allenai/dolma)"
                    " and [the Pile's card](https://huggingface.co/datasets/howopen-test/the-pile-card).\n",
                    encoding="utf-8")
    release = check(str(card)).release
    training = release.artifact(K.TRAINING_DATA)
    assert [d["id"] for d in training.details["datasets_checked"]] == ["allenai/dolma", PILE_CARD]
    assert release.artifact(K.DATA_CARD).details["datasets"] == [PILE_CARD]


def test_datasets_a_sentence_names_as_training_data_are_followed_and_benchmarks_are_not(hub: HubServer,
                                                                                         tmp_path: Path) -> None:
    card = tmp_path / "org_prose-data.md"
    card.write_text("# A model\n\nThis model is a fine-tuned version of [base](https://huggingface.co/org/base) on the"
                    " [Pile card](https://huggingface.co/datasets/howopen-test/the-pile-card) dataset. It was evaluated"
                    " on [Dolma](https://huggingface.co/datasets/allenai/dolma).\n", encoding="utf-8")
    release = check(str(card)).release
    training = release.artifact(K.TRAINING_DATA)
    assert training.details["via"] == "training datasets named in the card's prose"
    assert [d["id"] for d in training.details["datasets_checked"]] == [PILE_CARD]
