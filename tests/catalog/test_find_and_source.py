"""find() by every name a record answers to; a record's Release judged by the same pipeline as any source."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.catalog import find, iter_records, iter_releases
from howopen.evidence import ArtifactKind, ClaimKind, Status
from howopen.pipeline import assess
from howopen.sources.catalog import CatalogSource
from howopen.sources.lookup import catalog_release


@pytest.mark.parametrize("name", ["test-open", "TEST-OPEN", "Test Open 1B", "test open", "to-1b",
                                  "test-lab/Test-Open-1B", "test-lab/test-open-1b",
                                  "https://huggingface.co/test-lab/Test-Open-1B",
                                  "https://huggingface.co/test-lab/Test-Open-1B/tree/main",
                                  "  Test   Open  "])
def test_find_by_every_name(synthetic: Path, name: str) -> None:
    found = find(name)
    assert found is not None and found.id == "test-open"


@pytest.mark.parametrize("name", ["", "nothing-like-this", "test-lab/other", "x" * 600])
def test_find_unknown_is_none(synthetic: Path, name: str) -> None:
    assert find(name) is None


def test_the_release_carries_cited_evidence(synthetic: Path) -> None:
    record = find("test-open")
    assert record is not None
    release = CatalogSource(record).fetch()
    assert release.source == "catalog" and release.name == "Test Open 1B" and release.organization == "Test Lab"
    weights = release.artifacts[ArtifactKind.WEIGHTS]
    assert weights.status == Status.PRESENT
    url, line = weights.evidence
    assert url.source == "https://example.org/page" and url.retrieved == "2026-11-29" and url.quote == "a quote"
    assert url.method == "catalog"
    assert line.source.endswith("test-lab/test-open.yaml") and line.line is not None
    assert release.license_claims[0].kind == ClaimKind.CATALOG and release.license_claims[0].value == "apache-2.0"
    assert release.fact("release_date") == "2024-05-01"
    assert release.fact("parameters") == 1_000_000_000 and release.fact("context_length") == 4096
    assert release.fact("access") == "open-weights" and release.fact("offered_as") == ["weights"]
    assert release.facts["parameters"].provenance.source == "https://example.org/page"
    assert any(link.url == "https://huggingface.co/test-lab/Test-Open-1B" for link in release.links)
    assert ArtifactKind.EVALUATION_CODE in release.artifacts  # unknown, with its note as the reason
    assert release.artifacts[ArtifactKind.EVALUATION_CODE].reason == "Not looked for."


def test_an_open_record_is_graded_open_source(synthetic: Path) -> None:
    record = find("test-open")
    assert record is not None
    report = assess(CatalogSource(record).fetch())
    assert report.label == "open-source"
    assert report.license is not None and (report.license.id or "").lower() == "apache-2.0"
    data = report.to_dict()
    assert data["release"]["source"] == "catalog"
    assert data["artifacts"]["weights"]["license"]["id"].lower() == "apache-2.0"


def test_a_closed_record_is_closed_never_open(synthetic: Path) -> None:
    record = find("TCP")
    assert record is not None
    release = CatalogSource(record).fetch()
    assert release.license_claims == ()
    report = assess(release)
    assert report.label == "closed"
    assert all(r.outcome not in ("open-source", "open-weights") for r in report.frameworks.values())
    assert release.fact("pricing")[0]["input_usd_per_mtok"] == 2.5
    assert release.fact("pricing")[0]["source"] == "https://example.org/page"


def test_proprietary_is_never_an_open_license(synthetic: Path) -> None:
    from howopen.catalog import parse

    from .records import OPEN

    text = OPEN.replace("id: apache-2.0", "id: proprietary").replace("weights: {status: present, license: apache-2.0",
                                                                  "weights: {status: present, license: proprietary")
    report = assess(CatalogSource(parse(text, "p/test-open.yaml")).fetch())
    assert report.label == "unknown"
    assert report.license is None or not report.license.recognized


def test_lineage_finds_base_models_in_the_catalog(synthetic: Path) -> None:
    record = find("test-restricted")
    assert record is not None
    report = assess(CatalogSource(record).fetch(), resolver=catalog_release)
    assert report.label == "restricted-weights"
    assert report.release.lineage and report.release.lineage[0].source == "catalog"
    base = report.release.lineage[0].license
    assert base is not None and (base.id or "").lower() == "apache-2.0"


def test_catalog_release_is_what_lookup_uses(synthetic: Path) -> None:
    release = catalog_release("test-lab/Test-Open-1B")
    assert release is not None and release.source == "catalog"
    assert catalog_release("nobody/nothing") is None


def test_iter_releases_gives_one_release_per_record(synthetic: Path) -> None:
    assert len(list(iter_releases())) == len(list(iter_records())) == 3
