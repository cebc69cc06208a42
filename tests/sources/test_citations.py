"""The release's own paper told from the papers its card cites (sources/citations.py), on small card texts written
after real cards (each test names the card it is modelled on)."""

from __future__ import annotations

from pathlib import Path

from howopen.evidence import LinkKind
from howopen.graders import eosai
from howopen.licenses import resolve
from howopen.lineage import trace
from howopen.sources.card import body_links, parse_card
from howopen.sources.cardfile import CardFileSource
from howopen.sources.citations import bibtex_entries, own_papers

FRONT = "---\nlicense: apache-2.0\n---\n"


def own(text: str, names: tuple[str, ...] = ()) -> dict[str, str]:
    card = parse_card(text.encode(), "README.md")
    links = [lk for lk in body_links(card) if lk.kind == LinkKind.PAPER]
    return {str(o.link.id): o.why for o in own_papers(card, links, names)}


CHATGLM = FRONT + """# ChatGLM-6B

## 引用

如果你觉得我们的工作有帮助的话，请考虑引用下列论文。

```
@misc{glm2024chatglm,
      title={ChatGLM: A Family of Large Language Models from GLM-130B to GLM-4 All Tools},
      year={2024},
      eprint={2406.12793},
      archivePrefix={arXiv},
}
```
"""


def test_a_citation_heading_in_another_language() -> None:  # THUDM/chatglm-6b, glm-4-9b-chat
    assert "arXiv:2406.12793" in own(CHATGLM)
    assert "arXiv:2406.12793" in own(CHATGLM.replace("## 引用", "## Zitieren"))


def test_a_first_person_request_to_cite_marks_the_entry_below_as_the_makers() -> None:
    text = FRONT + ("# M\n\nSome text.\n\nIf you find our work helpful, please consider citing the following paper:\n\n"
                    "```\n@misc{x, title={X}, eprint={2401.00001}, archivePrefix={arXiv}}\n```\n")
    assert "arXiv:2401.00001" in own(text)
    # without the request and outside a citation section, a BibTeX entry is only cited
    assert own(text.replace("If you find our work helpful, please consider citing the following paper:", "")) == {}
    # a request in the third person is not the makers' claim
    assert own(text.replace("our work helpful, please consider citing", "Llama useful, see")) == {}


def test_only_the_first_entry_after_a_request_is_taken() -> None:  # OpenGVLab/InternVL2-1B
    text = FRONT + ("# M\n\n## Citation\n\nIf you find this project useful in your research, please consider citing:\n"
                    "\n```BibTeX\n@article{a,\n  title={A},\n  journal={arXiv preprint arXiv:2312.14238},\n}\n"
                    "@article{b,\n  title={B},\n  journal={arXiv preprint arXiv:2404.16821},\n}\n```\n")
    assert set(own(text)) == {"arXiv:2312.14238"}  # the second may be the data's or the base's: unknown


def test_words_before_the_entry_that_name_another_work() -> None:
    base = FRONT + ("# M\n\n## Citation\n\nThe base model HF repo can be found "
                    "[here.](https://huggingface.co/bigcode/starcoder)\n```\n@article{li2023starcoder,\n"
                    "  title={StarCoder},\n  eprint={2305.06161},\n}\n```\n")
    assert own(base) == {}  # GeorgiaTechResearchInstitute/starcoder-gpteacher-code-instruct
    upon = base.replace("The base model HF repo can be found [here.](https://huggingface.co/bigcode/starcoder)",
                        "Please cite the following paper (upon which the data and training are based):")
    assert own(upon) == {}  # McGill-NLP/Llama-3-8B-Web
    assert "arXiv:2305.06161" in own(upon.replace(" (upon which the data and training are based)", ""))


def test_a_bibtex_entry_at_a_venue_with_no_link() -> None:  # THUDM/codegeex4-all-9b
    text = FRONT + ("# M\n\n## Citation\n\nIf you find our work helpful, please feel free to cite the following paper:"
                    "\n\n```\n@inproceedings{zheng2023codegeex,\n  title={CodeGeeX: A Pre-Trained Model},\n"
                    "  booktitle={Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data "
                    "Mining},\n  year={2023}\n}\n```\n")
    card = parse_card(text.encode(), "README.md")
    found = own_papers(card, [])
    assert [o.link.id for o in found] == ["bibtex:zheng2023codegeex"]
    assert found[0].venue is not None and found[0].venue.startswith("Proceedings of the 29th ACM SIGKDD")
    assert found[0].link.provenance is not None and found[0].link.provenance.line == 13  # the booktitle line
    assert found[0].link.url == ""  # no address is invented
    # a journal that is arXiv, a blog or a repository is not a venue: no paper without a link
    for journal in ("arXiv preprint", "Hugging Face Blog", "GitHub repository", "CoRR"):
        other = text.replace("@inproceedings", "@article").replace(
            "booktitle={Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data Mining}",
            f"journal={{{journal}}}")
        named = own_papers(parse_card(other.encode(), "README.md"), [])
        assert [(o.link.url, o.venue) for o in named] == [("", None)]  # named, with no venue and no address
    assert bibtex_entries(card)[0].fields["title"][0] == "CodeGeeX: A Pre-Trained Model"


def test_a_venue_paper_of_the_makers_grades_peer_review_partial_and_preprint_unknown(tmp_path: Path) -> None:
    text = FRONT + ("# M\n\n## Citation\n\n```\n@inproceedings{k,\n  title={K},\n  booktitle={Proceedings of "
                    "ACL 2023},\n}\n```\n")
    path = tmp_path / "org_model.md"
    path.write_text(text, encoding="utf-8")
    dims = eosai.grade(trace(resolve(CardFileSource(path).fetch()))).fields["dimensions"]
    assert dims["paper"]["class"] == "partial"
    assert "Proceedings of ACL 2023" in dims["paper"]["notes"]
    assert dims["preprint"]["class"] == "unknown"  # a venue paper is not shown to have an archived preprint
    assert "would settle it" in dims["preprint"]["notes"]


def test_an_arxiv_doi_is_not_a_venue(tmp_path: Path) -> None:  # BAAI/AltCLIP
    path = tmp_path / "org_model.md"
    path.write_text(FRONT + "# M\n\nTechnical report: https://doi.org/10.48550/arXiv.2211.06679\n", encoding="utf-8")
    dims = eosai.grade(trace(resolve(CardFileSource(path).fetch()))).fields["dimensions"]
    assert dims["preprint"]["class"] == "open"
    assert dims["paper"]["class"] == "unknown"


def test_an_html_paper_link_with_inner_tags_to_a_pdf() -> None:  # deepseek-ai/DeepSeek-Coder-V2-Instruct-0724
    text = FRONT + ('# M\n\n<p align="center">\n  <a href="https://github.com/deepseek-ai/DeepSeek-Coder-V2/blob/main/'
                    'paper.pdf"><b>Paper Link</b>👁️</a>\n</p>\n')
    found = own(text)
    assert found == {"https://github.com/deepseek-ai/DeepSeek-Coder-V2/blob/main/paper.pdf": "Paper Link👁️"}
    arxiv = text.replace("https://github.com/deepseek-ai/DeepSeek-Coder-V2/blob/main/paper.pdf",
                         "https://arxiv.org/abs/2405.04434")
    assert "arXiv:2405.04434" in own(arxiv)  # deepseek-ai/DeepSeek-V2.5


WIZARD = FRONT + ('# WizardLM\n\n📃 <a href="https://arxiv.org/abs/2304.12244" target="_blank">[WizardLM]</a>  • 📃 '
                  '<a href="https://arxiv.org/abs/2306.08568" target="_blank">[WizardCoder]</a>  • 📃 '
                  '<a href="https://arxiv.org/abs/2308.09583" target="_blank">[WizardMath]</a>\n')


def test_a_link_named_like_the_release() -> None:  # WizardLMTeam/WizardLM-13B-V1.0
    assert set(own(WIZARD, ("WizardLM-13B-V1.0", "WizardLMTeam/WizardLM-13B-V1.0"))) == {"arXiv:2304.12244"}
    assert set(own(WIZARD, ("WizardCoder-15B-V1.0",))) == {"arXiv:2306.08568"}
    assert own(WIZARD) == {}  # without the release's name, none is known to be its own
    glm = FRONT + '# M\n\n📃 <a href="https://arxiv.org/abs/2103.10360">[GLM@ACL 22]</a>\n'
    assert own(glm, ("glm-4-9b-chat",)) == {}  # "4" is another generation, not a size
    bert = FRONT + "# M\n\n[Bert](https://arxiv.org/abs/1810.04805) is a Transformer encoder.\n"
    assert own(bert, ("bert-base-uncased-emotion",)) == {}  # a fine-tune named after its base adds words of its own
    assert own(FRONT + "# M\n\n📃 [[GPT]](https://arxiv.org/abs/2401.00001)\n", ("GPTX-7B",)) == {}
    flava = FRONT + "# M\n\n- [FLAVA Paper](https://arxiv.org/abs/2112.04482)\n"
    assert set(own(flava, ("flava-full",))) == {"arXiv:2112.04482"}  # facebook/flava-full


def test_the_glued_label_and_a_badge_row() -> None:
    glued = FRONT + "# M\n\n- **Paper:https://arxiv.org/abs/2405.01535**\n- **Demo:** https://example.org\n"
    assert set(own(glued)) == {"arXiv:2405.01535"}  # prometheus-eval/prometheus-7b-v2.0
    entry = FRONT + "# M\n\n```\n@article{x,\n  journal={arXiv:2304.02643},\n}\n```\n"
    assert own(entry) == {}  # "journal={arXiv:" is no "Paper:" label (Zigeng/SlimSAM-uniform-77's SAM entry)
    badges = FRONT + "# M\n\n| [Project Page](https://x.org) | [Paper](https://huggingface.co/papers/2409.18869) |\n"
    assert set(own(badges)) == {"arXiv:2409.18869"}  # BAAI/Emu3-Gen: a row of the release's own badges


def test_a_paper_the_card_calls_another_works_elsewhere() -> None:  # starcoder-gpteacher-code-instruct
    text = FRONT + ("# M\n\n- **Paper:** [💫StarCoder: May the source be with you!](https://arxiv.org/abs/2305.06161)\n\n"
                    "## Citation\n\nThe base model HF repo can be found [here.](https://huggingface.co/bigcode/starcoder)"
                    "\n```\n@article{li2023starcoder,\n  title={StarCoder: may the source be with you!},\n}\n```\n")
    assert own(text, ("starcoder-gpteacher-code-instruct",)) == {}
    assert own(text.replace("The base model HF repo can be found", "See"), ("starcoder-gpteacher-code-instruct",))
    # a paper named like the release with a base model in its name is still its own (LLaVA-OneVision on Qwen2)
    named = FRONT + "# M\n\n- **Paper:** [LLaVA-OneVision](https://arxiv.org/abs/2408.03326)\n"
    assert set(own(named, ("llava-onevision-qwen2-7b-ov",))) == {"arXiv:2408.03326"}


def test_a_bibtex_caption_naming_another_papers_entry() -> None:  # laion/CLIP-ViT-g-14-laion2B-s12B-b42K
    text = FRONT + ("# M\n\n# Citation\n\nIn addition to forthcoming LAION-5B paper, please cite:\n\n"
                    "OpenAI CLIP paper\n```\n@inproceedings{Radford2021LearningTV,\n"
                    "  title={Learning Transferable Visual Models},\n  booktitle={ICML},\n}\n```\n")
    assert own(text) == {}


def test_a_table_of_datasets_with_paper_columns() -> None:  # optimum/all-MiniLM-L6-v2
    text = FRONT + ("# M\n\n| Dataset | Paper | Tuples |\n|---|---|---|\n"
                    "| [Reddit](https://github.com/x/reddit) | [paper](https://arxiv.org/abs/1904.06472) | 726 |\n")
    assert own(text, ("all-MiniLM-L6-v2",)) == {}
    row = FRONT + "# M\n\n| Model | Paper |\n|---|---|\n| my-model-7b | [paper](https://arxiv.org/abs/2401.00001) |\n"
    assert set(own(row, ("my-model-7b",))) == {"arXiv:2401.00001"}


def test_a_list_of_papers_introduced_together_is_not_the_releases() -> None:  # Salesforce/SFR-Embedding-Mistral
    text = FRONT + ("# M\n\nPlease refer to specific papers for more details:\n"
                    "- [MTEB benchmark](https://arxiv.org/abs/2210.07316)\n- [Mistral](https://arxiv.org/abs/2310.06825)\n")
    assert own(text) == {}
    single = FRONT + "# M\n\nFor more details, see:\n[M](https://arxiv.org/abs/2210.07316)\n"
    assert set(own(single)) == {"arXiv:2210.07316"}


def test_a_card_that_says_the_release_has_no_paper() -> None:  # HuggingFaceH4/starchat-beta
    text = FRONT + ("# M\n\nResults are reported in its [technical report](https://example.org/starcoder.pdf).\n\n"
                    "## Citation\n\nAlthough there isn't a blog post or paper associated with M, you can find details "
                    "on the earlier version below:\n")
    assert own(text) == {}
    assert own(text.replace("there isn't a blog post or paper associated with M", "see")) != {}


def test_a_list_item_about_another_subject() -> None:
    methods = FRONT + "# M\n\n* ALiBI positional encodings (see [paper](https://arxiv.org/pdf/2108.12409.pdf))\n"
    assert own(methods) == {}  # bigscience/bloom-560m: the method's paper
    data = FRONT + "# M\n\n* WIKINER [Page](https://example.org/wikiner) , [Paper](https://doi.org/10.1016/j.x.1)\n"
    assert own(data) == {}  # Musixmatch/umberto-commoncrawl-cased-v1: the dataset's paper
    labelled = FRONT + ("# M\n\n- **Resources for more information:** [GitHub Repository](https://github.com/o/r), "
                        "[Paper](https://arxiv.org/abs/2302.08453).\n")
    assert set(own(labelled)) == {"arXiv:2302.08453"}  # TencentARC/t2i-adapter-sketch-sdxl-1.0


def test_an_entry_without_a_link_whose_title_names_a_linked_paper() -> None:  # Salesforce/codegen25-7b-multi_P
    text = FRONT + ("# M\n\nBuilding upon [CodeGen2](https://arxiv.org/abs/2305.02309), the model is trained.\n\n"
                    "## BibTeX entry and citation info\n\nPlease cite CodeGen2 paper:\n\n```bibtex\n"
                    "@article{Nijkamp2023codegen2,\n  title={CodeGen2: Lessons for Training LLMs},\n"
                    "  journal={arXiv preprint},\n  year={2023}\n}\n```\n")
    assert set(own(text)) == {"arXiv:2305.02309"}
    assert set(own(text.replace("title={CodeGen2: Lessons", "title={Other: Lessons"))) == {"bibtex:Nijkamp2023codegen2"}


def test_a_report_the_card_asks_to_cite_but_links_nowhere(tmp_path: Path) -> None:  # Qwen/Qwen2-72B
    text = FRONT + ("# M\n\n## Citation\n\nIf you find our work helpful, feel free to give us a cite.\n\n```\n"
                    "@article{qwen2,\n  title={Qwen2 Technical Report},\n  year={2024}\n}\n```\n")
    assert own(text) == {"bibtex:qwen2": "our work helpful, feel free to give us a cite"}
    path = tmp_path / "org_model.md"
    path.write_text(text, encoding="utf-8")
    dims = eosai.grade(trace(resolve(CardFileSource(path).fetch()))).fields["dimensions"]
    assert dims["preprint"]["class"] == "unknown" and "Qwen2 Technical Report" in dims["preprint"]["notes"]
    assert dims["paper"]["class"] == "unknown"  # not "closed": the report may have been published at a venue
    software = text.replace("@article{qwen2,\n  title={Qwen2 Technical Report}", "@software{m,\n  title={M}")
    assert own(software) == {}  # a citation of the model or its code is no paper


def test_a_model_card_citation_is_no_paper() -> None:  # winglian/Llama-3-8b-64k-PoSE
    text = FRONT + ("# M\n\n## Citation instructions\n\n@article{llama3modelcard,\n  title={Llama 3 Model Card},\n"
                    "  author={AI@Meta},\n  year={2024},\n  url = {https://github.com/meta-llama/llama3/blob/main/"
                    "MODEL_CARD.md}\n}\n")
    assert own(text) == {}
    report = text.replace("Llama 3 Model Card", "M Technical Report")
    found = own_papers(parse_card(report.encode(), "README.md"), [])
    assert [(o.link.id, o.link.url) for o in found] == [("bibtex:llama3modelcard", "")]  # named, never published
