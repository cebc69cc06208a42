"""Every bundled license text, and variants derived from it, is identified as itself: never a sibling version."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import pytest

from howopen.licenses import knowledge_base
from howopen.licenses.identify import identify_text
from howopen.licenses.kb import reference_text

RECORDS = sorted((lic.text_file, lic.id) for lic in knowledge_base() if lic.text_file)
CORPUS = [(f, i) for f, i in RECORDS if knowledge_base().get(i).spdx_id is None  # type: ignore[union-attr]
          or f in {"apache-2.0.txt", "mit.txt", "cc-by-4.0.txt", "cc-by-nc-4.0.txt", "gpl-3.0.txt", "openmdw-1.0.txt"}]


def rewrap(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width=57) for p in paragraphs)


def markdown(text: str) -> str:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    lines[first] = "# " + lines[first].strip()
    out = []
    for number, line in enumerate(lines):
        words = line.split(" ")
        if number % 3 == 0 and len(words) > 6:
            words[1] = f"**{words[1]}"
            words[4] = f"{words[4]}**"
        if re.match(r"^\s*\d+\.\s", line):
            out.append("## " + " ".join(words).strip())
        else:
            out.append(" ".join(words))
    return "\n".join(out)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def with_notes(text: str) -> str:
    return ("[For the original license text see https://example.org/original-license]\n\n"
            + text + "\n\n---\nThis copy was packaged for the Example distribution on 2025-01-01.\n")


def other_holder(text: str) -> str:
    return re.sub(r"Copyright (\(c\)|\(C\)|©)\s*\d{4}(-\d{4})?[^\n]*", "Copyright (c) 2025 Example Holder Ltd.", text)


def everything(text: str) -> str:
    return crlf(with_notes(markdown(rewrap(other_holder(text)))))


VARIANTS: dict[str, Callable[[str], str]] = {
    "rewrapped": rewrap, "markdown": markdown, "crlf": crlf, "notes-added": with_notes,
    "other-holder": other_holder, "all-at-once": everything,
}


@pytest.mark.parametrize("file, license_id", RECORDS)
def test_reference_text_is_identified_as_itself(file: str, license_id: str) -> None:
    ident = identify_text(reference_text(file))
    assert ident.license_id == license_id, ident.to_dict()
    assert ident.recognized and ident.confidence >= 0.85
    assert ident.span is not None and ident.span[0] >= 1


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("file, license_id", CORPUS)
def test_variants_are_identified_as_the_original(file: str, license_id: str, variant: str) -> None:
    ident = identify_text(VARIANTS[variant](reference_text(file)))
    assert ident.license_id == license_id, (variant, ident.to_dict())


@pytest.mark.parametrize("file, sibling", [
    ("llama3.txt", "llama3.1"), ("llama3_1.txt", "llama3.2"), ("llama3_3.txt", "llama3.2"),
    ("gemma-2024-02-21.txt", "gemma-2024-04-01"), ("qwen-research.txt", "qwen"),
    ("tongyi-qianwen-research.txt", "tongyi-qianwen"), ("falcon3-tii.txt", "falcon-2-11b-tii"),
    ("openmdw-1.1.txt", "OpenMDW-1.0"),
])
def test_near_versions_are_told_apart_with_the_lines_that_differ(file: str, sibling: str) -> None:
    ident = identify_text(reference_text(file))
    assert ident.license_id != sibling
    assert ident.extra["told_apart_from"]
    assert ident.extra["distinguishing_lines"], ident.to_dict()
