"""A bundled catalog record as a release: the record's word, each fact cited to the page it was read from.

Every piece of evidence carries two citations: the URL the record's author read (with the date read and the
quote, when given) and the line of the record file that states it. Nothing here judges: a record that says the
weights are absent makes the verdict `closed` only through the same grader every source goes through.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..catalog import Record
from ..evidence import (
    Artifact,
    ArtifactKind,
    BaseModelRef,
    ClaimKind,
    Fact,
    LicenseClaim,
    LicenseRef,
    Link,
    LinkKind,
    Provenance,
    Release,
    Status,
)
from ..licenses.kb import knowledge_base
from .interface import Source

METHOD = "catalog"
# Artifacts that are files of a model repository (README.md, config.json, modelling code, results in the card):
# when the record places one in the release's own Hub repository without a license of its own, the repository's
# declared license covers it, as the Hub's `license` field covers the repository.
_REPOSITORY_FILES = frozenset({ArtifactKind.MODEL_CARD, ArtifactKind.EVALUATION_RESULTS,
                               ArtifactKind.MODEL_ARCHITECTURE, ArtifactKind.CONFIGURATION,
                               ArtifactKind.INFERENCE_CODE, ArtifactKind.TOKENIZER})
_LINK_KINDS = {str(k): k for k in LinkKind} | {
    "repository": LinkKind.SOURCE_REPOSITORY, "code": LinkKind.SOURCE_REPOSITORY, "report": LinkKind.PAPER,
    "technical_report": LinkKind.PAPER, "weights": LinkKind.MODEL, "hub": LinkKind.MODEL}  # other kinds: website


def _cited(source: Mapping[str, Any] | None) -> Provenance | None:
    if not isinstance(source, Mapping) or not source.get("url"):
        return None
    return Provenance(str(source["url"]), method=METHOD, retrieved=str(source.get("read") or "") or None,
                      quote=str(source["quote"]) if source.get("quote") else None)


class CatalogSource(Source):
    kind = "catalog"

    def __init__(self, record: Record, *, target: str | None = None, how: str = "catalog name") -> None:
        self.record = record
        self.target = target or record.id
        self.how = how

    def describe(self) -> str:
        return f"{self.how} {self.target}: the bundled catalog's record {self.record.path}"

    def _line(self, *path: str) -> Provenance:
        return Provenance(self.record.path, line=self.record.line(*path), method="catalog record")

    def _evidence(self, source: Mapping[str, Any] | None, *path: str) -> tuple[Provenance, ...]:
        cited = _cited(source)
        return (cited, self._line(*path)) if cited else (self._line(*path),)

    def _license_evidence(self, license_id: str, fallback: tuple[Provenance, ...]) -> tuple[Provenance, ...]:
        """The record's license source when the artifact names the record's license, else the artifact's own."""
        lic = self.record.data.get("license")
        if isinstance(lic, Mapping) and str(lic.get("id")) == license_id:
            return self._evidence(lic.get("source"), "license")
        return fallback

    def _inside_release(self, url: Any) -> bool:
        """A URL inside the release's own Hub repository (the repository page or a file in it)."""
        hub = self.record.hub_id
        if not hub or not url:
            return False
        base = f"https://huggingface.co/{hub}".lower()
        text = str(url).lower().rstrip("/")
        return text == base or text.startswith(base + "/")

    def _artifacts(self) -> dict[ArtifactKind, Artifact]:
        artifacts: dict[ArtifactKind, Artifact] = {}
        for name, entry in (self.record.data.get("artifacts") or {}).items():
            kind = ArtifactKind(name)
            status = Status(entry["status"])
            evidence = self._evidence(entry.get("source"), "artifacts", name)
            license_ref = None
            inside = self._inside_release(entry.get("url"))
            if entry.get("license") and status != Status.ABSENT:
                # named by id; the license stage checks the id against the knowledge base
                license_ref = LicenseRef(id=None, declared=str(entry["license"]),
                                         evidence=self._license_evidence(str(entry["license"]), evidence))
            elif inside and status == Status.PRESENT and kind in _REPOSITORY_FILES and self.record.license_id:
                # a file of the release's own Hub repository is under the license the repository declares
                license_ref = LicenseRef(id=None, declared=self.record.license_id,
                                         evidence=self._license_evidence(self.record.license_id, evidence))
            note = str(entry.get("note") or "")
            reason = note or f"the catalog record says {status} ({evidence[0].cite()})"
            locations = (str(entry["url"]),) if entry.get("url") else ()
            details: dict[str, Any] = {"catalog": True}
            if inside and not entry.get("license") and license_ref is not None:
                details["license_from"] = "the release's Hub repository, whose declared license covers its files"
            artifacts[kind] = Artifact(kind, status, license=license_ref, evidence=evidence, reason=reason,
                                       locations=locations, details=details)
        return artifacts

    def _facts(self) -> dict[str, Fact]:
        data = self.record.data
        facts: dict[str, Fact] = {}
        released_by = _cited(data.get("released_source")) or self._line("released")
        facts["release_date"] = Fact(str(data["released"]), released_by)
        for name in ("modality", "access", "offered_as"):
            if data.get(name) is not None:
                value = list(data[name]) if isinstance(data[name], list) else data[name]
                facts[name] = Fact(value, self._line(name))
        prices = data.get("pricing") or []
        if prices:
            value = [{**{k: v for k, v in p.items() if k != "source"}, "source": p["source"]["url"],
                      "read": p["source"].get("read")} for p in prices]
            facts["pricing"] = Fact(value, _cited(prices[0].get("source")) or self._line("pricing"))
        for name, entry in (data.get("facts") or {}).items():
            cited = _cited(entry.get("source")) or self._line("facts", name)
            facts[name] = Fact(entry["value"], cited)
        facts["catalog.id"] = Fact(self.record.id, self._line("id"))
        facts["catalog.org"] = Fact(Path(self.record.path).parent.name, self._line("organization"))
        if self.record.hub_id:
            facts["hub_id"] = Fact(self.record.hub_id, self._line("hub_id"))
        return facts

    def fetch(self) -> Release:
        data = self.record.data
        claims: list[LicenseClaim] = []
        lic = data.get("license")
        if isinstance(lic, Mapping):
            provenance = _cited(lic.get("source")) or self._line("license")
            value = str(lic["id"])
            if knowledge_base().lookup(value) is None and lic.get("declared"):
                value = str(lic["declared"])  # an id the knowledge base lacks: the vendor's name may still match
            claims.append(LicenseClaim(ClaimKind.CATALOG, value, provenance, applies_to=(ArtifactKind.WEIGHTS,)))
        bases = tuple(
            BaseModelRef(str(b["id"]), b.get("relation"), _cited(b.get("source")) or self._line("base_models"))
            for b in data.get("base_models") or ()
        )
        links: list[Link] = []
        for item in data.get("links") or ():
            kind = _LINK_KINDS.get(str(item["kind"]), LinkKind.WEBSITE)
            links.append(Link(kind, str(item["url"]), text=str(item["kind"]), provenance=self._line("links")))
        if self.record.hub_id:
            links.insert(0, Link(LinkKind.MODEL, f"https://huggingface.co/{self.record.hub_id}", id=self.record.hub_id,
                                 provenance=self._line("hub_id")))
        return Release(
            target=self.target,
            source="catalog",
            name=self.record.name,
            organization=self.record.organization,
            artifacts=self._artifacts(),
            license_claims=tuple(claims),
            base_models=bases,
            links=tuple(links),
            facts=self._facts(),
        )
