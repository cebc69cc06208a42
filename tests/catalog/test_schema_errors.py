"""A record that breaks the format is a one-line error naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from howopen.catalog import CatalogError, load, parse

from .records import CLOSED, OPEN


def _error(text: str, cite: str = "x/test-open.yaml") -> str:
    with pytest.raises(CatalogError) as info:
        parse(text, cite)
    message = str(info.value)
    assert "\n" not in message
    assert cite in message
    return message


def test_the_synthetic_records_are_valid() -> None:
    assert parse(OPEN, "a.yaml").id == "test-open"
    assert parse(CLOSED, "b.yaml").closed


def test_a_present_artifact_without_a_source_names_the_field() -> None:
    text = OPEN.replace("training_code: {status: present, license: apache-2.0, url: 'https://example.org/train', "
                        "source: {url: 'https://example.org/page', read: 2026-11-29, quote: 'a quote'}}",
                        "training_code: {status: present}")
    assert "artifacts/training_code" in _error(text)


def test_an_unknown_artifact_needs_a_note() -> None:
    assert "artifacts/evaluation_code" in _error(OPEN.replace("evaluation_code: {status: unknown, note: Not looked "
                                                              "for.}", "evaluation_code: {status: unknown}"))


def test_a_fact_without_a_read_date_is_refused() -> None:
    text = OPEN.replace("context_length: {value: 4096, source: {url: 'https://example.org/page', read: 2026-11-29, "
                        "quote: 'a quote'}}", "context_length: {value: 4096, source: {url: 'https://example.org/p'}}")
    assert "facts/context_length" in _error(text)


def test_unknown_keys_and_values_are_refused() -> None:
    assert "relased" in _error(OPEN.replace("released:", "relased:"))
    assert "status" in _error(OPEN.replace("evaluation_code: {status: unknown", "evaluation_code: {status: maybe"))
    assert "artifacts" in _error(OPEN.replace("  evaluation_code:", "  secret_sauce:"))
    assert "access" in _error(OPEN.replace("access: open-weights", "access: open"))
    assert "released" in _error(OPEN.replace("released: 2024-05-01", "released: May 2024"))


def test_a_closed_model_cannot_claim_weights() -> None:
    text = CLOSED.replace("weights: {status: absent", "weights: {status: present")
    assert "weights" in _error(text, "c/test-closed.yaml")


def test_bad_ids_and_yaml(tmp_path: Path) -> None:
    assert "id" in _error(OPEN.replace("id: test-open", "id: Test Open"))
    assert "not valid YAML" in _error("schema: [unclosed")
    assert "expected a mapping" in _error("- a list")
    path = tmp_path / "other-name.yaml"
    path.write_text(OPEN, encoding="utf-8")
    with pytest.raises(CatalogError, match="must equal the file name"):
        load(path)


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("#" * (300 * 1024), encoding="utf-8")
    with pytest.raises(CatalogError, match="larger than"):
        load(big)
    with pytest.raises(CatalogError, match="cannot read"):
        load(tmp_path / "missing.yaml")


def test_a_broken_bundled_record_is_a_one_line_error_for_catalog_names(synthetic: Path) -> None:
    from typer.testing import CliRunner

    from howopen.cli.app import app

    from .conftest import clear_caches

    (synthetic / "test-lab" / "broken.yaml").write_text(OPEN.replace("id: test-open", "id: broken")
                                                        .replace("released: 2024-05-01", "released: soon"))
    clear_caches()
    result = CliRunner().invoke(app, ["check", "test-open", "--offline"])
    assert result.exit_code == 2
    assert "test-lab/broken.yaml" in result.output and "released" in result.output
    assert "Traceback" not in result.output
    listed = CliRunner().invoke(app, ["list"])
    assert listed.exit_code == 2 and "broken.yaml" in listed.output
