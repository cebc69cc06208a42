"""Every fault ends in a report with the gap marked, or in one line and exit code 2; never in a traceback,
and a
failed fetch never makes an artifact absent."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from howopen import check
from howopen.cli.app import app
from howopen.evidence import ArtifactKind as K
from howopen.evidence import ClaimKind, Status
from hubserver import TOKEN, HubServer

PYTHIA = "EleutherAI/pythia-1b"
CODE = (K.TRAINING_CODE, K.DATA_PROCESSING_CODE, K.EVALUATION_CODE)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, " ".join(result.output.split())  # the console wraps long lines


def _gap_codes(report) -> set[str]:  # type: ignore[no-untyped-def]
    return {g.code for g in report.release.gaps}


@pytest.mark.parametrize("target", ["nobody/no-such-model", "howopen-test/private-model"])
def test_unknown_and_private_repositories_are_one_line_errors(hub: HubServer, target: str) -> None:
    code, output = _cli(target)
    assert code == 2
    assert f"no model {target} on the Hugging Face Hub" in output
    assert "Traceback" not in output and output.count("howopen: error:") == 1


def test_private_repository_with_a_token(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    assert check("howopen-test/private-model").release.fact("private") is True


def test_unknown_revision_is_a_one_line_error(hub: HubServer) -> None:
    code, output = _cli(f"{PYTHIA}@no-such-branch")
    assert code == 2 and "has no revision 'no-such-branch'" in output


def test_gated_repository_without_a_token_is_graded_from_what_is_public(hub: HubServer) -> None:
    report = check("meta-llama/Llama-3.1-8B-Instruct")
    release = report.release
    (gap,) = [g for g in release.gaps if g.code == "gated"]
    assert "LICENSE" in gap.message and "USE_POLICY.md" in gap.message and "HF_TOKEN" in gap.message
    assert release.artifact(K.WEIGHTS).status == Status.PRESENT  # the listing is public
    assert report.license is not None and report.license.id == "llama3.1"  # from the card's tag
    assert not [c for c in release.license_claims if c.kind == ClaimKind.FILE]
    architecture = release.artifact(K.MODEL_ARCHITECTURE)
    assert architecture.status == Status.UNKNOWN and "gated" in (architecture.reason or "")
    assert report.label == "restricted-weights"


def test_rate_limit_is_retried_after_retry_after(hub: HubServer) -> None:
    hub.add_fault(r"^/api/models/EleutherAI/pythia-1b\?", "status", status=429, retry_after="1")
    started = time.perf_counter()
    report = check(PYTHIA)
    assert time.perf_counter() - started >= 1.0
    assert hub.count(r"^/api/models/EleutherAI/pythia-1b\?") == 2
    assert not report.release.metadata_only
    assert not [g for g in report.release.gaps if g.code.startswith("fetch-")]


def test_rate_limit_beyond_the_bound_becomes_a_gap(hub: HubServer) -> None:
    hub.add_fault(r"^/api/models/EleutherAI/pythia-1b\?", "status", status=429, retry_after="3600",
                  times=None)
    started = time.perf_counter()
    report = check(PYTHIA)
    assert time.perf_counter() - started < 5
    assert "fetch-rate-limited" in _gap_codes(report)
    assert report.release.metadata_only  # graded from the card; the listing is unknown, not empty
    assert report.release.artifact(K.WEIGHTS).status == Status.UNKNOWN


def test_github_rate_limit_leaves_code_unknown(hub: HubServer) -> None:
    hub.add_fault(r"^/github/", "status", status=403, times=None,
                  headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(time.time()) + 3600)})
    report = check(PYTHIA)
    assert "fetch-rate-limited" in _gap_codes(report)
    assert any("GITHUB_TOKEN" in g.message for g in report.release.gaps)
    for kind in CODE:  # the linked repositories could not be read: unknown, not absent
        assert report.release.artifact(kind).status == Status.UNKNOWN


def test_server_error_once_is_retried(hub: HubServer) -> None:
    hub.add_fault(r"^/EleutherAI/pythia-1b/resolve/main/README\.md$", "status", status=500)
    report = check(PYTHIA)
    assert hub.count(r"^/EleutherAI/pythia-1b/resolve/main/README\.md$") == 2
    assert report.release.artifact(K.MODEL_CARD).status == Status.PRESENT


def test_timeout_on_the_card_is_a_gap(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOWOPEN_TIMEOUT", "0.4")
    hub.add_fault(r"^/EleutherAI/pythia-1b/resolve/main/README\.md$", "stall", delay=1.5, times=None)
    report = check(PYTHIA)
    assert "fetch-timeout" in _gap_codes(report)
    assert report.release.artifact(K.MODEL_CARD).status == Status.UNKNOWN
    assert report.release.artifact(K.WEIGHTS).status == Status.PRESENT


def test_timeout_on_model_info_falls_back_to_the_card(hub: HubServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOWOPEN_TIMEOUT", "0.4")
    hub.add_fault(r"^/api/models/EleutherAI/pythia-1b\?", "stall", delay=1.5, times=None)
    report = check(PYTHIA)
    assert report.release.metadata_only
    assert "fetch-timeout" in _gap_codes(report)
    assert report.license is not None and report.license.id == "Apache-2.0"


def test_malformed_json_is_a_gap_and_not_cached(hub: HubServer) -> None:
    hub.add_fault(r"^/api/models/EleutherAI/pythia-1b\?", "malformed")
    report = check(PYTHIA)
    assert "fetch-malformed" in _gap_codes(report)
    assert report.release.metadata_only
    hub.reset()
    again = check(PYTHIA)
    assert hub.count(r"^/api/models/EleutherAI/pythia-1b\?") == 1  # the broken answer was not kept
    assert not again.release.metadata_only


def test_truncated_body_is_retried(hub: HubServer) -> None:
    hub.add_fault(r"^/api/models/EleutherAI/pythia-1b\?", "truncate")
    report = check(PYTHIA)
    assert hub.count(r"^/api/models/EleutherAI/pythia-1b\?") == 2
    assert not report.release.metadata_only


def test_truncated_github_tree_leaves_code_unknown_not_absent(hub: HubServer) -> None:
    hub.add_fault(r"/git/trees/", "truncate", times=None)
    report = check(PYTHIA)
    assert "fetch-truncated" in _gap_codes(report)
    for kind in CODE:
        assert report.release.artifact(kind).status == Status.UNKNOWN


def test_failed_dataset_and_paper_lookups_are_gaps(hub: HubServer) -> None:
    hub.add_fault(r"^/api/datasets/", "status", status=500, times=None)
    hub.add_fault(r"^/arxiv/abs/2304\.01373", "status", status=503, retry_after="0", times=None)
    report = check(PYTHIA)
    codes = _gap_codes(report)
    assert "fetch-server-error" in codes and "fetch-rate-limited" in codes
    training = report.release.artifact(K.TRAINING_DATA)
    assert training.status == Status.PRESENT  # the card names the data; its license is simply not known
    assert training.details["datasets_checked"][0]["found"] is None
    paper = report.release.artifact(K.RESEARCH_PAPER)
    assert paper.details["arxiv"]["2304.01373"] == "unchecked"


def test_renamed_repository_is_followed_and_said(hub: HubServer) -> None:
    report = check("meta-llama/Meta-Llama-3.1-8B-Instruct")
    assert report.release.display_name == "meta-llama/Llama-3.1-8B-Instruct"
    (gap,) = [g for g in report.release.gaps if g.code == "repository-renamed"]
    assert "has moved to meta-llama/Llama-3.1-8B-Instruct" in gap.message
    moved = hub.requests(r"^/(api/models/)?meta-llama/Meta-Llama")
    assert moved and {r.status for r in moved} == {307}  # each answered with a redirect to the new name


def test_cli_prints_the_report_and_what_it_understood(hub: HubServer) -> None:
    code, output = _cli(f"{hub.url}/{PYTHIA}/tree/step1000", "--format", "json")
    assert code == 0
    assert "Hugging Face Hub model EleutherAI/pythia-1b at revision step1000 (read as a Hub URL)" in output
    code, output = _cli(f"{PYTHIA}@main", "--revision", "step1000")
    assert code == 2 and "names revision 'main' but --revision says 'step1000'" in output
    code, output = _cli(PYTHIA, "--revision", "step1000")
    assert code == 0 and "at revision step1000" in output
