"""Scope: a license sentence counts only when it is about the release (code blocks, quotes, dataset, citation and
example sections, sibling-model list items and table rows are not). The cards are shaped like the corpus cards
the issue names (numind/NuExtract-tiny, mosaicml/mpt-7b, bethecloud/golf-course-generator)."""

from __future__ import annotations

from pathlib import Path

from howopen import check
from howopen.sources.cardscope import LICENSE, LINEAGE, read_scope


def _license(tmp_path: Path, card: str) -> tuple[str | None, list[str]]:
    (tmp_path / "README.md").write_text(card, encoding="utf-8")
    report = check(str(tmp_path), offline=True)
    data = report.to_dict()
    return data["license"]["declared"], [i["id"] for i in data["licenses"]]


def test_code_block_prompt_is_not_the_release_license(tmp_path: Path) -> None:
    card = ("---\nlicense: mit\n---\n# NuExtract-tiny\n\n```python\ntext = \"\"\"We introduce Mistral 7B.\n"
            "Our models are released under the Apache 2.0 license.\"\"\"\n```\n")
    declared, ids = _license(tmp_path, card)
    assert declared == "mit" and "Apache-2.0" not in ids


def test_sibling_model_list_item_is_not_the_release_license(tmp_path: Path) -> None:
    card = ("---\nlicense: apache-2.0\n---\n# MPT-7B\n\n"
            "* [MPT-7B-Instruct](https://huggingface.co/mosaicml/mpt-7b-instruct): short-form instructions.\n"
            "  * License: Apache 2.0\n"
            "* [MPT-7B-Chat](https://huggingface.co/mosaicml/mpt-7b-chat): a chatbot-like model.\n"
            "  * License: _CC-By-NC-SA-4.0_\n")
    _declared, ids = _license(tmp_path, card)
    assert "CC-BY-NC-SA-4.0" not in ids
    report = check(str(tmp_path), offline=True)
    assert report.release.conflicts == ()


def test_dataset_licensing_section_is_the_datasets(tmp_path: Path) -> None:
    card = ("---\nlicense: creativeml-openrail-m\n---\n# A DreamBooth model\n\n## Dataset Summary\n\nImages.\n\n"
            "## Dataset Structure\n\nFolders.\n\n### Curation Rationale\n\nWhy.\n\n### Licensing Information\n\n"
            "MIT License\n")
    _declared, ids = _license(tmp_path, card)
    assert ids == ["creativeml-openrail-m"]


def test_scope_of_each_block_kind() -> None:
    body = "\n".join([
        "# Model",                                   # 1
        "This model is released under MIT.",         # 2
        "> Abstract: we release under Apache 2.0.",  # 3
        "",                                          # 4
        "## Training data",                          # 5
        "The data is CC-BY-SA.",                     # 6
        "## Citation",                               # 7
        "    @misc{x, note={Apache}}",               # 8
        "## License",                                # 9
        "Apache 2.0",                                # 10
        "| Model | License |",                      # 11
        "| --- | --- |",                             # 12
        "| [A](https://huggingface.co/o/a) | MIT |",  # 13
        "| [B](https://huggingface.co/o/b) | CC-BY-NC |",  # 14
        "> [!NOTE] Licensed under Apache 2.0",       # 15
    ])
    scope = read_scope(body, 1, ("o/this",))
    assert scope.in_scope(2)
    assert scope.out_of_scope(3) == "quoted text"
    assert "Training data" in (scope.out_of_scope(6) or "")
    assert scope.out_of_scope(8) is not None
    assert scope.in_scope(10)
    assert scope.out_of_scope(13) == "a table row about another model"
    assert scope.in_scope(13, LINEAGE)
    assert scope.in_scope(15)


def test_base_model_list_item_stays_in_scope_for_lineage() -> None:
    body = "- **Finetuned from model:** [Llama-2-7b](https://huggingface.co/meta-llama/Llama-2-7b-hf)\n"
    scope = read_scope(body)
    assert scope.in_scope(1, LINEAGE) and scope.in_scope(1, LICENSE)
