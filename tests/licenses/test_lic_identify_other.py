"""Identification from tags, names, links, SPDX expressions, excerpts, concatenations and unknown texts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from howopen.evidence import ClaimKind, LicenseClaim, Provenance
from howopen.licenses.identify import (
    find_clues,
    identify_any,
    identify_claim,
    identify_expression,
    identify_link,
    identify_name,
    identify_text,
    license_sentences,
)
from howopen.licenses.kb import reference_text


@pytest.mark.parametrize("value, expected", [
    ("llama3.1", "llama3.1"), ("gemma", "gemma"), ("mit", "MIT"), ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
    ("openrail++", "openrail++"), ("grok2-community", "grok2-community"), ("openmdw-1.1", "openmdw-1.1"),
    ("LicenseRef-scancode-llama-3.1-license-2024", "llama3.1"), ("deepseek-license", "deepseek-model-1.0"),
])
def test_names_and_tags(value: str, expected: str) -> None:
    ident = identify_any(value)
    assert ident.recognized and ident.license_id == expected and ident.confidence == 1.0


@pytest.mark.parametrize("value", ["other", "unknown", "Other "])
def test_other_and_unknown_name_no_license(value: str) -> None:
    ident = identify_name(value, "tag")
    assert not ident.recognized and ident.extra["no_license_named"]


def test_unknown_name_is_unrecognized() -> None:
    ident = identify_any("acme-model-license-7")
    assert not ident.recognized and "not a license identifier" in (ident.note or "")


@pytest.mark.parametrize("url, expected", [
    ("https://ai.google.dev/gemma/terms", "gemma"),
    ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
    ("https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE", "llama3.1"),
    ("https://mistral.ai/licenses/MNPL-0.1.md", "mistral-non-production"),
    ("https://spdx.org/licenses/BSD-3-Clause.html", "BSD-3-Clause"),
])
def test_license_links(url: str, expected: str) -> None:
    assert identify_link(url).license_id == expected


def test_relative_license_link_defers_to_the_file() -> None:
    ident = identify_link("LICENSE")
    assert not ident.recognized and ident.extra["no_license_named"]


def test_spdx_expressions() -> None:
    ident = identify_expression("MIT OR Apache-2.0")
    assert ident.recognized and ident.expression == "MIT OR Apache-2.0"
    assert sorted(ident.ids()) == ["Apache-2.0", "MIT"]
    partly = identify_expression("MIT AND Foo-1.0")
    assert not partly.recognized and "not known" in (partly.note or "")
    broken = identify_expression("MIT AND (")
    assert not broken.recognized and "not a valid SPDX expression" in (broken.note or "")


def test_concatenated_license_and_policy_report_both() -> None:
    text = reference_text("llama3_1.txt") + "\n\n" + reference_text("llama3_1-aup.txt")
    ident = identify_text(text)
    assert [c.license_id for c in ident.components] == ["llama3.1", "llama3.1-aup"]
    first, second = ident.components
    assert first.span and second.span and first.span[1] < second.span[0]


def test_concatenated_unrelated_licenses_report_both() -> None:
    ident = identify_text(reference_text("mit.txt") + "\n\n" + reference_text("apache-2.0.txt"))
    assert sorted(ident.ids()) == ["Apache-2.0", "MIT"]


def test_excerpt_of_one_license() -> None:
    lines = reference_text("tencent-hunyuan-3d-2.0.txt").splitlines()
    ident = identify_text("\n".join(lines[20:40]))
    assert ident.method == "excerpt" and ident.license_id == "tencent-hunyuan-3d-2.0"
    assert ident.confidence < 1.0


def test_excerpt_shared_by_siblings_is_not_guessed() -> None:
    # The disclaimer-of-warranty section reads the same in Llama 3.2, 3.3 and 4.
    text = "\n".join(line for line in reference_text("llama3_2.txt").splitlines() if "DISCLAIMER" in line.upper()
                     or "LIMITATION OF LIABILITY" in line.upper())
    ident = identify_text(text)
    assert ident.license_id is None and not ident.recognized
    assert {"llama3.2", "llama3.3", "llama4"} <= set(ident.extra["candidates"])


def test_modified_text_is_not_called_the_original() -> None:
    text = reference_text("qwen.txt").replace("100 million monthly active users", "5 million monthly active users")
    ident = identify_text(text)
    assert not ident.recognized
    assert "user_cap" in ident.extra["changed_terms"] and ident.extra["closest"][0]["id"] == "qwen"
    assert any(c.kind == "user-threshold" for c in ident.clues)


CUSTOM = """ACME MODEL LICENSE

1. You may use the Model for research purposes only.
2. Commercial use requires a separate agreement; the Model is not for commercial use.
3. If your product has more than 50 million monthly active users you must ask ACME.
4. Companies with annual revenue above USD 5 million need a paid license.
5. You may not use outputs of the Model to train or improve any other AI model.
6. You shall not use the Model for military purposes (see the Acceptable Use Policy).
"""


def test_unrecognized_text_reports_clues_with_lines() -> None:
    ident = identify_text(CUSTOM)
    assert not ident.recognized and ident.license_id is None
    kinds = {(k, c.line) for c in ident.clues for k in c.kinds}
    assert ("research-only", 3) in kinds and ("non-commercial", 4) in kinds
    assert ("user-threshold", 5) in kinds and ("revenue-threshold", 6) in kinds
    assert ("output-restriction", 7) in kinds and ("use-restriction", 8) in kinds and ("military", 8) in kinds
    assert len({c.line for c in ident.clues}) == len(ident.clues)  # each sentence quoted once


def test_clue_quotes_are_whole_words() -> None:
    for clue in find_clues(CUSTOM):
        assert CUSTOM.splitlines()[clue.line - 1].strip().startswith(clue.quote.split(" ")[0])


def test_short_notices_name_their_license() -> None:
    assert identify_text("Gemma is provided under and subject to the Gemma Terms of Use found at "
                         "ai.google.dev/gemma/terms").license_id == "gemma"
    assert identify_text("Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
                         "Platforms, Inc. All Rights Reserved.").license_id == "llama3.1"
    assert identify_text("Released under the Apache License, Version 2.0.").license_id == "Apache-2.0"


def test_empty_text() -> None:
    assert not identify_text("  \n\n").recognized


def test_license_sentences_in_a_card_body() -> None:
    body = ("# My model\n\nTrained on a dataset licensed under CC-BY-4.0 terms.\n\n"
            "This model is licensed under the Gemma Terms of Use. Enjoy.\n\n## License\n\nMIT License\n")
    found = license_sentences(body)
    assert found == [(5, "This model is licensed under the Gemma Terms of Use."), (9, "MIT License")]


def test_claims_route_to_the_right_identifier() -> None:
    prov = Provenance("README.md", line=3)
    assert identify_claim(LicenseClaim(ClaimKind.TAG, "llama3.2", prov)).license_id == "llama3.2"
    assert identify_claim(LicenseClaim(ClaimKind.LICENSE_NAME, "mrl", prov)).license_id == "mistral-research"
    link = LicenseClaim(ClaimKind.LICENSE_LINK, "https://ai.google.dev/gemma/terms", prov)
    assert identify_claim(link).license_id == "gemma"
    card = LicenseClaim(ClaimKind.CARD_TEXT, "licensed under the Qwen License Agreement", prov,
                        text="This model is licensed under the Qwen License Agreement.")
    assert identify_claim(card).license_id == "qwen"


TEXTS = ["mit.txt", "apache-2.0.txt", "llama3_3.txt", "gemma-2024-04-01.txt", "qwen-research.txt", "falcon3-tii.txt"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.integers(min_value=30, max_value=140), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_wrapping_and_line_ending_keeps_the_identification(file: str, width: int, newline: str) -> None:
    import textwrap

    original = identify_text(reference_text(file)).license_id
    words = reference_text(file).split()
    text = newline.join(textwrap.wrap(" ".join(words), width=width, break_long_words=False, break_on_hyphens=False))
    assert identify_text(text).license_id == original


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["license", "model", "the", "you", "shall", "use", "grant", "Meta", "Llama",
                                 "commercial", "rights", "agreement", "distribute", "weights", "of", "and"]),
                min_size=0, max_size=400))
def test_word_salad_is_never_a_known_license(words: list[str]) -> None:
    """Shuffled license vocabulary never matches a license text. It may spell a license's name ("Llama license
    agreement" is the LLaMA License Agreement's), and a short text that names a license is identified by that name
    (method "mention"), never as a text match."""
    found = identify_text(" ".join(words))
    assert found.license_id is None or (found.method == "mention" and found.recognized)


def test_a_short_text_naming_a_license_is_identified_by_the_name() -> None:
    found = identify_text("Llama license agreement")
    assert (found.license_id, found.method) == ("llama1", "mention")
