"""The Model Openness Tool's evaluator, reproduced exactly, quirks included.

A line-by-line port of lfai/model_openness_tool `web/modules/mof/src/ModelEvaluator.php` (`evaluate`,
`resolveLicense`, `getProgress`, `getClassification`, `getTotalProgress`; stored version a5f00fad) over MOT's
license table (`openness.mot_table`). Kept on purpose, because MOT's published classes depend on them:

- presence is the record's word: a component is there iff the record lists it;
- licenses are compared as exact, case-sensitive strings (`Apache 2.0` is not open);
- a component with no license of its own inherits the record's license for its content type, then the
  distribution license; none at all is "unlicensed";
- an open research paper stands in for a technical report that is not included, and the check uses PHP's
  `!array_search(...)`, so a technical report that is the *first* included Class III component counts as not
  included;
- Class II progress is 0 unless Class III is met, and Class I progress is 0 unless Class II is met;
- a component name MOT does not know resolves to the first configured component (PHP turns `false` into 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import mof_components as mc
from .openness import mot_is_open, mot_type_appropriate

STATUSES = ("missing", "included", "invalid", "unlicensed", "optional")
LABELS = {0: "Unclassified", 1: "Class I - Open Science Model", 2: "Class II - Open Tooling Model",
          3: "Class III - Open Model"}
GLOBAL_TYPES = ("distribution", "code", "data", "document")


@dataclass(frozen=True)
class MotRecord:
    """What MOT stores from a record: the listed components, their own licenses, and the global licenses.

    `licenses[cid]` is the component's own `license` value ('' for the literal `unlicensed`), absent when the
    record gives none; `global_licenses[type]` is `release.license.<type>.name`.
    """

    listed: tuple[int, ...]
    licenses: Mapping[int, str] = field(default_factory=dict)
    global_licenses: Mapping[str, str] = field(default_factory=dict)
    unknown_names: tuple[str, ...] = ()


# The legacy layout (MOT's records before 2025: every component listed, with `location` and `license_name`) marks
# absent components with a placeholder instead of leaving them out. MOT's records in today's layout at 15ddd6ea
# (e.g. models/Grok-1.yml, Phi-2.yml) list only some components and mark others `unlicensed`, and keep misspelt
# placeholders verbatim (StarCoder.yml 'Component not include', Mixtral-8x7B-v0.1.yml 'License  not specified'):
# this reading assumes MOT converted its legacy records that way. No record was seen in both layouts, so the
# conversion is inferred, not read; 'Pending evaluation' is read as not listed (it changes no class in the bench).
LEGACY_NOT_LISTED = frozenset({"component not included", "pending evaluation"})
LEGACY_UNLICENSED = frozenset({"license not specified"})


def is_legacy(data: Mapping[str, Any]) -> bool:
    """True for a record in MOT's legacy layout (components carry `license_name`, not `license`)."""
    release = data.get("release") or {}
    entries = [e for e in (release.get("components") or ()) if isinstance(e, Mapping)]
    return any("license_name" in e for e in entries) and not any("license" in e for e in entries)


def from_legacy(data: Mapping[str, Any]) -> dict[str, Any]:
    """A legacy-layout record in today's layout: placeholders dropped, 'License not specified' as `unlicensed`."""
    release = dict(data.get("release") or {})
    components: list[dict[str, Any]] = []
    for entry in release.get("components") or ():
        if not isinstance(entry, Mapping):
            continue
        value = str(entry.get("license_name") or "").strip()
        if value.lower() in LEGACY_NOT_LISTED:
            continue
        item: dict[str, Any] = {"name": entry.get("name"), "description": entry.get("description")}
        item["license"] = "unlicensed" if not value or value.lower() in LEGACY_UNLICENSED else value
        components.append(item)
    release["components"] = components
    release.setdefault("license", {})
    return {**data, "release": release}


def record_from_mapping(data: Mapping[str, Any]) -> MotRecord:
    """Build a `MotRecord` from a parsed MOT YAML record, the way `ModelUpdater` stores it (legacy layout converted)."""
    if is_legacy(data):
        data = from_legacy(data)
    release = data.get("release") or {}
    listed: list[int] = []
    licenses: dict[int, str] = {}
    unknown: list[str] = []
    first = mc.components()[0].id
    for entry in release.get("components") or ():
        if not isinstance(entry, Mapping):
            continue
        name = str(entry.get("name", ""))
        component = mc.by_name().get(name)
        if component is None:
            unknown.append(name)
        cid = component.id if component else first
        listed.append(cid)
        value = entry.get("license")
        if value is not None:
            text = str(value)
            licenses[cid] = "" if text == "unlicensed" else text
    globals_: dict[str, str] = {}
    license_block = release.get("license")
    if isinstance(license_block, Mapping):
        for kind in GLOBAL_TYPES:
            item = license_block.get(kind)
            if isinstance(item, Mapping) and item.get("name") is not None:
                globals_[kind] = str(item["name"])
    return MotRecord(tuple(listed), licenses, globals_, tuple(unknown))


@dataclass
class ClassEvaluation:
    components: dict[str, list[int]]
    licenses: dict[int, str]


@dataclass(frozen=True)
class MotResult:
    """MOT's classification of one record: class (0 = unclassified), progress per class, and the evaluation."""

    cls: int
    progress: Mapping[int, float]
    total_progress: float
    evaluation: Mapping[int, ClassEvaluation]
    not_type_appropriate: tuple[int, ...]
    unknown_names: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.cls]

    def status(self, cid: int) -> str:
        """A component's status in the Class I evaluation (which covers every component)."""
        for name in ("included", "optional", "invalid", "unlicensed", "missing"):
            if cid in self.evaluation[1].components[name]:
                return "included" if name == "optional" else name
        return "missing"

    def license(self, cid: int) -> str | None:
        return self.evaluation[1].licenses.get(cid)


def _resolve_license(cid: int, record: MotRecord) -> str | None:
    """`ModelEvaluator::resolveLicense`."""
    if cid in record.licenses:  # isset(): the key is there and not null
        return record.licenses[cid] or None
    content_type = mc.by_id()[cid].content_type
    if record.global_licenses.get(content_type):
        return record.global_licenses[content_type]
    if record.global_licenses.get("distribution"):
        return record.global_licenses["distribution"]
    return None


def _array_search(needle: int, haystack: list[int]) -> int | None:
    """PHP's `array_search` on a list: the index, or None for `false`."""
    try:
        return haystack.index(needle)
    except ValueError:
        return None


def _php_truthy(index: int | None) -> bool:
    return bool(index)  # None (false) and 0 are both falsy in PHP


def evaluate(record: MotRecord) -> dict[int, ClassEvaluation]:
    """`ModelEvaluator::evaluate`: per class, the components missing, included, invalid, unlicensed, optional."""
    evaluation: dict[int, ClassEvaluation] = {}
    required: list[int] = []
    optional: list[int] = []
    listed = set(record.listed)
    for cls in mc.CLASSES:
        current = ClassEvaluation({name: [] for name in STATUSES}, {})
        required = [*required, *mc.required(cls)]
        optional = [*optional, *mc.optional(cls)]
        for group, ids in (("included", required), ("optional", optional)):
            for cid in ids:
                if cid not in listed:
                    if group == "included":
                        current.components["missing"].append(cid)
                    continue
                license_string = _resolve_license(cid, record) or "unlicensed"
                is_open = mot_is_open(license_string)
                if is_open:
                    current.components[group].append(cid)
                elif license_string == "unlicensed":
                    current.components["unlicensed"].append(cid)
                else:
                    current.components["invalid"].append(cid)
                current.licenses[cid] = license_string
        evaluation[cls] = current
    if not _php_truthy(_array_search(mc.TECHNICAL_REPORT, evaluation[3].components["included"])):
        status = None
        for name in ("included", "invalid", "unlicensed"):
            if _array_search(mc.RESEARCH_PAPER, evaluation[1].components[name]) is not None:
                status = name
                break
        if status is not None:
            for cls in mc.CLASSES:
                missing = evaluation[cls].components["missing"]
                if mc.TECHNICAL_REPORT in missing:
                    missing.remove(mc.TECHNICAL_REPORT)
            for cls in (3, 2):
                evaluation[cls].components[status].append(mc.RESEARCH_PAPER)
                evaluation[cls].licenses[mc.RESEARCH_PAPER] = evaluation[1].licenses[mc.RESEARCH_PAPER]
    return evaluation


def not_type_appropriate(record: MotRecord, evaluation: Mapping[int, ClassEvaluation]) -> tuple[int, ...]:
    """Components whose open license is not of their content type (MOT's "conditional pass" note)."""
    out: list[int] = []
    for cls in mc.CLASSES:
        for group in ("included", "optional"):
            for cid in evaluation[cls].components[group]:
                license_string = evaluation[cls].licenses.get(cid, "")
                if not mot_type_appropriate(license_string, mc.by_id()[cid].content_type) and cid not in out:
                    out.append(cid)
    return tuple(out)


def progress(evaluation: Mapping[int, ClassEvaluation], cls: int) -> float:
    """`ModelEvaluator::getProgress`."""
    total = 0
    included = 0
    level = 3
    while level >= cls:
        total += len(mc.required(level))
        included = len(evaluation[level].components["included"])
        if included < total:
            break
        level -= 1
    if level > cls:
        return 0.0
    class_one = evaluation[1].components["included"]
    if cls == 1 and not _php_truthy(_array_search(mc.TECHNICAL_REPORT, class_one)) \
            and _php_truthy(_array_search(mc.RESEARCH_PAPER, class_one)):
        total -= 1
    value = (included / total) * 100
    return 100.0 if value > 100 else value


def classify(record: MotRecord) -> MotResult:
    """`getClassification`, `getProgress` for each class and `getTotalProgress`."""
    evaluation = evaluate(record)
    figures = {cls: progress(evaluation, cls) for cls in mc.CLASSES}
    completed = 0
    for cls in mc.CLASSES:
        if figures[cls] == 100.0:
            completed = cls
    total = sum(figures[cls] for cls in (3, 2, 1)) / 3
    return MotResult(completed, figures, total, evaluation, not_type_appropriate(record, evaluation),
                     record.unknown_names)
