"""A report (`howopen.report/1` JSON) flattened into the index's columns, for filtering and sorting."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..evidence import Release
from ..report import Report
from .census import record as census_record
from .facets import modality, release_date

# How open each plain-verdict label is, for sorting (higher is more open).
VERDICT_RANK = {"open-source": 4, "open-weights": 3, "restricted-weights": 2, "unknown": 1, "closed": 0}
# Where an entry came from; an entry is never replaced by one from a lower-ranked origin.
# A crawl of the Hub's listing (a card with the Hub's own facts) ranks over a card file, under the catalog.
ORIGIN_RANK = {"card": 1, "crawl": 1.5, "catalog": 2, "check": 3}


@dataclass(frozen=True)
class Row:
    """One model in the index: its flattened columns, the base models it declares, and the report itself."""

    id: str
    org: str
    name: str
    origin: str
    origin_ref: str
    source: str
    metadata_only: bool
    verdict: str
    verdict_rank: int
    verdict_if_published: str | None
    openness: str
    summary: str
    mof: str
    osaid: str
    eosai: float | None
    eu_ai_act: str
    license_id: str | None
    license_name: str | None
    commercial_use: str
    modality: str
    release_date: dt.date | None
    digest: str
    report: str
    card: str | None = None
    bases: tuple[tuple[str, str | None, str | None], ...] = field(default=())  # (base id, relation, license)
    census: tuple[Any, ...] | None = None  # the census row (census.record), made where the report is at hand

    def columns(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in COLUMNS)


COLUMNS = ("id", "org", "name", "origin", "origin_ref", "source", "metadata_only", "verdict", "verdict_rank",
           "verdict_if_published", "openness", "summary", "mof", "osaid", "eosai", "eu_ai_act", "license_id",
           "license_name", "commercial_use", "modality", "release_date", "digest", "report", "card")


def model_id(organization: str | None, name: str | None, target: str) -> str:
    """`org/name`; a release without an organisation (a local folder) is filed under `local/`."""
    display = f"{organization}/{name}" if organization and name else (name or target)
    display = display.strip().strip("/")
    if "/" not in display:
        display = f"local/{display}"
    org, _, rest = display.partition("/")
    return f"{org}/{rest.replace('/', '-')}"


def release_id(release: Release) -> str:
    """The index id: the Hub id when the release has one (a catalog record's `hub_id`, a Hub check), a catalog
    record without one as `<org folder>/<record id>` (`openai/gpt-4o`), anything else by `model_id`."""
    hub_id = release.fact("hub_id")
    if isinstance(hub_id, str) and hub_id.count("/") == 1:
        return hub_id
    catalog_id, catalog_org = release.fact("catalog.id"), release.fact("catalog.org")
    if isinstance(catalog_id, str) and isinstance(catalog_org, str) and catalog_org:
        return f"{catalog_org}/{catalog_id}"
    return model_id(release.organization, release.name, release.target)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _framework(data: dict[str, Any], key: str) -> dict[str, Any]:
    found = data.get("frameworks", {}).get(key)
    return found if isinstance(found, dict) else {}


def _mof(data: dict[str, Any]) -> str:
    mof = _framework(data, "mof")
    cls = mof.get("class")
    return f"Class {cls}" if cls else ("unclassified" if mof.get("graded", True) else "not graded")


def _eosai(data: dict[str, Any]) -> float | None:
    score = _framework(data, "eosai").get("score")
    return float(score) if isinstance(score, int | float) else None


def _license_of(ancestor: Any) -> str | None:
    ref = getattr(ancestor, "license", None)
    return (ref.id or ref.declared) if ref is not None else None


def flatten(report: Report, *, origin: str, origin_ref: str, content_digest: str = "",
            card: str | None = None) -> Row:
    """The index row of a graded release."""
    data = report.to_dict()
    release = report.release
    ident = release_id(release)
    org, _, name = ident.partition("/")
    verdict = data["verdict"]
    facts = data["release"]["facts"]
    lic = data["license"]
    text = json.dumps(data, ensure_ascii=False, default=str)
    if_published = verdict.get("if_weights_published")
    openness = if_published if release.metadata_only and report.label == "unknown" and if_published else report.label
    ancestors = {a.id.lower(): a for a in release.lineage if a.depth == 1}
    return Row(
        id=ident, org=org, name=name, origin=origin, origin_ref=origin_ref, source=release.source,
        metadata_only=release.metadata_only,
        verdict=report.label, verdict_rank=VERDICT_RANK.get(report.label, 1),
        verdict_if_published=if_published, openness=str(openness),
        summary=str(verdict.get("summary") or ""),
        mof=_mof(data), osaid=str(_framework(data, "osaid").get("outcome") or "unknown"),
        eosai=_eosai(data), eu_ai_act=str(_framework(data, "eu_ai_act").get("outcome") or "unknown"),
        license_id=lic.get("id"), license_name=lic.get("name") or lic.get("declared"),
        commercial_use=str(lic.get("commercial_use") or "unknown"),
        modality=modality(facts), release_date=release_date(facts),
        digest=content_digest or digest(text.encode("utf-8")), report=text, card=card,
        bases=tuple((b.id, b.relation, _license_of(ancestors.get(b.id.lower()))) for b in release.base_models),
        census=census_record(ident, data, release_date(facts), str(openness)),
    )
