"""Facts, sections, papers, data cards and usage examples read from a model card's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.evidence import ArtifactKind, LinkKind, Status
from howopen.sources.local import LocalSource
from support.snapshots import make_snapshot

K = ArtifactKind


def card_release(tmp_path: Path, body: str, front: str = "license: apache-2.0\n", **kwargs: object):
    card = f"---\n{front}---\n{body}"
    return LocalSource(make_snapshot(tmp_path / "m", card=card, **kwargs)).fetch()  # type: ignore[arg-type]


# -- training tokens ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "We use a batch size of 4M tokens.",
    "The context window of 8k tokens is extended later.",
    "Training used a sequence length 2048 tokens.",
    "Max sequence length: 4096 tokens",
    "| Batch size | 4M tokens |",
    "The model generates up to 512 tokens.",
    "Throughput is 3,000 tokens per second.",
    "It has a vocabulary of 128K tokens.",
])
def test_batch_sizes_and_context_lengths_are_not_training_tokens(tmp_path: Path, line: str) -> None:
    release = card_release(tmp_path, f"# M\n\n{line}\n")
    assert release.fact("training_tokens") is None


@pytest.mark.parametrize(("line", "tokens"), [
    ("It was trained on 299,892,736,000 tokens.", 299_892_736_000),
    ("Pretrained on 2T tokens of web text.", 2_000_000_000_000),
    ("The corpus holds 1.5 trillion tokens.", 1_500_000_000_000),
    ("We trained on 15T+ tokens.", 15_000_000_000_000),
])
def test_training_token_counts(tmp_path: Path, line: str, tokens: int) -> None:
    release = card_release(tmp_path, f"# M\n\n{line}\n")
    assert release.fact("training_tokens") == tokens
    assert release.facts["training_tokens"].provenance.line is not None


def test_a_batch_size_beside_the_training_count_is_ignored(tmp_path: Path) -> None:
    body = ("# M\n\nWith a context length of 4096 tokens and a batch size of 4M tokens, the model was trained on "
            "1T tokens.\n")
    assert card_release(tmp_path, body).fact("training_tokens") == 1_000_000_000_000


def test_the_training_context_wins_over_a_larger_count(tmp_path: Path) -> None:
    body = ("# M\n\nThe public web holds over 100 trillion tokens of text.\n\n"
            "The model was pretrained on 3 trillion tokens.\n")
    release = card_release(tmp_path, body)
    assert release.fact("training_tokens") == 3_000_000_000_000
    assert release.facts["training_tokens"].provenance.line == 8


# -- sections ------------------------------------------------------------------------------------------------------


def test_a_results_table_in_a_subsection_is_evaluation_results(tmp_path: Path) -> None:
    body = ("# M\n\n## Evaluation\n\nWe evaluate the model on our suite.\n\n### Results\n\n"
            "| Benchmark | Score |\n|---|---|\n| Suite A | 50.1 |\n| Suite B | 61.0 |\n\n## Usage\n\nRun it.\n")
    results = card_release(tmp_path, body).artifact(K.EVALUATION_RESULTS)
    assert results.status == Status.PRESENT
    assert results.evidence[0].line == 6  # the "## Evaluation" heading


def test_an_html_table_is_a_results_table(tmp_path: Path) -> None:
    body = ("# M\n\n## Performance\n\n<table>\n  <tr><th>Benchmark</th><th>Score</th></tr>\n"
            "  <tr><td>Suite A</td><td>50.1</td></tr>\n</table>\n")
    assert card_release(tmp_path, body).artifact(K.EVALUATION_RESULTS).status == Status.PRESENT


def test_training_data_subsections_belong_to_the_section(tmp_path: Path) -> None:
    body = ("# M\n\n## Training Data\n\n### Preprocessing\n\nWe removed duplicates and filtered by language.\n"
            "Documents shorter than 100 words were dropped.\n\n### Sources\n\nWeb pages and books.\n\n"
            "## Usage\n\nRun it.\n")
    release = card_release(tmp_path, body)
    fact = release.facts["data_information"]
    assert fact.value["section"] == "Training Data"
    assert (fact.provenance.line, fact.provenance.end_line) == (6, 16)


def test_a_section_ends_at_the_next_heading_of_its_level_or_above(tmp_path: Path) -> None:
    from howopen.sources.card import parse_card, sections

    card = parse_card(b"# A\n## B\n### C\ntext\n## D\n# E\nend\n")
    assert sections(card) == [("A", 1, 5), ("B", 2, 4), ("C", 3, 4), ("D", 5, 5), ("E", 6, 8)]


# -- papers: the release's own, or only cited -------------------------------------------------------------------


def paper_ids(release) -> list[str]:  # type: ignore[no-untyped-def]
    paper = release.artifact(K.RESEARCH_PAPER)
    return list(paper.details.get("ids", [])) if paper.status == Status.PRESENT else []


def test_papers_cited_for_other_work_are_links_not_the_release_paper(tmp_path: Path) -> None:
    body = ("# M\n\nWe compare against [LLaMA](https://arxiv.org/abs/2302.13971) and fine-tune with "
            "[LoRA](https://arxiv.org/abs/2106.09685) on the Pile (arXiv:2101.00027).\n\n"
            "## References\n\n1. Vaswani et al. Attention is all you need. arXiv:1706.03762\n")
    release = card_release(tmp_path, body)
    paper = release.artifact(K.RESEARCH_PAPER)
    assert paper.status == Status.UNKNOWN
    assert "none presented as the release's own" in (paper.reason or "")
    cited = {lk.id for lk in release.links if lk.kind == LinkKind.PAPER}
    assert cited == {"arXiv:2302.13971", "arXiv:2106.09685", "arXiv:2101.00027", "arXiv:1706.03762"}
    assert release.artifact(K.TECHNICAL_REPORT).status != Status.PRESENT


@pytest.mark.parametrize("line", [
    "Paper: https://arxiv.org/abs/2401.00001",
    "For more details, see our [paper](https://arxiv.org/abs/2401.00001).",
    "Read [the paper](https://arxiv.org/abs/2401.00001) for more details.",
    "[(see paper)](https://arxiv.org/pdf/2401.00001.pdf)",
    '<a href="https://arxiv.org/abs/2401.00001">📑 Paper</a> | <a href="https://github.com/o/m">GitHub</a>',
    "The model was introduced in arXiv:2401.00001.",
])
def test_a_paper_the_card_presents_as_its_own(tmp_path: Path, line: str) -> None:
    body = f"# M\n\nWe compare against [LLaMA](https://arxiv.org/abs/2302.13971).\n\n{line}\n"
    release = card_release(tmp_path, body)
    assert paper_ids(release) == ["arXiv:2401.00001"]
    assert release.artifact(K.RESEARCH_PAPER).evidence[0].line == 8


def test_a_technical_report_is_the_release_own(tmp_path: Path) -> None:
    body = "# M\n\nFor more details, please read our [technical report](https://arxiv.org/abs/2401.00001).\n"
    release = card_release(tmp_path, body)
    assert release.artifact(K.TECHNICAL_REPORT).details["ids"] == ["arXiv:2401.00001"]
    assert paper_ids(release) == ["arXiv:2401.00001"]


def test_the_bibtex_the_card_asks_to_cite_is_its_paper(tmp_path: Path) -> None:
    body = ("# M\n\nTrained with [DPO](https://arxiv.org/abs/2305.18290).\n\n## Citation\n\n"
            "If you use this model, please cite:\n\n```bibtex\n@misc{ours2024,\n  title={Our Model},\n"
            "  author={Someone},\n  year={2024},\n  eprint={2401.00001},\n  archivePrefix={arXiv}\n}\n\n"
            "@article{pile,\n  title={The Pile},\n  journal={arXiv preprint arXiv:2101.00027},\n}\n```\n")
    release = card_release(tmp_path, body)
    assert paper_ids(release) == ["arXiv:2401.00001"]
    assert {lk.id for lk in release.links if lk.kind == LinkKind.PAPER} >= {"arXiv:2305.18290", "arXiv:2101.00027"}


@pytest.mark.parametrize("line", [
    "[**Project Page**](https://example.org) **|** [**Paper (ArXiv)**](https://arxiv.org/abs/2401.00001)",
    '<a href="https://arxiv.org/abs/2401.00001"><img src="https://img.shields.io/static/v1?label=Paper&x=1"></a>',
    "More details are available in the [M Paper](https://arxiv.org/abs/2401.00001).",
    "M was presented at [M: A Model](https://arxiv.org/abs/2401.00001) by A. Author.",
])
def test_more_ways_cards_present_their_paper(tmp_path: Path, line: str) -> None:
    body = f"# M\n\nWe compare against [LLaMA](https://arxiv.org/abs/2302.13971).\n\n{line}\n"
    assert paper_ids(card_release(tmp_path, body)) == ["arXiv:2401.00001"]


def test_an_arxiv_key_in_the_front_matter_is_the_release_paper(tmp_path: Path) -> None:
    release = card_release(tmp_path, "# M\n", front="license: mit\narxiv: 2401.00001\n")
    assert paper_ids(release) == ["arXiv:2401.00001"]


# -- usage snippets ------------------------------------------------------------------------------------------------

SNIPPET = ("# M\n\n## Usage\n\n```python\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\n\n"
           'model = AutoModelForCausalLM.from_pretrained("org/m")\n```\n')


def test_a_third_party_usage_snippet_is_documentation_not_inference_code(tmp_path: Path) -> None:
    release = card_release(tmp_path, SNIPPET)  # a complete listing: config, weights, no code files
    inference = release.artifact(K.INFERENCE_CODE)
    assert inference.status == Status.ABSENT
    assert inference.locations == ()
    assert inference.details["usage_documented"] is True
    assert inference.details["libraries"] == ["transformers"]
    assert inference.evidence[0].cite() == "README.md:11"
    assert "transformers" in (inference.reason or "") and "third-party" in (inference.reason or "")


def test_a_snippet_in_a_card_only_folder_leaves_inference_code_unknown(tmp_path: Path) -> None:
    root = tmp_path / "m"
    root.mkdir()
    (root / "README.md").write_text(f"---\nlicense: mit\n---\n{SNIPPET}", encoding="utf-8")
    inference = LocalSource(root).fetch().artifact(K.INFERENCE_CODE)
    assert inference.status == Status.UNKNOWN
    assert inference.details["usage_documented"] is True and inference.locations == ()


def test_inference_code_files_still_win(tmp_path: Path) -> None:
    release = card_release(tmp_path, SNIPPET, extra={"generate.py": "# inference\n"})
    inference = release.artifact(K.INFERENCE_CODE)
    assert inference.status == Status.PRESENT and inference.locations == ("generate.py",)


# -- data cards ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "url"), [
    ("See the [datasheet](https://arxiv.org/abs/2201.07311) for details of the data.",
     "https://arxiv.org/abs/2201.07311"),
    ("The training data is documented in its [data card](https://example.org/data).", "https://example.org/data"),
    ("Data: https://github.com/org/repo/blob/main/docs/datasheet.md", "https://github.com/org/repo/blob/main/docs/datasheet.md"),
    ("Read the [corpus README](https://huggingface.co/datasets/org/corpus/blob/main/README.md).",
     "https://huggingface.co/datasets/org/corpus/blob/main/README.md"),
])
def test_a_linked_datasheet_is_a_data_card(tmp_path: Path, line: str, url: str) -> None:
    data_card = card_release(tmp_path, f"# M\n\n{line}\n").artifact(K.DATA_CARD)
    assert data_card.status == Status.PRESENT
    assert data_card.locations == (url,)
    assert data_card.evidence[0].cite() == "README.md:6"


@pytest.mark.parametrize("name", ["DATASHEET.md", "data_card.md", "Datasheet-v2.md", "docs/DATA_CARD_corpus.md"])
def test_a_datasheet_file_is_a_data_card(tmp_path: Path, name: str) -> None:
    data_card = card_release(tmp_path, "# M\n", extra={name: "# Datasheet\n\nMotivation ...\n"}).artifact(K.DATA_CARD)
    assert data_card.status == Status.PRESENT and data_card.locations == (name,)


def test_no_datasheet_no_data_card(tmp_path: Path) -> None:
    body = "# M\n\nWe compare against [LLaMA](https://arxiv.org/abs/2302.13971). Data cards are nice.\n"
    assert card_release(tmp_path, body).artifact(K.DATA_CARD).status == Status.ABSENT
