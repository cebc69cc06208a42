"""What the Hub datasets a card names add to a release: the training data's licenses and gates, and their cards.

A dataset's card is a data card when it has text beyond its metadata; how far it is a datasheet is the share of
Gebru et al.'s seven sections it fills (`datasheet.py`), each cited to its line in the dataset's README.md. The card
is part of the dataset repository, so it comes under the license the repository declares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..evidence import Artifact, ArtifactKind, LicenseRef, Provenance, Release, Status
from ..net.failure import Failure
from .datasheet import SheetSection, section_ids, section_titles
from .gaps import failure_gap, with_gaps

K = ArtifactKind
CAPPED = "link-cap"  # a dataset left unread by the cap on link requests (one gap names them all)


@dataclass(frozen=True)
class DatasetResult:
    id: str
    url: str
    found: bool | None  # None: could not be checked
    license: str | None = None
    gated: Any = None
    has_card: bool = False  # a README.md with text beyond its metadata
    failure: Failure | None = None
    card_url: str | None = None
    sections: tuple[SheetSection, ...] = ()  # the datasheet sections its card fills

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "url": self.url, "found": self.found, "license": self.license,
                                "gated": self.gated}
        if self.card_url is not None:
            data["card"] = self.card_url
            data["datasheet_sections"] = [s.id for s in self.sections]
        if self.failure is not None:
            data["error"] = self.failure.message
        return data

    def cite(self, section: SheetSection) -> Provenance:
        return Provenance(self.card_url or self.url, line=section.line, method="hub-dataset-card",
                          quote=section.heading[:200])


def coverage(result: DatasetResult) -> str:
    """`5 of 7 datasheet sections (motivation, ...)`."""
    titles = section_titles()
    named = ", ".join(titles[s.id].lower() for s in result.sections) or "none"
    return f"{len(result.sections)} of {len(section_ids())} datasheet sections ({named})"


def with_datasets(release: Release, results: Sequence[DatasetResult]) -> Release:
    """Training data gets the datasets' licenses and gates; a dataset with a card gives a data card."""
    if not results:
        return release
    training = release.artifact(K.TRAINING_DATA)
    found = [r for r in results if r.found]
    licenses = sorted({r.license for r in found if r.license})
    details = {**training.details, "datasets_checked": [r.to_dict() for r in results]}
    gated = [r.id for r in found if r.gated]
    if gated:
        details["gated_datasets"] = gated
    evidence = tuple(Provenance(r.url, method="hub-dataset") for r in found[:5])
    if training.status == Status.PRESENT:
        license_ref = training.license
        if licenses and license_ref is None and len(found) == len(results):
            license_ref = LicenseRef(id=None, declared=" AND ".join(licenses), evidence=evidence[:3])
        if license_ref is None:
            details["license_unknown"] = _unlicensed(results)
        training = replace(training, details=details, license=license_ref,
                           evidence=(*training.evidence, *evidence)[:8])
        if results and all(r.found is False for r in results):
            names = ", ".join(r.id for r in results)
            training = replace(training, status=Status.UNKNOWN, license=None,
                               reason=f"the model card names {names}, but the Hub has none of them")
        release = release.with_artifact(training)
    release = _data_card(release, results, found)
    gaps = [failure_gap(r.failure) for r in results if r.failure is not None and r.failure.code != CAPPED]
    return with_gaps(release, gaps)


def _unlicensed(results: Sequence[DatasetResult]) -> str:
    """Why the training data's license is not known, and which dataset would settle it."""
    parts = []
    missing = [r.id for r in results if r.found is False]
    unread = [r for r in results if r.found is None]
    silent = [r.id for r in results if r.found and not r.license]
    if missing:
        parts.append(f"the Hub has no dataset {', '.join(missing[:5])}")
    if unread:
        parts.append("; ".join(r.failure.message for r in unread[:3] if r.failure is not None))
    if silent:
        parts.append(f"{', '.join(silent[:5])} declare{'s' if len(silent) == 1 else ''} no license")
    return ("the training data's license is not known: " + "; ".join(p for p in parts if p)
            + " (each dataset's license on the Hub would settle it)")


def _data_card(release: Release, results: Sequence[DatasetResult], found: list[DatasetResult]) -> Release:
    with_card = sorted((r for r in found if r.has_card), key=lambda r: -len(r.sections))
    data_card = release.artifact(K.DATA_CARD)
    unread = [r for r in results if r.failure is not None]
    if not with_card and unread and data_card.status != Status.PRESENT:
        why = "; ".join(r.failure.message for r in unread[:3] if r.failure is not None)
        return release.with_artifact(replace(
            data_card, status=Status.UNKNOWN, reason=f"the cards of the datasets the model card names could not all "
            f"be read: {why}", locations=tuple(r.url for r in unread[:20]),
            evidence=tuple(Provenance(r.failure.url or r.url, method="fetch") for r in unread[:3]
                           if r.failure is not None)))
    if not with_card and data_card.status == Status.UNKNOWN and all(r.failure is None for r in results):
        names = ", ".join(r.id for r in results)
        reason = f"none of the datasets the card names ({names}) has a data card on the Hub"
        return release.with_artifact(replace(data_card, reason=reason, details={
            **data_card.details, "datasets": [r.id for r in results]}))
    if not with_card or data_card.status == Status.PRESENT:
        return release
    best = with_card[0]
    evidence = tuple(best.cite(s) for s in best.sections[:5]) or (
        Provenance(best.card_url or best.url, method="hub-dataset-card"),)
    details: dict[str, Any] = {
        "datasets": [r.id for r in with_card], "via": "Hub dataset card",
        "datasheet_sections": {r.id: [s.id for s in r.sections] for r in with_card},
        "datasheet_coverage": len(best.sections), "datasheet_total": len(section_ids()),
        "datasheet": f"the card of {best.id} fills {coverage(best)}",
    }
    license_ref = None
    licensed = [r for r in with_card if r.license]
    if len(licensed) < len(with_card):
        details["license_unknown"] = (f"the card of {', '.join(r.id for r in with_card if not r.license)} is "
                                      "published, but its dataset repository declares no license")
    if licensed and len(licensed) == len(with_card):
        declared = " AND ".join(sorted({r.license for r in licensed if r.license}))
        license_ref = LicenseRef(id=None, declared=declared, evidence=tuple(
            Provenance(r.url, method="hub-dataset-license", quote=r.license) for r in licensed[:3]))
        details["license_from"] = "the license of the dataset repository that holds the card"
    return release.with_artifact(Artifact(
        K.DATA_CARD, Status.PRESENT, license=license_ref, evidence=evidence,
        locations=tuple(r.card_url or r.url for r in with_card[:20]), details=details))
