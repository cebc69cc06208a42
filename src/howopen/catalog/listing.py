"""`howopen list`: every catalog record graded by the real pipeline, then filtered and sorted.

Each record's `Release` goes through `pipeline.assess` like any other source's, with base models looked up in the
catalog only (no network), so the list is the same on a fresh install as anywhere. What the list shows of each
record is a `Listed` (plain values), which `howopen.catalog.listcache` keeps between runs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from . import Record, iter_records

if TYPE_CHECKING:
    from ..report import Report

SORTS = ("name", "date", "org", "verdict")
VERDICT_ORDER = ("open-source", "open-weights", "restricted-weights", "unknown", "closed")
COMMERCIAL = ("yes", "no", "conditional", "unknown")


@dataclass(frozen=True)
class Row:
    """One record and its report, as `howopen list` shows it."""

    record: Record
    report: Report

    @property
    def verdict(self) -> str:
        return self.report.label

    @property
    def license(self) -> str:
        if self.record.closed:
            return "none (closed)"
        binding = self.report.binding
        if binding is not None:  # the declared license cannot be right: show the one that governs
            return f"{binding['id']} (tagged {binding['declared']})"
        ref = self.report.license
        return ref.label() if ref is not None else "unknown"

    @property
    def commercial(self) -> str:
        """yes | no | conditional | unknown from the license governing the weights; `n/a` when no weights are
        released."""
        if self.record.closed:
            return "n/a"
        from ..licenses.kb import knowledge_base

        binding = self.report.binding
        lic = knowledge_base().get(binding["id"]) if binding is not None else self.report.license_record
        return lic.commercial_use if lic is not None else "unknown"

    @property
    def released(self) -> str:
        return str(self.record.data.get("released") or "")

    def to_dict(self) -> dict[str, Any]:
        data = self.record.data
        return {
            "id": self.record.id,
            "name": self.record.name,
            "organization": self.record.organization,
            "hub_id": self.record.hub_id,
            "released": self.released,
            "access": data.get("access"),
            "offered_as": list(data.get("offered_as") or ()),
            "verdict": self.verdict,
            "license": None if self.record.closed else self.report.declared_license_id,
            "binding_license": (self.report.binding or {}).get("id"),
            "commercial_use": self.commercial,
            "frameworks": {key: result.outcome for key, result in self.report.frameworks.items()},
            "pricing": [{k: v for k, v in p.items() if k != "source"} | {"source": p["source"]["url"]}
                        for p in data.get("pricing") or ()],
            "record": self.record.path,
        }

    def listed(self) -> Listed:
        return Listed(id=self.record.id, name=self.record.name, organization=self.record.organization,
                      org_slug=_org_slug(self.record), released=self.released, access=self.record.data.get("access"),
                      closed=self.record.closed, verdict=self.verdict, license=self.license,
                      commercial=self.commercial, license_ids=tuple(sorted(_license_ids(self))), json=self.to_dict())


@dataclass(frozen=True)
class Listed:
    """One record as `howopen list` shows, filters and sorts it: plain values, read from a graded `Row`."""

    id: str
    name: str
    organization: str
    org_slug: str  # the folder of the record: records/<org>/<id>.yaml
    released: str
    access: str | None
    closed: bool
    verdict: str
    license: str  # as the table shows it
    commercial: str
    license_ids: tuple[str, ...]  # lower-case: the record's, the identified and the binding license id
    json: dict[str, Any]  # the record in `howopen list --format json` (`Row.to_dict`)


def grade(record: Record) -> Report:
    from ..pipeline import assess
    from ..sources.catalog import CatalogSource
    from ..sources.lookup import catalog_release

    source = CatalogSource(record)  # base models from the catalog only, never the network
    return assess(source.fetch(), understood=source.describe(), resolver=catalog_release)


@functools.cache
def all_rows() -> tuple[Row, ...]:
    return tuple(Row(record, grade(record)) for record in iter_records())


def _choices(value: str | None, allowed: Sequence[str], option: str) -> set[str] | None:
    if value is None:
        return None
    chosen = {v.strip().lower() for v in value.split(",") if v.strip()}
    unknown = sorted(chosen - set(allowed))
    if unknown or not chosen:
        raise UsageError(f"{option} '{value}' is not one of: {', '.join(allowed)}",
                         hint=f"for example {option} {allowed[0]} (commas for several)")
    return chosen


def select(
    rows: Iterable[Listed],
    *,
    verdict: str | None = None,
    commercial: str | None = None,
    org: str | None = None,
    license: str | None = None,
    closed: bool | None = None,
    sort: str = "name",
    reverse: bool = False,
) -> list[Listed]:
    """Filter (every given filter must hold) and sort."""
    verdicts = _choices(verdict, VERDICT_ORDER, "--verdict")
    commercials = _choices(commercial, (*COMMERCIAL, "n/a"), "--commercial")
    if sort not in SORTS:
        raise UsageError(f"--sort '{sort}' is not one of: {', '.join(SORTS)}", hint="for example --sort date")
    licenses = {v.strip().lower() for v in license.split(",")} if license else None
    chosen = []
    for row in rows:
        if verdicts is not None and row.verdict not in verdicts:
            continue
        if commercials is not None and row.commercial not in commercials:
            continue
        if org and org.strip().lower() != row.org_slug and org.strip().lower() not in row.organization.lower():
            continue
        if licenses is not None and not licenses & set(row.license_ids):
            continue
        if closed is not None and row.closed != closed:
            continue
        chosen.append(row)
    key = {
        "name": lambda r: (r.name.lower(), r.id),
        "date": lambda r: (r.released, r.id),
        "org": lambda r: (r.organization.lower(), r.name.lower()),
        "verdict": lambda r: (VERDICT_ORDER.index(r.verdict) if r.verdict in VERDICT_ORDER else len(VERDICT_ORDER),
                              r.name.lower()),
    }[sort]
    return sorted(chosen, key=key, reverse=reverse)


def _license_ids(row: Row) -> set[str]:
    """The record's license id and the id the license stage identified (lowercase)."""
    ids = {row.record.license_id or ""}
    if row.report.license is not None and row.report.license.id:
        ids.add(row.report.license.id)
    if row.report.binding is not None:
        ids.add(row.report.binding["id"])
    return {i.lower() for i in ids if i}


def _org_slug(record: Record) -> str:
    parts = record.path.split("/")
    return parts[-2].lower() if len(parts) >= 2 else ""
