"""The clause reader and identity by text (issue 13): terms read from the sentence that carries them, for known and
unknown texts, in English and Chinese; modified permissive licenses; headings that lie.

Real texts are the bundled knowledge-base texts and the held-out set (tests/licenses/heldout/texts, sources in
labels.yaml). Texts marked CONSTRUCTED are real license texts with a sentence added or changed here, to test one
behaviour at a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.evidence import ArtifactKind
from howopen.licenses.explain import explain
from howopen.licenses.identify import identify_text
from howopen.licenses.kb import knowledge_base, reference_text
from howopen.licenses.model import TermKey
from howopen.licenses.reader import find_clues, read
from howopen.licenses.sentences import sentences
from howopen.policy import Policy, evaluate
from support.snapshots import make_snapshot

HELDOUT = Path(__file__).parent / "heldout" / "texts"
MIT = reference_text("mit.txt")


def heldout(name: str) -> str:
    return (HELDOUT / name).read_text(encoding="utf-8")


def value(text: str, key: TermKey) -> str:
    term = read(text).terms.get(key)
    return term.value if term else "unknown"


def line_of(text: str, phrase: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if phrase in line)


def with_paragraph(text: str, paragraph: str, title: str | None = None) -> str:
    """CONSTRUCTED: a real text with a paragraph appended (and its first line replaced by `title`)."""
    lines = text.rstrip("\n").split("\n")
    if title is not None:
        lines[0] = title
    return "\n".join(lines) + "\n\n" + paragraph + "\n"


# -------------------------------------------------------------------------------------------------------------
# 1. Each term kind, from the sentence that carries it


@pytest.mark.parametrize("file, expected", [
    ("openbmb-gml-non-commercial-zh.txt", "no"),  # Chinese, non-commercial only
    ("deci-yolo-nas.txt", "no"),
    ("codegeex4.txt", "conditional"),  # commercial use after registration
    ("orion-14b-community.txt", "conditional"),
    ("meta-sam-license-2025-11.txt", "yes"),
    ("chatglm-6b.txt", "yes"),
    ("openbmb-gml-commercial-authorization-zh.txt", "no"),  # only with the publisher's written authorization
])
def test_commercial_use_is_decoded_from_real_texts(file: str, expected: str) -> None:
    assert value(heldout(file), TermKey.COMMERCIAL_USE) == expected


def test_solely_non_commercial_research_is_commercial_use_no() -> None:
    text = "ACME MODEL LICENSE\n\nYou may use the Model solely for non-commercial research purposes.\n"
    reading = read(text)
    assert reading.commercial_use == "no"
    assert reading.terms[TermKey.COMMERCIAL_USE].clauses[0].line == 3


@pytest.mark.parametrize("file, phrase, key, metric, threshold", [
    ("llama3_1.txt", "700 million monthly active users", TermKey.USER_CAP, "monthly active users", 700_000_000),
    ("qwen.txt", "100 million monthly active users", TermKey.USER_CAP, "monthly active users", 100_000_000),
    ("stability-ai-community.txt", "Annual Revenue", TermKey.REVENUE_CAP, "revenue", None),
])
def test_thresholds_in_real_texts(file: str, phrase: str, key: TermKey, metric: str, threshold: int | None) -> None:
    text = reference_text(file)
    term = read(text).terms[key]
    assert term.value == "yes"
    assert term.params["metric"] == metric
    if threshold is not None:
        assert any(c.line == line_of(text, phrase) for c in term.clauses)
        assert term.params["threshold"] == threshold


def test_chinese_monthly_active_users_threshold_and_what_happens_above() -> None:
    text = heldout("kolors.txt")  # 3亿月活跃用户数: 300 million; above it, a license the licensor may grant
    term = read(text).terms[TermKey.USER_CAP]
    assert term.params["threshold"] == 300_000_000 and term.params["above"] == "separate grant"
    assert term.params["metric"] == "monthly active users"


@pytest.mark.parametrize("sentence, metric, threshold, above", [
    ("If your service has more than 10 million daily active users, you are not licensed to use the Model.",
     "daily active users", 10_000_000, "no license"),
    ("If your website receives more than 5 million visits per month, you must request a separate license from "
     "ACME.", "visits per month", 5_000_000, "separate grant"),
    ("If the Model has been downloaded more than 1,000,000 downloads through your platform, you must obtain a "
     "license.", "downloads", 1_000_000, "separate grant"),
    ("Companies with annual revenue above USD 50 million are not authorized to use the Model.", "revenue",
     50_000_000, "no license"),
])
def test_threshold_kinds_and_consequences(sentence: str, metric: str, threshold: int, above: str) -> None:
    # CONSTRUCTED sentences, one per threshold kind, each in the license's grant context.
    text = f"ACME MODEL LICENSE\n\nYou may use, copy and distribute the Model for any purpose.\n{sentence}\n"
    reading = read(text)
    key = TermKey.REVENUE_CAP if metric == "revenue" else TermKey.USER_CAP
    term = reading.terms[key]
    assert (term.params["metric"], term.params["threshold"], term.params["above"]) == (metric, threshold, above)
    assert term.clauses[0].line == 4 and reading.commercial_use == "conditional"


def test_territory_exclusion_in_a_real_text() -> None:
    text = reference_text("tencent-hunyuan-3d-2.0.txt")
    term = read(text).terms[TermKey.GEOGRAPHIC_RESTRICTION]
    assert term.value == "yes"
    assert any("European Union" in c.quote for c in term.clauses)


def test_territory_sentence_from_the_issue() -> None:
    text = ("ACME LICENSE\n\nYou may use the Model for any purpose.\n"
            "This license does not apply in the European Union, United Kingdom and South Korea.\n")
    assert value(text, TermKey.GEOGRAPHIC_RESTRICTION) == "yes"


@pytest.mark.parametrize("sentence, field", [
    ("You shall not use the Model for military purposes.", "military"),
    ("You agree not to use the Model for mass surveillance of individuals.", "surveillance"),
    ("You may not use the Model to provide medical advice.", "medical"),
    ("Your use must comply with the Acceptable Use Policy.", "use-restriction"),
    ("您不得将本模型用于任何军事用途。", "military"),
])
def test_field_of_use_bans(sentence: str, field: str) -> None:
    terms = read(f"ACME LICENSE\n\n{sentence}\n").terms
    assert terms[TermKey.FIELD_OF_USE].value == "yes"
    assert field in terms[TermKey.FIELD_OF_USE].params["fields"]


def test_output_restriction_naming_and_attribution_in_real_texts() -> None:
    qwen = read(reference_text("tongyi-qianwen.txt")).terms
    assert qwen[TermKey.OUTPUT_RESTRICTION].value == "yes"
    llama = reference_text("llama3_1.txt")
    terms = read(llama).terms
    assert terms[TermKey.NAMING_DUTY].value == "yes"
    assert any("at the beginning of any such AI model name" in c.quote for c in terms[TermKey.NAMING_DUTY].clauses)
    assert terms[TermKey.ATTRIBUTION].value == "yes"
    # Llama 3.1 lets outputs improve other models (with the naming duty): no output restriction is read.
    assert TermKey.OUTPUT_RESTRICTION not in terms


def test_redistribution_share_alike_passes_down_and_termination() -> None:
    mit = read(MIT).terms
    assert mit[TermKey.REDISTRIBUTION].value == "yes" and mit[TermKey.COMMERCIAL_USE].value == "yes"
    sa = read(reference_text("cc-by-sa-4.0.txt")).terms
    assert sa[TermKey.SHARE_ALIKE].value == "yes"
    llama = read(reference_text("llama3_1.txt")).terms
    assert llama[TermKey.PASSES_DOWN].value == "yes" and llama[TermKey.TERMINATION].value == "yes"
    banned = read("ACME LICENSE\n\nYou may use the Model internally. You may not distribute the Model.\n").terms
    assert banned[TermKey.REDISTRIBUTION].value == "no"


def test_registration() -> None:
    text = heldout("codegeex4.txt")
    term = read(text).terms[TermKey.REGISTRATION]
    assert term.value == "yes" and term.clauses


# -------------------------------------------------------------------------------------------------------------
# 2. Quotes: the sentence, once


def test_each_sentence_is_quoted_once_with_all_its_kinds() -> None:
    paragraph = ("You may use the Model for research purposes only. You may not use outputs of the Model to train "
                 "any other AI model. Companies with annual revenue above USD 5 million need a paid license.")
    clues = find_clues(f"ACME LICENSE\n\n{paragraph}\n")
    quotes = [c.quote for c in clues]
    assert len(quotes) == len(set(quotes)) == 3
    assert all(q in paragraph and len(q) < len(paragraph) for q in quotes)
    assert "output-restriction" in clues[1].kinds


def test_sentences_keep_lines_and_chinese_punctuation() -> None:
    text = "标题\n\n第一条 您可以使用本模型。您不得将本模型用于军事用途；\n不得用于监控。\n"
    found = sentences(text)
    assert [s.line for s in found] == [1, 3, 3, 4]
    assert found[2].text == "您不得将本模型用于军事用途；"


# -------------------------------------------------------------------------------------------------------------
# 3. Identity is the text: modified permissive licenses and headings that lie


def test_real_modified_mit_is_a_modification_never_mit() -> None:
    data = explain(identify_text(heldout("minimax-m2-modified-mit.txt")))
    assert data["recognized"] is False and data["id"] is None
    assert data["read"]["modified_from"] == "MIT" and data["read"]["changes"]
    assert data["osi"]["status"] != "pass" and data["eu_ai_act"]["status"] != "pass" and data["open"] is not True


def test_mit_with_a_revenue_threshold_is_not_kimi_and_not_open() -> None:
    text = with_paragraph(MIT, "Our only modification is that, if you or your affiliates had annual revenue "
                               "exceeding USD 100 million in the preceding fiscal year, none of the rights granted "
                               "above are granted to you.", title="Modified MIT License")  # CONSTRUCTED
    ident = identify_text(text)
    data = explain(ident, text=text)
    assert ident.license_id is None and not ident.recognized and ident.extra["modified_from"] == "MIT"
    assert data["name"] == "MIT License with added terms"
    assert data["terms"]["revenue_cap"]["value"] == "yes"
    assert data["terms"]["revenue_cap"]["clauses"][0]["line"] == len(text.rstrip("\n").split("\n"))
    assert data["terms"]["commercial_use"]["value"] == "conditional"
    assert data["osi"]["status"] == "fail" and data["eu_ai_act"]["status"] == "fail" and data["open"] is False


def test_mit_with_a_display_duty_is_not_plain_mit() -> None:
    text = with_paragraph(MIT, "If the Software is used in a product with more than 50 million daily active "
                               "users, you shall prominently display \"Powered by Example\" on its user "
                               "interface.")  # CONSTRUCTED
    data = explain(identify_text(text), text=text)
    assert data["id"] is None and data["read"]["modified_from"] == "MIT"
    assert data["terms"]["attribution"]["value"] == "yes"
    assert any("Powered by Example" in c["quote"] for c in data["terms"]["attribution"]["clauses"])
    assert data["osi"]["status"] == "unknown" and data["eu_ai_act"]["status"] == "unknown" and data["open"] is None


def test_a_text_titled_mit_whose_body_is_non_commercial_is_not_mit() -> None:
    text = ("MIT License\n\nCopyright (c) 2025 Example\n\nPermission is hereby granted, free of charge, to any person "
            "obtaining a copy of this model, to use, copy and modify it solely for non-commercial research "
            "purposes.\n")  # CONSTRUCTED
    data = explain(identify_text(text))
    assert data["id"] is None and data["terms"]["commercial_use"]["value"] == "no"
    assert data["open"] is False


def test_a_heading_never_identifies_but_the_body_does() -> None:
    body = MIT.split("\n", 1)[1]
    assert identify_text("# Apache License 2.0\n" + body).license_id == "MIT"  # CONSTRUCTED: the heading lies
    assert identify_text("# Llama 3 Community License\n\nSome words about this model.\n").license_id is None


def test_a_chinese_license_that_names_apache_is_not_apache() -> None:
    ident = identify_text(heldout("minicpm-commercial-zh.txt"))
    assert "Apache-2.0" not in ident.ids()
    assert explain(ident)["terms"]["commercial_use"]["value"] == "conditional"


def test_a_word_changed_in_a_known_text_is_reported() -> None:
    text = reference_text("apache-2.0.txt").replace("copyright license to reproduce",
                                                    "copyright license, for non-commercial purposes only, to reproduce")
    data = explain(identify_text(text))  # CONSTRUCTED
    assert data["id"] is None and data["read"]["modified_from"] == "Apache-2.0"
    assert data["terms"]["commercial_use"]["value"] == "no" and data["osi"]["status"] == "fail"


# -------------------------------------------------------------------------------------------------------------
# 4. Through the pipeline: the report, the verdict and the policy gate follow the read terms


def test_a_modified_mit_license_file_governs_over_an_mit_tag(tmp_path: Path) -> None:
    text = with_paragraph(MIT, "If you or your affiliates had annual revenue exceeding USD 100 million, none of the "
                               "rights granted above are granted to you.")  # CONSTRUCTED
    root = make_snapshot(tmp_path / "m", card="---\nlicense: mit\n---\n# A model\n", extra={"LICENSE": text})
    report = check(str(root))
    ref = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert ref is not None and ref.id is not None and ref.id.startswith("modified:MIT:") and not ref.recognized
    assert report.release.conflicts and report.release.conflicts[0].declared == "mit"
    assert report.label == "restricted-weights"
    assert report.to_dict()["license"]["commercial_use"] == "conditional"
    result = evaluate(Policy.of(forbid=["revenue-cap"]), report)
    assert result.outcome == "fail"


def test_the_policy_gate_does_not_pass_on_a_clause_not_found_in_an_unknown_text(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card="---\nlicense: other\n---\n# A model\n",
                         extra={"LICENSE": "ACME MODEL LICENSE\n\nYou may use, copy and sell the Model for any "
                                           "purpose.\n"})
    report = check(str(root))
    record = knowledge_base().get(report.license.id if report.license else None)
    assert record is not None and not record.known and record.term(TermKey.USER_CAP).value == "no"
    assert evaluate(Policy.of(forbid=["user-cap"]), report).outcome != "pass"
    assert report.label not in ("open-source", "open-weights")


def test_a_notice_declaring_its_license_is_identified_unless_its_clauses_say_otherwise() -> None:
    # Real: three Apache definitions and the standard notice "Licensed under the Apache License, Version 2.0".
    assert identify_text(heldout("apache-2.0-abridged-hunyuanocr-rocm.txt")).license_id == "Apache-2.0"
    text = ("This model is licensed under the MIT License, with one change: you may use it for non-commercial "
            "purposes only.\n")  # CONSTRUCTED: the declaration names MIT, the clause withholds commercial use
    ident = identify_text(text)
    assert ident.license_id is None and explain(ident)["terms"]["commercial_use"]["value"] == "no"


def test_reading_is_bounded_on_enormous_texts() -> None:
    from howopen.licenses.sentences import MAX_CHARS, MAX_SENTENCE

    padding = ("word " * 100 + "\n") * (MAX_CHARS // 500 + 10)
    text = "You may use the Model for research purposes only.\n" + padding + "Commercial use is prohibited.\n"
    clues = find_clues(text)
    assert [c.line for c in clues] == [1]  # what lies past the bound is not read
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences(padding[:20_000]))
