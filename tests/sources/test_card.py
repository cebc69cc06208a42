"""The model-card reader: front matter as real cards write it, and the links a body gives."""

from __future__ import annotations

import pytest

from howopen.evidence import LinkKind
from howopen.sources.card import NotACard, as_strings, base_models, body_links, parse_card, sections
from support.snapshots import card_text


def card(text: str) -> bytes:
    return text.encode("utf-8")


def test_no_front_matter() -> None:
    parsed = parse_card(card("# A model\n\nNo metadata here.\n"))
    assert parsed.has_front_matter is False
    assert parsed.metadata == {}
    assert parsed.body_start_line == 1
    assert parsed.gaps == ()


def test_license_as_list_and_string() -> None:
    parsed = parse_card(card("---\nlicense:\n- mit\n- apache-2.0\ndatasets: the_pile\n---\nbody\n"))
    assert parsed.strings("license") == ["mit", "apache-2.0"]
    assert parsed.strings("datasets") == ["the_pile"]
    assert parsed.line_of("license") == 2
    assert parsed.line_of("datasets") == 5
    assert parsed.body_start_line == 7


def test_other_with_license_name_and_link() -> None:
    parsed = parse_card(card("---\nlicense: other\nlicense_name: deepseek\nlicense_link: LICENSE\n---\n"))
    assert parsed.strings("license") == ["other"]
    assert parsed.strings("license_name") == ["deepseek"]
    assert parsed.provenance("license_name").cite() == "README.md:3"


def test_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf---\r\nlicense: mit\r\nbase_model: org/base\r\n---\r\nText\r\n"
    parsed = parse_card(data)
    assert parsed.metadata["license"] == "mit"
    assert [b.id for b in base_models(parsed)] == ["org/base"]
    assert "\r" not in parsed.text


def test_front_matter_that_does_not_parse_is_a_gap() -> None:
    parsed = parse_card(card("---\nlicense: [mit\ntags: {\n---\n# Body\n"))
    assert parsed.metadata == {}
    assert parsed.front_matter_error
    assert [g.code for g in parsed.gaps] == ["front-matter-unparsable"]
    assert parsed.gaps[0].provenance is not None and parsed.gaps[0].provenance.line == 1


def test_unterminated_front_matter() -> None:
    parsed = parse_card(card("---\nlicense: mit\n# never closed\n"))
    assert [g.code for g in parsed.gaps] == ["front-matter-unterminated"]
    assert parsed.metadata == {}


@pytest.mark.parametrize("block", ["- a\n- b", "just a string", "42"])
def test_front_matter_that_is_not_a_mapping(block: str) -> None:
    parsed = parse_card(card(f"---\n{block}\n---\n"))
    assert parsed.metadata == {}
    assert parsed.gaps and parsed.gaps[0].code == "front-matter-unparsable"


def test_yaml_is_parsed_safely() -> None:
    parsed = parse_card(card("---\nlicense: !!python/object/apply:os.system ['echo hi']\n---\n"))
    assert parsed.metadata == {}
    assert parsed.gaps[0].code == "front-matter-unparsable"


def test_binary_is_not_a_card() -> None:
    with pytest.raises(NotACard):
        parse_card(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_latin1_is_read_with_a_gap() -> None:
    parsed = parse_card("---\nlicense: mit\n---\nCaf\xe9\n".encode("latin-1"))
    assert parsed.metadata["license"] == "mit"
    assert [g.code for g in parsed.gaps] == ["card-encoding"]


def test_huge_card_is_truncated_with_a_gap() -> None:
    from howopen.sources.card import MAX_CARD_BYTES

    data = b"---\nlicense: mit\n---\n" + b"word " * (MAX_CARD_BYTES // 5 + 10)
    parsed = parse_card(data)
    assert parsed.truncated is True
    assert any(g.code == "card-truncated" for g in parsed.gaps)
    assert parsed.metadata["license"] == "mit"


def test_as_strings_ignores_nested_and_boolean_values() -> None:
    assert as_strings([{"a": 1}, "x", None, True, 3]) == ["x", "3"]
    assert as_strings({"not": "a list"}) == []


def test_links_from_a_real_card() -> None:
    parsed = parse_card(card(card_text("EleutherAI_pythia-1b.md")))
    links = body_links(parsed)
    ids = {(str(link.kind), link.id) for link in links}
    assert ("source_repository", "github.com/EleutherAI/pythia") in ids
    assert ("source_repository", "github.com/EleutherAI/gpt-neox") in ids
    assert ("paper", "arXiv:2304.01373") in ids
    paper = next(link for link in links if link.id == "arXiv:2304.01373")
    assert paper.provenance is not None and paper.provenance.line == 14


def test_link_kinds() -> None:
    body = (
        "---\nlicense: mit\n---\n"
        "Code: https://gitlab.com/group/project.git and [repo](https://github.com/org/model)\n"
        "Paper: arXiv:2401.12345v2, DOI https://doi.org/10.1145/3442188.3445922.\n"
        "Data: https://huggingface.co/datasets/allenai/dolma and model https://huggingface.co/org/base-model\n"
        "Demo: https://huggingface.co/spaces/org/demo\n"
        "[Our technical report](https://aka.ms/report)\n"
        "@misc{x, eprint={2309.99999}, archivePrefix={arXiv}}\n"
    )
    links = body_links(parse_card(card(body)))
    got = {(link.kind, link.id) for link in links}
    assert (LinkKind.SOURCE_REPOSITORY, "gitlab.com/group/project") in got
    assert (LinkKind.SOURCE_REPOSITORY, "github.com/org/model") in got
    assert (LinkKind.PAPER, "arXiv:2401.12345") in got
    assert (LinkKind.PAPER, "doi:10.1145/3442188.3445922") in got
    assert (LinkKind.DATASET, "allenai/dolma") in got
    assert (LinkKind.MODEL, "org/base-model") in got
    assert (LinkKind.SPACE, "org/demo") in got
    assert (LinkKind.PAPER, "https://aka.ms/report") in got
    assert (LinkKind.PAPER, "arXiv:2309.99999") in got


def test_sections_skip_code_fences() -> None:
    parsed = parse_card(card("---\na: 1\n---\n# One\ntext\n```\n# not a heading\n```\n## Two\nmore\n"))
    assert [(t, s) for t, s, _ in sections(parsed)] == [("One", 4), ("Two", 9)]
