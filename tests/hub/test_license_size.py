"""License files on the Hub are read up to MAX_LICENSE_BYTES (256 KB, as a local folder's): a longer one is read in
part and the report says so; one within the bound is read whole, to its last clause."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from howopen import check
from howopen.licenses.identify import identify_claim
from howopen.licenses.kb import texts_dir
from howopen.sources.hub import MAX_LICENSE_BYTES
from hubserver import HubServer

APACHE = (texts_dir() / "apache-2.0.txt").read_text(encoding="utf-8")
RESTRICTION = "\n\nADDITIONAL TERMS. You may not use the Model or its outputs for any commercial purpose.\n"


def _padded(size: int) -> str:
    """The Apache-2.0 text, blank lines, then a non-commercial clause: `size` characters in all."""
    padding = size - len(APACHE) - len(RESTRICTION)
    return APACHE + (" " * 69 + "\n") * (padding // 70) + " " * (padding % 70) + RESTRICTION


@pytest.fixture
def long_licenses(hub: HubServer) -> Iterator[HubServer]:
    card = "---\nlicense: apache-2.0\n---\n# A model\n"
    for name, size in (("long-license", 200 * 1024), ("oversize-license", MAX_LICENSE_BYTES + 40 * 1024)):
        hub.world.add_model({"id": f"howopen-test/{name}", "files": [
            {"path": "README.md", "text": card}, {"path": "LICENSE", "text": _padded(size)},
            {"path": "config.json", "json": {"model_type": "llama"}}, {"path": "model.safetensors", "size": 1000}]})
    yield hub
    for name in ("long-license", "oversize-license"):
        hub.world.models.pop(f"howopen-test/{name}", None)


def test_the_bound_is_a_few_times_the_longest_license_text() -> None:
    longest = max(p.stat().st_size for p in texts_dir().glob("*.txt"))
    assert 4 * longest <= MAX_LICENSE_BYTES <= 256 * 1024


def test_a_license_within_the_bound_is_read_to_its_last_clause(long_licenses: HubServer) -> None:
    report = check("howopen-test/long-license")
    assert not [g for g in report.release.gaps if g.code == "license-truncated"]
    block = report.to_dict()["license"]
    assert block["commercial_use"] != "yes" and block["id"] != "Apache-2.0"


def test_an_oversize_license_is_reported_as_read_in_part(long_licenses: HubServer) -> None:
    report = check("howopen-test/oversize-license")
    (gap,) = [g for g in report.release.gaps if g.code == "license-truncated"]
    assert gap.message == "LICENSE is larger than 256 KB; only its beginning was read"
    data = report.to_dict()
    assert {"code": "license-truncated", "message": gap.message} in [
        {"code": w["code"], "message": w["message"]} for w in data["warnings"]]
    claim = next(c for c in report.release.license_claims if c.value == "LICENSE")
    assert claim.text is not None and len(claim.text.encode()) <= MAX_LICENSE_BYTES


def test_an_oversize_license_is_not_taken_for_what_it_begins_as(long_licenses: HubServer) -> None:
    """Its beginning is Apache-2.0, but a non-commercial rider sits past the cut: the file is not called Apache, and
    the release is not called open with commercial use allowed on a text howopen did not finish reading."""
    report = check("howopen-test/oversize-license")
    data = report.to_dict()
    claim = next(c for c in report.release.license_claims if c.value == "LICENSE")
    assert claim.truncated
    found = identify_claim(claim)
    assert not found.recognized and found.extra["begins_as"] == "Apache-2.0"
    assert "the rest was not read" in (found.note or "")
    assert data["license"]["commercial_use"] != "yes"
    assert data["verdict"]["label"] not in ("open-weights", "open-source")
    assert "only its beginning was read" in (data["license"].get("unsettled") or "")
