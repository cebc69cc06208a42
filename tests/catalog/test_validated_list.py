"""`records/validated.json`: a bundled record whose text was validated is loaded without the JSON Schema (and without
importing jsonschema); any other text is still validated when it loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import howopen.catalog as catalog
from howopen.catalog import CatalogError, digest, parse
from howopen.catalog.validated import listing, unlisted

from .conftest import clear_caches
from .records import OPEN


def test_a_listed_text_skips_the_schema_and_any_other_is_validated() -> None:
    broken = OPEN.replace("released: 2024-05-01", "released: soon")
    with pytest.raises(CatalogError, match="released"):
        parse(broken, "x/test-open.yaml", trusted={digest(OPEN)})
    assert parse(broken, "x/test-open.yaml", trusted={digest(broken)}).id == "test-open"


def test_a_record_changed_after_listing_is_validated(synthetic: Path) -> None:
    (synthetic / catalog.VALIDATED).write_text(listing(), encoding="utf-8")  # every synthetic record listed
    clear_caches()
    assert {r.id for r in catalog.iter_records()} >= {"test-open"}
    path = next(synthetic.glob("*/test-open.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("released: 2024-05-01", "released: soon"),
                    encoding="utf-8")
    clear_caches()
    with pytest.raises(CatalogError, match="released"):
        list(catalog.iter_records())


@pytest.mark.parametrize("content", ["", "[]", '{"sha256": 3}', "{not json"])
def test_an_unusable_list_means_every_record_is_validated(tmp_path: Path, content: str) -> None:
    (tmp_path / catalog.VALIDATED).write_text(content, encoding="utf-8")
    assert catalog.validated_digests(tmp_path) == frozenset()


def test_the_bundled_list_holds_only_valid_records() -> None:
    listed = json.loads((catalog.records_dir() / catalog.VALIDATED).read_text(encoding="utf-8"))["sha256"]
    root = catalog.records_dir()
    for name, value in listed.items():
        path = root / name
        if path.exists() and digest(path.read_text(encoding="utf-8")) == value:
            catalog.load(path)  # validated: the list never vouches for a record that breaks the schema


def test_finding_a_bundled_record_does_not_import_jsonschema() -> None:
    missing = unlisted()
    if missing:  # a record added or changed since the list was written: it is validated at load (slower, still right)
        pytest.skip(f"{len(missing)} records not in records/validated.json: run `python -m howopen.catalog.validated`")
    probe = ("import sys; from howopen.catalog import find; assert find('llama-2-70b'); "
             "print('jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
