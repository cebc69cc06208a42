"""`--format mof`: the release's evidence as a draft Model Openness Tool record, ready to check and submit.

The layout is MOT's (`models/*.yml` in lfai/model_openness_tool; validated in the tests against
`graders/data/mot-record.schema.json`). A component is listed when the release has it, because MOT takes a listed
component to be present; its license is the one howopen identified (by SPDX id when there is one), with the file
or URL it was read from, and the component's location. What howopen could not establish is said in comments, not
guessed: a component whose license was not read is listed without a `license` key, and the comment warns that MOT
would then apply the distribution license.
"""

from __future__ import annotations

from typing import Any

from ..evidence import ArtifactKind, LicenseRef, LinkKind, Release, Status
from ..graders import mof_components as mc
from ..graders.common import in_repository
from ..graders.openness import mot_string
from ..report import Report
from .yamlout import comment, scalar

FRAMEWORK = {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}

# Hub pipeline tags -> MOT's `release.type` values (schema enum).
TYPES = {
    "text-generation": "language", "text2text-generation": "language", "fill-mask": "language",
    "translation": "language", "summarization": "language", "question-answering": "language",
    "image-text-to-text": "multimodal", "any-to-any": "multimodal", "visual-question-answering": "multimodal",
    "text-to-image": "image", "image-to-image": "image", "image-classification": "vision",
    "object-detection": "vision", "text-to-speech": "audio", "automatic-speech-recognition": "audio",
    "text-to-audio": "audio", "text-to-video": "video", "image-to-video": "video",
}


def _size(parameters: Any) -> str:
    if not isinstance(parameters, int | float) or parameters <= 0:
        return ""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if parameters >= scale:
            return f"{parameters / scale:.3g}{suffix}"
    return str(int(parameters))


def _architecture(release: Release) -> str:
    details = release.artifact(ArtifactKind.MODEL_ARCHITECTURE).details
    names = [str(a) for a in details.get("architectures") or []]
    if any(n.endswith("ForCausalLM") for n in names):
        return "transformer decoder"
    if any(n.endswith(("ForConditionalGeneration", "Seq2SeqLM")) for n in names):
        return "transformer encoder-decoder"
    return ""


def _hub_base(release: Release) -> str | None:
    if release.source == "hub" and release.organization and release.name:
        return f"https://huggingface.co/{release.organization}/{release.name}"
    return None


def _where(release: Release, location: str) -> str:
    if "://" in location:
        return location
    base = _hub_base(release)
    return f"{base}/blob/main/{location}" if base else location


def _license_path(release: Release, ref: LicenseRef | None) -> str:
    if ref is None:
        return ""
    for p in ref.evidence:
        if "://" in p.source:
            return p.source
    return _where(release, ref.evidence[0].source) if ref.evidence else ""


def _mot_listing(release: Release) -> set[str] | None:
    fact = release.facts.get("mot.record")
    if fact is None or not isinstance(fact.value, dict):
        return None
    entries = (fact.value.get("release") or {}).get("components") or []
    return {str(e.get("name")) for e in entries if isinstance(e, dict)}


def _component(release: Release, component: mc.Component) -> tuple[dict[str, str] | None, str | None]:
    """The record entry for a component (None when it is not listed) and a comment for the submitter."""
    listed = _mot_listing(release)
    if component.artifact is None:
        if listed is not None and component.name in listed:
            return {"name": component.name, "description": component.description}, None
        return None, "not assessed by howopen; add it if the release includes sample outputs"
    artifact = release.artifact(component.artifact)
    if artifact.status == Status.ABSENT:
        return None, f"not listed: {artifact.reason}"
    if artifact.status == Status.UNKNOWN:
        return None, f"not listed: howopen could not establish it ({artifact.reason}); add it if it is published"
    entry: dict[str, str] = {"name": component.name, "description": component.description}
    note = None
    license_string = mot_string(artifact.license)
    if license_string:
        entry["license"] = license_string
        path = _license_path(release, artifact.license)
        if path:
            entry["license_path"] = path
    elif artifact.details.get("unlicensed") or in_repository(artifact):
        entry["license"] = "unlicensed"
    else:
        note = ("license not established by howopen: add `license:` before submitting (without it MOT applies "
                "the distribution license)")
    location = next(iter(artifact.locations), None) or (artifact.evidence[0].source if artifact.evidence else "")
    if location:
        entry["component_path"] = _where(release, location)
    return entry, note


def draft(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    """The record as data, and per-component comments for the submitter."""
    release = report.release
    weights = release.artifact(ArtifactKind.WEIGHTS)
    facts = release.facts
    repository = next((lk.url for lk in release.links if lk.kind == LinkKind.SOURCE_REPOSITORY), "")
    huggingface = _hub_base(release) or (next((lk.url for lk in release.links if lk.kind == LinkKind.MODEL), "")
                                         if release.source == "mot" else "")
    # MOT's `release.version` is its "Version/Parameters" field: "The number of paramaters of the model or its version
    # number or both" (lfai/model_openness_tool web/modules/mof/src/Entity/Model.php @ 15ddd6ea), and MOT's records
    # fill it with the size (`3B`, `671B`). A version a source states wins; else the parameter count, MOT's way.
    version = facts["version"].value if "version" in facts else _size(release.fact("parameters"))
    tag = release.fact("pipeline_tag")
    body: dict[str, Any] = {
        "name": release.name or release.target,
        "version": str(version or ""),
        "date": str(release.fact("release_date") or ""),
        "type": str(release.fact("model_type") or "") if release.source == "mot" else TYPES.get(str(tag), ""),
        "architecture": str(release.fact("architecture_type") or "") if release.source == "mot"
        else _architecture(release),
        "origin": ", ".join(b.id for b in release.base_models) or str(release.fact("origin") or ""),
        "producer": release.organization or "",
        "contact": "",
        "repository": repository,
        "huggingface": huggingface,
    }
    distribution = report.license or weights.license
    license_block: dict[str, Any] = {}
    name = mot_string(distribution)
    if name:
        license_block["distribution"] = {"name": name, "path": _license_path(release, distribution)}
    body["license"] = license_block
    components: list[dict[str, str]] = []
    notes: dict[str, str] = {}
    for component in mc.components():
        entry, note = _component(release, component)
        if entry is not None:
            components.append(entry)
        if note:
            notes[component.name] = note
    body["components"] = components
    return {"framework": dict(FRAMEWORK), "release": body}, notes


def _emit_mapping(data: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            if value:
                lines.append(f"{indent}{key}:")
                lines.extend(_emit_mapping(value, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {{}}")
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def render(report: Report) -> str:
    record, notes = draft(report)
    mof = report.frameworks.get("mof")
    lines = comment(
        f"Draft Model Openness Tool record for {report.release.display_name}, written by howopen from "
        f"{report.understood}.\nCheck every entry before submitting to https://github.com/lfai/model_openness_tool "
        "(models/). MOT takes a listed component to be present.")
    if mof is not None and mof.graded:
        mot = mof.fields.get("mot", {})
        lines += comment(f"MOT would classify this record: {mot.get('label')}; howopen's reading: "
                         f"{mof.outcome}.")
    lines += _emit_mapping({"framework": record["framework"]}, "")
    release = dict(record["release"])
    components = release.pop("components")
    lines.append("release:")
    lines.extend(_emit_mapping(release, "  "))
    lines.append("  components:")
    for entry in components:
        note = notes.get(entry["name"])
        if note:
            lines.extend(comment(note, "    "))
        first = True
        for key, value in entry.items():
            lines.append(f"    {'-' if first else ' '} {key}: {scalar(value)}")
            first = False
    unlisted = [(name, note) for name, note in notes.items() if name not in {e["name"] for e in components}]
    if unlisted:
        lines.append("  # Components not listed:")
        for name, note in unlisted:
            lines.extend(comment(f"- {name}: {note}", "  "))
    return "\n".join(lines) + "\n"
