"""License openness: MOT's exact-string table against howopen's normalised reading."""

from __future__ import annotations

import pytest

from howopen.evidence import LicenseRef
from howopen.graders import mof_components as mc
from howopen.graders.openness import judge, judge_name, mot_is_open, mot_table, mot_type_appropriate, spdx_id


def test_mot_table_matches_its_documented_counts() -> None:
    table = mot_table()
    assert len(table) == 661
    assert sum(1 for row in table.values() if row.is_open) == 226


@pytest.mark.parametrize(("value", "is_open"), [
    ("Apache-2.0", True), ("apache-2.0", False), ("Apache 2.0", False), ("MIT", True), ("CC-BY-4.0", True),
    ("PDDL-1.0", False), ("ODC-PDDL-1.0", True), ("CC-PDDC", False), ("MulanPSL-1.0", False),
    ("OpenMDW-1.0", True), ("CC-BY-NC-4.0", False), ("llama3.1", False), ("unlicensed", False),
])
def test_mot_exact_strings(value: str, is_open: bool) -> None:
    assert mot_is_open(value) is is_open


def test_mot_type_quirks() -> None:
    assert mot_type_appropriate("CC0-1.0", "document") and not mot_type_appropriate("CC0-1.0", "data")
    assert mot_type_appropriate("Apache-2.0", "code") and not mot_type_appropriate("Apache-2.0", "data")
    assert mot_type_appropriate("CDLA-Permissive-2.0", "data")


@pytest.mark.parametrize(("value", "expected"), [
    ("apache-2.0", "Apache-2.0"), ("Apache 2.0", "Apache-2.0"), ("MIT License", "MIT"),
    ("cc-by-sa-4.0", "CC-BY-SA-4.0"), ("not a license", None),
])
def test_spdx_normalisation(value: str, expected: str | None) -> None:
    assert spdx_id(value) == expected


@pytest.mark.parametrize(("value", "is_open"), [
    ("Apache 2.0", True), ("PDDL-1.0", True), ("CC-BY-3.0-NL", True), ("llama3.1", False), ("MIT OR llama3.1", True),
    ("MIT AND llama3.1", False), ("bigscience-bloom-rail-1.0", False), ("Some Custom License", False),
])
def test_normalised_judgement(value: str, is_open: bool) -> None:
    assert judge_name(value).open is is_open


def test_unrecognized_is_never_open() -> None:
    found = judge(LicenseRef(id=None, declared="Our Model License v2"))
    assert found is not None and found.open is False and found.recognized is False
    assert judge(LicenseRef(id=None)) is None


def test_components_table() -> None:
    assert len(mc.components()) == 17
    assert mc.required(3) == (9, 10, 12, 13, 14, 11)  # configuration order, which MOT's getRequired keeps
    assert len(mc.required_through(2)) == 10 and len(mc.required_through(1)) == 14
    assert sum(1 for c in mc.components() if c.artifact is None) == 1  # Sample model outputs
