"""The license stage in the pipeline: every license file and tag identified, artifacts licensed, conflicts flagged."""

from __future__ import annotations

from pathlib import Path

from howopen import check
from howopen.evidence import ArtifactKind
from support.snapshots import card_text, license_text, make_snapshot

MIT_CARD = card_text("microsoft_Phi-3-mini-128k-instruct.md")


def _card(tag: str, body: str = "# A model\n\nSome words about it.\n") -> str:
    return f"---\nlicense: {tag}\nlibrary_name: transformers\n---\n{body}"


def test_tag_agreeing_with_the_text(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("NousResearch_Meta-Llama-3.1-8B-Instruct.md"),
                         license_file="llama3_1.txt")
    report = check(str(root))
    release = report.release
    assert release.conflicts == ()
    assert release.artifacts[ArtifactKind.WEIGHTS].license.id == "llama3.1"
    by_kind = {str(i.claim.kind): i.license_id for i in release.licenses if i.claim}
    assert by_kind["tag"] == "llama3.1" and by_kind["file"] == "llama3.1"


def test_mit_tag_with_a_gemma_license_file_is_a_conflict(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=MIT_CARD, license_file="gemma.txt")
    report = check(str(root))
    conflicts = report.release.conflicts
    assert len(conflicts) == 1
    assert conflicts[0].declared == "mit" and conflicts[0].binding == "gemma"
    assert "LICENSE" in conflicts[0].why
    assert report.release.artifacts[ArtifactKind.WEIGHTS].license.id == "gemma"
    assert report.to_dict()["conflicts"][0]["binding"] == "gemma"


def test_mit_tag_with_a_card_body_naming_gemma_is_a_conflict(tmp_path: Path) -> None:
    card = _card("mit", "# A model\n\nThis model is licensed under the Gemma Terms of Use.\n")
    root = make_snapshot(tmp_path / "m", card=card)
    conflicts = check(str(root)).release.conflicts
    assert [(c.declared, c.binding) for c in conflicts] == [("mit", "gemma")]
    assert conflicts[0].evidence[1].line == 7


def test_family_tag_agrees_with_a_member_text(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=_card("openrail"), license_file="bigscience-openrail-m.txt")
    release = check(str(root)).release
    assert release.conflicts == ()
    assert release.artifacts[ArtifactKind.WEIGHTS].license.id == "bigscience-openrail-m"


def test_sibling_version_in_the_text_is_a_conflict(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=_card("llama3"), license_file="llama3_3.txt")
    conflicts = check(str(root)).release.conflicts
    assert [(c.declared, c.binding) for c in conflicts] == [("llama3", "llama3.3")]


def test_other_with_license_name_and_model_license_file(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("deepseek-ai_deepseek-llm-7b-chat.md"),
                         extra={"LICENSE-MODEL": license_text("deepseek-model-1.0.txt"),
                                "LICENSE-CODE": license_text("mit.txt")})
    report = check(str(root))
    assert report.release.artifacts[ArtifactKind.WEIGHTS].license.id == "deepseek-model-1.0"
    assert report.release.conflicts == ()


def test_license_with_its_usage_policy_file(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=card_text("NousResearch_Meta-Llama-3.1-8B-Instruct.md"),
                         license_file="llama3_1.txt", extra={"USE_POLICY.md": license_text("llama3_1-aup.txt")})
    release = check(str(root)).release
    assert release.artifacts[ArtifactKind.USAGE_POLICY].license.id == "llama3.1-aup"
    assert release.conflicts == ()


def test_unrecognized_license_file_is_never_open(tmp_path: Path) -> None:
    root = make_snapshot(tmp_path / "m", card=_card("other"),
                         extra={"LICENSE": "ACME License\n\nResearch purposes only; no commercial use.\n"})
    report = check(str(root))
    ref = report.release.artifacts[ArtifactKind.WEIGHTS].license
    assert ref is not None and ref.recognized is False
    # The text is unknown, but read: its record (by id) says what the clauses say, and the release is restricted.
    assert ref.id is not None and ref.id.startswith("read:")
    assert report.license_record is not None and report.license_record.commercial_use == "no"
    assert report.label == "restricted-weights"
    data = report.to_dict()["license"]
    assert data["recognized"] is False and data["commercial_use"] == "no" and data["grants_four_freedoms"] is False
