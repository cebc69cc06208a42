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
