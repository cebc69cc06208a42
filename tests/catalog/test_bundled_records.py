"""Every bundled record follows the schema and cites a source (URL and read date) for every fact it states."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import jsonschema
import pytest

import howopen.catalog as catalog
from howopen.catalog import iter_records, load, record_files
from howopen.licenses.kb import knowledge_base

FILES = record_files()
# Ids the test Hub serves: a catalog record claiming one would change what the Hub tests see offline.
HUB_FIXTURE_IDS = {
    "eleutherai/pythia-1b", "meta-llama/llama-3.1-8b-instruct", "meta-llama/meta-llama-3.1-8b-instruct",
    "meta-llama/meta-llama-3.1-8b", "nousresearch/meta-llama-3-8b", "allenai/olmo-1b-hf",
    "mistralai/mistral-nemo-base-2407", "mistralai/mistral-nemo-instruct-2407",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _ids(path: Any) -> str:
    return f"{path.parent.name}/{path.name}"


def _cited(source: Any, where: str) -> None:
    assert isinstance(source, dict), f"{where}: no source"
    assert str(source.get("url", "")).startswith(("http://", "https://")), f"{where}: source has no URL"
    assert DATE.match(str(source.get("read", ""))), f"{where}: source has no read date"


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(catalog.schema())


def test_the_catalog_holds_at_least_80_records_15_of_them_closed() -> None:
    records = list(iter_records())
    ids = {r.id for r in records}
    assert len(ids) >= 80
    assert sum(1 for r in records if r.data["access"] in ("api-only", "chat-only")) >= 15
    assert {"llama-2-70b", "llama-3.1-405b", "gemma-7b", "llama-4-maverick"} <= ids


@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_record_validates_and_every_fact_is_sourced(path: Any) -> None:
    record = load(path)
    data = record.data
    assert record.id == path.stem
    assert path.parent.name == path.parent.name.lower()
    _cited(data["released_source"], "released")
    if data.get("license") is not None:
        _cited(data["license"]["source"], "license")
    for name, entry in data["artifacts"].items():
        if entry["status"] in ("present", "absent"):
            _cited(entry.get("source"), f"artifacts/{name}")
        else:
            assert entry.get("note"), f"artifacts/{name}: unknown needs a note saying why"
    for name, fact in (data.get("facts") or {}).items():
        _cited(fact.get("source"), f"facts/{name}")
    for i, price in enumerate(data.get("pricing") or ()):
        _cited(price.get("source"), f"pricing/{i}")
    for i, base in enumerate(data.get("base_models") or ()):
        if "source" in base:
            _cited(base["source"], f"base_models/{i}")


@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_license_ids_are_known(path: Any) -> None:
    record = load(path)
    kb = knowledge_base()
    lic = record.data.get("license")
    if lic is not None:
        known = lic["id"] == "proprietary" or kb.lookup(lic["id"]) is not None
        assert known or lic.get("declared"), f"license id '{lic['id']}' is not in the knowledge base"
    for name, entry in record.data["artifacts"].items():
        if entry.get("license"):
            assert entry["license"] == "proprietary" or kb.lookup(entry["license"]) is not None, \
                f"artifacts/{name}: license id '{entry['license']}' is not in the knowledge base"


@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_closed_records_have_no_weights_and_no_hub_id(path: Any) -> None:
    record = load(path)
    if record.closed:
        assert record.hub_id is None and record.data["license"] is None
        assert record.data["artifacts"]["weights"]["status"] == "absent"


def test_ids_and_names_are_unique_across_records() -> None:
    records = list(iter_records())
    ids = Counter(r.id for r in records)
    assert [i for i, n in ids.items() if n > 1] == []
    claims = Counter(name.strip().lower() for r in records for name in set(n.lower() for n in r.names()))
    assert [n for n, count in claims.items() if count > 1] == [], "a name, alias or Hub id is claimed twice"


def test_no_record_claims_an_id_the_test_hub_serves() -> None:
    for record in iter_records():
        names = {n.lower() for n in record.names()}
        assert not names & HUB_FIXTURE_IDS, record.path


def test_every_bundled_record_becomes_a_report() -> None:
    from howopen.catalog import listing

    for row in listing.all_rows():
        assert row.verdict in listing.VERDICT_ORDER
        if row.record.closed:
            assert row.verdict == "closed"


@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_base_models_are_hub_ids(path: Any) -> None:
    """Lineage looks base models up by Hub id (a record's `hub_id`, then the Hub): a catalog id is a dead end."""
    for base in load(path).data.get("base_models") or ():
        assert re.fullmatch(r"[\w.\-]+/[\w.\-]+", base["id"]), f"{path.name}: base model {base['id']} is not org/name"
