"""The training datasets a card names in its prose (`sources/prose_data.py`), on small card texts."""

from __future__ import annotations

from howopen.evidence import ArtifactKind, Status
from howopen.pipeline import assess
from howopen.sources.assemble import PROSE_VIA, training_dataset_links
from howopen.sources.card import parse_card
from howopen.sources.cardfile import CardFileSource
from howopen.sources.prose_data import training_datasets


def names(text: str) -> list[str]:
    return [d.name for d in training_datasets(parse_card(text.encode("utf-8")))]


def test_fine_tuned_on_a_hub_dataset_is_listed_with_its_line():
    text = ("---\nlicense: mit\n---\n# M\n\nThis model is a fine-tuned version of [base/m](https://huggingface.co/base/m)"
            " on the [meta-math/MetaMathQA](https://huggingface.co/datasets/meta-math/MetaMathQA) dataset.\n")
    found = training_datasets(parse_card(text.encode()))
    assert [d.name for d in found] == ["meta-math/MetaMathQA"]
    assert found[0].hub and found[0].provenance.line == 6 and found[0].provenance.method == "card-prose"
    assert found[0].why == "fine-tuned"


def test_training_data_from_a_non_hub_dataset_link():
    text = ("# M\n\nWe trained it with training data from [WuDao dataset](https://data.baai.ac.cn/details/WuDao) and "
            "[LAION](https://huggingface.co/datasets/laion/laion2B-en).\n")
    assert names(text) == ["WuDao dataset", "laion/laion2B-en"]


def test_the_nearest_cue_decides_training_from_evaluation():
    text = ("# M\n\nWe fine-tuned on [A](https://huggingface.co/datasets/o/a) and evaluated on "
            "[B](https://huggingface.co/datasets/o/b).\n")
    assert names(text) == ["o/a"]


def test_evaluation_links_results_and_leaderboards_are_not_training_data():
    text = ("# M\n\n## Evaluation\n\nWe trained nothing here: [X](https://huggingface.co/datasets/o/x)\n\n"
            "## Open LLM Leaderboard\n\nDetailed results can be found [here](https://huggingface.co/datasets/"
            "open-llm-leaderboard/details_o__m)\n\n## Training data\n\n- [GSM8K](https://huggingface.co/datasets/gsm8k)"
            "\n- [Test](https://huggingface.co/datasets/o/WMT22-Test)\n")
    assert names(text) == []


def test_files_pictures_and_badges_in_dataset_repositories_are_not_datasets():
    text = ("# M\n\n![alt](https://huggingface.co/datasets/patrickvonplaten/images/resolve/main/a.png)\n"
            '<img src="https://huggingface.co/datasets/huggingface/badges/raw/main/open-in-hf-spaces-sm.svg"/>\n'
            "It was trained on [notes](https://huggingface.co/datasets/o/d/blob/main/README.md).\n")
    assert names(text) == []


def test_a_dataset_said_not_to_be_used_is_not_listed():
    text = "# M\n\nThe model was not trained on [X](https://huggingface.co/datasets/o/x).\n"
    assert names(text) == []


def test_the_base_models_pretraining_data_is_the_bases():
    text = ("# M\n\nThe model originally used for fine-tuning is [SD](https://huggingface.co/o/sd), which is a "
            "latent diffusion model trained on [LAION2B-en](https://huggingface.co/datasets/laion/laion2B-en).\n\n"
            "The base model was pre-trained on [The Pile](https://huggingface.co/datasets/EleutherAI/pile).\n")
    assert names(text) == []


def test_a_fine_tunes_mention_of_pretraining_without_naming_itself_is_left_out():
    text = ("---\nbase_model: o/base\n---\n# M\n\nPretrained on [C4](https://huggingface.co/datasets/allenai/c4), "
            "the base knows English.\n")
    assert names(text) == []


def test_a_training_data_section_or_label_lists_its_links():
    text = ("# M\n\n## Training Data\n\n- [OIG](https://huggingface.co/datasets/laion/OIG)\n\n## Training\n\n"
            "**Training Data**\n\nPlease refer to [org/OpenDataHub](https://github.com/org/OpenDataHub)\n\n"
            "**Training Procedure**\n\nSee [our code](https://github.com/org/code)\n")
    assert names(text) == ["laion/OIG", "org/OpenDataHub"]


def test_instructions_to_the_reader_and_how_to_sections_are_not_the_makers_data():
    text = ("# M\n\n## Finetune code\n\nBy default, we use [COIG](https://huggingface.co/datasets/BAAI/COIG) to "
            "finetune the base model.\n\n## Notes\n\nYou can find fine-tuning datasets like "
            "[CQIA](https://huggingface.co/datasets/m-a-p/COIG-CQIA) on the Hub.\n")
    assert names(text) == []


def test_code_blocks_and_comments_are_not_read():
    text = ("# M\n\n```\ntrained on https://huggingface.co/datasets/o/x\n```\n<!-- trained on "
            "https://huggingface.co/datasets/o/y -->\n")
    assert names(text) == []


def test_a_hub_dataset_without_an_owner_and_its_viewer_page():
    text = "# M\n\nIt was fine-tuned on [CLUE](https://huggingface.co/datasets/clue/viewer/afqmc).\n"
    assert names(text) == ["clue"]


def test_links_to_papers_blogs_and_code_are_not_datasets():
    text = ("# M\n\nWe trained on the data described in [the paper](https://arxiv.org/abs/2101.00001), "
            "[a blog](https://example.org/blog/our-dataset) and [code](https://github.com/o/data-tools).\n")
    assert names(text) == []


def test_the_release_lists_prose_datasets_and_follows_hub_ones(tmp_path):
    path = tmp_path / "org_model.md"
    path.write_text("---\nlicense: mit\n---\n# Model\n\nThis model was fine-tuned on "
                    "[D](https://huggingface.co/datasets/org/d) and the [E corpus](https://example.org/e).\n",
                    encoding="utf-8")
    release = assess(CardFileSource(path).fetch()).release
    training = release.artifact(ArtifactKind.TRAINING_DATA)
    assert training.status == Status.PRESENT
    assert training.details["via"] == PROSE_VIA
    assert training.details["datasets"] == ["org/d", "E corpus"]
    assert training.details["dataset_urls"] == ["https://huggingface.co/datasets/org/d", "https://example.org/e"]
    assert training.evidence[0].line == 6
    card = parse_card(path.read_bytes())
    assert [lk.id for lk in training_dataset_links(card)] == ["org/d"]  # what the Hub follower reads


def test_front_matter_datasets_still_come_first(tmp_path):
    path = tmp_path / "org_model.md"
    path.write_text("---\ndatasets:\n- org/named\n---\n# Model\n\nFine-tuned on "
                    "[D](https://huggingface.co/datasets/org/d).\n", encoding="utf-8")
    training = assess(CardFileSource(path).fetch()).release.artifact(ArtifactKind.TRAINING_DATA)
    assert training.details["datasets"] == ["org/named"]


def test_a_passive_training_sentence_counts_only_when_its_subject_is_this_release():
    text = ("# fastText (Language Identification)\n\n## Training data\n\nPre-trained word vectors for 157 languages"
            " were trained on [Common Crawl](http://commoncrawl.org/) data.\n\nIt has been trained on a "
            "[dataset](https://example.org/dataset/index.html) of 11 million images.\n\nGPT-J was trained on "
            "[The Pile](https://huggingface.co/datasets/the_pile).\n\nThe `fastText` model was trained on "
            "[X](https://huggingface.co/datasets/o/x).\n")
    assert names(text) == ["dataset", "o/x"]


def test_spans_say_whether_a_position_is_inside_a_link_already_read() -> None:
    from howopen.sources.card import Spans

    spans = Spans([(10, 20), (0, 5)])
    assert [p in spans for p in (0, 4, 5, 9, 10, 19, 20)] == [True, True, False, False, True, True, False]
    spans.add([(15, 30), (40, 41)])  # overlapping spans merge
    assert [p in spans for p in (25, 29, 30, 40, 41)] == [True, True, False, True, False]
    assert "10" not in spans and -1 not in Spans()
