"""The Model Openness Framework: Class I, II, III or none, per component, in two modes.

- **howopen's reading** (the default, `frameworks.mof.class`): each of MOF's 17 components is read from the
  release's artifacts (the mapping is data: `data/mof-components.yaml`), its license normalised (knowledge-base
  ids, SPDX ids in any spelling, SPDX expressions) and judged open when OSI-approved, FSF-libre, an open-data
  license, or a license whose terms grant the four freedoms. The weights are judged by every license that binds
  them, including one a base model passes down. A component howopen could not establish is `unknown`, never
  `missing` or `unlicensed`; unknown components do not count towards a class, and `class_if_unknown_included`
  says how far they could lift it.
- **MOT mode** (`frameworks.mof.mot`): the Model Openness Tool's evaluator reproduced exactly (`mot.py`),
  exact-string license table and quirks included, on the record MOT would hold for this release: the record
  itself for a MOT record, else the present components with their declared licenses by SPDX id.

The class rules are MOF's: requirements are cumulative (Class III's six components, Class II adds four, Class I
four more), every required component must be under an open license, and an open research paper stands in for a
technical report. The report lists where the two modes differ and what the release must add or relicense to reach
the next class.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..evidence import Artifact, ArtifactKind, Provenance, Release, Status
from ..report import FrameworkResult, Reason
from . import mof_components as mc
from . import mot
from .common import evidence_for, in_repository, unresolved_lineage, weights_bindings, worst_binding
from .openness import Openness, judge, judge_name, mot_string, mot_table, open_data_ids

KEY = "mof"
NAME = "Model Openness Framework"

SUGGESTED = {
    "code": "an OSI-approved license such as Apache-2.0 or MIT",
    "data": "an open-data license such as CDLA-Permissive-2.0 or CC-BY-4.0",
    "document": "an open-content license such as CC-BY-4.0",
}


@dataclass(frozen=True)
class ComponentView:
    """One MOF component as howopen reads it."""

    component: mc.Component
    status: str  # included | missing | unlicensed | invalid | unknown
    license: str | None
    why: str
    evidence: tuple[Provenance, ...]
    type_appropriate: bool | None = None
    published: bool | None = None  # for `unknown`: True when only the license is unknown


# ----------------------------------------------------------------------------------------------------------------
# howopen's reading


def _mot_record_fact(release: Release) -> Mapping[str, Any] | None:
    fact = release.facts.get("mot.record")
    return fact.value if fact is not None and isinstance(fact.value, Mapping) else None


def _type_appropriate(openness: Openness, content_type: str) -> bool | None:
    if not openness.id:
        return None
    row = mot_table().get(openness.id)
    if row is not None and row.content_types:
        return content_type in row.content_types
    if content_type == "code":
        return bool(openness.open and "OSI" in openness.why)
    return openness.id in open_data_ids()


def _from_openness(component: mc.Component, openness: Openness, evidence: tuple[Provenance, ...],
                   note: str = "") -> ComponentView:
    if openness.open is True:
        return ComponentView(component, "included", openness.id, f"under {openness.id}{note}: {openness.why}",
                             evidence, _type_appropriate(openness, component.content_type))
    if openness.open is False:
        label = openness.id or openness.declared
        return ComponentView(component, "invalid", label, f"under {label}{note}, not an open license: "
                             f"{openness.why}", evidence)
    return ComponentView(component, "unknown", openness.id, f"license {openness.declared}{note}: {openness.why}",
                         evidence, published=True)


def _sample_outputs(release: Release, component: mc.Component) -> ComponentView:
    record = _mot_record_fact(release)
    if record is not None:
        parsed = mot.record_from_mapping(record)
        if component.id in parsed.listed:
            fact = release.facts["mot.record"]
            string = mot._resolve_license(component.id, parsed)
            if not string:
                return ComponentView(component, "unlicensed", None, "the record lists it with no license",
                                     (fact.provenance,))
            return _from_openness(component, judge_name(string), (fact.provenance,))
        return ComponentView(component, "missing", None, "the record does not list it",
                             (release.facts["mot.record"].provenance,))
    return ComponentView(component, "unknown", None, "howopen does not look for sample outputs",
                         (Provenance(release.target, method="not assessed"),))


def _weights_license(release: Release, artifact: Artifact) -> tuple[Any, str]:
    """The license that decides the weights: the most restrictive one binding them (lineage included)."""
    binding, _lic = worst_binding(weights_bindings(release))
    if binding is None:
        return artifact.license, ""
    note = f" ({binding.note})" if binding.via != "declared" else ""
    return binding.ref, note


def _license_not_read(artifact: Artifact) -> str:
    """Why a published artifact's license is unknown: the catalog's note when the catalog records it, else the link."""
    if artifact.details.get("catalog") and artifact.reason:
        return f"published, with no license in the catalog record: {artifact.reason}"
    return "published, but outside the release; its license was not read"


def read_component(release: Release, component: mc.Component) -> ComponentView:
    """A component's status in howopen's reading, with the evidence it rests on."""
    if component.artifact is None:
        return _sample_outputs(release, component)
    artifact = release.artifact(component.artifact)
    evidence = evidence_for(release, artifact)
    if artifact.status == Status.ABSENT:
        return ComponentView(component, "missing", None, artifact.reason or "not in the release", evidence)
    if artifact.status == Status.UNKNOWN:
        return ComponentView(component, "unknown", None, artifact.reason or "not established", evidence)
    ref, note = artifact.license, ""
    if component.artifact in (ArtifactKind.WEIGHTS, ArtifactKind.INTERMEDIATE_WEIGHTS):
        ref, note = _weights_license(release, artifact)
        if ref is not None and ref is not artifact.license:
            evidence = (*evidence, *ref.evidence[:1])
    openness = judge(ref)
    if openness is None:
        if artifact.details.get("unlicensed") or in_repository(artifact):
            return ComponentView(component, "unlicensed", None, "it is published with no license", evidence)
        why = artifact.details.get("license_unknown") or _license_not_read(artifact)
        return ComponentView(component, "unknown", None, str(why), evidence, published=True)
    view = _from_openness(component, openness, evidence, note)
    unresolved = unresolved_lineage(release) if component.artifact == ArtifactKind.WEIGHTS else []
    if view.status == "included" and unresolved:
        ids = ", ".join(a.id for a in unresolved)
        return replace(view, status="unknown", published=True,
                       why=f"{view.why}; but the license of base model {ids}, which binds derivatives, could not be "
                       "established", evidence=(*view.evidence, *(p for a in unresolved for p in a.evidence[:1])))
    return view


def _report_slot(statuses: Mapping[int, str]) -> bool:
    """MOF's substitution: the Class III report requirement is met by the technical report or an open paper."""
    return statuses.get(mc.TECHNICAL_REPORT) == "included" or statuses.get(mc.RESEARCH_PAPER) == "included"


def _counts(statuses: Mapping[int, str], cls: int) -> tuple[int, int]:
    """(included, total) for one class, cumulative, with the report substitution."""
    ids = mc.required_through(cls)
    paper_for_report = statuses.get(mc.TECHNICAL_REPORT) != "included" and statuses.get(mc.RESEARCH_PAPER) == \
        "included"
    included = 0
    total = 0
    for cid in ids:
        if cid == mc.TECHNICAL_REPORT:
            total += 1
            included += 1 if _report_slot(statuses) else 0
            continue
        if cid == mc.RESEARCH_PAPER:
            if paper_for_report:
                continue  # it already fills the report slot; Class I needs 13, not 14
            total += 1
            included += 1 if statuses.get(cid) == "included" else 0
            continue
        total += 1
        included += 1 if statuses.get(cid) == "included" else 0
    return included, total


def progress(statuses: Mapping[int, str]) -> dict[int, float]:
    """Per class, the share of its (cumulative) required components that are open; 0 while a class above fails."""
    out: dict[int, float] = {}
    met_above = True
    for cls in mc.CLASSES:
        included, total = _counts(statuses, cls)
        out[cls] = (included / total) * 100 if met_above else 0.0
        met_above = met_above and included == total
    return out


def classify(statuses: Mapping[int, str]) -> int:
    figures = progress(statuses)
    met = [cls for cls in mc.CLASSES if figures[cls] == 100.0]
    return min(met) if met else 0


# ----------------------------------------------------------------------------------------------------------------
# MOT mode


def mot_record(release: Release) -> mot.MotRecord:
    """The record MOT would hold: a MOT record as it is, else the present components and their licenses."""
    raw = _mot_record_fact(release)
    if raw is not None:
        return mot.record_from_mapping(raw)
    listed: list[int] = []
    licenses: dict[int, str] = {}
    for component in mc.components():
        if component.artifact is None:
            continue
        artifact = release.artifact(component.artifact)
        if artifact.status != Status.PRESENT:
            continue
        listed.append(component.id)
        string = mot_string(artifact.license)
        if string:
            licenses[component.id] = string
    return mot.MotRecord(tuple(listed), licenses, {})


# ----------------------------------------------------------------------------------------------------------------
# The result


def _roman(cls: int) -> str | None:
    return mc.ROMAN.get(cls)


def _progress_field(figures: Mapping[int, float]) -> dict[str, float]:
    return {"III": figures[3], "II": figures[2], "I": figures[1]}


def _next_class(views: Mapping[int, ComponentView], cls: int) -> dict[str, Any] | None:
    """What the release must add or relicense to reach the class above `cls` (0 = none yet, so Class III)."""
    target = {0: 3, 3: 2, 2: 1}.get(cls)
    if target is None:
        return None
    statuses = {cid: v.status for cid, v in views.items()}
    needs: list[dict[str, Any]] = []
    for cid in mc.required_through(target):
        view = views[cid]
        if view.status == "included":
            continue
        if cid == mc.TECHNICAL_REPORT and _report_slot(statuses):
            continue
        suggestion = SUGGESTED[view.component.content_type]
        action = {
            "missing": f"publish it under {suggestion}",
            "unknown": (f"make sure its license is {suggestion}" if view.published else
                        f"show that it is published, under {suggestion} (howopen could not establish it)"),
            "unlicensed": f"license it under {suggestion}",
            "invalid": f"relicense it from {view.license} to {suggestion}",
        }[view.status]
        name = view.component.name
        if cid == mc.TECHNICAL_REPORT:
            name = "Technical report (or an openly licensed Research paper)"
        needs.append({"id": cid, "component": name, "status": view.status, "action": action})
    return {"class": mc.ROMAN[target], "needs": needs}


def _differences(views: Mapping[int, ComponentView], result: mot.MotResult, cls: int) -> list[str]:
    lines: list[str] = []
    ranked: list[tuple[int, str]] = []
    if result.cls != cls:
        lines.append(f"MOT mode gives {('Class ' + mc.ROMAN[result.cls]) if result.cls else 'no class'} where "
                     f"howopen's reading gives {('Class ' + mc.ROMAN[cls]) if cls else 'no class'}")
    for component in mc.components():
        view = views[component.id]
        mot_status = result.status(component.id)
        if mot_status == view.status or (component.artifact is None and view.status == "unknown"):
            continue
        mot_license = result.license(component.id)
        mot_part = f"MOT counts it {mot_status}" + (f" ('{mot_license}')" if mot_license and mot_status in
                                                    ("invalid", "included") else "")
        if mot_status == "missing":
            mot_part = "MOT counts it missing (the record does not list it)"
        elif mot_status == "unlicensed":
            mot_part = "MOT counts it unlicensed (no license string reaches it)"
        elif mot_status == "invalid":
            mot_part = f"MOT counts it invalid ('{mot_license}' is not an open id in its exact-string table)"
        decides = (mot_status == "included") != (view.status == "included")
        rank = (0 if decides else 2) + (0 if component.required else 1)
        ranked.append((rank, f"{component.name}: {mot_part}; howopen reads it as {view.status}: {view.why}"))
    lines.extend(text for _rank, text in sorted(ranked, key=lambda item: item[0]))
    for name in result.unknown_names:
        lines.append(f"The record names a component '{name}' that MOT does not know; MOT silently counts it as "
                     f"{mc.components()[0].name}")
    return lines


def _component_field(view: ComponentView, result: mot.MotResult) -> dict[str, Any]:
    component = view.component
    return {
        "id": component.id,
        "class": mc.ROMAN[component.cls],
        "required": component.required,
        "content_type": component.content_type,
        "artifact": str(component.artifact) if component.artifact else None,
        "status": view.status,
        "license": view.license,
        "why": view.why,
        "type_appropriate": view.type_appropriate,
        "mot_status": result.status(component.id),
        "mot_license": result.license(component.id),
        "evidence": [p.to_dict() for p in view.evidence],
    }


def _class_name(cls: int) -> str:
    return f"Class {mc.ROMAN[cls]} ({mc.CLASS_TITLES[cls]})" if cls else "no class"


def grade(release: Release) -> FrameworkResult:
    views = {c.id: read_component(release, c) for c in mc.components()}
    statuses = {cid: v.status for cid, v in views.items()}
    figures = progress(statuses)
    cls = classify(statuses)
    upper = classify({cid: ("included" if s == "unknown" else s) for cid, s in statuses.items()})
    result = mot.classify(mot_record(release))
    next_class = _next_class(views, cls)
    differences = _differences(views, result, cls)

    reasons: list[Reason] = []
    if cls:
        ids = mc.required_through(cls)
        reasons.append(Reason(f"{_class_name(cls)}: all {_counts(statuses, cls)[1]} components it requires are "
                              "available under open licenses",
                              tuple(p for cid in ids[:3] for p in views[cid].evidence[:1])))
    else:
        included, total = _counts(statuses, 3)
        evidence = tuple(p for cid in mc.required_through(3) for p in views[cid].evidence[:1]
                         if views[cid].status == "included") or \
            tuple(p for cid in mc.required_through(3) for p in views[cid].evidence[:1])
        reasons.append(Reason(f"No class: Class III needs {total} components under open licenses, {included} are",
                              evidence[:3]))
    reasons.append(Reason(f"MOT mode (the Model Openness Tool's own evaluator and exact-string license table): "
                          f"{result.label}; progress III {result.progress[3]:.0f}%, II {result.progress[2]:.0f}%, "
                          f"I {result.progress[1]:.0f}%" + (f"; differs: {differences[0]}" if differences else ""),
                          tuple(p for v in views.values() if v.status != "unknown" for p in v.evidence[:1])[:2]))
    if next_class:
        for need in next_class["needs"]:
            view = views[need["id"]]
            reasons.append(Reason(f"For Class {next_class['class']}: {view.component.name} is {view.status} "
                                  f"({view.why}); {need['action']}", view.evidence))
    not_appropriate = [v.component.name for v in views.values() if v.status == "included"
                       and v.type_appropriate is False]
    if not_appropriate:
        reasons.append(Reason("Open, but not the type of license MOF asks for (a note, not a failure): "
                              + ", ".join(not_appropriate),
                              tuple(p for v in views.values() if v.component.name in not_appropriate
                                    for p in v.evidence[:1])[:3]))
    unknown = [v.component.name for v in views.values() if v.status == "unknown" and v.component.required]
    if unknown and upper != cls:
        reasons.append(Reason(f"{len(unknown)} required components are unknown ({', '.join(unknown)}); if they are "
                              f"published under open licenses the release reaches {_class_name(upper)}",
                              tuple(p for v in views.values() if v.component.name in unknown
                                    for p in v.evidence[:1])[:3]))

    outcome = f"Class {mc.ROMAN[cls]}" if cls else "unclassified"
    summary = (f"{_class_name(cls)}; progress III {figures[3]:.0f}%, II {figures[2]:.0f}%, I {figures[1]:.0f}%"
               f"; MOT mode: {result.label}")
    if next_class and next_class["needs"]:
        blockers = ", ".join(n["component"].split(" (")[0] + f" {n['status']}" for n in next_class["needs"][:4])
        because = f"Class {next_class['class']} needs every component it lists under an open license; not yet: " \
                  f"{blockers}"
    else:
        because = f"every component {_class_name(cls)} requires is under an open license"
    fields: dict[str, Any] = {
        "class": _roman(cls),
        "progress": _progress_field(figures),
        "class_if_unknown_included": _roman(upper),
        "components": {v.component.name: _component_field(v, result) for v in views.values()},
        "next_class": next_class,
        "mot": {
            "class": _roman(result.cls),
            "label": result.label,
            "progress": _progress_field(result.progress),
            "total_progress": result.total_progress,
            "not_type_appropriate": [mc.by_id()[cid].name for cid in result.not_type_appropriate],
            "unknown_component_names": list(result.unknown_names),
        },
        "differences": differences,
        "because": because,
    }
    return FrameworkResult(KEY, NAME, outcome, summary, tuple(reasons), fields)
