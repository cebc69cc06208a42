"""The response cache: a second check within the TTL sends nothing, an expired entry is revalidated with its
ETag,
and `--offline` works from the cache alone, saying what it lacks."""

from __future__ import annotations

import email.utils
import time
from pathlib import Path

import httpx2
import pytest
from typer.testing import CliRunner

from howopen import check
from howopen.cli.app import app
from howopen.evidence import ArtifactKind as K
from howopen.evidence import ClaimKind, Status
from howopen.net.cache import DiskCache, Entry, cache_key
from howopen.net.transport import retry_after
from hubserver import TOKEN, HubServer

PYTHIA = "EleutherAI/pythia-1b"


def test_second_check_within_the_ttl_sends_no_request(hub: HubServer) -> None:
    first = check(PYTHIA)
    assert hub.count() >= 10
    hub.reset()
    second = check(PYTHIA)
    assert hub.count() == 0
    assert second.to_dict()["artifacts"] == first.to_dict()["artifacts"]
    assert second.label == first.label


def test_expired_entries_are_revalidated_with_their_etag(hub: HubServer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    check(PYTHIA)
    monkeypatch.setenv("HOWOPEN_CACHE_TTL", "0")
    hub.reset()
    report = check(PYTHIA)
    statuses = [r.status for r in hub.requests()]
    assert statuses.count(304) >= 8  # model info, card, config, refs, GitHub, arXiv: unchanged, not re-sent
    assert report.release.fact("parameters") == 1_011_353_600


def test_offline_after_an_online_check(hub: HubServer) -> None:
    online = check(PYTHIA)
    hub.reset()
    result = CliRunner().invoke(app, ["check", PYTHIA, "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert hub.count() == 0
    assert f'"label": "{online.label}"' in result.output
    assert "offline, from the cache" in result.output


def test_offline_without_a_cache_is_a_one_line_error(hub: HubServer) -> None:
    result = CliRunner().invoke(app, ["check", PYTHIA, "--offline"])
    assert result.exit_code == 2
    assert "not in howopen's cache" in " ".join(result.output.split())
    assert hub.count() == 0


def test_offline_says_what_it_lacks(hub: HubServer) -> None:
    hub.add_fault(r"^/github/", "status", status=500, times=None)  # GitHub answers are not cached
    check(PYTHIA)
    hub.reset()
    report = check(PYTHIA, offline=True)
    assert hub.count() == 0
    lacking = [g for g in report.release.gaps if g.code == "fetch-offline"]
    assert lacking and all("not in the cache" in g.message for g in lacking)
    assert any("github.com/EleutherAI/gpt-neox" in g.message for g in lacking)
    for kind in (K.TRAINING_CODE, K.DATA_PROCESSING_CODE):
        assert report.release.artifact(kind).status == Status.UNKNOWN


def test_answers_for_a_token_are_kept_apart(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    anonymous = check("meta-llama/Llama-3.1-8B-Instruct")
    assert not [c for c in anonymous.release.license_claims if c.kind == ClaimKind.FILE]
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    authorized = check("meta-llama/Llama-3.1-8B-Instruct")
    assert [c for c in authorized.release.license_claims if c.kind == ClaimKind.FILE]


def test_no_cache_setting(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOWOPEN_NO_CACHE", "1")
    check("DeepMount00/Llama-3.1-8b-Ita")
    first = hub.count()
    check("DeepMount00/Llama-3.1-8b-Ita")
    assert hub.count() == 2 * first


# -- the pieces -----------------------------------------------------------------------------------------


def test_disk_cache_round_trip_and_corruption(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    key = cache_key("GET", "https://example.org/a")
    assert cache.get(key) is None
    headers = [("etag", '"x"'), ("content-type", "application/json")]
    cache.put(key, Entry(200, headers, b'{"a": 1}', time.time()))
    entry = cache.get(key)
    assert entry is not None and entry.body == b'{"a": 1}' and entry.header("ETag") == '"x"'
    path = next((tmp_path / "http").rglob(key))
    path.write_bytes(path.read_bytes()[:-3])  # a torn write
    assert cache.get(key) is None


def test_cache_keys_separate_ranges_and_tokens() -> None:
    url = "https://huggingface.co/x/y/resolve/main/model.safetensors"
    keys = {cache_key("GET", url), cache_key("GET", url, range_header="bytes=0-100000"),
            cache_key("GET", url, auth="Bearer a"), cache_key("GET", url, auth="Bearer b")}
    assert len(keys) == 4


def test_retry_after_forms() -> None:
    now = time.time()
    assert retry_after(httpx2.Headers({"retry-after": "7"}), now) == 7
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= (retry_after(httpx2.Headers({"retry-after": date}), now) or 0) <= 31
    github = httpx2.Headers({"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(now) + 60)})
    assert 58 <= (retry_after(github, now) or 0) <= 61
    assert retry_after(httpx2.Headers({}), now) is None
