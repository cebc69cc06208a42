"""A CycloneDX 1.6 ML-BOM, built with `cyclonedx-python-lib`.

Each model is a `machine-learning-model` component with its licenses (the SPDX id where SPDX has one, else a
`LicenseRef-` name, with the license text attached), external references (Hub page, source repositories, papers,
datasets), its lineage as pedigree ancestors, howopen's findings as properties, and, for an audit, each place the
project references it as an evidence occurrence.

The library does not model `modelCard` yet (CycloneDX/cyclonedx-python-lib issue #912), so the model card is added
to the library's JSON output as the 1.6 schema defines it; tests validate the result with the library's own
schema validator.
"""

from __future__ import annotations

import json
from typing import Any

from cyclonedx.model import AttachedText, ExternalReference, ExternalReferenceType, Property, XsUri
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType, Pedigree
from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
from cyclonedx.model.contact import OrganizationalEntity
from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.spdx import is_supported_id

from .. import __version__
from ..audit.references import HUB
from ..audit.result import AuditedModel, AuditResult
from ..evidence import Ancestor, ArtifactKind, LinkKind, Release
from ..licenses.kb import knowledge_base
from ..report import Report
from . import bom as common

ML = ComponentType.MACHINE_LEARNING_MODEL
LINK_TYPES = {
    LinkKind.SOURCE_REPOSITORY: (ExternalReferenceType.VCS, "source repository"),
    LinkKind.PAPER: (ExternalReferenceType.DOCUMENTATION, "paper"),
    LinkKind.DATASET: (ExternalReferenceType.OTHER, "dataset"),
    LinkKind.MODEL: (ExternalReferenceType.OTHER, "related model"),
    LinkKind.SPACE: (ExternalReferenceType.OTHER, "Hugging Face Space"),
    LinkKind.WEBSITE: (ExternalReferenceType.WEBSITE, "website"),
}
ACK = {"declared": LicenseAcknowledgement.DECLARED, "concluded": LicenseAcknowledgement.CONCLUDED}


def _uri(url: str) -> XsUri | None:
    try:
        return XsUri(url)
    except Exception:  # the library rejects what xs:anyURI does not allow
        return None


def _license(entry: common.LicenseEntry) -> DisjunctiveLicense:
    text = AttachedText(content=entry.text, content_type="text/plain") if entry.text else None
    url = _uri(entry.url) if entry.url else None
    if entry.spdx_id and is_supported_id(entry.spdx_id):
        return DisjunctiveLicense(id=entry.spdx_id, text=text, url=url, acknowledgement=ACK[entry.acknowledgement])
    return DisjunctiveLicense(name=entry.ref_id, text=text, url=url, acknowledgement=ACK[entry.acknowledgement],
                              properties=[Property(name="howopen:license.name", value=entry.name)])


def _references(report: Report) -> list[ExternalReference]:
    release = report.release
    refs: list[ExternalReference] = []
    ident = common.hub_id(release)
    if ident:
        page = _uri(common.hub_url(ident))
        if page:
            refs.append(ExternalReference(type=ExternalReferenceType.DISTRIBUTION, url=page,
                                          comment="Hugging Face Hub repository"))
            refs.append(ExternalReference(type=ExternalReferenceType.MODEL_CARD, url=page, comment="model card"))
    for kind, (ref_type, comment) in LINK_TYPES.items():
        for url, label in common.links(release, kind):
            uri = _uri(url)
            if uri is not None:
                refs.append(ExternalReference(type=ref_type, url=uri,
                                              comment=f"{comment}: {label}" if label and label != url else comment))
    for entry in common.licenses(report):
        uri = _uri(entry.url) if entry.url else None
        if uri is not None:
            refs.append(ExternalReference(type=ExternalReferenceType.LICENSE, url=uri, comment=entry.name))
    return refs


def _properties(report: Report) -> list[Property]:
    props = [Property(name="howopen:verdict", value=report.label),
             Property(name="howopen:verdict.summary", value=report.verdict.summary)]
    lic = report.license_record
    if lic is not None:
        props.append(Property(name="howopen:license.commercial_use", value=lic.commercial_use))
        props.extend(Property(name="howopen:license.restriction", value=f"{t.key}: {t.summary}")
                     for t in lic.restrictions())
    for key, result in report.frameworks.items():
        props.append(Property(name=f"howopen:framework.{key}", value=result.outcome if result.graded
                              else "not graded"))
    if report.policy is not None:
        props.append(Property(name="howopen:policy", value=report.policy.outcome))
        props.extend(Property(name="howopen:policy.failed", value=f"{r.rule.label}: {r.message}")
                     for r in report.policy.blocking)
    return props


def _ancestor(ancestor: Ancestor, bom_ref: str) -> Component:
    licenses = []
    if ancestor.license is not None and (ancestor.license.id or ancestor.license.declared):
        lic = knowledge_base().get(ancestor.license.id)
        entry = common.LicenseEntry(lic.spdx_id if lic else None,
                                    common.license_ref_id(ancestor.license.id or ancestor.license.declared or ""),
                                    lic.name if lic else ancestor.license.label(), None,
                                    lic.urls[0] if lic and lic.urls else None, "declared", lic is not None)
        licenses.append(_license(entry))
    page = _uri(common.hub_url(ancestor.id)) if "/" in ancestor.id else None
    group, _, name = ancestor.id.rpartition("/")
    return Component(
        type=ML, name=name or ancestor.id, group=group or None, bom_ref=f"{bom_ref}:ancestor:{ancestor.id}",
        licenses=licenses,
        external_references=[ExternalReference(type=ExternalReferenceType.DISTRIBUTION, url=page,
                                               comment="Hugging Face Hub repository")] if page else [],
        properties=[Property(name="howopen:lineage.relation", value=ancestor.relation or "base"),
                    Property(name="howopen:lineage.depth", value=str(ancestor.depth)),
                    Property(name="howopen:lineage.binds", value=ancestor.binds)],
    )


def model_component(report: Report, bom_ref: str) -> Component:
    release = report.release
    pedigree = None
    if release.lineage:
        pedigree = Pedigree(ancestors=[_ancestor(a, bom_ref) for a in release.lineage],
                            notes="; ".join(f"{c.declared} is declared but {c.binding} binds: {c.why}"
                                            for c in release.conflicts) or None)
    return Component(
        type=ML,
        name=release.name or release.display_name,
        group=release.organization,
        version=release.revision,
        bom_ref=bom_ref,
        supplier=OrganizationalEntity(name=release.organization) if release.organization else None,
        description=f"howopen: {report.label} — {report.verdict.summary}",
        licenses=[_license(e) for e in common.licenses(report)],
        external_references=_references(report),
        properties=_properties(report),
        pedigree=pedigree,
    )


def model_card(release: Release) -> dict[str, Any]:
    """The CycloneDX `modelCard` object: parameters the card and files state, and howopen's facts as properties."""
    parameters: dict[str, Any] = {}
    task = release.fact("pipeline_tag")
    if isinstance(task, str):
        parameters["task"] = task
    details = release.artifact(ArtifactKind.MODEL_ARCHITECTURE).details
    family = release.fact("config.model_type") or details.get("model_type")
    if isinstance(family, str):
        parameters["architectureFamily"] = family
    architectures = details.get("architectures")
    if isinstance(architectures, list | tuple) and architectures:
        parameters["modelArchitecture"] = str(architectures[0])
    datasets = [{"type": "dataset", "name": name, **({"contents": {"url": url}} if url else {})}
                for name, url in common.training_datasets(release)]
    if datasets:
        parameters["datasets"] = datasets
    card: dict[str, Any] = {}
    if parameters:
        card["modelParameters"] = parameters
    props = []
    for name in ("parameters", "dtype", "training_tokens", "training_compute_flop", "language", "library_name",
                 "gated"):
        fact = release.facts.get(name)
        if fact is not None:
            value = ", ".join(map(str, fact.value)) if isinstance(fact.value, list) else str(fact.value)
            props.append({"name": f"howopen:{name}", "value": f"{value} [{fact.provenance.cite()}]"})
    data_info = release.facts.get("data_information")
    if data_info is not None:
        props.append({"name": "howopen:data_information", "value": data_info.provenance.cite()})
    if props:
        card["properties"] = props
    return card


def _tool_bom() -> Bom:
    bom = Bom()
    bom.metadata.tools.components.add(Component(type=ComponentType.APPLICATION, name="howopen", version=__version__))
    return bom


def _serialize(bom: Bom, cards: dict[str, dict[str, Any]]) -> str:
    data = json.loads(JsonV1Dot6(bom).output_as_string())
    components = [data.get("metadata", {}).get("component"), *data.get("components", [])]
    for component in components:
        if component and component.get("bom-ref") in cards and cards[component["bom-ref"]]:
            component["modelCard"] = cards[component["bom-ref"]]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(report: Report) -> str:
    """An ML-BOM whose subject (`metadata.component`) is the checked model."""
    bom = _tool_bom()
    ref = f"model:{common.model_id(report)}"
    bom.metadata.component = model_component(report, ref)
    return _serialize(bom, {ref: model_card(report.release)})


def _audited_component(model: AuditedModel, bom_ref: str) -> Component:
    occurrences = [Occurrence(location=r.file, line=r.line, offset=r.column, symbol=r.how,
                              additional_context=r.text) for r in model.references]
    evidence = ComponentEvidence(occurrences=occurrences)
    if model.report is not None:
        component = model_component(model.report, bom_ref)
        component.evidence = evidence
        if model.policy is not None:
            component.properties.add(Property(name="howopen:policy", value=model.policy.outcome))
            for rule in model.policy.blocking:
                component.properties.add(Property(name="howopen:policy.failed",
                                                  value=f"{rule.rule.label}: {rule.message}"))
        return component
    page = _uri(common.hub_url(model.model)) if model.kind == HUB and "/" in model.model else None
    props = [Property(name="howopen:checked", value="false"),
             Property(name="howopen:verdict", value="unknown"),
             Property(name="howopen:not_checked_because", value=model.error or "not checked")]
    if model.policy is not None:
        props.append(Property(name="howopen:policy", value=model.policy.outcome))
    return Component(type=ML, name=model.model, bom_ref=bom_ref, evidence=evidence, properties=props,
                     external_references=[ExternalReference(type=ExternalReferenceType.DISTRIBUTION, url=page)]
                     if page else [])


def render_audit(result: AuditResult) -> str:
    """An ML-BOM of a project: the project is the subject, each model it references a component it depends on."""
    bom = _tool_bom()
    project = Component(type=ComponentType.APPLICATION, name=result.root.name or str(result.root),
                        bom_ref="project")
    bom.metadata.component = project
    cards: dict[str, dict[str, Any]] = {}
    components = []
    for index, model in enumerate(result.models, start=1):
        ref = f"model-{index}:{model.model}"
        component = _audited_component(model, ref)
        components.append(component)
        bom.components.add(component)
        if model.report is not None:
            cards[ref] = model_card(model.report.release)
    bom.register_dependency(project, components)
    return _serialize(bom, cards)
