"""An SPDX 3.0.1 document (JSON-LD) with the AI profile, built with `spdx-python-model`, the SPDX project's Python
bindings generated from the SPDX 3.0.1 model (each property's type and cardinality is checked as it is set and
when the document is serialised).

Each model is an `ai_AIPackage`; its declared (and, when the lineage stage found the declared one wrong, concluded)
license is a `simplelicensing_LicenseExpression` linked by `hasDeclaredLicense`/`hasConcludedLicense`. A license
SPDX does not list is a `LicenseRef-` id mapped to an `expandedlicensing_CustomLicense` carrying its text. Datasets
the model card declares are `dataset_DatasetPackage`s the model was `trainedOn`; ancestors are AI packages linked by
`ancestorOf`. For an audit, the project is a package that `dependsOn` each model.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from spdx_python_model import v3_0_1 as spdx

from .. import __version__
from ..audit.references import HUB
from ..audit.result import AuditedModel, AuditResult
from ..evidence import ArtifactKind, LinkKind, Release
from ..licenses.kb import knowledge_base
from ..report import Report
from . import bom as common

SPEC_VERSION = "3.0.1"
REL = spdx.RelationshipType
EXT = spdx.ExternalRefType
PROFILE = spdx.ProfileIdentifierType
PURPOSE = spdx.software_SoftwarePurpose


def _make(cls: Any, **values: Any) -> Any:
    """An SPDX object with the values that are set (the bindings refuse None for an absent property)."""
    return cls(**{k: v for k, v in values.items() if v is not None and v != []})


class _Document:
    """Builds one SPDX document: ids, the shared creation info, and every element added."""

    def __init__(self, name: str) -> None:
        self.namespace = f"urn:spdx:howopen:{uuid.uuid4()}#"
        self.objects = spdx.SHACLObjectSet()
        self.counter = 0
        self.profiles = {PROFILE.core, PROFILE.software, PROFILE.ai, PROFILE.simpleLicensing}
        agent = _make(spdx.SoftwareAgent, spdxId=self._id("howopen"), name="howopen")
        tool = _make(spdx.Tool, spdxId=self._id("howopen-tool"), name=f"howopen {__version__}")
        self.info = _make(spdx.CreationInfo, specVersion=SPEC_VERSION, created=datetime.now(UTC).replace(microsecond=0),
                                      createdBy=[agent], createdUsing=[tool])
        agent.creationInfo = self.info
        tool.creationInfo = self.info
        self.elements: list[Any] = [agent, tool]
        self.name = name
        self.licenses: dict[tuple[str, str], Any] = {}

    def _id(self, hint: str) -> str:
        self.counter += 1
        safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in hint)[:80]
        return f"{self.namespace}{self.counter}-{safe}"

    def add(self, element: Any) -> Any:
        element.creationInfo = self.info
        self.elements.append(element)
        return element

    def relate(self, source: Any, kind: str, targets: list[Any], comment: str | None = None) -> None:
        if targets:
            self.add(_make(spdx.Relationship, spdxId=self._id("relationship"), from_=source, relationshipType=kind,
                                       to=targets, comment=comment))

    def expression(self, entries: list[common.LicenseEntry]) -> Any:
        """One license expression for these licenses (joined with AND), with custom licenses for LicenseRefs."""
        ids = [e.identifier for e in entries]
        key = (" AND ".join(ids), entries[0].acknowledgement if entries else "")
        if key in self.licenses:
            return self.licenses[key]
        mapping = []
        for entry in entries:
            if entry.spdx_id:
                continue
            self.profiles.add(PROFILE.expandedLicensing)
            custom = self.add(_make(spdx.expandedlicensing_CustomLicense,
                spdxId=self._id(entry.ref_id), name=entry.name,
                simplelicensing_licenseText=entry.text or f"The text of {entry.name} was not available to howopen.",
                expandedlicensing_seeAlso=[entry.url] if entry.url else []))
            mapping.append(_make(spdx.DictionaryEntry, key=entry.ref_id, value=custom.spdxId))
        expression = self.add(_make(spdx.simplelicensing_LicenseExpression,
            spdxId=self._id("license"), simplelicensing_licenseExpression=key[0],
            simplelicensing_customIdToUri=mapping))
        self.licenses[key] = expression
        return expression

    def serialize(self, roots: list[Any]) -> str:
        data_license = self.add(_make(spdx.simplelicensing_LicenseExpression,
            spdxId=self._id("data-license"), simplelicensing_licenseExpression="CC0-1.0"))
        document = _make(spdx.SpdxDocument, spdxId=self._id("document"), name=self.name, creationInfo=self.info,
                                     rootElement=roots, element=list(self.elements), dataLicense=data_license,
                                     profileConformance=sorted(self.profiles))
        for element in (*self.elements, document):
            self.objects.add(element)
        data = spdx.JSONLDSerializer().serialize_data(self.objects)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _external_refs(release: Release) -> list[Any]:
    refs = []
    kinds = {LinkKind.SOURCE_REPOSITORY: (EXT.vcs, None), LinkKind.PAPER: (EXT.documentation, "paper"),
             LinkKind.DATASET: (EXT.other, "dataset"),
             LinkKind.WEBSITE: (EXT.altWebPage, None), LinkKind.MODEL: (EXT.other, "related model"),
             LinkKind.SPACE: (EXT.other, "Hugging Face Space")}
    for kind, (ref_type, comment) in kinds.items():
        for url, _label in common.links(release, kind):
            refs.append(_make(spdx.ExternalRef, externalRefType=ref_type, locator=[url], comment=comment))
    return refs


def _model_package(doc: _Document, report: Report) -> Any:
    release = report.release
    ident = common.hub_id(release)
    details = release.artifact(ArtifactKind.MODEL_ARCHITECTURE).details
    kinds = [str(v) for v in (details.get("architectures") or ())] or \
        ([str(details["model_type"])] if details.get("model_type") else [])
    data_info = release.facts.get("data_information")
    task = release.fact("pipeline_tag")
    package = doc.add(_make(spdx.ai_AIPackage,
        spdxId=doc._id(common.model_id(report)),
        name=common.model_id(report),
        software_primaryPurpose=PURPOSE.model,
        software_downloadLocation=common.hub_url(ident) if ident else None,
        software_homePage=common.hub_url(ident) if ident else None,
        software_packageVersion=release.revision,
        ai_typeOfModel=kinds,
        ai_domain=[task] if isinstance(task, str) else [],
        ai_informationAboutTraining=(f"The model card describes its training data at {data_info.provenance.cite()}"
                                     if data_info else None),
        externalRef=_external_refs(release),
        comment=f"howopen: {report.label} — {report.verdict.summary}",
    ))
    if release.organization:
        supplier = doc.add(_make(spdx.Organization, spdxId=doc._id(release.organization), name=release.organization))
        package.suppliedBy = supplier
    entries = common.licenses(report)
    declared = [e for e in entries if e.acknowledgement == "declared"]
    concluded = [e for e in entries if e.acknowledgement == "concluded"]
    if declared:
        doc.relate(package, REL.hasDeclaredLicense, [doc.expression(declared)])
    if concluded:
        doc.relate(package, REL.hasConcludedLicense, [doc.expression(concluded)],
                   "; ".join(c.why for c in release.conflicts))
    datasets = []
    for name, url in common.training_datasets(release):
        doc.profiles.add(PROFILE.dataset)
        datasets.append(doc.add(_make(spdx.dataset_DatasetPackage, spdxId=doc._id(name), name=name,
                                      software_downloadLocation=url, software_primaryPurpose=PURPOSE.data,
                                      dataset_datasetType=[spdx.dataset_DatasetType.noAssertion])))
    doc.relate(package, REL.trainedOn, datasets, "training datasets the model card names")
    for ancestor in release.lineage:
        base = doc.add(_make(spdx.ai_AIPackage,
            spdxId=doc._id(ancestor.id), name=ancestor.id, software_primaryPurpose=PURPOSE.model,
            software_downloadLocation=common.hub_url(ancestor.id) if "/" in ancestor.id else None,
            comment=f"{ancestor.relation or 'base'} (depth {ancestor.depth}): {ancestor.binds}"))
        doc.relate(base, REL.ancestorOf, [package], ancestor.relation)
        if ancestor.license is not None and ancestor.license.id:
            lic = knowledge_base().get(ancestor.license.id)
            entry = common.LicenseEntry(lic.spdx_id if lic else None, common.license_ref_id(ancestor.license.id),
                                        lic.name if lic else ancestor.license.id, None,
                                        lic.urls[0] if lic and lic.urls else None, "declared", lic is not None)
            doc.relate(base, REL.hasDeclaredLicense, [doc.expression([entry])])
    return package


def render(report: Report) -> str:
    doc = _Document(f"howopen: {common.model_id(report)}")
    package = _model_package(doc, report)
    return doc.serialize([package])


def _unchecked_package(doc: _Document, model: AuditedModel) -> Any:
    hub = model.kind == HUB and "/" in model.model
    return doc.add(_make(spdx.ai_AIPackage,
        spdxId=doc._id(model.model), name=model.model, software_primaryPurpose=PURPOSE.model,
        software_downloadLocation=common.hub_url(model.model) if hub else None,
        comment=f"howopen: not checked ({model.error or 'unknown reason'}); its openness and license are unknown"))


def render_audit(result: AuditResult) -> str:
    doc = _Document(f"howopen audit: {result.root.name or result.root}")
    project = doc.add(_make(spdx.software_Package, spdxId=doc._id("project"), name=result.root.name or str(result.root),
                                            software_primaryPurpose=PURPOSE.application))
    models = []
    for model in result.models:
        package = _model_package(doc, model.report) if model.report is not None else _unchecked_package(doc, model)
        where = ", ".join(r.cite() for r in model.references[:10])
        more = len(model.references) - 10
        package.comment = (package.comment or "") + f"; referenced at {where}" + (f" (+{more} more)" if more > 0
                                                                                  else "")
        models.append(package)
    doc.relate(project, REL.dependsOn, models, "models the project references")
    return doc.serialize([project])
