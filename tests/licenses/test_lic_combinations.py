"""Several licenses at once: a `license:` list, SPDX AND / OR, WITH exceptions and -or-later forms.

A list or an AND means every license applies, so the most restrictive one governs the weights; an OR lets the user
choose, so the most permissive alternative governs. The report shows every entry either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen import check
from howopen.evidence import ArtifactKind
from howopen.licenses.identify import identify_any, identify_expression, identify_tag
from support.snapshots import make_snapshot


def _card(tag: str, body: str = "# A model\n\nSome words about it.\n") -> str:
    return f"---\nlicense: {tag}\nlibrary_name: transformers\n---\n{body}"


def _report(tmp_path: Path, tag: str, **kwargs: object):  # type: ignore[no-untyped-def]
    root = make_snapshot(tmp_path / "m", card=_card(tag), **kwargs)  # type: ignore[arg-type]
    return check(str(root))


# -------------------------------------------------------------------------------------------------------------
# 1. A YAML list in `license:`


@pytest.mark.parametrize("tag, governing, label", [
    ("[apache-2.0, llama3]", "llama3", "restricted-weights"),
    ("[llama3, apache-2.0]", "llama3", "restricted-weights"),
    ("[mit, cc-by-nc-4.0]", "CC-BY-NC-4.0", "restricted-weights"),
    ("[cc-by-nc-4.0, llama3.1]", "CC-BY-NC-4.0", "restricted-weights"),  # non-commercial beats a user cap
    ("[mit, apache-2.0]", "MIT", None),
])
def test_list_tag_the_most_restrictive_entry_governs(tmp_path: Path, tag: str, governing: str,
                                                      label: str | None) -> None:
    report = _report(tmp_path, tag)
    weights = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert weights is not None and weights.id == governing
    assert weights.declared == tag.strip("[]")  # every entry stays in the declared string
    assert report.to_dict()["license"]["id"] == governing
    if label:
        assert report.label == label


def test_list_tag_report_shows_every_entry_with_its_line(tmp_path: Path) -> None:
    report = _report(tmp_path, "[mit, cc-by-nc-4.0]")
    tags = [entry for entry in report.to_dict()["licenses"] if entry["declared"]["kind"] == "tag"]
    assert len(tags) == 1
    listed = tags[0]
    assert [c["id"] for c in listed["components"]] == ["MIT", "CC-BY-NC-4.0"]
    assert all(c["declared"]["evidence"][0]["line"] == 2 for c in listed["components"])
    assert listed["governing"] == "CC-BY-NC-4.0" and "most restrictive" in listed["note"]
    assert report.to_dict()["license"]["commercial_use"] == "no"


def test_list_tag_agreeing_with_the_license_file_is_no_conflict(tmp_path: Path) -> None:
    report = _report(tmp_path, "[apache-2.0, llama3]", license_file="llama3.txt")
    assert report.release.conflicts == ()
    assert report.release.artifacts[ArtifactKind.WEIGHTS].license.id == "llama3"


def test_list_with_an_unknown_entry_is_never_open(tmp_path: Path) -> None:
    report = _report(tmp_path, "[mit, acme-model-license-7]")
    weights = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert weights.id is None and weights.recognized is False
    assert report.label not in ("open-source", "open-weights")


# -------------------------------------------------------------------------------------------------------------
# 2. SPDX expressions


def test_or_is_a_choice_and_the_most_permissive_governs(tmp_path: Path) -> None:
    report = _report(tmp_path, "mit OR cc-by-nc-4.0")
    weights = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert weights.id == "MIT" and weights.declared == "mit OR cc-by-nc-4.0"
    ident = next(i for i in report.release.licenses if i.claim and str(i.claim.kind) == "tag")
    assert ident.extra["combination"] == "choice (OR)"
    assert "user choose" in (ident.note or "") and "most permissive" in (ident.note or "")
    assert report.label != "restricted-weights"


def test_and_means_all_apply_and_a_non_commercial_part_decides(tmp_path: Path) -> None:
    report = _report(tmp_path, "MIT AND CC-BY-NC-4.0")
    weights = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert weights.id == "CC-BY-NC-4.0" and weights.declared == "MIT AND CC-BY-NC-4.0"
    assert report.to_dict()["license"]["commercial_use"] == "no"
    assert report.label == "restricted-weights"


def test_or_and_and_differ() -> None:
    either, both = identify_tag("apache-2.0 OR mit"), identify_tag("apache-2.0 AND cc-by-nc-4.0")
    assert either.extra["combination"] == "choice (OR)" and either.extra["governing"] == "Apache-2.0"
    assert both.extra["combination"] == "all apply (AND)" and both.extra["governing"] == "CC-BY-NC-4.0"
    nested = identify_expression("(MIT OR Apache-2.0) AND CC-BY-NC-4.0")
    assert nested.extra["governing"] == "CC-BY-NC-4.0"
    assert identify_expression("(MIT OR CC-BY-NC-4.0) AND llama3").extra["governing"] == "llama3"


def test_or_with_an_unknown_alternative_keeps_the_known_open_one() -> None:
    assert identify_expression("MIT OR Foo-1.0").extra["governing"] == "MIT"
    assert identify_expression("MIT AND Foo-1.0").extra["governing"] is None


@pytest.mark.parametrize("tag, base, key, value", [
    ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only", "exception", "Classpath-exception-2.0"),
    ("Apache-2.0 WITH LLVM-exception", "Apache-2.0", "exception", "LLVM-exception"),
    ("GPL-3.0+", "GPL-3.0-only", "or_later", True),
    ("GPL-3.0-or-later", "GPL-3.0-only", "or_later", True),
    ("LGPL-2.1+", "LGPL-2.1-only", "or_later", True),
])
def test_with_exceptions_and_or_later_map_to_the_base_record(tag: str, base: str, key: str, value: object) -> None:
    for ident in (identify_tag(tag), identify_any(tag)):
        assert ident.recognized and ident.license_id == base
        assert ident.extra[key] == value


def test_with_exception_keeps_the_declared_string(tmp_path: Path) -> None:
    report = _report(tmp_path, "GPL-2.0-only WITH Classpath-exception-2.0")
    weights = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert weights.id == "GPL-2.0-only" and weights.recognized
    assert weights.declared == "GPL-2.0-only WITH Classpath-exception-2.0"
    later = _report(tmp_path / "later", "GPL-3.0+").release.artifacts[ArtifactKind.WEIGHTS].license
    assert later.id == "GPL-3.0-only" and later.declared == "GPL-3.0+"
