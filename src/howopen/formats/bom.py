"""What both bill-of-materials formats (CycloneDX, SPDX) take from a report: the model's identity and URLs, its
licenses with their texts, its links and its lineage. Reading only; nothing here judges."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..evidence import ArtifactKind, ClaimKind, LicenseRef, LinkKind, Release
from ..graders.common import binding_license
from ..licenses import governing_license
from ..licenses.kb import knowledge_base, reference_text
from ..report import Report

HUB_URL = "https://huggingface.co"
_IDSTRING = re.compile(r"[^A-Za-z0-9.\-]+")


@dataclass(frozen=True)
class LicenseEntry:
    """One license of a model, as a bill of materials names it."""

    spdx_id: str | None  # the SPDX id, when SPDX has one
    ref_id: str  # `LicenseRef-<id>` otherwise (always set, for formats that need a local id)
    name: str
    text: str | None
    url: str | None
    acknowledgement: str  # declared | concluded
    recognized: bool

    @property
    def identifier(self) -> str:
        return self.spdx_id or self.ref_id


def license_ref_id(value: str) -> str:
    """A valid `LicenseRef-` id (letters, digits, `.` and `-`) for a license SPDX does not list."""
    cleaned = _IDSTRING.sub("-", value).strip("-.") or "unknown"
    return f"LicenseRef-{cleaned}"


def hub_id(release: Release) -> str | None:
    """The Hub repository id, when the release came from the Hub (or names one)."""
    if release.source == "hub" and release.organization and release.name:
        return f"{release.organization}/{release.name}"
    return None


def hub_url(model_id: str) -> str:
    return f"{HUB_URL}/{model_id}"


def model_id(report: Report) -> str:
    return report.release.display_name


def _own_text(release: Release, ref: LicenseRef) -> str | None:
    sources = {p.source for p in ref.evidence}
    for claim in release.license_claims:
        if claim.kind == ClaimKind.FILE and claim.text and claim.provenance.source in sources:
            return claim.text
    return None


def _entries(release: Release, ref: LicenseRef, acknowledgement: str) -> list[LicenseEntry]:
    kb = knowledge_base()
    ids = [i.strip() for i in re.split(r"\s+(?:AND|OR)\s+", ref.id)] if ref.id else []
    own = _own_text(release, ref)
    if not ids:
        declared = ref.declared or "unknown"
        return [LicenseEntry(None, license_ref_id(declared), declared, own, None, acknowledgement, False)]
    entries = []
    for license_id in ids:
        lic = kb.get(license_id)
        text = own if len(ids) == 1 and own else None
        if text is None and lic is not None and lic.text_file:
            try:
                text = reference_text(lic.text_file)
            except OSError:
                text = None
        entries.append(LicenseEntry(
            spdx_id=lic.spdx_id if lic else None,
            ref_id=license_ref_id(license_id),
            name=lic.name if lic else license_id,
            text=text,
            url=lic.urls[0] if lic and lic.urls else None,
            acknowledgement=acknowledgement,
            recognized=lic is not None,
        ))
    return entries


def licenses(report: Report) -> list[LicenseEntry]:
    """The declared license(s), then the concluded one (the license that governs, `report.license`) when the
    evidence shows the declared one is not what governs."""
    release = report.release
    found: list[LicenseEntry] = []
    declared = governing_license(release)
    if declared is not None:
        found.extend(_entries(release, declared, "declared"))
    governs = report.license if report.license_basis else None
    weights = release.artifacts.get(ArtifactKind.WEIGHTS)
    if governs is None and weights is not None and release.conflicts:  # a report built without the pipeline
        governs = binding_license(release, weights)
    if governs is not None and governs.id and (declared is None or governs.id != declared.id):
        found.extend(_entries(release, governs, "concluded"))
    return found


def links(release: Release, kind: LinkKind) -> list[tuple[str, str | None]]:
    """(url, label) of each link of that kind, without duplicates."""
    seen: dict[str, str | None] = {}
    for link in release.links:
        if link.kind == kind and link.url not in seen:
            seen[link.url] = link.id or link.text
    return list(seen.items())


def training_datasets(release: Release) -> list[tuple[str, str | None]]:
    """(name, url) of each training dataset the evidence names: the card's `datasets:` metadata or the datasets
    its prose presents as its training data (`dataset_urls` then gives each one's address). Data files found in
    the repository have no URL."""
    artifact = release.artifact(ArtifactKind.TRAINING_DATA)
    names = artifact.details.get("datasets") if artifact.details else None
    urls = artifact.details.get("dataset_urls") if artifact.details else None
    if isinstance(names, list) and isinstance(urls, list) and len(urls) == len(names):
        return [(str(n), str(u)) for n, u in zip(names, urls, strict=True) if n]  # named in the card's prose
    if isinstance(names, list) and names:
        return [(str(n), f"{HUB_URL}/datasets/{n}") for n in names if n]
    if artifact.status == "present":
        return [(str(location), None) for location in artifact.locations]
    return []
