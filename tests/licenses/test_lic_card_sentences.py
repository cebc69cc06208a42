"""Card-body sentences: only declarations about this release count, lines are numbered as editors number them,
and unrecognized texts still yield their non-commercial clauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.evidence import ArtifactKind
from howopen.licenses.identify import find_clues, identify_text, license_mentions, license_sentences
from support.snapshots import make_snapshot


def _card(tag: str, body: str) -> str:
    return f"---\nlicense: {tag}\nlibrary_name: transformers\n---\n{body}"


# -------------------------------------------------------------------------------------------------------------
# 3. Declarations about this release, not bare mentions


@pytest.mark.parametrize("sentence", [
    "This model is released under the Apache License 2.0.",
    "The weights are licensed under CC-BY-NC-4.0.",
    "Use of this model is governed by the Llama 3.1 Community License.",
    "Licensed under the Apache License, Version 2.0.",
    "This model is under the MIT License.",
    "We release the weights under the Gemma Terms of Use.",
    # shapes seen in the shared corpus of real cards
    "The pretrained weights are released under the "
    "[CC-BY-NC-SA-4.0 license](https://creativecommons.org/licenses/by-nc-sa/4.0/).",
    "- **License:** Apache 2.0",
    "All models are licensed under [MIT](LICENSE).",
    "The model is licenses under the CodeML Open RAIL-M v0.1 license.",
    "Distil-Whisper inherits the [MIT license](https://github.com/huggingface/distil-whisper/blob/main/LICENSE) "
    "from OpenAI's Whisper model.",
    "The models are made available under a non-commercial CC BY-NC 4.0 license.",
])
def test_declarations_count(sentence: str) -> None:
    assert license_sentences(f"# Model\n\n{sentence}\n") == [(3, sentence)]


@pytest.mark.parametrize("sentence", [
    "Our model beats models under the Llama 2 Community License, compared with Llama 2 Community License models.",
    "Compared with Llama 2 Community License models, this one is smaller.",
    "This model was trained on data under CC-BY-SA-4.0.",
    "The dataset is licensed under CC-BY-SA-4.0.",
    "Unlike the Gemma Terms of Use, our terms are short.",
    "Unlike Gemma, which is released under the Gemma Terms of Use, this model is small.",
    "This model is not under the MIT License.",
    "This model is no longer under the Apache License 2.0.",
    "The weights aren't licensed under CC-BY-NC-4.0 any more.",
    "The base model (DeBERTa-v3) is published under the MIT license.",
    "This code repository is licensed under the MIT License.",
    "The [code](https://github.com/imoneoi/openchat) released on GitHub is under Apache License 2.0.",
    "The original model is released under the CC BY-SA 4.0 license.",
])
def test_bare_mentions_and_negations_do_not_count(sentence: str) -> None:
    body = f"# Model\n\n{sentence}\n"
    assert license_sentences(body) == []
    assert [line for line, _id, _s in license_mentions(body)] == [3]  # a candidate, with its line


def test_negated_alternative_in_a_declaration_is_left_out() -> None:
    sentence = "This model is released under the MIT License, not under the Apache License 2.0."
    assert license_sentences(f"{sentence}\n") == [(1, sentence)]
    assert identify_text(sentence).ids() == ["MIT"]


def test_license_section_takes_names_but_not_remarks() -> None:
    body = ("# Model\n\n## License\n\nMIT License\n\nWe compare against the Llama 2 Community License models "
            "in the paper.\n")
    assert license_sentences(body) == [(5, "MIT License")]


@pytest.mark.parametrize("body", [
    "# A model\n\nIt is much faster, compared with Llama 2 Community License models.\n",
    "# A model\n\nThis model was trained on data under CC-BY-SA-4.0.\n",
    "# A model\n\nUnlike the Gemma Terms of Use, our terms are short.\n",
    "# A model\n\nThis model is not under the Llama 3.1 Community License.\n",
    "# A model\n\n## License\n\nIt runs faster than models under the Llama 2 Community License.\n",
    "# A model\n\n## License\n\nUnlike the Gemma Terms of Use, ours are short: see the tag.\n",
])
def test_bare_mention_never_overrides_the_tag(tmp_path: Path, body: str) -> None:
    report = check(str(make_snapshot(tmp_path / "m", card=_card("mit", body))))
    assert report.release.conflicts == ()
    assert report.release.artifacts[ArtifactKind.WEIGHTS].license.id == "MIT"
    assert not any(i.claim and str(i.claim.kind) == "card_text" for i in report.release.licenses)


def test_declaration_disagreeing_with_the_tag_is_still_a_conflict(tmp_path: Path) -> None:
    body = "# A model\n\nThe weights are licensed under CC-BY-NC-4.0.\n"
    conflicts = check(str(make_snapshot(tmp_path / "m", card=_card("mit", body)))).release.conflicts
    assert [(c.declared, c.binding) for c in conflicts] == [("mit", "CC-BY-NC-4.0")]
    assert conflicts[0].evidence[1].line == 7


# -------------------------------------------------------------------------------------------------------------
# 4. Line numbers as editors show them


ODD_BREAKS = "# Model\n\nA line with a\u2028line separator inside.\nA form\x0cfeed and a \x0bvertical tab.\n\n"


def test_unicode_line_separators_do_not_shift_line_numbers() -> None:
    body = ODD_BREAKS + "This model is licensed under the Gemma Terms of Use.\n"
    assert license_sentences(body) == [(6, "This model is licensed under the Gemma Terms of Use.")]
    assert license_mentions(ODD_BREAKS + "Compared with Llama 2 Community License models.\n")[0][0] == 6


def test_clues_and_mentions_keep_editor_line_numbers() -> None:
    text = "ACME LICENSE\u2028v1\n\x0c\nSections\x1cone\x85two\n\nThe Model is for non-commercial use only.\n"
    assert [(c.kind, c.line) for c in find_clues(text)] == [("non-commercial", 5)]
    notice = "Notice\u2029\x0c\nLlama 3.1 is licensed under the Llama 3.1 Community License.\n"
    ident = identify_text(notice)
    assert ident.license_id == "llama3.1" and ident.span == (2, 2)


def test_card_conflict_cites_the_editor_line(tmp_path: Path) -> None:
    body = ODD_BREAKS + "The weights are licensed under CC-BY-NC-4.0.\n"
    conflicts = check(str(make_snapshot(tmp_path / "m", card=_card("mit", body)))).release.conflicts
    assert conflicts and conflicts[0].evidence[1].line == 4 + 6  # front matter (4 lines) + body line 6
    card = (tmp_path / "m" / "README.md").read_text(encoding="utf-8").split("\n")
    assert "CC-BY-NC-4.0" in card[conflicts[0].evidence[1].line - 1]


# -------------------------------------------------------------------------------------------------------------
# 7. Non-commercial phrasings in unrecognized texts


@pytest.mark.parametrize("sentence", [
    "You may not use the Model for commercial purposes.",
    "You may not use the Model or its outputs for any commercial purposes.",
    "The Model shall not be used for commercial purposes.",
    "Non-commercial use only.",
    "You must not use the Software commercially.",
    "Licensee cannot use the Model for commercial gain.",
    "Commercial use is prohibited.",
])
def test_non_commercial_phrasings_give_the_clue_with_its_line(sentence: str) -> None:
    text = f"ACME MODEL LICENSE\n\n1. You may copy the Model.\n2. {sentence}\n"
    ident = identify_text(text)
    assert not ident.recognized
    assert ("non-commercial", 4) in {(c.kind, c.line) for c in ident.clues}


def test_commercial_use_allowed_is_no_non_commercial_clue() -> None:
    text = ("ACME MODEL LICENSE\n\nIf you are commercially using the Model, you must tell us.\n"
            "You may use it for any purpose.\n")
    assert "non-commercial" not in {c.kind for c in find_clues(text)}
